package dev.bytelift.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code bytelift} command line. As with {@code wasmtime}, a first argument that is not a
 * subcommand (nor {@code --help}/{@code --version}) means {@code run}: {@code bytelift app.wasm ARGS}.
 */
@Command(name = "bytelift", mixinStandardHelpOptions = true, version = "bytelift 0.1.0",
        description = "Compiles WebAssembly to JVM bytecode and runs it; compiles ahead of time; runs spec scripts (.wast).",
        footer = {"%nWithout a subcommand, 'run' is used: bytelift [RUN OPTIONS] FILE [ARGS...].",
            "Usage errors exit 2; 'bytelift help run' lists run's options and exit statuses.%n"})
public final class Main implements java.util.concurrent.Callable<Integer> {
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
        boolean implied = impliesRun(args);
        CommandLine cl = new CommandLine(new Main());
        // picocli builds a subcommand's model from its annotations when it is added, 8-15 ms for
        // compile's and wast's in a fresh JVM: a run (most invocations) adds only its own
        // (docs/performance.md §27); anything else, the help and usage included, gets them all
        Object only = switch (implied ? "run" : args.length > 0 ? args[0] : "") {
            case "run" -> new RunCommand();
            case "compile" -> new CompileCommand();
            case "wast" -> new WastCommand();
            default -> null;
        };
        if (only != null) {
            cl.addSubcommand(only);
        } else {
            cl.addSubcommand(new RunCommand());
            cl.addSubcommand(new CompileCommand());
            cl.addSubcommand(new WastCommand());
            cl.addSubcommand(new CommandLine.HelpCommand());
        }
        cl.setOut(out);
        cl.setErr(err);
        // everything after FILE belongs to the program (like `wasmtime run`), even words starting with '-'
        cl.setStopAtPositional(true);
        CommandLine compile = cl.getSubcommands().get("compile");
        if (compile != null) compile.setStopAtPositional(false); // no program arguments: options may follow FILE
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("error: " + ex.getMessage());
            return RunCommand.USAGE_EXIT;
        });
        return cl.execute(implied ? prepend("run", args) : args);
    }

    /** The subcommands' names. */
    private static final java.util.Set<String> SUBCOMMANDS = java.util.Set.of("run", "compile", "wast", "help");

    /** Whether {@code args} start with something other than a subcommand or a top-level option. */
    private static boolean impliesRun(String[] args) {
        if (args.length == 0 || SUBCOMMANDS.contains(args[0])) return false;
        return !java.util.Set.of("-h", "--help", "-V", "--version").contains(args[0]);
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** {@code bytelift} alone: the usage on stderr, a usage error (Wasmtime asks for a module too). */
    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        cl.getErr().println("error: no FILE given (bytelift FILE [ARGS...], or a subcommand)");
        cl.usage(cl.getErr());
        return RunCommand.USAGE_EXIT;
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
}
