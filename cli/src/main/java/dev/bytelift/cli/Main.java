package dev.bytelift.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code bytelift} command line. */
@Command(name = "bytelift", mixinStandardHelpOptions = true, version = "bytelift 0.1.0",
        description = "Compiles WebAssembly to JVM bytecode and runs it; runs spec scripts (.wast).",
        subcommands = {RunCommand.class, WastCommand.class})
public final class Main {
    public static void main(String[] args) {
        // an exception ending any other thread (a WASI stdin pump, a timer) is a bug of ours: fail loudly
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            System.out.flush();
            System.err.println(RunCommand.internalError(e) + " in thread " + thread.getName());
            System.err.flush();
            Runtime.getRuntime().halt(RunCommand.INTERNAL_ERROR_EXIT);
        });
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code. */
    public static int run(String... args) {
        return run(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
    }

    /** Runs the command line with the given output streams and returns the exit code (for tests). */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        // everything after FILE belongs to the program (like `wasmtime run`), even words starting with '-'
        cl.setStopAtPositional(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("error: " + ex.getMessage());
            return 2;
        });
        return cl.execute(args);
    }
}
