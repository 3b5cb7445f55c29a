package dev.bytelift.compiler.text;

import dev.bytelift.compiler.text.Token.Kind;
import java.util.HashMap;
import java.util.Map;

/**
 * One index space of a text module (functions, tables, memories, globals, element and data
 * segments, types, locals): how many entries it has and which identifiers name them.
 */
final class Space {
    private final String kind;
    private final Map<String, Integer> names = new HashMap<>();
    private int count;

    /** {@code kind} names the space in errors: "duplicate func", "unknown func". */
    Space(String kind) {
        this.kind = kind;
    }

    int count() {
        return count;
    }

    /** Adds an entry, named by {@code id} (a {@code $name} token) if not null; its index. */
    int define(Token id) {
        if (id != null && names.putIfAbsent(id.text(), count) != null) throw id.error("duplicate " + kind);
        return count++;
    }

    /** Adds {@code n} unnamed entries. */
    void defineAnonymous(int n) {
        count += n;
    }

    /** Whether {@code t} can be an index in this space: a number or an identifier. */
    static boolean isIndex(Token t) {
        return t.kind() == Kind.NUMBER || t.kind() == Kind.ID;
    }

    /** The index {@code t} stands for: a u32 literal, or an identifier of this space. */
    int resolve(Token t) {
        if (t.kind() == Kind.ID) {
            Integer i = names.get(t.text());
            if (i == null) throw t.error("unknown " + kind + " " + t.text());
            return i;
        }
        return u32(t);
    }

    /**
     * As {@link #resolve}, but a name not defined yet is added to {@code later} and stands for the
     * next index (a later entry's, whichever it is: any index from {@link #count()} on is one).
     */
    int resolveOrLater(Token t, java.util.List<Token> later) {
        if (t.kind() == Kind.ID && !names.containsKey(t.text())) {
            later.add(t);
            return count;
        }
        return resolve(t);
    }

    /** Fails with "unknown ..." for the first of {@code tokens} that names no entry. */
    void requireDefined(java.util.List<Token> tokens) {
        for (Token t : tokens) resolve(t);
    }

    /** An unsigned 32-bit literal (an index, a limit, an offset), else "unexpected token". */
    static int u32(Token t) {
        if (t.kind() != Kind.NUMBER || !Numbers.isInteger(t.text()) || t.text().charAt(0) == '-'
                || t.text().charAt(0) == '+') {
            throw t.error(t.kind() == Kind.RESERVED ? "unknown operator " + t.text() : "unexpected token");
        }
        return (int) unsigned(t, 32);
    }

    /** An unsigned literal below 2^bits (32 or 64) of a limit, offset or index: else "iN constant out of range". */
    static long unsigned(Token t, int bits) {
        long v;
        try {
            v = Numbers.parseInt(t, 64);
        } catch (dev.bytelift.runtime.TextFormatException e) {
            throw t.error("i" + bits + " constant out of range");
        }
        if (bits == 32 && Long.compareUnsigned(v, 0xFFFF_FFFFL) > 0) throw t.error("i32 constant out of range");
        return v;
    }

    /** The names of this space by index (the identifiers without their {@code $}), in index order. */
    java.util.SortedMap<Integer, String> namesByIndex() {
        java.util.SortedMap<Integer, String> byIndex = new java.util.TreeMap<>();
        names.forEach((id, i) -> byIndex.put(i, id.substring(1)));
        return byIndex;
    }

    /** The index named {@code id}, or -1. */
    int lookup(String id) {
        Integer i = names.get(id);
        return i == null ? -1 : i;
    }
}
