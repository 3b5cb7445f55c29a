package dev.bytelift.runtime;

import java.util.Objects;

/**
 * The type of an exception tag (exception handling, WebAssembly 3.0): a function type without
 * results, whose parameters are the values an exception of the tag carries.
 *
 * @param type the parameters; no results
 */
public record TagType(FuncType type) implements ExternType {
    /**
     * A tag type carrying values of {@code type}'s parameters.
     *
     * @throws IllegalArgumentException if {@code type} has results
     */
    public TagType {
        Objects.requireNonNull(type, "type");
        if (type.resultCount() != 0) throw new IllegalArgumentException("non-empty tag result type: " + type);
    }

    @Override
    public String kind() {
        return "tag";
    }
}
