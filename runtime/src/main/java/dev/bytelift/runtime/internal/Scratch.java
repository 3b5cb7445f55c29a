package dev.bytelift.runtime.internal;

/**
 * Per-store scratch space through which generated code passes values the JVM cannot return
 * directly: the high half of a {@code v128} result of a runtime helper, and the second and later
 * results of a multi-value function. A value written here is read back immediately by the caller,
 * before any other call, so one object per store (stores are single-threaded) is enough.
 *
 * <p>ABI: read and written by generated code.
 */
public final class Scratch {
    /**
     * The result slots a scratch always has (generated code may count on them): the 200 slots of
     * operand values a piece of a split function may carry (translate/Regions), so that every
     * piece can hand them back to its caller and long runs of code split into siblings rather
     * than a chain of nested calls (issue 20: 16 made 10 MiB of code over 20 i64s ~3,000 frames deep).
     */
    public static final int MIN_RESULT_SLOTS = 200;

    /** The high 64 bits of the {@code v128} a helper just returned the low half of. */
    public long v128Hi;

    /**
     * Results 1..n-1 of a multi-value call; numbers as raw bits (floats via
     * {@code floatToRawIntBits}), v128 as two consecutive entries (low, high).
     */
    public long[] results = new long[MIN_RESULT_SLOTS];

    /** Reference-typed results 1..n-1 of a multi-value call, at the same indices as {@link #results}. */
    public Object[] refResults = new Object[MIN_RESULT_SLOTS];

    /**
     * The function a tail call is replacing the returning function with (the "pending call", see
     * {@link TailCalls}), or {@code null}. Set by a function's last instruction, read and cleared
     * by the trampoline loop its caller runs.
     */
    public dev.bytelift.runtime.Func tailCallee;

    /** The arguments of the pending tail call, laid out as {@link #results} (numbers as raw bits). */
    public long[] tailArgs = new long[0];

    /** The reference arguments of the pending tail call, at the same indices as {@link #tailArgs}. */
    public Object[] tailRefArgs = new Object[0];

    /** Makes room for {@code n} tail-call argument slots. Called only between calls. */
    public void ensureTailArgCapacity(int n) {
        if (n > tailArgs.length) {
            tailArgs = new long[n];
            tailRefArgs = new Object[n];
        }
    }

    /** Makes room for {@code n} multi-value result slots. Called only between calls. */
    public void ensureResultCapacity(int n) {
        if (n > results.length) {
            results = new long[n];
            refResults = new Object[n];
        }
    }
}
