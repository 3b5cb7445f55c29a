package dev.bytelift.runtime;

/** One import of a module: the two-level name and the type it must have. */
public record ImportType(String module, String name, ExternType type) {
}
