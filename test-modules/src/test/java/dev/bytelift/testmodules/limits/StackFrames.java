package dev.bytelift.testmodules.limits;

import java.util.ArrayList;
import java.util.List;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.HostFn;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.TrapCode;
import dev.bytelift.testmodules.TestModules;

/**
 * Runs every runaway recursion of wat/limits/stack_frames.wasm (one per frame shape) and says how
 * each ended: {@code limit} (the stack limit's trap), {@code jvm} (the stack trap made from a JVM
 * StackOverflowError), or what else it threw. Used by {@link StackFramesTest} in its own JVM and,
 * through {@link #main}, in a child JVM with the JVM's default thread stacks.
 */
public final class StackFrames {
    /** The exports, each a recursion with frames of another shape. */
    static final List<String> EXPORTS = List.of("small", "locals", "params", "indirect", "nested_blocks", "deep", "through_host");

    private StackFrames() {}

    /** How each export's recursion ended under {@code config}, in {@link #EXPORTS} order. */
    static List<String> run(EngineConfig config) {
        Engine engine = new Engine(config);
        Module module = engine.compile(TestModules.load("wat/limits/stack_frames.wasm"));
        Linker linker = new Linker(engine).defineFunction("host", "reenter", HostFn.I_I.class,
                (caller, n) -> (int) ((Func) caller.getExport("through_host")).call(n)[0]);
        List<String> outcomes = new ArrayList<>();
        for (String name : EXPORTS) {
            Store store = new Store(engine);
            Instance instance = linker.instantiate(store, module);
            outcomes.add(outcome(() -> instance.getFunc(name).call(1)));
            // the store stays usable
            if (!"limit".equals(outcome(() -> instance.getFunc("small").call(1)))) outcomes.set(outcomes.size() - 1, "store unusable");
        }
        return outcomes;
    }

    /** {@link #run} on a new thread of {@code stackSize} bytes (0: the JVM's default size). */
    static List<String> runOnThread(EngineConfig config, long stackSize) throws InterruptedException {
        return onThread(() -> run(config), stackSize);
    }

    /** {@code run}'s outcomes, computed on a new thread of {@code stackSize} bytes (0: the JVM's default size). */
    static List<String> onThread(java.util.function.Supplier<List<String>> run, long stackSize) throws InterruptedException {
        List<List<String>> result = new ArrayList<>();
        Throwable[] failure = {null};
        Runnable task = () -> {
            try {
                result.add(run.get());
            } catch (Throwable t) {
                failure[0] = t;
            }
        };
        Thread t = stackSize == 0 ? new Thread(task) : new Thread(null, task, "stack-" + stackSize, stackSize);
        t.start();
        t.join();
        if (failure[0] != null) throw new AssertionError(failure[0]);
        return result.get(0);
    }

    /**
     * The lines a child JVM with {@code flags} prints running {@code main} (a class like this one,
     * whose {@code main} prints the outcomes on its main thread and on a default-sized thread) with
     * configuration {@code config}.
     */
    static List<String> child(Class<?> main, List<String> flags, String config) throws java.io.IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(flags);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.add(config);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly();
        org.junit.jupiter.api.Assertions.assertEquals(0, p.exitValue(), out);
        return out.lines().toList();
    }

    /** How {@code call} ended: "limit" when the stack limit trapped it, with a backtrace and no JVM error behind. */
    static String outcome(Runnable call) {
        try {
            call.run();
            return "returned";
        } catch (Trap t) {
            if (t.code() != TrapCode.STACK_OVERFLOW) return "trap " + t.code();
            if (t.backtrace().isEmpty()) return "no backtrace";
            return t.getCause() instanceof StackOverflowError ? "jvm" : t.getCause() == null ? "limit" : "cause " + t.getCause();
        } catch (Throwable t) {
            return t.toString();
        }
    }

    /**
     * In a child JVM without {@code -Xss}: prints the outcomes with the default limit on the main
     * thread, then on a {@code new Thread(task)}, one line each.
     */
    public static void main(String[] args) throws InterruptedException {
        printOutcomes(args, StackFrames::run);
    }

    /**
     * A child JVM's part ({@link #child}): {@code run}'s outcomes with the default limit, in the
     * configuration {@code args} name ("split", else the defaults), on the main thread and then on
     * a {@code new Thread(task)}, one line each.
     */
    static void printOutcomes(String[] args, java.util.function.Function<EngineConfig, List<String>> run) throws InterruptedException {
        EngineConfig config = args.length > 0 && args[0].equals("split")
                ? EngineConfig.builder().splitFunctionsOver(0).regionInstructions(8).build()
                : EngineConfig.defaults();
        System.out.println("main " + run.apply(config));
        System.out.println("thread " + onThread(() -> run.apply(config), 0));
    }
}
