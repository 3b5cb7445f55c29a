package dev.bytelift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * An unexpected exception in the command's worker thread once ended that thread uncaught, and the
 * process exited with status 0 after a JVM stack trace: it must print one line and fail.
 */
class InternalErrorTest {
    @Test
    void anUnexpectedExceptionPrintsOneLineAndExitsNonZero() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RunCommand.guarded(() -> {
            throw new IndexOutOfBoundsException("Index 0 out of bounds for length 0");
        }, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(RunCommand.INTERNAL_ERROR_EXIT, code);
        String text = err.toString();
        assertTrue(text.startsWith("error: internal error: java.lang.IndexOutOfBoundsException: Index 0"), text);
        assertEquals(1, text.lines().count(), text);
        assertEquals("", out.toString());
    }

    @Test
    void anErrorIsCaughtToo() {
        StringWriter err = new StringWriter();
        int code = RunCommand.guarded(() -> {
            throw new StackOverflowError();
        }, new PrintWriter(new StringWriter()), new PrintWriter(err, true));
        assertEquals(RunCommand.INTERNAL_ERROR_EXIT, code);
        assertTrue(err.toString().startsWith("error: internal error: java.lang.StackOverflowError"), err.toString());
    }

    @Test
    void aNormalStatusPassesThrough() {
        assertEquals(3, RunCommand.guarded(() -> 3, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())));
    }
}
