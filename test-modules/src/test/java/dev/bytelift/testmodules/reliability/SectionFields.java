package dev.bytelift.testmodules.reliability;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the LEB128 fields and vector entries of a section are, found by parsing the section as far
 * as it parses. Mutators use this to edit a count, an index, a size or a limit as such (a random
 * byte flip rarely hits one cleanly) and to remove, duplicate or replicate whole entries.
 *
 * <p>Inside function bodies the instructions are not decoded: an opcode byte that takes an index
 * (call, local.get, br...) is taken to be followed by one. That guess is sometimes wrong, which is
 * just another mutation.
 */
final class SectionFields {
    /** What a field is; an OFFSET is a signed i32.const immediate (segment offsets, constants). */
    enum Role { COUNT, INDEX, SIZE, LIMIT, OFFSET, OTHER }

    record Field(int pos, int length, long value, Role role) {}

    /** A vector entry's bytes: {@code [start, end)} of the section content. */
    record Entry(int start, int end) {}

    final List<Field> fields = new ArrayList<>();
    final List<Entry> entries = new ArrayList<>();
    /** Where the first entry starts: after the count (content length if there is none). */
    int entriesStart;
    /** The code section: where each body's instructions start (after its locals). */
    final List<Integer> bodyStarts = new ArrayList<>();
    /** The code section: each body's size field (same order as {@link #bodyStarts}). */
    final List<Field> bodySizes = new ArrayList<>();

    private final byte[] b;
    private int p;

    private SectionFields(byte[] content) {
        this.b = content;
    }

    private static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }

    static SectionFields of(ModuleSections.Section s) {
        SectionFields f = new SectionFields(s.content());
        f.entriesStart = s.content().length;
        try {
            f.parse(s.id());
        } catch (Stop | ArrayIndexOutOfBoundsException e) {
            // the section parses only this far; what was found is still useful
        }
        return f;
    }

    private long leb(Role role) {
        Leb.Field x = Leb.read(b, p);
        if (x.length() == 0) throw new Stop();
        fields.add(new Field(p, x.length(), x.value(), role));
        p += x.length();
        return x.value();
    }

    private int u8() {
        if (p >= b.length) throw new Stop();
        return b[p++] & 0xFF;
    }

    private void skip(long n) {
        if (n < 0 || n > b.length - p) throw new Stop();
        p += (int) n;
    }

    private void name() {
        skip(leb(Role.SIZE));
    }

    private void limits() {
        int flags = u8();
        leb(Role.LIMIT);
        if ((flags & 1) != 0) leb(Role.LIMIT);
    }

    /** Skips a constant expression (the few instructions allowed in one) and its {@code end}. */
    private void constExpr() {
        while (true) {
            int op = u8();
            switch (op) {
                case 0x0B: return;
                case 0x41: leb(Role.OFFSET); break;
                case 0x42: skipSigned(); break;
                case 0x43: skip(4); break;
                case 0x44: skip(8); break;
                case 0x23, 0xD2: leb(Role.INDEX); break;
                case 0xD0: u8(); break;
                case 0xFD: leb(Role.OTHER); skip(16); break;
                default: throw new Stop();
            }
        }
    }

    private void skipSigned() {
        Leb.Field x = Leb.read(b, p);
        if (x.length() == 0) throw new Stop();
        p += x.length();
    }

    private void parse(int id) {
        if (id == ModuleSections.START) {
            leb(Role.INDEX);
            return;
        }
        if (id == ModuleSections.CUSTOM) {
            name();
            return;
        }
        long n = leb(Role.COUNT);
        entriesStart = p;
        for (long i = 0; i < n; i++) {
            int start = p;
            entry(id);
            entries.add(new Entry(start, p));
        }
    }

    private void entry(int id) {
        switch (id) {
            case ModuleSections.TYPE -> {
                if (u8() != 0x60) throw new Stop();
                skip(leb(Role.COUNT));
                skip(leb(Role.COUNT));
            }
            case ModuleSections.IMPORT -> {
                name();
                name();
                switch (u8()) {
                    case 0 -> leb(Role.INDEX);
                    case 1 -> { u8(); limits(); }
                    case 2 -> limits();
                    case 3 -> { u8(); u8(); }
                    default -> throw new Stop();
                }
            }
            case ModuleSections.FUNCTION -> leb(Role.INDEX);
            case ModuleSections.TABLE -> { u8(); limits(); }
            case ModuleSections.MEMORY -> limits();
            case ModuleSections.GLOBAL -> { u8(); u8(); constExpr(); }
            case ModuleSections.EXPORT -> { name(); u8(); leb(Role.INDEX); }
            case ModuleSections.CODE -> body();
            case ModuleSections.DATA -> {
                long flags = leb(Role.OTHER);
                if (flags == 2) leb(Role.INDEX);
                if (flags != 1) constExpr();
                skip(leb(Role.SIZE));
            }
            case ModuleSections.ELEMENT -> element();
            default -> throw new Stop();
        }
    }

    /** An element segment, in any of its eight forms. */
    private void element() {
        long flags = leb(Role.OTHER);
        if (flags > 7) throw new Stop();
        boolean explicitTable = (flags & 2) != 0 && (flags & 1) == 0;
        boolean passiveOrDeclarative = (flags & 1) != 0;
        boolean expressions = (flags & 4) != 0;
        if (explicitTable) leb(Role.INDEX);
        if (!passiveOrDeclarative) constExpr();
        if (flags != 0 && flags != 4) u8(); // element kind or reference type
        long n = leb(Role.COUNT);
        for (long i = 0; i < n; i++) {
            if (expressions) constExpr();
            else leb(Role.INDEX);
        }
    }

    private void body() {
        long size = leb(Role.SIZE);
        Field sizeField = fields.get(fields.size() - 1);
        int end = p + (int) Math.min(size, b.length - p);
        long decls = leb(Role.COUNT);
        for (long i = 0; i < decls && p < end; i++) {
            leb(Role.COUNT);
            u8();
        }
        bodyStarts.add(p);
        bodySizes.add(sizeField);
        // opcodes followed by an index (or a label depth, or a memarg's first field)
        for (int q = p; q < end - 1; q++) {
            int op = b[q] & 0xFF;
            if (op == 0x41) {
                Leb.Field x = Leb.read(b, q + 1);
                if (x.length() > 0 && q + 1 + x.length() <= end) fields.add(new Field(q + 1, x.length(), x.value(), Role.OFFSET));
                continue;
            }
            boolean takesIndex = op == 0x0C || op == 0x0D || op == 0x0E || op == 0x10 || op == 0x11
                    || (op >= 0x20 && op <= 0x26) || (op >= 0x28 && op <= 0x3E) || op == 0xD2;
            if (!takesIndex) continue;
            Leb.Field x = Leb.read(b, q + 1);
            if (x.length() > 0 && q + 1 + x.length() <= end) fields.add(new Field(q + 1, x.length(), x.value(), Role.INDEX));
        }
        p = end;
    }
}
