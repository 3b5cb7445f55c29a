package dev.bytelift.runtime;

/**
 * The module is valid but exceeds a limit of Bytelift's (not of the spec), for example a function
 * type with more parameters than a JVM method can take. Raised when the module is compiled;
 * {@link #offset()} is where the offending definition is.
 */
public final class ImplementationLimitException extends CompileException {
    /** {@code message} says which limit; {@code offset} is where in the module. */
    public ImplementationLimitException(String message, long offset) {
        super(message, offset);
    }
}
