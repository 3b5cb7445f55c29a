package dev.bytelift.runtime.internal.aot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.bytelift.runtime.ExternType;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.GlobalType;
import dev.bytelift.runtime.ImportType;
import dev.bytelift.runtime.MemoryType;
import dev.bytelift.runtime.TableType;
import dev.bytelift.runtime.TagType;

/**
 * What instantiating an ahead-of-time compiled module needs besides its classes: the module's
 * types, imports, exports, memories, tables, globals, segments and start function, where each
 * function's method is, and what backtraces show. The compiler fills it in from its decoded module
 * ({@code serial/AotWriter}); {@link AotFormat} writes and reads it; {@link AotModule} instantiates.
 * Lists are indexed as the module's index spaces (imports first).
 */
public final class AotImage {
    /** An export: name, kind (0 function, 1 table, 2 memory, 3 global, 4 tag) and index. */
    public record Export(String name, int kind, int index) {}

    /** An element segment: mode (0 active, 1 passive, 2 declarative), table, offset (active) and items. */
    public record Elem(int mode, int table, AotConst offset, AotConst[] items) {}

    /** A data segment: mode (0 active, 1 passive), memory, offset (active) and bytes. */
    public record Data(int mode, int memory, AotConst offset, byte[] bytes) {}

    /** The module's name (its {@code name} section's, or the one it was compiled with), or null. */
    public String moduleName;
    /** Internal name of the module's main class. */
    public String mainClass;
    /** Internal names of every class of the module, the main class first. */
    public final List<String> classes = new ArrayList<>();
    public final List<FuncType> types = new ArrayList<>();
    /** The engine type id of each type, which the code has built in. */
    public int[] typeIds;
    /** The type index of every function, imports first. */
    public int[] funcTypes;
    public final List<ImportType> imports = new ArrayList<>();
    public int importedFuncs, importedTables, importedMemories, importedGlobals, importedTags;
    public final List<TableType> tables = new ArrayList<>();
    /** Per defined table, its initialiser or null. */
    public final List<AotConst> tableInits = new ArrayList<>();
    public final List<MemoryType> memories = new ArrayList<>();
    public final List<GlobalType> globals = new ArrayList<>();
    /** Per defined global, its initialiser. */
    public final List<AotConst> globalInits = new ArrayList<>();
    /** The type index of every tag, imports first. */
    public int[] tagTypes = new int[0];
    public final List<Export> exports = new ArrayList<>();
    public final List<Elem> elems = new ArrayList<>();
    public final List<Data> datas = new ArrayList<>();
    public int start = -1;
    /** Scratch slots a tail call of the module may pass arguments in, 0 if it makes none. */
    public int tailArgSlots;
    /** Per defined function: the index in {@link #classes} of the class holding its method. */
    public int[] owners;
    /** Per defined function: its method's name. */
    public String[] methods;
    /** Per defined function: the offset of its body in the module binary (backtraces). */
    public int[] bodyStarts;
    /** Function names of the {@code name} section, by function index. */
    public Map<Integer, String> funcNames = new java.util.HashMap<>();

    /** The number of functions, imports included. */
    public int funcCount() {
        return funcTypes.length;
    }

    /** The type of function {@code f}. */
    public FuncType funcType(int f) {
        return types.get(funcTypes[f]);
    }

    /** The type of the export or import kind {@code kind} at {@code index}. */
    ExternType externType(int kind, int index) {
        return switch (kind) {
            case 0 -> funcType(index);
            case 1 -> tables.get(index);
            case 2 -> memories.get(index);
            case 4 -> new TagType(types.get(tagTypes[index]));
            default -> globals.get(index);
        };
    }

    /** How many items of export kind {@code kind} the module has. */
    int count(int kind) {
        return switch (kind) {
            case 0 -> funcTypes.length;
            case 1 -> tables.size();
            case 2 -> memories.size();
            case 3 -> globals.size();
            case 4 -> tagTypes.length;
            default -> -1;
        };
    }
}
