package dev.bytelift.testmodules.reliability;

import dev.bytelift.testmodules.reliability.ModuleSections.Section;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.function.Predicate;

/**
 * Delta debugging, coarse to fine, keeping every step after which the escape still reproduces (the
 * caller's predicate: same exception class at the same top frame): whole sections; runs of vector
 * entries, their count fixed up; byte ranges inside each section, its size fixed up; finally byte
 * ranges of the raw module. Bounded by a number of tries and a deadline, since every try runs the
 * whole pipeline.
 */
final class Minimizer {
    private final Predicate<byte[]> reproduces;
    private final int maxTries;
    private final long deadline;
    private int tries;

    Minimizer(Predicate<byte[]> reproduces, int maxTries, long millis) {
        this.reproduces = reproduces;
        this.maxTries = maxTries;
        this.deadline = System.nanoTime() + millis * 1_000_000;
    }

    int tries() {
        return tries;
    }

    private boolean exhausted() {
        return tries >= maxTries || System.nanoTime() > deadline;
    }

    private boolean test(byte[] candidate) {
        if (exhausted()) return false;
        tries++;
        return reproduces.test(candidate);
    }

    byte[] minimize(byte[] input) {
        byte[] best = input;
        ModuleSections m = ModuleSections.parse(best);
        if (m != null) {
            // whole sections, last first (later sections depend on earlier ones, not the reverse)
            for (int i = m.sections.size() - 1; i >= 0 && !exhausted(); i--) {
                if (i >= m.sections.size()) continue;
                ModuleSections c = m.copy();
                c.sections.remove(i);
                if (test(c.encode())) {
                    m = c;
                    continue;
                }
                // function and code sections only go together (or their counts disagree)
                int partner = partner(m, i);
                if (partner < 0) continue;
                c = m.copy();
                c.sections.remove(Math.max(i, partner));
                c.sections.remove(Math.min(i, partner));
                if (test(c.encode())) m = c;
            }
            for (int i = 0; i < m.sections.size() && !exhausted(); i++) {
                m = entries(m, i);
                m = contentBytes(m, i);
            }
        }
        return rawBytes(m == null ? best : m.encode());
    }

    /** Removes runs of section {@code i}'s vector entries, halving the run length down to one entry. */
    private ModuleSections entries(ModuleSections m, int i) {
        for (int chunk = Math.max(1, SectionFields.of(m.sections.get(i)).entries.size() / 2); chunk >= 1 && !exhausted(); chunk /= 2) {
            for (int from = 0; !exhausted(); ) {
                Section s = m.sections.get(i);
                SectionFields f = SectionFields.of(s);
                if (from >= f.entries.size() || f.fields.isEmpty()) break;
                int to = Math.min(f.entries.size(), from + chunk);
                ModuleSections c = m.copy();
                c.sections.set(i, withoutEntries(s, f, from, to));
                // a function's entry and its body go together
                int partner = partner(m, i);
                if (partner >= 0) {
                    SectionFields pf = SectionFields.of(m.sections.get(partner));
                    if (pf.entries.size() == f.entries.size() && !pf.fields.isEmpty()) {
                        c.sections.set(partner, withoutEntries(m.sections.get(partner), pf, from, to));
                    }
                }
                if (test(c.encode())) m = c;
                else from = to;
            }
            if (chunk == 1) break;
        }
        return m;
    }

    /** The code section if section {@code i} is the function section, and the reverse; else -1. */
    private static int partner(ModuleSections m, int i) {
        int id = m.sections.get(i).id();
        if (id == ModuleSections.FUNCTION) return m.indexOf(ModuleSections.CODE);
        if (id == ModuleSections.CODE) return m.indexOf(ModuleSections.FUNCTION);
        return -1;
    }

    static Section withoutEntries(Section s, SectionFields f, int from, int to) {
        byte[] c = s.content();
        int start = f.entries.get(from).start(), end = f.entries.get(to - 1).end();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Leb.encode(f.entries.size() - (to - from)));
        out.write(c, f.entriesStart, start - f.entriesStart);
        out.write(c, end, c.length - end);
        return s.withContent(out.toByteArray());
    }

    /**
     * Removes byte ranges of section {@code i}'s content, its size fixed up; where that alone
     * breaks the module, also with the nearest count or size field before the range lowered by the
     * bytes removed (a vector of value types, a name, a function body).
     */
    private ModuleSections contentBytes(ModuleSections m, int i) {
        for (int chunk = Math.max(1, m.sections.get(i).content().length / 2); chunk >= 1 && !exhausted(); chunk /= 2) {
            for (int at = 0; !exhausted(); ) {
                Section s = m.sections.get(i);
                byte[] c = s.content();
                if (at >= c.length) break;
                int len = Math.min(chunk, c.length - at);
                byte[] removed = Mutator.splice(c, at, len, new byte[0]);
                ModuleSections cand = m.copy();
                cand.sections.set(i, s.withContent(removed));
                if (test(cand.encode())) {
                    m = cand;
                    continue;
                }
                SectionFields.Field enclosing = null;
                for (SectionFields.Field f : SectionFields.of(s).fields) {
                    if (f.pos() + f.length() > at) break;
                    if ((f.role() == SectionFields.Role.COUNT || f.role() == SectionFields.Role.SIZE) && f.value() >= len) enclosing = f;
                }
                if (enclosing != null) {
                    byte[] fixed = Mutator.splice(removed, enclosing.pos(), enclosing.length(), Leb.encode(enclosing.value() - len));
                    cand.sections.set(i, s.withContent(fixed));
                    if (test(cand.encode())) {
                        m = cand;
                        continue;
                    }
                }
                at += chunk;
            }
            if (chunk == 1) break;
        }
        return m;
    }

    private byte[] rawBytes(byte[] best) {
        for (int chunk = Math.max(1, best.length / 2); chunk >= 1 && !exhausted(); chunk /= 2) {
            for (int at = 0; at < best.length && !exhausted(); ) {
                int len = Math.min(chunk, best.length - at);
                byte[] cand = Mutator.splice(best, at, len, new byte[0]);
                if (test(cand)) best = cand;
                else at += chunk;
            }
            if (chunk == 1) break;
        }
        return Arrays.copyOf(best, best.length);
    }
}
