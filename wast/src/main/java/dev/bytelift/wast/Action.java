package dev.bytelift.wast;

import java.util.List;

/** What a script does with an instance: call an exported function or read an exported global. */
public sealed interface Action {
    /** The {@code $name} of the module acted on, or null for the most recent module. */
    String moduleName();

    /** The export's name. */
    String field();

    /**
     * {@code (invoke $name? "field" arg*)}.
     *
     * @param moduleName the module's {@code $name}, or null for the most recent module
     * @param field the exported function's name
     * @param args the arguments
     */
    record Invoke(String moduleName, String field, List<Value> args) implements Action {
        /** Copies the arguments. */
        public Invoke {
            args = List.copyOf(args);
        }
    }

    /**
     * {@code (get $name? "field")}.
     *
     * @param moduleName the module's {@code $name}, or null for the most recent module
     * @param field the exported global's name
     */
    record Get(String moduleName, String field) implements Action {}
}
