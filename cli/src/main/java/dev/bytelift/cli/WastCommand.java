package dev.bytelift.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.TextFormatException;
import dev.bytelift.wast.CommandResult;
import dev.bytelift.wast.Script;
import dev.bytelift.wast.ScriptParser;
import dev.bytelift.wast.ScriptRunner;

/** {@code bytelift wast}: run WebAssembly spec scripts. */
@Command(name = "wast", mixinStandardHelpOptions = true,
        description = "Runs WebAssembly spec scripts (.wast): modules, register, invoke, get and every assert_* command. "
                + "Prints one line per failing command (FILE:LINE: COMMAND: why), then how many passed and failed "
                + "(per file, and in total when there are several); the exit status is 1 if any command failed "
                + "or a script does not parse.")
final class WastCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The .wast scripts, run in order, each on its own.")
    List<Path> files;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return RunCommand.guarded(() -> runAll(out, err), out, err);
    }

    private int runAll(PrintWriter out, PrintWriter err) {
        Engine engine = new Engine();
        int[] total = new int[3];
        boolean error = false;
        for (Path file : files) {
            int[] counts = new int[3];
            error |= !runFile(engine, file, counts, out, err);
            for (int k = 0; k < 3; k++) total[k] += counts[k];
            if (files.size() > 1) out.println(file + ": " + summary(counts));
        }
        out.println(summary(total));
        out.flush();
        err.flush();
        return error || total[CommandResult.Status.FAILED.ordinal()] > 0 ? 1 : 0;
    }

    /** Runs one script, counting results by status; false if it could not be read or parsed. */
    private static boolean runFile(Engine engine, Path file, int[] counts, PrintWriter out, PrintWriter err) {
        String name = file.toString();
        Script script;
        try {
            script = ScriptParser.parse(Files.readAllBytes(file), name);
        } catch (NoSuchFileException e) {
            err.println("error: no such file: " + name);
            return false;
        } catch (IOException e) {
            err.println("error: cannot read " + name + ": " + e.getMessage());
            return false;
        } catch (TextFormatException e) {
            err.println(e.getMessage());
            return false;
        }
        try (ScriptRunner runner = new ScriptRunner(engine, name)) {
            for (dev.bytelift.wast.Command c : script.commands()) {
                CommandResult r = runner.run(c);
                counts[r.status().ordinal()]++;
                if (r.status() == CommandResult.Status.FAILED) {
                    out.println(name + ":" + r.line() + ": " + r.kind() + ": " + oneLine(r.message()));
                }
            }
        }
        return true;
    }

    private static String oneLine(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n");
    }

    private static String summary(int[] counts) {
        String s = counts[CommandResult.Status.PASSED.ordinal()] + " passed, " + counts[CommandResult.Status.FAILED.ordinal()] + " failed";
        int skipped = counts[CommandResult.Status.SKIPPED.ordinal()];
        return skipped > 0 ? s + ", " + skipped + " skipped" : s;
    }
}
