package dev.bytelift.compiler.decode;

/** Reads the custom {@code name} section: the module name and function names. */
final class NameSection {
    private NameSection() {}

    static void read(ByteReader in, ModuleInfo m) {
        while (!in.atEnd()) {
            int id = in.u8();
            int size = in.u32Count();
            int end = in.pos() + size;
            if (end > in.limit()) return;
            if (id == 0) {
                m.moduleName = in.name();
            } else if (id == 1) {
                int n = in.u32Count();
                for (int i = 0; i < n; i++) {
                    int idx = in.u32();
                    m.funcNames.put(idx, in.name());
                }
            }
            in.pos(end);
        }
    }
}
