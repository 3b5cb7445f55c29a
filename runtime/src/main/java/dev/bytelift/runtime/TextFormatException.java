package dev.bytelift.runtime;

/**
 * A module in the WebAssembly text format ({@code .wat}) that does not parse: the spec calls such
 * text "malformed", as it does undecodable binaries. The message is one line,
 * {@code name:line:column: message}, with {@link #specMessage()} in the spec's words ({@code
 * "unknown operator"}, {@code "unexpected token"}, {@code "i32 constant out of range"}, ...).
 * Lines and columns count from 1; columns count bytes of the UTF-8 text.
 */
public class TextFormatException extends MalformedModuleException {
    private final String sourceName;
    private final int line;
    private final int column;

    /**
     * {@code specMessage} at {@code line}:{@code column} (byte {@code offset} of the text) of the
     * source called {@code sourceName} (a file name, or a description such as {@code "<text>"}).
     */
    public TextFormatException(String specMessage, String sourceName, int line, int column, long offset) {
        super(specMessage, offset, sourceName + ":" + line + ":" + column + ": " + specMessage);
        this.sourceName = sourceName;
        this.line = line;
        this.column = column;
    }

    /** The name of the text the error is in, as given to the parser. */
    public String sourceName() {
        return sourceName;
    }

    /** The line of the error, from 1. */
    public int line() {
        return line;
    }

    /** The column of the error, from 1 (in bytes of UTF-8 from the start of the line). */
    public int column() {
        return column;
    }
}
