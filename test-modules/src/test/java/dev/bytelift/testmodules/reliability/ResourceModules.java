package dev.bytelift.testmodules.reliability;

import dev.bytelift.testmodules.wasm.Bytes;
import dev.bytelift.testmodules.reliability.ModuleSections.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Valid modules that are large in one or two dimensions at once — imported functions, defined
 * functions, tables and their sizes, memory pages, globals, exports, data and element segments —
 * built fresh rather than mutated, because adding functions to a seed shifts every function index
 * in it and makes it invalid long before the limits of class files or the heap are reached.
 */
final class ResourceModules {
    private ResourceModules() {}

    private static final int I32 = 0x7F, FUNCREF = 0x70, END = 0x0B;

    static byte[] random(Random r) {
        int imports = 0, funcs = 1, tables = 0, tableSize = 0, pages = -1, globals = 0, exports = 0, datas = 0, elems = 0;
        for (int dims = 1 + r.nextInt(2); dims > 0; dims--) {
            switch (r.nextInt(8)) {
                case 0 -> imports = pick(r, 1_000, 10_000, 22_000, 40_000, 70_000);
                case 1 -> funcs = pick(r, 1_000, 10_000, 22_000, 40_000, 70_000);
                case 2 -> { tables = pick(r, 1, 2, 10, 100); tableSize = pick(r, 1_000, 1_000_000, 10_000_000); }
                case 3 -> pages = pick(r, 1, 1_000, 16_384, 32_767, 32_768, 65_536);
                case 4 -> globals = pick(r, 1_000, 10_000, 70_000, 200_000);
                case 5 -> exports = pick(r, 1_000, 10_000, 70_000);
                case 6 -> datas = pick(r, 1_000, 100_000);
                default -> elems = pick(r, 1_000, 100_000);
            }
        }
        if (datas > 0 && pages < 0) pages = 1;
        if (elems > 0 && tables == 0) { tables = 1; tableSize = 10; }
        exports = Math.min(exports, imports + funcs);
        List<Section> s = new ArrayList<>();
        s.add(vec(ModuleSections.TYPE, 1, new Bytes().op(0x60, 0, 0)));
        if (imports > 0) {
            Bytes b = new Bytes();
            for (int i = 0; i < imports; i++) b.name("m").name("f" + i).op(0).u32(0);
            s.add(vec(ModuleSections.IMPORT, imports, b));
        }
        Bytes fs = new Bytes();
        for (int i = 0; i < funcs; i++) fs.u32(0);
        s.add(vec(ModuleSections.FUNCTION, funcs, fs));
        if (tables > 0) {
            Bytes b = new Bytes();
            for (int i = 0; i < tables; i++) b.op(FUNCREF, 0).u32(tableSize);
            s.add(vec(ModuleSections.TABLE, tables, b));
        }
        if (pages >= 0) s.add(vec(ModuleSections.MEMORY, 1, new Bytes().op(0).u32(pages)));
        if (globals > 0) {
            Bytes b = new Bytes();
            for (int i = 0; i < globals; i++) b.op(I32, 1).i32Const(i).op(END);
            s.add(vec(ModuleSections.GLOBAL, globals, b));
        }
        Bytes ex = new Bytes();
        for (int i = 0; i < exports; i++) ex.name("e" + i).op(0).u32(i);
        // the last function is always exported, so that the oracle calls into the module
        ex.name("run").op(0).u32(imports + funcs - 1);
        s.add(vec(ModuleSections.EXPORT, exports + 1, ex));
        if (elems > 0) {
            Bytes b = new Bytes().op(0).i32Const(0).op(END).u32(Math.min(elems, tableSize));
            for (int i = 0; i < Math.min(elems, tableSize); i++) b.u32(i % (imports + funcs));
            s.add(vec(ModuleSections.ELEMENT, 1, b));
        }
        if (datas > 0) s.add(new Section(ModuleSections.DATA_COUNT, new Bytes().u32(datas).toArray()));
        Bytes code = new Bytes();
        for (int i = 0; i < funcs; i++) code.u32(2).u32(0).op(END);
        s.add(vec(ModuleSections.CODE, funcs, code));
        if (datas > 0) {
            Bytes b = new Bytes();
            for (int i = 0; i < datas; i++) b.op(0).i32Const(i % 65_536).op(END).u32(1).op(i);
            s.add(vec(ModuleSections.DATA, datas, b));
        }
        return new ModuleSections(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}, s).encode();
    }

    private static Section vec(int id, int n, Bytes entries) {
        return new Section(id, new Bytes().u32(n).bytes(entries.toArray()).toArray());
    }

    private static int pick(Random r, int... values) {
        return values[r.nextInt(values.length)];
    }
}
