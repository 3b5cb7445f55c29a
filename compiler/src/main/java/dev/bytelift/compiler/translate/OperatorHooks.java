package dev.bytelift.compiler.translate;

import java.util.List;
import dev.bytelift.compiler.decode.Op;
import dev.bytelift.compiler.emit.CodeEmitter;

/**
 * The instrumentation of a method that has something to do before or after each operator: those
 * whose class overrides {@link Instrumentation#beforeOperator} or {@link Instrumentation#afterOperator}
 * (the stack limit check, always present, does not), so that the translator calls no empty hook
 * twice per operator. The order is the instrumentation's own; the code written does not change.
 */
final class OperatorHooks {
    private OperatorHooks() {}

    private static final Instrumentation[] NONE = new Instrumentation[0];

    /** Per instrumentation class: whether it overrides either operator hook (looked up once per class). */
    private static final ClassValue<Boolean> OVERRIDES = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> c) {
            try {
                Class<?>[] params = {CodeEmitter.class, FunctionTranslator.class, Op.class};
                return c.getMethod("beforeOperator", params).getDeclaringClass() != Instrumentation.class
                        || c.getMethod("afterOperator", params).getDeclaringClass() != Instrumentation.class;
            } catch (NoSuchMethodException e) {
                return true; // cannot tell: call it
            }
        }
    };

    /** The members of {@code instrumentation} with operator hooks, in order. */
    static Instrumentation[] of(List<Instrumentation> instrumentation) {
        int n = 0;
        for (Instrumentation ins : instrumentation) if (OVERRIDES.get(ins.getClass())) n++;
        if (n == 0) return NONE;
        Instrumentation[] hooks = new Instrumentation[n];
        n = 0;
        for (Instrumentation ins : instrumentation) if (OVERRIDES.get(ins.getClass())) hooks[n++] = ins;
        return hooks;
    }
}
