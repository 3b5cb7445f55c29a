package dev.bytelift.wast;

/**
 * What running one command gave.
 *
 * @param line the command's line
 * @param kind the command's keyword ({@link Command#kind()})
 * @param status passed, failed or skipped
 * @param message why it failed or was skipped; empty when it passed
 * @param cause the exception behind a failure, or null
 */
public record CommandResult(int line, String kind, Status status, String message, Throwable cause) {
    /** A command's outcome. */
    public enum Status {
        /** The command behaved as the script says. */
        PASSED,
        /** It did not. */
        FAILED,
        /** It was not run (a command this runner does not support). */
        SKIPPED
    }

    static CommandResult passed(Command c) {
        return new CommandResult(c.line(), c.kind(), Status.PASSED, "", null);
    }
}
