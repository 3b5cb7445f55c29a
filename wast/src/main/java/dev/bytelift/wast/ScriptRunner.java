package dev.bytelift.wast;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import dev.bytelift.runtime.Engine;

/**
 * Runs the commands of one script, in order, against the embedding API: a fresh store and
 * linker, with the {@code spectest} module, per runner. Commands run on a thread of the runner's
 * own with a large stack (deep recursion in the suite is meant to exhaust the WebAssembly stack
 * limit, not the JVM's), each with a time limit; after a command times out, the rest fail
 * without running, since the stuck one may still hold the store.
 *
 * <pre>{@code
 * try (ScriptRunner runner = new ScriptRunner(engine, script.sourceName())) {
 *     for (Command c : script.commands()) report(runner.run(c));
 * }
 * }</pre>
 */
public final class ScriptRunner implements AutoCloseable {
    /** The time limit of one command unless given: long enough for the slowest command of the suite on a busy machine. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private static final long STACK_BYTES = 512L << 20;

    private final Engine engine;
    private final String sourceName;
    private final Duration timeout;
    private final ExecutorService thread;
    private ScriptState state;
    private boolean broken;

    /**
     * A runner for one script, with the default time limit per command.
     *
     * @param engine compiles the script's modules (its configuration applies: fuel and epochs,
     *     when on, get limits no script reaches)
     * @param sourceName the script's name, for text-format errors in its modules
     */
    public ScriptRunner(Engine engine, String sourceName) {
        this(engine, sourceName, DEFAULT_COMMAND_TIMEOUT);
    }

    /**
     * A runner for one script.
     *
     * @param engine compiles the script's modules
     * @param sourceName the script's name, for text-format errors in its modules
     * @param commandTimeout the time limit of each command
     */
    public ScriptRunner(Engine engine, String sourceName, Duration commandTimeout) {
        this.engine = engine;
        this.sourceName = sourceName;
        this.timeout = commandTimeout;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(null, r, "wast-" + sourceName, STACK_BYTES);
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs every command of {@code script} in a fresh runner and returns their results, in order. */
    public static List<CommandResult> runAll(Engine engine, Script script) {
        try (ScriptRunner runner = new ScriptRunner(engine, script.sourceName())) {
            List<CommandResult> results = new ArrayList<>();
            for (Command c : script.commands()) results.add(runner.run(c));
            return results;
        }
    }

    /**
     * Runs one command (commands must be given in script order) and says how it went. Never
     * throws for anything the command or its modules do: every outcome is a result.
     */
    public CommandResult run(Command command) {
        if (command instanceof Command.Unsupported u) {
            return result(command, CommandResult.Status.SKIPPED, "not supported: " + u.kind(), null);
        }
        if (broken) return result(command, CommandResult.Status.FAILED, "an earlier command of this script timed out", null);
        Future<?> f = thread.submit(() -> {
            if (state == null) state = new ScriptState(engine, sourceName);
            state.run(command);
            return null;
        });
        try {
            f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return CommandResult.passed(command);
        } catch (TimeoutException e) {
            broken = true;
            f.cancel(true);
            return result(command, CommandResult.Status.FAILED, "timed out after " + timeout.toSeconds() + " s", null);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof ScriptState.Failure) {
                return result(command, CommandResult.Status.FAILED, c.getMessage(), c.getCause());
            }
            return result(command, CommandResult.Status.FAILED, "unexpected " + c, c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            broken = true;
            return result(command, CommandResult.Status.FAILED, "interrupted", e);
        }
    }

    private static CommandResult result(Command c, CommandResult.Status status, String message, Throwable cause) {
        return new CommandResult(c.line(), c.kind(), status, message, cause);
    }

    /** Stops the runner's thread (one still stuck in a timed-out command is left to die with the JVM: it is a daemon). */
    @Override
    public void close() {
        thread.shutdownNow();
    }
}
