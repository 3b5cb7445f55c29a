package dev.bytelift.runtime.internal;

import java.util.ArrayList;
import java.util.HashMap;
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
 * What instantiating a module needs besides its code: the module's types, imports, exports,
 * memories, tables, globals, segments and start function; and what its backtraces show (body
 * offsets, function names). The compiler fills one in from its decoded module for the modules it
 * compiles, and an ahead-of-time module reads one (with more, {@code aot.AotImage}) from its
 * metadata; {@link LoadedModule} instantiates either ({@link Instantiation}) and reads its frames
 * ({@link ModuleFrames}). Lists are indexed as the module's index spaces (imports first).
 */
public class ModuleImage {
    /** An export: name, kind (0 function, 1 table, 2 memory, 3 global, 4 tag) and index. */
    public record Export(String name, int kind, int index) {}

    /** An element segment: mode (0 active, 1 passive, 2 declarative), table, offset (active) and items. */
    public record Elem(int mode, int table, InitExpr offset, InitExpr[] items) {}

    /** A data segment: mode (0 active, 1 passive), memory, offset (active) and bytes. */
    public record Data(int mode, int memory, InitExpr offset, byte[] bytes) {}

    /** The module's name (its {@code name} section's, or the one it was compiled with), or null. */
    public String moduleName;
    /** The module's function types. */
    public final List<FuncType> types = new ArrayList<>();
    /** The type index of every function, imports first. */
    public int[] funcTypes;
    /** The module's imports, in order. */
    public final List<ImportType> imports = new ArrayList<>();
    /** How many functions, tables, memories, globals and tags are imported (they come first in their index spaces). */
    public int importedFuncs, importedTables, importedMemories, importedGlobals, importedTags;
    /** Every table's type, imports first. */
    public final List<TableType> tables = new ArrayList<>();
    /** Per defined table, its initialiser or null. */
    public final List<InitExpr> tableInits = new ArrayList<>();
    /** Every memory's type, imports first. */
    public final List<MemoryType> memories = new ArrayList<>();
    /** Every global's type, imports first. */
    public final List<GlobalType> globals = new ArrayList<>();
    /** Per defined global, its initialiser. */
    public final List<InitExpr> globalInits = new ArrayList<>();
    /** The type index of every tag, imports first. */
    public int[] tagTypes = new int[0];
    /** The module's exports, in order. */
    public final List<Export> exports = new ArrayList<>();
    /** The element segments. */
    public final List<Elem> elems = new ArrayList<>();
    /** The data segments. */
    public final List<Data> datas = new ArrayList<>();
    /** The start function, or -1. */
    public int start = -1;
    /** Scratch slots a tail call of the module may pass arguments in, 0 if it makes none. */
    public int tailArgSlots;
    /** Per defined function: the offset of its body in the module binary (backtraces). */
    public int[] bodyStarts = new int[0];
    /** Function names of the {@code name} section, by function index (backtraces). */
    public Map<Integer, String> funcNames = new HashMap<>();

    /** The number of functions, imports included. */
    public int funcCount() {
        return funcTypes.length;
    }

    /** The type of function {@code f}. */
    public FuncType funcType(int f) {
        return types.get(funcTypes[f]);
    }

    /** The type of the export or import kind {@code kind} at {@code index}. */
    public ExternType externType(int kind, int index) {
        return switch (kind) {
            case 0 -> funcType(index);
            case 1 -> tables.get(index);
            case 2 -> memories.get(index);
            case 4 -> new TagType(types.get(tagTypes[index]));
            default -> globals.get(index);
        };
    }

    /** How many items of export kind {@code kind} the module has. */
    public int count(int kind) {
        return switch (kind) {
            case 0 -> funcTypes.length;
            case 1 -> tables.size();
            case 2 -> memories.size();
            case 3 -> globals.size();
            case 4 -> tagTypes.length;
            default -> -1;
        };
    }

    /**
     * Scratch slots for the extra results of calls and the values split functions carry between
     * their pieces (a block's params or results: at most all params or results of a type, a v128
     * taking 2 slots).
     */
    public int resultSlots() {
        int slots = 0;
        for (FuncType t : types) {
            int p = 0, r = 0;
            for (int i = 0; i < t.paramCount(); i++) p += t.param(i).slots() > 2 ? 2 : 1;
            for (int i = 0; i < t.resultCount(); i++) r += t.result(i).slots() > 2 ? 2 : 1;
            slots = Math.max(slots, Math.max(p, r));
        }
        return slots;
    }
}
