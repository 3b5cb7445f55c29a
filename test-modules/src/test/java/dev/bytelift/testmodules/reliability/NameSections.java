package dev.bytelift.testmodules.reliability;

import dev.bytelift.testmodules.wasm.Bytes;
import dev.bytelift.testmodules.reliability.ModuleSections.Section;
import java.util.Random;

/**
 * Random {@code name} custom sections: the decoder reads them (a module name, function and local
 * names end up in generated class and method names), so they are hostile input like any other:
 * huge names, names of functions and locals that do not exist, subsections out of order or
 * repeated, sizes that lie, names that are not UTF-8 or not valid JVM identifiers.
 */
final class NameSections {
    private NameSections() {}

    static Section random(Random r) {
        Bytes c = new Bytes().name("name");
        for (int n = 1 + r.nextInt(3); n > 0; n--) {
            int id = r.nextInt(8) == 0 ? r.nextInt(12) : r.nextInt(3);
            byte[] body = subsection(id, r);
            long declared = body.length + (r.nextInt(10) == 0 ? r.nextInt(5) - 2 : 0);
            c.op(id).u32(Math.max(0, declared)).bytes(body);
        }
        return new Section(ModuleSections.CUSTOM, c.toArray());
    }

    private static byte[] subsection(int id, Random r) {
        Bytes b = new Bytes();
        switch (id) {
            case 0 -> b.bytes(name(r));
            case 1 -> {
                int count = r.nextInt(20);
                b.u32(count);
                for (int i = 0; i < count; i++) b.u32(index(r, i)).bytes(name(r));
            }
            case 2 -> {
                int funcs = r.nextInt(5);
                b.u32(funcs);
                for (int f = 0; f < funcs; f++) {
                    int locals = r.nextInt(10);
                    b.u32(index(r, f)).u32(locals);
                    for (int l = 0; l < locals; l++) b.u32(index(r, l)).bytes(name(r));
                }
            }
            default -> {
                byte[] junk = new byte[r.nextInt(32)];
                r.nextBytes(junk);
                b.bytes(junk);
            }
        }
        return b.toArray();
    }

    /** Mostly increasing indices, sometimes duplicates, out of order or huge. */
    private static long index(Random r, int i) {
        return switch (r.nextInt(8)) {
            case 0 -> 0xFFFF_FFFFL;
            case 1 -> r.nextInt(100_000);
            case 2 -> Math.max(0, i - 1);
            default -> i;
        };
    }

    /** An encoded name: short or huge, ASCII, characters the JVM forbids in names, or bad UTF-8. */
    private static byte[] name(Random r) {
        int len = switch (r.nextInt(10)) {
            case 0 -> 65_535 + r.nextInt(3);
            case 1 -> 70_000;
            case 2 -> 22_000 + r.nextInt(2_000); // three-byte characters: over 65535 bytes of modified UTF-8
            default -> r.nextInt(16);
        };
        Bytes b = new Bytes();
        int style = r.nextInt(5);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < len; i++) {
            s.append(switch (style) {
                case 0 -> "/.;[<>"
                        .charAt(r.nextInt(6));
                case 1 -> '\u20AC';
                case 2 -> '\0';
                default -> (char) ('a' + r.nextInt(26));
            });
        }
        if (style == 4 && r.nextBoolean()) return b.u32(2).op(0xC3, 0x28).toArray(); // invalid UTF-8
        return b.name(s.toString()).toArray();
    }
}
