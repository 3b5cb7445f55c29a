package dev.bytelift.testmodules.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import dev.bytelift.cli.Main;

/** Runs the command line in-process for the CLI tests, keeping what it printed. */
abstract class CliRun {
    /** What the last {@link #run} printed on stdout and stderr. */
    String out;
    String err;

    /** Runs {@code bytelift args...} and returns its exit status. */
    int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(new PrintWriter(o, true), new PrintWriter(e, true), args);
        out = o.toString();
        err = e.toString();
        return code;
    }
}
