package dev.bytelift.wast;

import java.util.List;

/**
 * One top-level command of a script. {@link #line()} is the line results and known-failure lists
 * name it by: that of the keyword of what the command is about, its module ({@code module}) or
 * its action ({@code invoke}, {@code get}), else its own; wast2json numbers commands the same way.
 */
public sealed interface Command {
    /** The line of the command's module or action keyword, else of its own, 1-based (see above). */
    int line();

    /** The command's keyword as the script writes it ({@code assert_return}, {@code module}, ...). */
    String kind();

    /**
     * {@code (module $name? ...)}: compile and instantiate; it becomes the current module.
     *
     * @param line the command's line
     * @param name the module's {@code $name} (with the {@code $}), or null
     * @param module the module
     */
    record ModuleCommand(int line, String name, ModuleSource module) implements Command {
        @Override
        public String kind() {
            return "module";
        }
    }

    /**
     * {@code (module definition $name? ...)}: compile (decode and validate) only; it does not become
     * the current module (the spec suite's maximal memories and tables need not be allocatable).
     *
     * @param line the command's line
     * @param name the definition's {@code $name}, or null
     * @param module the module
     */
    record ModuleDefinition(int line, String name, ModuleSource module) implements Command {
        @Override
        public String kind() {
            return "module definition";
        }
    }

    /**
     * {@code (module instance $instance? $definition?)}: instantiate a definition (absent: the most
     * recent {@code module definition} or {@code module}); the instance becomes the current module
     * and is named {@code $instance}.
     *
     * @param line the command's line
     * @param instance the instance's {@code $name}, or null
     * @param definition the definition's {@code $name}, or null for the most recent one
     */
    record ModuleInstance(int line, String instance, String definition) implements Command {
        @Override
        public String kind() {
            return "module instance";
        }
    }

    /**
     * {@code (register "as" $name?)}: make a module's exports importable under module name {@code as}.
     *
     * @param line the command's line
     * @param as the import module name
     * @param name the registered module's {@code $name}, or null for the current module
     */
    record Register(int line, String as, String name) implements Command {
        @Override
        public String kind() {
            return "register";
        }
    }

    /**
     * A bare {@code (invoke ...)} or {@code (get ...)}: perform it, ignore its results.
     *
     * @param line the command's line
     * @param action the action
     */
    record Perform(int line, Action action) implements Command {
        @Override
        public String kind() {
            return "action";
        }
    }

    /**
     * {@code (assert_return ACTION RESULT*)}.
     *
     * @param line the command's line
     * @param action the action
     * @param expected one pattern per result
     */
    record AssertReturn(int line, Action action, List<Expected> expected) implements Command {
        /** Copies the expected results. */
        public AssertReturn {
            expected = List.copyOf(expected);
        }

        @Override
        public String kind() {
            return "assert_return";
        }
    }

    /**
     * {@code (assert_trap ACTION "message")}: the action must trap.
     *
     * @param line the command's line
     * @param action the action
     * @param message the spec's trap message
     */
    record AssertTrap(int line, Action action, String message) implements Command {
        @Override
        public String kind() {
            return "assert_trap";
        }
    }

    /**
     * {@code (assert_exception ACTION)}: the action must throw a WebAssembly exception (exception
     * handling) out of the module.
     *
     * @param line the command's line
     * @param action the action
     */
    record AssertException(int line, Action action) implements Command {
        @Override
        public String kind() {
            return "assert_exception";
        }
    }

    /**
     * {@code (assert_exhaustion ACTION "message")}: the action must exhaust the call stack.
     *
     * @param line the command's line
     * @param action the action
     * @param message the spec's message
     */
    record AssertExhaustion(int line, Action action, String message) implements Command {
        @Override
        public String kind() {
            return "assert_exhaustion";
        }
    }

    /**
     * An assertion about a module that must fail before it runs, or while it instantiates.
     *
     * @param line the command's line
     * @param assertion which assertion
     * @param module the module
     * @param message the spec's message
     */
    record AssertModule(int line, ModuleAssertion assertion, ModuleSource module, String message) implements Command {
        /** The script's keyword: {@code assert_trap} with a module is {@link ModuleAssertion#UNINSTANTIABLE}. */
        @Override
        public String kind() {
            return assertion.keyword();
        }
    }

    /** What an {@link AssertModule} expects. */
    enum ModuleAssertion {
        /** {@code assert_malformed}: the module must not decode (or, as text, not parse). */
        MALFORMED("assert_malformed"),
        /** {@code assert_invalid}: the module must decode but fail validation. */
        INVALID("assert_invalid"),
        /** {@code assert_unlinkable}: its imports must not resolve. */
        UNLINKABLE("assert_unlinkable"),
        /** {@code assert_uninstantiable}: it must trap while instantiating. */
        UNINSTANTIABLE("assert_uninstantiable"),
        /** {@code (assert_trap (module ...) "message")}: the same as {@link #UNINSTANTIABLE}. */
        TRAP("assert_trap");

        private final String keyword;

        ModuleAssertion(String keyword) {
            this.keyword = keyword;
        }

        /** The script's keyword for it. */
        public String keyword() {
            return keyword;
        }
    }

    /**
     * A command of a later proposal that this runner does not run (threads, {@code module
     * definition}, ...): reported as skipped, never as passed.
     *
     * @param line the command's line
     * @param kind its keyword
     */
    record Unsupported(int line, String kind) implements Command {}
}
