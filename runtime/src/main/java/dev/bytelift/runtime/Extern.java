package dev.bytelift.runtime;

/** Something an instance exports or a module imports: a function, table, memory or global. */
public sealed interface Extern permits Func, Table, Memory, Global {

    /** The current type of this external value (for tables and memories, with the current size as minimum). */
    ExternType type();
}
