package dev.bytelift.compiler.translate;

import java.util.List;

/**
 * The instrumentation of a method that has something to do before or after each operator (those
 * whose {@link Instrumentation#hooksOperators} is true; the stack limit check, always present, has
 * nothing), so that the translator makes no empty call twice per operator. The order is the
 * instrumentation's own; the code written does not change.
 */
final class OperatorHooks {
    private OperatorHooks() {}

    private static final Instrumentation[] NONE = new Instrumentation[0];

    /** The members of {@code instrumentation} with operator hooks, in order. */
    static Instrumentation[] of(List<Instrumentation> instrumentation) {
        int n = 0;
        for (Instrumentation ins : instrumentation) if (ins.hooksOperators()) n++;
        if (n == 0) return NONE;
        Instrumentation[] hooks = new Instrumentation[n];
        n = 0;
        for (Instrumentation ins : instrumentation) if (ins.hooksOperators()) hooks[n++] = ins;
        return hooks;
    }
}
