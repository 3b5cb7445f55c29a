package dev.bytelift.wast;

import java.util.List;

/**
 * A parsed {@code .wast} script: its commands in source order.
 *
 * @param sourceName the name errors and results are reported under (usually the file name)
 * @param commands the commands, in the order they run
 */
public record Script(String sourceName, List<Command> commands) {
    /** Copies the command list. */
    public Script {
        commands = List.copyOf(commands);
    }
}
