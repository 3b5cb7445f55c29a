package dev.bytelift.wast;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import dev.bytelift.runtime.CompileException;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.Extern;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.Global;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.InvalidModuleException;
import dev.bytelift.runtime.LinkException;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.MalformedModuleException;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.TextFormatException;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.TrapCode;

/**
 * The state of one script run (a store, a linker with {@code spectest}, the named and current
 * instances, the host references) and the meaning of each command. Single-threaded: the
 * {@link ScriptRunner} calls it from its own thread.
 */
final class ScriptState {
    /** A command that did not behave as the script says. */
    static final class Failure extends Exception {
        Failure(String message) {
            super(message);
        }

        Failure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Engine engine;
    private final String sourceName;
    private final Store store;
    private final Linker linker = new Linker();
    private final Values values = new Values();
    private final Map<String, Instance> named = new HashMap<>();
    private Instance current;
    /** Compiled modules by {@code $name}, for {@code (module instance ...)}; and the most recent one. */
    private final Map<String, Module> definitions = new HashMap<>();
    private Module lastDefinition;
    /** The line of the module command that failed to give {@link #current}, or 0. */
    private int failedModuleLine;

    ScriptState(Engine engine, String sourceName) {
        this.engine = engine;
        this.sourceName = sourceName;
        this.store = new Store(engine);
        // instrumented configurations run with limits no script reaches
        if (engine.config().consumeFuel()) store.setFuel(Long.MAX_VALUE / 2);
        if (engine.config().epochInterruption()) store.setEpochDeadline(Long.MAX_VALUE / 2);
        Spectest.define(linker, store);
    }

    void run(Command command) throws Failure {
        if (command instanceof Command.ModuleCommand m) {
            // until this one instantiates, the commands after it must not act on the one before
            current = null;
            failedModuleLine = m.line();
            if (m.name() != null) named.remove(m.name());
            Module module = compile(m.module());
            define(m.name(), module); // a plain module is a definition too
            Instance inst = instantiate(module);
            current = inst;
            failedModuleLine = 0;
            if (m.name() != null) named.put(m.name(), inst);
        } else if (command instanceof Command.ModuleDefinition d) {
            define(d.name(), compile(d.module()));
        } else if (command instanceof Command.ModuleInstance i) {
            current = null;
            failedModuleLine = i.line();
            if (i.instance() != null) named.remove(i.instance());
            Module module = i.definition() != null ? definitions.get(i.definition()) : lastDefinition;
            if (module == null) {
                throw new Failure(i.definition() != null ? "unknown module definition " + i.definition() : "no module definition to instantiate");
            }
            Instance inst = instantiate(module);
            current = inst;
            failedModuleLine = 0;
            if (i.instance() != null) named.put(i.instance(), inst);
        } else if (command instanceof Command.Register r) {
            Instance inst = r.name() != null ? named.get(r.name()) : current;
            if (inst == null) throw new Failure(r.name() != null ? "unknown module " + r.name() : noModule("to register"));
            linker.defineInstance(r.as(), inst);
        } else if (command instanceof Command.Perform p) {
            perform(p.action());
        } else if (command instanceof Command.AssertReturn a) {
            assertReturn(a);
        } else if (command instanceof Command.AssertTrap t) {
            expectTrap(t.action(), t.message(), false);
        } else if (command instanceof Command.AssertException x) {
            expectException(x.action());
        } else if (command instanceof Command.AssertExhaustion e) {
            expectTrap(e.action(), e.message(), true);
        } else if (command instanceof Command.AssertModule a) {
            switch (a.assertion()) {
                case MALFORMED -> expectMalformed(a);
                case INVALID -> expectInvalid(a);
                case UNLINKABLE -> expectUnlinkable(a);
                case UNINSTANTIABLE, TRAP -> expectUninstantiable(a);
                default -> throw new Failure("unknown module assertion " + a.assertion());
            }
        } else {
            throw new Failure("cannot run " + command.kind());
        }
    }

    /**
     * Messages whose wording changed between editions of the spec suite, older to current:
     * Bytelift gives the current one, and an older script's expectation accepts it.
     */
    private static final java.util.Map<String, String> REWORDED = java.util.Map.of(
            "global is immutable", "immutable global",
            "malformed lane index", "i8 constant out of range");

    /** The spec's reference interpreter accepts a message that starts with the expected text. */
    private static void checkMessage(String expected, String actual, Throwable t) throws Failure {
        if (actual.startsWith(expected) || expected.startsWith(actual)) return;
        String current = REWORDED.get(expected);
        if (current != null && actual.startsWith(current)) return;
        throw new Failure("expected \"" + expected + "\", got \"" + actual + "\"", t);
    }

    private byte[] binary(ModuleSource source) throws TextFormatException {
        return TextModules.toBinary(source, sourceName, engine.config().features().contains(dev.bytelift.runtime.Feature.MEMORY64));
    }

    /**
     * Compiles bytes as a binary module only. {@link Engine#compile} reads bytes that start like
     * text as text, but {@code (module binary "(module)")} is a malformed binary; such bytes
     * cannot start with the magic number, so the decoder's answer is known.
     */
    private Module compileBinary(byte[] bytes) {
        if (Engine.looksLikeText(bytes)) {
            throw new MalformedModuleException(bytes.length < 4 ? "unexpected end" : "magic header not detected", 0);
        }
        Module m = engine.compile(bytes);
        if (AHEAD_OF_TIME) return engine.loadModule(new FilesClassLoader(m.aheadOfTime("spec")), "spec");
        return SERIALIZE ? engine.deserializeModule(m.serialize()) : m;
    }

    /**
     * With {@code -Dbytelift.spec.serialize=aot} every module goes through
     * {@link Module#aheadOfTime(String)} and {@link Engine#loadModule(ClassLoader, String)} (its
     * files served by a class loader of their own) before use (test-modules' spec-aot run).
     */
    private static final boolean AHEAD_OF_TIME = "aot".equals(System.getProperty("bytelift.spec.serialize"));

    /** Serves the files of {@link Module#aheadOfTime(String)} as classes and resources. */
    private static final class FilesClassLoader extends ClassLoader {
        private final java.util.Map<String, byte[]> files;

        FilesClassLoader(java.util.Map<String, byte[]> files) {
            super("bytelift-spec-aot", Engine.class.getClassLoader());
            this.files = files;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] b = files.get(name.replace('.', '/') + ".class");
            if (b == null) throw new ClassNotFoundException(name);
            return defineClass(name, b, 0, b.length);
        }

        @Override
        public java.io.InputStream getResourceAsStream(String name) {
            byte[] b = files.get(name);
            return b != null ? new java.io.ByteArrayInputStream(b) : super.getResourceAsStream(name);
        }
    }

    /**
     * A testing knob: with {@code -Dbytelift.spec.serialize=true} every module a script compiles
     * goes through {@link Module#serialize()} and {@link Engine#deserializeModule(byte[])} before
     * use, so that the spec suite checks deserialised modules (test-modules' spec-serialized run).
     */
    private static final boolean SERIALIZE = Boolean.getBoolean("bytelift.spec.serialize");

    private void define(String name, Module module) {
        lastDefinition = module;
        if (name != null) definitions.put(name, module);
    }

    private Module compile(ModuleSource source) throws Failure {
        try {
            return compileBinary(binary(source));
        } catch (TextFormatException e) {
            throw new Failure("module text does not parse: " + e.getMessage(), e);
        } catch (CompileException e) {
            throw new Failure("module does not compile: " + e.getMessage(), e);
        } catch (RuntimeException | StackOverflowError e) {
            throw new Failure("compiling threw " + e, e);
        }
    }

    private Instance instantiate(Module module) throws Failure {
        try {
            return linker.instantiate(store, module);
        } catch (RuntimeException e) {
            throw new Failure("instantiation failed: " + e, e);
        }
    }

    private void assertReturn(Command.AssertReturn a) throws Failure {
        Object[] results = perform(a.action());
        List<Expected> expected = a.expected();
        if (results.length != expected.size()) {
            throw new Failure("expected " + expected.size() + " results, got " + results.length + ": " + Arrays.toString(results));
        }
        for (int i = 0; i < results.length; i++) {
            String why = values.mismatch(expected.get(i), results[i]);
            if (why != null) throw new Failure("result " + i + ": " + why);
        }
    }

    /** The action must end in a WebAssembly exception (not a trap, not results). */
    private void expectException(Action action) throws Failure {
        Object[] results;
        try {
            results = perform(action);
        } catch (dev.bytelift.runtime.ThrownException e) {
            return;
        } catch (Trap t) {
            throw new Failure("expected an exception, got trap \"" + t.getMessage() + "\"", t);
        }
        throw new Failure("expected an exception, got results " + Arrays.toString(results));
    }

    private void expectTrap(Action action, String message, boolean exhaustion) throws Failure {
        Object[] results;
        try {
            results = perform(action);
        } catch (Trap t) {
            if (exhaustion && t.code() != TrapCode.STACK_OVERFLOW) {
                throw new Failure("expected stack exhaustion, got trap \"" + t.getMessage() + "\"", t);
            }
            checkMessage(message, t.getMessage(), t);
            return;
        }
        throw new Failure("expected trap \"" + message + "\", got results " + Arrays.toString(results));
    }

    /**
     * Malformed: text that does not parse, or a binary that does not decode. A text error's
     * message is checked like a decoder's.
     */
    private void expectMalformed(Command.AssertModule a) throws Failure {
        byte[] bytes;
        try {
            bytes = binary(a.module());
        } catch (TextFormatException e) {
            checkMessage(a.message(), e.specMessage(), e);
            return;
        }
        expectCompileError(bytes, a.message(), MalformedModuleException.class);
    }

    private void expectInvalid(Command.AssertModule a) throws Failure {
        byte[] bytes;
        try {
            bytes = binary(a.module());
        } catch (TextFormatException e) {
            throw new Failure("expected an invalid module \"" + a.message() + "\", but its text does not parse: " + e.getMessage(), e);
        }
        expectCompileError(bytes, a.message(), InvalidModuleException.class);
    }

    private void expectCompileError(byte[] bytes, String message, Class<? extends CompileException> kind) throws Failure {
        String want = kind == InvalidModuleException.class ? "an invalid module" : "a malformed module";
        try {
            compileBinary(bytes);
        } catch (CompileException e) {
            if (!kind.isInstance(e)) {
                throw new Failure("expected " + want + " \"" + message + "\", got " + e.getClass().getSimpleName()
                        + " \"" + e.specMessage() + "\"", e);
            }
            checkMessage(message, e.specMessage(), e);
            return;
        } catch (RuntimeException | StackOverflowError e) {
            throw new Failure("expected " + want + " \"" + message + "\", got " + e, e);
        }
        throw new Failure("expected " + want + " \"" + message + "\", but the module compiled");
    }

    private void expectUnlinkable(Command.AssertModule a) throws Failure {
        Module m = compile(a.module());
        try {
            linker.instantiate(store, m);
        } catch (LinkException e) {
            checkMessage(a.message(), e.specMessage(), e);
            return;
        } catch (RuntimeException e) {
            throw new Failure("expected a link error \"" + a.message() + "\", got " + e, e);
        }
        throw new Failure("expected a link error \"" + a.message() + "\", but it instantiated");
    }

    private void expectUninstantiable(Command.AssertModule a) throws Failure {
        Module m = compile(a.module());
        try {
            linker.instantiate(store, m);
        } catch (Trap t) {
            checkMessage(a.message(), t.getMessage(), t);
            return;
        } catch (RuntimeException e) {
            throw new Failure("expected trap \"" + a.message() + "\" while instantiating, got " + e, e);
        }
        throw new Failure("expected trap \"" + a.message() + "\" while instantiating, but it instantiated");
    }

    private String noModule(String what) {
        return "no module " + what + (failedModuleLine > 0 ? ": the module of line " + failedModuleLine + " failed" : "");
    }

    private Object[] perform(Action action) throws Failure {
        Instance inst = action.moduleName() != null ? named.get(action.moduleName()) : current;
        if (inst == null) {
            throw new Failure(action.moduleName() != null ? "unknown module " + action.moduleName() : noModule("to act on"));
        }
        Extern e = inst.getExport(action.field());
        if (e == null) throw new Failure("no export \"" + action.field() + "\"");
        if (action instanceof Action.Get) {
            if (!(e instanceof Global g)) throw new Failure("export \"" + action.field() + "\" is not a global");
            return new Object[] {g.get()};
        }
        if (!(e instanceof Func f)) throw new Failure("export \"" + action.field() + "\" is not a function");
        List<Value> args = ((Action.Invoke) action).args();
        Object[] a = new Object[args.size()];
        for (int i = 0; i < a.length; i++) a[i] = values.toHost(args.get(i));
        return f.call(a);
    }
}
