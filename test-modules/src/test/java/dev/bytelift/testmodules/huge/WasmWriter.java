package dev.bytelift.testmodules.huge;

import java.util.ArrayList;
import java.util.List;
import dev.bytelift.testmodules.wasm.Bytes;

/** A minimal WebAssembly binary writer, for generating test modules too large to write by hand. */
public final class WasmWriter {
    record Func(int type, byte[] locals, byte[] code) {}

    private final List<byte[]> types = new ArrayList<>();
    private final List<Func> funcs = new ArrayList<>();
    private final List<byte[]> exports = new ArrayList<>();
    private int memoryPages = -1;
    private byte[] data;
    private int tableSize = -1;
    private int[] elements;

    /** Adds a function type {@code (params) -> (results)} (value type codes); returns its index. */
    int type(int[] params, int[] results) {
        types.add(new Bytes().funcType(params, results).toArray());
        return types.size() - 1;
    }

    /** Adds a function; {@code locals} is the encoded local declarations (count, then groups). */
    int func(int type, Bytes locals, Bytes code) {
        funcs.add(new Func(type, locals.toArray(), code.toArray()));
        return funcs.size() - 1;
    }

    void exportFunc(String name, int index) {
        exports.add(new Bytes().name(name).op(0x00).u32(index).toArray());
    }

    void memory(int pages) {
        memoryPages = pages;
    }

    /** An active data segment at offset 0. */
    void data(byte[] bytes) {
        data = bytes;
    }

    /** A funcref table holding {@code elements} from index 0. */
    void table(int[] elements) {
        this.tableSize = elements.length;
        this.elements = elements;
    }

    private static void section(Bytes out, int id, Bytes content) {
        out.op(id).u32(content.size()).bytes(content.toArray());
    }

    byte[] toBytes() {
        Bytes out = new Bytes().op(0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00);
        Bytes s = new Bytes().u32(types.size());
        for (byte[] t : types) s.bytes(t);
        section(out, 1, s);
        s = new Bytes().u32(funcs.size());
        for (Func f : funcs) s.u32(f.type());
        section(out, 3, s);
        if (tableSize >= 0) section(out, 4, new Bytes().u32(1).op(0x70, 0x00).u32(tableSize));
        if (memoryPages >= 0) section(out, 5, new Bytes().u32(1).op(0x00).u32(memoryPages));
        s = new Bytes().u32(exports.size());
        for (byte[] e : exports) s.bytes(e);
        section(out, 7, s);
        if (elements != null) {
            s = new Bytes().u32(1).op(0x00).i32Const(0).op(0x0B).u32(elements.length);
            for (int e : elements) s.u32(e);
            section(out, 9, s);
        }
        s = new Bytes().u32(funcs.size());
        for (Func f : funcs) {
            s.u32(f.locals().length + f.code().length).bytes(f.locals()).bytes(f.code());
        }
        section(out, 10, s);
        if (data != null) {
            s = new Bytes().u32(1).op(0x00).i32Const(0).op(0x0B).u32(data.length).bytes(data);
            section(out, 11, s);
        }
        return out.toArray();
    }
}
