package dev.bytelift.wasi.internal;

import dev.bytelift.wasi.WasiExitException;

/** {@code proc_exit}, {@code proc_raise}, {@code sched_yield}. */
public final class Proc {
    private Proc() {}

    /** Ends the program: unwinds the WebAssembly stack with {@link WasiExitException}. */
    public static void exit(WasiContext ctx, int code) {
        ctx.flushStdio();
        throw new WasiExitException(code);
    }

    /** Signals are not part of what Bytelift offers a guest: ENOSYS. */
    public static int raise(int signal) {
        return Errno.ENOSYS;
    }

    public static int schedYield() {
        Thread.yield();
        return Errno.SUCCESS;
    }
}
