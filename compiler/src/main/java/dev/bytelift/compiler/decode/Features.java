package dev.bytelift.compiler.decode;

import java.util.EnumSet;
import java.util.Set;
import dev.bytelift.runtime.DisabledFeatureException;
import dev.bytelift.runtime.Feature;
import dev.bytelift.runtime.ValType;

/** The features a module may use, checked where the binary format shows that it uses one. */
public final class Features {
    private static final Set<Feature> DEFAULTS = Feature.defaults();
    /** Every feature Bytelift has. */
    public static final Features ALL = new Features(DEFAULTS);

    private final Set<Feature> enabled;
    private final boolean all;

    public Features(Set<Feature> enabled) {
        this.enabled = EnumSet.noneOf(Feature.class);
        this.enabled.addAll(enabled);
        this.all = this.enabled.containsAll(DEFAULTS);
    }

    /** The set last asked for by {@link #of} (immutable, so any thread may take it). */
    private static volatile Features last = ALL;

    /** The features of {@code enabled}: the last ones made when they are the same (every function asks). */
    public static Features of(Set<Feature> enabled) {
        Features f = last;
        if (enabled.equals(f.enabled)) return f;
        f = new Features(enabled);
        last = f;
        return f;
    }

    /** Whether every feature is enabled (the default): then nothing needs checking. */
    public boolean all() {
        return all;
    }

    /** Whether {@code feature} is enabled. */
    public boolean has(Feature feature) {
        return enabled.contains(feature);
    }

    /** Fails unless {@code feature} is enabled; {@code at} is where the module first needs it. */
    public void require(Feature feature, int at) {
        if (feature != null && !enabled.contains(feature)) throw new DisabledFeatureException(feature, at);
    }

    /** Fails unless the proposal that introduced {@code op} is enabled. */
    public void require(Op op, int at) {
        require(op.proposal().feature(), at);
    }

    /** Fails unless a value of type {@code t} may appear (v128 needs SIMD, references reference types). */
    public void requireValueType(ValType t, int at) {
        if (t == ValType.V128) require(Feature.SIMD, at);
        else if (t.isReference()) {
            require(t.kind() == ValType.Kind.EXNREF ? Feature.EXCEPTIONS : Feature.REFERENCE_TYPES, at);
            if (t != ValType.FUNCREF && t != ValType.EXTERNREF && t != ValType.EXNREF) require(Feature.FUNCTION_REFERENCES, at);
        }
    }
}
