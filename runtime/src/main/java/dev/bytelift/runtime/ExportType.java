package dev.bytelift.runtime;

/** One export of a module: its name and type. */
public record ExportType(String name, ExternType type) {
}
