package dev.bytelift.testmodules.reliability;

import dev.bytelift.testmodules.wasm.Bytes;
import dev.bytelift.testmodules.reliability.ModuleSections.Section;
import dev.bytelift.testmodules.reliability.SectionFields.Field;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Makes one hostile input from a valid seed module. Most mutations work on the section structure
 * (counts, indices, sizes and limits edited as such; sections spliced, duplicated, removed,
 * reordered; entries removed or replicated; custom and name sections inserted; snippets put at the
 * start of function bodies, where an instruction boundary is known) and fix the sizes around the
 * edit up, so that the input gets past the decoder into validation, compilation and execution;
 * some deliberately leave sizes wrong, and the rest are plain byte-level damage.
 */
final class Mutator {
    /** One mutated input and the names of the mutations that made it (for the report). */
    record Mutation(String name, byte[] bytes) {}

    /** Inputs larger than this are not made: they only test the heap, slowly. */
    static final int MAX_INPUT = 4 << 20;

    private final List<byte[]> corpus;
    private final boolean heavy;

    /**
     * @param heavy whether to make the resource-heavy modules of {@link ResourceModules} too (they
     *     take up to seconds each and gigabytes of heap: long campaigns only)
     */
    Mutator(List<byte[]> corpus, boolean heavy) {
        this.corpus = corpus;
        this.heavy = heavy;
    }

    /**
     * The mutations, each listed as often as it should be drawn: the cheap ones more often, the
     * ones that make huge inputs (slow to compile, and mostly testing one limit again) less.
     */
    private static final String[] KINDS = {
        "flip", "flip", "flip", "bytes", "bytes", "insert-bytes", "delete-bytes",
        "leb-keep", "leb-keep", "leb-keep", "leb-fix", "leb-fix", "leb-nofix", "huge-count", "huge-count",
        "boundary-index", "boundary-index", "boundary-index", "limit", "limit", "offset", "offset",
        "splice", "splice", "duplicate-section", "remove-section", "swap-sections", "truncate", "truncate",
        "custom", "name-section", "entry-remove", "entry-replicate", "body-snippet", "body-snippet",
        "type-params", "locals", "nest", "br-table", "resources",
    };

    Mutation mutate(byte[] seed, Random r) {
        // usually one mutation; sometimes a few stacked, each on the previous one's output
        int rounds = r.nextInt(4) == 0 ? 2 + r.nextInt(3) : 1;
        byte[] cur = seed;
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < rounds; i++) {
            String kind = KINDS[r.nextInt(KINDS.length)];
            byte[] next = apply(kind, cur, r);
            if (next == null || next.length > MAX_INPUT) {
                next = flip(cur, r); // the structure did not parse or had nothing to edit
                kind = "flip";
            }
            if (name.length() > 0) name.append('+');
            name.append(kind);
            cur = next;
        }
        return new Mutation(name.toString(), cur);
    }

    /** Applies the mutation {@code kind}; {@code null} if it does not apply to this input. */
    byte[] apply(String kind, byte[] in, Random r) {
        switch (kind) {
            case "flip": return flip(in, r);
            case "bytes": return overwrite(in, r);
            case "insert-bytes": return insertBytes(in, r);
            case "delete-bytes": return deleteBytes(in, r);
            case "truncate": return in.length == 0 ? in : Arrays.copyOf(in, r.nextInt(in.length));
            case "resources": return heavy ? ResourceModules.random(r) : null; // replaces the input: see ResourceModules
            default: break;
        }
        ModuleSections m = ModuleSections.parse(in);
        if (m == null || m.sections.isEmpty() && !kind.equals("custom") && !kind.equals("name-section")
                && !kind.equals("splice")) {
            return null;
        }
        m = m.copy();
        boolean ok = switch (kind) {
            case "leb-keep" -> editField(m, r, null, Width.KEEP, true);
            case "leb-fix" -> editField(m, r, null, Width.SHORTEST, true);
            case "leb-nofix" -> editField(m, r, null, Width.SHORTEST, false);
            case "huge-count" -> editField(m, r, SectionFields.Role.COUNT, Width.PADDED, true);
            case "boundary-index" -> editField(m, r, SectionFields.Role.INDEX, Width.SHORTEST, true);
            case "limit" -> editField(m, r, SectionFields.Role.LIMIT, Width.SHORTEST, true);
            case "offset" -> editField(m, r, SectionFields.Role.OFFSET, Width.SHORTEST, true);
            case "splice" -> splice(m, r);
            case "duplicate-section" -> { int i = r.nextInt(m.sections.size()); m.sections.add(r.nextInt(m.sections.size() + 1), m.sections.get(i)); yield true; }
            case "remove-section" -> { m.sections.remove(r.nextInt(m.sections.size())); yield true; }
            case "swap-sections" -> { java.util.Collections.swap(m.sections, r.nextInt(m.sections.size()), r.nextInt(m.sections.size())); yield true; }
            case "custom" -> { m.sections.add(r.nextInt(m.sections.size() + 1), customSection(r)); yield true; }
            case "name-section" -> { m.sections.add(r.nextInt(m.sections.size() + 1), NameSections.random(r)); yield true; }
            case "entry-remove" -> entries(m, r, 0);
            case "entry-replicate" -> entries(m, r, replication(r));
            case "body-snippet" -> bodySnippet(m, r, Snippets.random(r));
            case "nest" -> bodySnippet(m, r, Snippets.nest(rarelyHuge(r, 1_000, 10_000, 50_000, 200_000)));
            case "br-table" -> {
                int targets = rarelyHuge(r, 2_000, 20_000, 40_000, 100_000);
                // few labels, or one block per target (every target a different label)
                yield bodySnippet(m, r, Snippets.brTable(r.nextBoolean() ? targets : pick(r, 1, 2, 50, 1_000), targets));
            }
            case "type-params" -> typeParams(m, r);
            case "locals" -> locals(m, r);
            default -> throw new IllegalArgumentException(kind);
        };
        return ok ? m.encode() : null;
    }

    private static int pick(Random r, int... values) {
        return values[r.nextInt(values.length)];
    }

    // ---- byte level

    private static int anyPos(byte[] in, Random r) {
        // mostly past the header: damage there only tests the first 8 bytes
        if (in.length <= 8 || r.nextInt(16) == 0) return r.nextInt(Math.max(1, in.length));
        return 8 + r.nextInt(in.length - 8);
    }

    static byte[] flip(byte[] in, Random r) {
        byte[] out = in.clone();
        if (out.length == 0) return new byte[] {(byte) r.nextInt(256)};
        for (int i = 1 + r.nextInt(8); i > 0; i--) out[anyPos(out, r)] ^= (byte) (1 << r.nextInt(8));
        return out;
    }

    private static byte[] overwrite(byte[] in, Random r) {
        byte[] out = in.clone();
        if (out.length == 0) return out;
        int at = anyPos(out, r);
        for (int i = 0, n = 1 + r.nextInt(8); i < n && at + i < out.length; i++) out[at + i] = interestingByte(r);
        return out;
    }

    private static byte interestingByte(Random r) {
        return (byte) (r.nextBoolean() ? r.nextInt(256) : pick(r, 0x00, 0x01, 0x0B, 0x40, 0x7F, 0x80, 0xFF, 0x60, 0x70, 0x7B));
    }

    private static byte[] insertBytes(byte[] in, Random r) {
        int at = anyPos(in, r);
        byte[] add = new byte[1 + r.nextInt(16)];
        for (int i = 0; i < add.length; i++) add[i] = interestingByte(r);
        return splice(in, at, 0, add);
    }

    private static byte[] deleteBytes(byte[] in, Random r) {
        if (in.length == 0) return in;
        int at = anyPos(in, r);
        return splice(in, at, Math.min(in.length - at, 1 + r.nextInt(16)), new byte[0]);
    }

    /** {@code in} with {@code len} bytes at {@code at} replaced by {@code with}. */
    static byte[] splice(byte[] in, int at, int len, byte[] with) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + with.length);
        out.write(in, 0, at);
        out.writeBytes(with);
        out.write(in, at + len, in.length - at - len);
        return out.toByteArray();
    }

    // ---- fields

    private enum Width { KEEP, SHORTEST, PADDED }

    private boolean editField(ModuleSections m, Random r, SectionFields.Role role, Width width, boolean fixSize) {
        // pick a section that has such a field, trying a few
        for (int attempt = 0; attempt < 8; attempt++) {
            int si = r.nextInt(m.sections.size());
            Section s = m.sections.get(si);
            List<Field> fields = SectionFields.of(s).fields;
            if (role != null) fields = fields.stream().filter(f -> f.role() == role).toList();
            if (fields.isEmpty()) continue;
            Field f = fields.get(r.nextInt(fields.size()));
            long v = newValue(f, f.role() == SectionFields.Role.OFFSET ? f.role() : role, r);
            byte[] enc = f.role() == SectionFields.Role.OFFSET ? new Bytes().s64((int) v).toArray() : switch (width) {
                case KEEP -> Leb.encode(v, f.length());
                case SHORTEST -> Leb.encode(v);
                case PADDED -> Leb.encode(v, 5);
            };
            byte[] content = splice(s.content(), f.pos(), f.length(), enc);
            long delta = fixSize ? 0 : s.content().length - content.length + s.sizeDelta();
            m.sections.set(si, new Section(s.id(), content, delta));
            return true;
        }
        return false;
    }

    private static long newValue(Field f, SectionFields.Role role, Random r) {
        long v = f.value();
        if (role == SectionFields.Role.COUNT) return pick(r, 0x8000_0000, 0xFFFF_FFFF, 0x7FFF_FFFF, 100_000_000, 1 << 20) & 0xFFFF_FFFFL;
        if (role == SectionFields.Role.OFFSET) {
            return new long[] {0, -1, 1, v - 1, v + 1, 65_535, 65_536, 0x7FFF_FFFF, 0x8000_0000L, 0xFFFF_FFF0L, 10_000_000}[r.nextInt(11)];
        }
        if (role == SectionFields.Role.LIMIT) {
            return new long[] {0, 1, 16, 32767, 32768, 65536, 0xFFFF_FFFFL, 10_000_000, 10_000_001, 1 << 24}[r.nextInt(10)];
        }
        if (role == SectionFields.Role.INDEX) {
            return new long[] {0, v - 1, v + 1, v + 2, 255, 256, 65535, 65536, 0x7FFF_FFFF, 0x8000_0000L, 0xFFFF_FFFFL}[r.nextInt(11)] & 0xFFFF_FFFFL;
        }
        return switch (r.nextInt(6)) {
            case 0 -> v + 1;
            case 1 -> Math.max(0, v - 1);
            case 2 -> 0;
            case 3 -> r.nextInt(1 << (1 + r.nextInt(20)));
            case 4 -> new long[] {127, 128, 255, 256, 16383, 16384, 65535, 65536, 0x7FFF_FFFF, 0xFFFF_FFFFL, 1L << 32, -1L}[r.nextInt(12)];
            default -> v * 2 + 1;
        };
    }

    // ---- sections

    private boolean splice(ModuleSections m, Random r) {
        ModuleSections other = ModuleSections.parse(corpus.get(r.nextInt(corpus.size())));
        if (other == null || other.sections.isEmpty()) return false;
        Section s = other.sections.get(r.nextInt(other.sections.size()));
        int same = m.indexOf(s.id());
        if (same >= 0 && r.nextBoolean()) m.sections.set(same, s);
        else m.sections.add(r.nextInt(m.sections.size() + 1), s);
        return true;
    }

    private static Section customSection(Random r) {
        Bytes c = new Bytes();
        byte[] name = new byte[r.nextInt(12)];
        for (int i = 0; i < name.length; i++) name[i] = (byte) ('a' + r.nextInt(26));
        if (r.nextInt(4) == 0) name = new byte[] {(byte) 0xFF, (byte) 0xC0}; // not UTF-8: "malformed UTF-8 encoding"
        c.u32(name.length).bytes(name);
        byte[] payload = new byte[r.nextInt(64)];
        r.nextBytes(payload);
        c.bytes(payload);
        byte[] content = c.toArray();
        // a declared size far past the end of the module ("unexpected end", "length out of bounds")
        long delta = r.nextInt(3) == 0 ? pick(r, 1, 1 << 20, 0x7FFF_FFFF, 0xFFFF_FFF0) & 0xFFFF_FFFFL : 0;
        return new Section(ModuleSections.CUSTOM, content, delta);
    }

    // ---- entries

    private static int replication(Random r) {
        return rarelyHuge(r, 100, 1_000, 10_000, 22_000, 70_000);
    }

    /** Mostly a number below {@code small}; one time in eight one of the {@code huge} ones. */
    private static int rarelyHuge(Random r, int small, int... huge) {
        return r.nextInt(8) == 0 ? huge[r.nextInt(huge.length)] : 1 + r.nextInt(small);
    }

    /** Removes an entry ({@code copies == 0}) or adds {@code copies} copies of it, count fixed up. */
    private boolean entries(ModuleSections m, Random r, int copies) {
        for (int attempt = 0; attempt < 8; attempt++) {
            int si = r.nextInt(m.sections.size());
            Section s = m.sections.get(si);
            SectionFields f = SectionFields.of(s);
            if (f.entries.isEmpty() || f.fields.isEmpty()) continue;
            int e = r.nextInt(f.entries.size());
            SectionFields.Entry entry = f.entries.get(e);
            copies = Math.min(copies, MAX_INPUT / 2 / Math.max(1, entry.end() - entry.start()));
            m.sections.set(si, withEntries(s, f, e, copies));
            // a function's entry and its body go together, or the counts disagree at once
            int partnerId = s.id() == ModuleSections.FUNCTION ? ModuleSections.CODE : s.id() == ModuleSections.CODE ? ModuleSections.FUNCTION : -1;
            int pi = partnerId < 0 ? -1 : m.indexOf(partnerId);
            if (pi >= 0) {
                Section ps = m.sections.get(pi);
                SectionFields pf = SectionFields.of(ps);
                if (e < pf.entries.size() && !pf.fields.isEmpty()) m.sections.set(pi, withEntries(ps, pf, e, copies));
            }
            return true;
        }
        return false;
    }

    private static Section withEntries(Section s, SectionFields f, int e, int copies) {
        SectionFields.Entry entry = f.entries.get(e);
        byte[] c = s.content();
        byte[] one = Arrays.copyOfRange(c, entry.start(), entry.end());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Leb.encode(f.entries.size() - 1 + copies));
        out.write(c, f.entriesStart, entry.start() - f.entriesStart);
        for (int i = 0; i < copies; i++) out.writeBytes(one);
        out.write(c, entry.end(), c.length - entry.end());
        return s.withContent(out.toByteArray());
    }

    // ---- function bodies

    /** Puts {@code snippet} at the start of a random function body's instructions. */
    private static boolean bodySnippet(ModuleSections m, Random r, byte[] snippet) {
        int ci = m.indexOf(ModuleSections.CODE);
        if (ci < 0) return false;
        Section s = m.sections.get(ci);
        SectionFields f = SectionFields.of(s);
        if (f.bodyStarts.isEmpty()) return false;
        int b = r.nextInt(f.bodyStarts.size());
        Field size = f.bodySizes.get(b);
        byte[] c = splice(s.content(), f.bodyStarts.get(b), 0, snippet);
        c = splice(c, size.pos(), size.length(), Leb.encode(size.value() + snippet.length));
        m.sections.set(ci, s.withContent(c));
        return true;
    }

    /** Rewrites a function type to take many parameters (the JVM allows 255 slots, v128 and i64 take more). */
    private static boolean typeParams(ModuleSections m, Random r) {
        int ti = m.indexOf(ModuleSections.TYPE);
        if (ti < 0) return false;
        Section s = m.sections.get(ti);
        SectionFields f = SectionFields.of(s);
        if (f.entries.isEmpty()) return false;
        int e = r.nextInt(f.entries.size());
        int n = pick(r, 0, 1, 63, 64, 126, 127, 200, 252, 253, 254, 255, 256, 1000);
        int t = pick(r, 0x7F, 0x7E, 0x7D, 0x7C, 0x7B, 0x70, 0x6F);
        Bytes type = new Bytes().op(0x60).u32(n);
        for (int i = 0; i < n; i++) type.op(i % 7 == 6 && r.nextBoolean() ? 0x7E : t);
        int results = pick(r, 0, 1, 2, 16, 300);
        type.u32(results);
        for (int i = 0; i < results; i++) type.op(t);
        SectionFields.Entry entry = f.entries.get(e);
        m.sections.set(ti, s.withContent(splice(s.content(), entry.start(), entry.end() - entry.start(), type.toArray())));
        return true;
    }

    /** Adds a local declaration of many locals to a body (the JVM allows 65535 slots). */
    private static boolean locals(ModuleSections m, Random r) {
        int ci = m.indexOf(ModuleSections.CODE);
        if (ci < 0) return false;
        Section s = m.sections.get(ci);
        SectionFields f = SectionFields.of(s);
        if (f.bodyStarts.isEmpty()) return false;
        int b = r.nextInt(f.bodyStarts.size());
        Field size = f.bodySizes.get(b);
        // the first field after the size is the count of declarations
        Field decls = f.fields.get(f.fields.indexOf(size) + 1);
        long n = new long[] {1000, 30_000, 32_768, 65_535, 65_536, 100_000, 50_000_000, 0xFFFF_FFFFL}[r.nextInt(8)];
        byte[] decl = new Bytes().u32(n).op(pick(r, 0x7F, 0x7E, 0x7D, 0x7C, 0x7B, 0x70, 0x6F)).toArray();
        byte[] c = splice(s.content(), decls.pos() + decls.length(), 0, decl);
        c = splice(c, decls.pos(), decls.length(), Leb.encode(decls.value() + 1));
        int grew = c.length - s.content().length;
        c = splice(c, size.pos(), size.length(), Leb.encode(size.value() + grew));
        m.sections.set(ci, s.withContent(c));
        return true;
    }
}
