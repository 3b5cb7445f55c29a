package dev.bytelift.chicory;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.TrapException;
import com.dylibso.chicory.wasm.ChicoryException;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.TrapCode;

/**
 * Bytelift's traps as Chicory's exceptions. Every trap of the guest becomes a
 * {@link TrapException} whose message contains the spec's text (what Chicory's spec tests check),
 * so that Chicory reports a trapping start function as uninstantiable as it does for its own
 * machines; an interrupt becomes {@link ChicoryInterruptedException}. The trap, with its
 * WebAssembly backtrace, is the cause.
 */
final class ChicoryTraps {
    private ChicoryTraps() {}

    static ChicoryException map(Trap t) {
        TrapCode code = t.code();
        ChicoryException e;
        if (code == TrapCode.INTERRUPT) {
            e = new ChicoryInterruptedException("Thread interrupted", t);
        } else if (code == TrapCode.UNREACHABLE) {
            e = new TrapException("Trapped on unreachable instruction");
        } else {
            e = new TrapException(code == null ? String.valueOf(t.getMessage()) : code.message());
        }
        if (e.getCause() == null) e.initCause(t);
        return e;
    }
}
