package dev.bytelift.runtime;

import java.util.Arrays;
import java.util.List;

/**
 * A WebAssembly exception (exception handling, WebAssembly 3.0): a {@link Tag} and the values it
 * carries. It is both the Java exception and the {@code exnref} value: a WebAssembly
 * {@code throw} raises one, a {@code catch} of its tag (or a {@code catch_all}) catches it, and
 * one that leaves an exported function reaches the host as itself, where it can be inspected
 * ({@link #tag()}, {@link #values()}) and thrown again. A host function throws one into the guest
 * with {@code throw new ThrownException(tag, values...)}; a WebAssembly handler catches it as if
 * the guest had thrown it. An {@code exnref} value passed to or returned from the host is a
 * {@code ThrownException} (or {@code null}).
 *
 * <p>Unlike a {@link Trap}, it is not an error: it has no Java stack trace (creating and
 * throwing one is cheap) and no WebAssembly backtrace. Traps are never WebAssembly exceptions:
 * no {@code catch} catches them.
 */
public final class ThrownException extends WasmException {
    private static final long serialVersionUID = 1L;

    private final transient Tag tag;
    private final transient Object[] values;

    /**
     * An exception of {@code tag} carrying {@code values}, boxed as the API passes values (an
     * {@code Integer} for i32, a {@code Long} for i64, a {@code Float}, a {@code Double}, a
     * {@link V128}, a reference).
     *
     * @throws IllegalArgumentException if the values do not match the tag's parameter types
     */
    public ThrownException(Tag tag, Object... values) {
        this(tag, values.clone(), true);
    }

    /** The runtime's constructor: {@code values} are of the tag's types already, and kept. */
    ThrownException(Tag tag, Object[] values, boolean check) {
        super(null, null); // the message is made when asked for (getMessage)
        this.tag = java.util.Objects.requireNonNull(tag, "tag");
        this.values = values;
        if (check) {
            FuncType t = tag.type().type();
            if (values.length != t.paramCount()) {
                throw new IllegalArgumentException(tag + " carries " + t.paramCount() + " values, got " + values.length);
            }
            for (int i = 0; i < values.length; i++) {
                if (!ValType.holds(t.param(i), values[i])) {
                    throw new IllegalArgumentException("value " + i + " of " + tag + " must be "
                            + ValType.javaName(t.param(i)) + ", got " + values[i]);
                }
            }
        }
    }

    /** The exception's tag. */
    public Tag tag() {
        return tag;
    }

    /** The values it carries, boxed as {@link #ThrownException(Tag, Object...)} takes them. */
    public List<Object> values() {
        return Arrays.asList(values.clone());
    }

    /** Value {@code i}, boxed. */
    public Object value(int i) {
        return values[i];
    }

    /** Internal: the values array itself (generated code's unpacking helpers read it). */
    Object[] rawValues() {
        return values;
    }

    /** No stack trace: a WebAssembly exception is control flow, and the guest's frames are not Java's to show. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    @Override
    public String getMessage() {
        return "uncaught WebAssembly exception of " + tag + (values.length == 0 ? "" : " carrying " + Arrays.toString(values));
    }
}
