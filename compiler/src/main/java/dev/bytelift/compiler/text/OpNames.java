package dev.bytelift.compiler.text;

import dev.bytelift.compiler.decode.Op;
import java.util.HashMap;
import java.util.Map;

/** Operators by their text-format name (from {@link Op}, the one operator table). */
final class OpNames {
    private OpNames() {}

    private static final Map<String, Op> BY_NAME = new HashMap<>();

    static {
        for (Op op : Op.values()) {
            if (op == Op.SELECT_TYPED) continue; // "select" with a (result ...) clause; see InstructionParser
            if (BY_NAME.put(op.text(), op) != null) throw new ExceptionInInitializerError("two operators named " + op.text());
        }
    }

    /** The operator named {@code name}, or null. */
    static Op get(String name) {
        return BY_NAME.get(name);
    }
}
