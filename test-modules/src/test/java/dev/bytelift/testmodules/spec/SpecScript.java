package dev.bytelift.testmodules.spec;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import dev.bytelift.runtime.CompileException;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.Extern;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.Global;
import dev.bytelift.runtime.GlobalType;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.InvalidModuleException;
import dev.bytelift.runtime.Limits;
import dev.bytelift.runtime.LinkException;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.MalformedModuleException;
import dev.bytelift.runtime.Memory;
import dev.bytelift.runtime.MemoryType;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Table;
import dev.bytelift.runtime.TableType;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.TrapCode;
import dev.bytelift.runtime.ValType;

/**
 * Runs the commands of one wast2json script in order against Bytelift: a fresh store, linker
 * and {@code spectest} module per script.
 */
final class SpecScript {
    /** Thrown when a command does not behave as the script says. */
    static final class Failure extends Exception {
        Failure(String message) {
            super(message);
        }

        Failure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The result of a command that is skipped rather than run. */
    static final class Skipped extends Exception {
        Skipped(String message) {
            super(message);
        }
    }

    private final Path dir;
    private final Engine engine;
    private final Store store;
    private final Linker linker = new Linker();
    private final Map<String, Instance> named = new HashMap<>();
    private final Map<Long, SpecValues.HostRef> hostRefs = new HashMap<>();
    private Instance current;

    /**
     * Expected messages of assert_invalid / assert_malformed modules, by module content. wast2json
     * can write identical binaries for text modules the spec expects different messages for (it
     * drops an empty typed {@code select (result)}); identical input can only give one answer, so
     * any message expected for that content is accepted.
     */
    private final Map<String, java.util.Set<String>> textsByContent = new HashMap<>();

    SpecScript(Path dir, Engine engine, List<JsonObject> commands) {
        this.dir = dir;
        this.engine = engine;
        this.store = new Store(engine);
        if (engine.config().consumeFuel()) store.setFuel(Long.MAX_VALUE / 2);
        if (engine.config().epochInterruption()) store.setEpochDeadline(Long.MAX_VALUE / 2);
        defineSpectest();
        for (JsonObject c : commands) {
            String type = c.get("type").getAsString();
            if ((type.equals("assert_invalid") || type.equals("assert_malformed")) && c.has("filename")
                    && !"text".equals(c.has("module_type") ? c.get("module_type").getAsString() : "binary")) {
                try {
                    textsByContent.computeIfAbsent(key(read(c)), k -> new java.util.HashSet<>()).add(text(c));
                } catch (Failure ignored) {
                    // reported when the command runs
                }
            }
        }
    }

    private static String key(byte[] bytes) {
        return java.util.Base64.getEncoder().encodeToString(bytes);
    }

    private void defineSpectest() {
        FuncType none = FuncType.of(List.of(), List.of());
        linker.defineFunction(store, "spectest", "print", none, (c, a) -> null);
        linker.defineFunction(store, "spectest", "print_i32", FuncType.of(List.of(ValType.I32), List.of()), (c, a) -> null);
        linker.defineFunction(store, "spectest", "print_i64", FuncType.of(List.of(ValType.I64), List.of()), (c, a) -> null);
        linker.defineFunction(store, "spectest", "print_f32", FuncType.of(List.of(ValType.F32), List.of()), (c, a) -> null);
        linker.defineFunction(store, "spectest", "print_f64", FuncType.of(List.of(ValType.F64), List.of()), (c, a) -> null);
        linker.defineFunction(store, "spectest", "print_i32_f32", FuncType.of(List.of(ValType.I32, ValType.F32), List.of()), (c, a) -> null);
        linker.defineFunction(store, "spectest", "print_f64_f64", FuncType.of(List.of(ValType.F64, ValType.F64), List.of()), (c, a) -> null);
        linker.define("spectest", "global_i32", new Global(new GlobalType(ValType.I32, false), 666));
        linker.define("spectest", "global_i64", new Global(new GlobalType(ValType.I64, false), 666L));
        linker.define("spectest", "global_f32", new Global(new GlobalType(ValType.F32, false), 666.6f));
        linker.define("spectest", "global_f64", new Global(new GlobalType(ValType.F64, false), 666.6));
        linker.define("spectest", "table", new Table(new TableType(ValType.FUNCREF, new Limits(10, 20)), null));
        linker.define("spectest", "memory", new Memory(new MemoryType(new Limits(1, 2))));
    }

    private byte[] read(JsonObject cmd) throws Failure {
        try {
            return Files.readAllBytes(dir.resolve(cmd.get("filename").getAsString()));
        } catch (IOException e) {
            throw new Failure("cannot read module file: " + e);
        }
    }

    private Module compile(JsonObject cmd) throws Failure {
        try {
            return engine.compile(read(cmd));
        } catch (CompileException e) {
            throw new Failure("module does not compile: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new Failure("compiling threw " + e, e);
        }
    }

    private static String text(JsonObject cmd) {
        return cmd.has("text") ? cmd.get("text").getAsString() : "";
    }

    /** The spec reference interpreter accepts a message that starts with the expected text. */
    private static void checkMessage(String expected, String actual, Throwable t) throws Failure {
        if (actual.startsWith(expected) || expected.startsWith(actual)) return;
        throw new Failure("expected \"" + expected + "\", got \"" + actual + "\"", t);
    }

    void run(JsonObject cmd) throws Failure, Skipped {
        String type = cmd.get("type").getAsString();
        switch (type) {
            case "module" -> {
                Module m = compile(cmd);
                Instance inst;
                try {
                    inst = linker.instantiate(store, m);
                } catch (RuntimeException e) {
                    throw new Failure("instantiation failed: " + e, e);
                }
                current = inst;
                if (cmd.has("name")) named.put(cmd.get("name").getAsString(), inst);
            }
            case "register" -> {
                Instance inst = cmd.has("name") ? named.get(cmd.get("name").getAsString()) : current;
                if (inst == null) throw new Failure("no module to register");
                linker.defineInstance(cmd.get("as").getAsString(), inst);
            }
            case "action" -> perform(cmd.getAsJsonObject("action"));
            case "assert_return" -> {
                Object[] results = perform(cmd.getAsJsonObject("action"));
                JsonArray expected = cmd.getAsJsonArray("expected");
                if (results.length != expected.size()) {
                    throw new Failure("expected " + expected.size() + " results, got " + results.length);
                }
                for (int i = 0; i < results.length; i++) {
                    String why = SpecValues.mismatch(expected.get(i).getAsJsonObject(), results[i], hostRefs);
                    if (why != null) throw new Failure("result " + i + ": " + why);
                }
            }
            case "assert_trap", "assert_exhaustion" -> {
                try {
                    Object[] r = perform(cmd.getAsJsonObject("action"));
                    throw new Failure("expected trap \"" + text(cmd) + "\", got results " + java.util.Arrays.toString(r));
                } catch (Trap t) {
                    if (type.equals("assert_exhaustion") && t.code() != TrapCode.STACK_OVERFLOW) {
                        throw new Failure("expected stack exhaustion, got trap " + t.getMessage(), t);
                    }
                    checkMessage(text(cmd), t.getMessage(), t);
                }
            }
            case "assert_invalid" -> expectCompileError(cmd, InvalidModuleException.class);
            case "assert_malformed" -> {
                if ("text".equals(cmd.has("module_type") ? cmd.get("module_type").getAsString() : "binary")) {
                    throw new Skipped("text module (no WAT parser in the harness)");
                }
                expectCompileError(cmd, MalformedModuleException.class);
            }
            case "assert_unlinkable" -> {
                Module m = compile(cmd);
                try {
                    linker.instantiate(store, m);
                    throw new Failure("expected link error \"" + text(cmd) + "\", but it instantiated");
                } catch (LinkException e) {
                    checkMessage(text(cmd), e.specMessage(), e);
                } catch (RuntimeException e) {
                    throw new Failure("expected a link error, got " + e, e);
                }
            }
            case "assert_uninstantiable" -> {
                Module m = compile(cmd);
                try {
                    linker.instantiate(store, m);
                    throw new Failure("expected trap \"" + text(cmd) + "\" on instantiation, but it instantiated");
                } catch (Trap t) {
                    checkMessage(text(cmd), t.getMessage(), t);
                } catch (RuntimeException e) {
                    throw new Failure("expected a trap, got " + e, e);
                }
            }
            default -> throw new Failure("unknown command type " + type);
        }
    }

    private void expectCompileError(JsonObject cmd, Class<? extends CompileException> kind) throws Failure {
        byte[] bytes = read(cmd);
        try {
            engine.compile(bytes);
        } catch (CompileException e) {
            if (!kind.isInstance(e)) {
                throw new Failure("expected " + kind.getSimpleName() + " \"" + text(cmd) + "\", got " + e.getClass().getSimpleName()
                        + " \"" + e.specMessage() + "\"", e);
            }
            for (String alt : textsByContent.getOrDefault(key(bytes), java.util.Set.of())) {
                if (e.specMessage().startsWith(alt) || alt.startsWith(e.specMessage())) return;
            }
            checkMessage(text(cmd), e.specMessage(), e);
            return;
        } catch (Throwable t) {
            throw new Failure("expected " + kind.getSimpleName() + " \"" + text(cmd) + "\", got " + t, t);
        }
        throw new Failure("expected " + kind.getSimpleName() + " \"" + text(cmd) + "\", but the module compiled");
    }

    private Object[] perform(JsonObject action) throws Failure {
        Instance inst = action.has("module") ? named.get(action.get("module").getAsString()) : current;
        if (inst == null) throw new Failure("no module for action");
        String field = action.get("field").getAsString();
        String type = action.get("type").getAsString();
        Extern e = inst.getExport(field);
        if (e == null) throw new Failure("no export \"" + field + "\"");
        if (type.equals("get")) {
            if (!(e instanceof Global g)) throw new Failure("export \"" + field + "\" is not a global");
            return new Object[] {g.get()};
        }
        if (!(e instanceof Func f)) throw new Failure("export \"" + field + "\" is not a function");
        JsonArray args = action.getAsJsonArray("args");
        Object[] a = new Object[args.size()];
        int i = 0;
        for (JsonElement arg : args) a[i++] = SpecValues.arg(arg.getAsJsonObject(), hostRefs);
        return f.call(a);
    }
}
