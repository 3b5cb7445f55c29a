package dev.bytelift.runtime;

/** The type of something a module imports or exports: a function, table, memory, global or tag. */
public sealed interface ExternType permits FuncType, TableType, MemoryType, GlobalType, TagType {

    /** The kind of external value, in the spec's words ({@code "func"}, {@code "table"}...). */
    String kind();
}
