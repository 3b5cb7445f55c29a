package dev.bytelift.runtime;

/**
 * The module uses a WebAssembly proposal its engine does not have enabled
 * ({@link EngineConfig.Builder#features}), for example {@code "SIMD support is not enabled"}.
 */
public final class DisabledFeatureException extends CompileException {
    private final Feature feature;

    public DisabledFeatureException(Feature feature, long offset) {
        super(feature.description() + " support is not enabled", offset);
        this.feature = feature;
    }

    /** The feature the module needs. */
    public Feature feature() {
        return feature;
    }
}
