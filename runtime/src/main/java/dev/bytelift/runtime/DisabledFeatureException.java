package dev.bytelift.runtime;

/**
 * The module uses a WebAssembly proposal its engine does not have enabled
 * ({@link EngineConfig.Builder#features}), for example {@code "SIMD support is not enabled"}, or one
 * Bytelift does not implement yet ({@code "garbage collection (struct and array types) is not
 * supported yet"}).
 */
public final class DisabledFeatureException extends CompileException {
    private final Feature feature;

    /** {@code feature} is needed by the module at byte {@code offset}. */
    public DisabledFeatureException(Feature feature, long offset) {
        super(feature.description() + (feature.supported() ? " support is not enabled" : " is not supported yet"), offset);
        this.feature = feature;
    }

    /** The feature the module needs. */
    public Feature feature() {
        return feature;
    }
}
