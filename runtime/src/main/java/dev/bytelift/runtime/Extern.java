package dev.bytelift.runtime;

/** Something an instance exports or a module imports: a function, table, memory, global or tag. */
public sealed interface Extern permits Func, Table, Memory, Global, Tag {

    /** The current type of this external value (for tables and memories, with the current size as minimum). */
    ExternType type();
}
