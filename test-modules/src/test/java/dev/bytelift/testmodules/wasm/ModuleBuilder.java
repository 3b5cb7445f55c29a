package dev.bytelift.testmodules.wasm;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds small binary modules for tests, so that they need no wat2wasm at run time and can be
 * parameterised (parameter counts, table counts, imports, custom sections).
 */
public final class ModuleBuilder {
    public static final int I32 = 0x7F, I64 = 0x7E, F32 = 0x7D, F64 = 0x7C, V128 = 0x7B, FUNCREF = 0x70, EXTERNREF = 0x6F;

    private final List<byte[]> types = new ArrayList<>();
    private final List<byte[]> imports = new ArrayList<>();
    private final List<Integer> funcTypes = new ArrayList<>();
    private final List<byte[]> bodies = new ArrayList<>();
    private final List<byte[]> tables = new ArrayList<>();
    private byte[] memory;
    private final List<byte[]> exports = new ArrayList<>();
    private final List<byte[]> globals = new ArrayList<>();
    private final List<byte[]> elems = new ArrayList<>();
    private int importedFuncs;
    private final List<byte[]> customs = new ArrayList<>();

    /** Adds a function type; returns its index. */
    public int type(int[] params, int[] results) {
        types.add(new Bytes().funcType(params, results).toArray());
        return types.size() - 1;
    }

    /** Imports a function of type {@code type}; returns its function index (imports come first). */
    public int importFunc(String module, String name, int type) {
        if (!funcTypes.isEmpty()) throw new IllegalStateException("import functions before defining any");
        imports.add(new Bytes().name(module).name(name).op(0x00).u32(type).toArray());
        return importedFuncs++;
    }

    /** Imports a table, memory ({@code elemType} ignored) or i32 global ({@code min} 1 for mutable): kind 1, 2, 3. */
    public void importOther(String module, String name, int kind, int elemType, long min) {
        Bytes b = new Bytes().name(module).name(name).op(kind);
        switch (kind) {
            case 1 -> b.op(elemType).op(0x00).u32(min);
            case 2 -> b.op(0x00).u32(min);
            default -> b.op(I32).op((int) min);
        }
        imports.add(b.toArray());
    }

    /** Defines an i32 global initialised to {@code value}; returns its index among defined globals. */
    public int global(boolean mutable, int value) {
        globals.add(new Bytes().op(I32).op(mutable ? 1 : 0).op(0x41).s32(value).op(0x0B).toArray());
        return globals.size() - 1;
    }

    /** Defines a function without locals; {@code code} is its instructions without the final {@code end}. */
    public int func(int type, Bytes code) {
        funcTypes.add(type);
        bodies.add(new Bytes().u32(0).bytes(code.toArray()).op(0x0B).toArray());
        return importedFuncs + funcTypes.size() - 1;
    }

    /** Defines a function with {@code i32Locals} i32 locals; {@code code} is without the final {@code end}. */
    public int func(int type, int i32Locals, Bytes code) {
        funcTypes.add(type);
        bodies.add(new Bytes().u32(1).u32(i32Locals).op(I32).bytes(code.toArray()).op(0x0B).toArray());
        return importedFuncs + funcTypes.size() - 1;
    }

    /** Defines a table; {@code max} -1 for none. Returns its index among defined tables. */
    public int table(int elemType, long min, long max) {
        Bytes b = new Bytes().op(elemType);
        if (max < 0) b.op(0x00).u32(min);
        else b.op(0x01).u32(min).u32(max);
        tables.add(b.toArray());
        return tables.size() - 1;
    }

    public void memory(long min, long max) {
        memory = max < 0 ? new Bytes().op(0x00).u32(min).toArray() : new Bytes().op(0x01).u32(min).u32(max).toArray();
    }

    /** Exports item {@code index} of kind {@code kind} (0 func, 1 table, 2 memory, 3 global). */
    public void export(String name, int kind, int index) {
        exports.add(new Bytes().name(name).op(kind).u32(index).toArray());
    }

    /** An active element segment for table 0 at {@code offset} holding functions {@code funcs}. */
    public void elem(int offset, int... funcs) {
        Bytes b = new Bytes().op(0x00).op(0x41).s32(offset).op(0x0B).u32(funcs.length);
        for (int f : funcs) b.u32(f);
        elems.add(b.toArray());
    }

    /** A custom section {@code name} with {@code content}, written after the code section. */
    public void custom(String name, byte[] content) {
        Bytes b = new Bytes().name(name).bytes(content);
        byte[] body = b.toArray();
        customs.add(new Bytes().op(0x00).u32(body.length).bytes(body).toArray());
    }

    private static void section(Bytes out, int id, List<byte[]> items) {
        if (items.isEmpty()) return;
        Bytes s = new Bytes().u32(items.size());
        for (byte[] i : items) s.bytes(i);
        byte[] content = s.toArray();
        out.op(id).u32(content.length).bytes(content);
    }

    public byte[] toBytes() {
        Bytes out = new Bytes().op(0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00);
        section(out, 1, types);
        section(out, 2, imports);
        List<byte[]> fs = new ArrayList<>();
        for (int t : funcTypes) fs.add(new Bytes().u32(t).toArray());
        section(out, 3, fs);
        section(out, 4, tables);
        section(out, 5, memory == null ? List.of() : List.of(memory));
        section(out, 6, globals);
        section(out, 7, exports);
        section(out, 9, elems);
        List<byte[]> code = new ArrayList<>();
        for (byte[] b : bodies) code.add(new Bytes().u32(b.length).bytes(b).toArray());
        section(out, 10, code);
        for (byte[] c : customs) out.bytes(c);
        return out.toArray();
    }

    /** {@code n} copies of {@code t}. */
    public static int[] repeat(int t, int n) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, t);
        return a;
    }
}
