package dev.bytelift.chicory;

import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.wasm.types.Value;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.Global;
import dev.bytelift.runtime.V128;

/**
 * A mutable global the instance imports from one of Chicory's own global instances (not a view of
 * a Bytelift global in the same store): generated code reads and writes a Bytelift global, so the
 * value is copied across wherever control crosses between Chicory and WebAssembly — into
 * Bytelift's global when a call enters the guest and when a host function returns to it, back
 * into Chicory's when the guest calls a host function and when the call returns or traps. The
 * host and other instances therefore see every change the guest made whenever they can run, and
 * the guest sees theirs, as with a shared global.
 */
final class GlobalMirror {
    private final ByteliftMachine machine;
    private final GlobalInstance chicory;
    private final Global bytelift;

    GlobalMirror(ByteliftMachine machine, GlobalInstance chicory, Global bytelift) {
        this.machine = machine;
        this.chicory = chicory;
        this.bytelift = bytelift;
    }

    /** Chicory's value into Bytelift's global. */
    void pull() {
        bytelift.set(ChicoryImports.value(machine, chicory, bytelift.type().valType()));
    }

    /** Bytelift's value into Chicory's global. */
    void push() {
        Object v = bytelift.get();
        switch (bytelift.type().valType().kind()) {
            case I32 -> chicory.setValueLow((Integer) v);
            case I64 -> chicory.setValueLow((Long) v);
            case F32 -> chicory.setValueLow(Float.floatToRawIntBits((Float) v));
            case F64 -> chicory.setValueLow(Double.doubleToRawLongBits((Double) v));
            case V128 -> {
                chicory.setValueLow(((V128) v).lo());
                chicory.setValueHigh(((V128) v).hi());
            }
            case EXTERNREF -> chicory.setValueLow(v == null ? Value.REF_NULL_VALUE : ((Number) v).longValue());
            // as Chicory encodes references: a function's index in this instance
            case FUNCREF -> chicory.setValueLow(v == null ? Value.REF_NULL_VALUE : machine.indexOf((Func) v));
            default -> throw new com.dylibso.chicory.wasm.ChicoryException("unsupported global type " + bytelift.type());
        }
    }
}
