package dev.bytelift.chicory;

import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.types.MutabilityType;
import com.dylibso.chicory.wasm.types.ValType;
import com.dylibso.chicory.wasm.types.Value;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.Global;
import dev.bytelift.runtime.V128;

/**
 * Chicory's view of a global that a Bytelift instance defines: made by the global factory that
 * {@link ByteliftChicory#configure} installs, it binds to the Bytelift global when Chicory hands it
 * its instance, and from then on reads and writes that global, so that the host and importing
 * instances see what the guest stores. Before that (or for an instance not on Bytelift's machine)
 * it is an ordinary {@link GlobalInstance}.
 */
final class ByteliftGlobal extends GlobalInstance {
    private Global bound;
    private ByteliftMachine machine;

    ByteliftGlobal(long low, long high, ValType type, MutabilityType mutability) {
        super(low, high, type, mutability);
    }

    /** The Bytelift global this is a view of, or null. */
    Global bound() {
        return bound;
    }

    ByteliftMachine machine() {
        return machine;
    }

    @Override
    public void setInstance(Instance instance) {
        super.setInstance(instance);
        if (bound == null && instance.getMachine() instanceof ByteliftMachine m) {
            machine = m;
            bound = m.nextDefinedGlobal();
        }
    }

    @Override
    public long getValue() {
        return getValueLow();
    }

    @Override
    public long getValueLow() {
        if (bound == null) return super.getValueLow();
        Object v = bound.get();
        return switch (bound.type().valType().kind()) {
            case I32 -> (Integer) v;
            case I64 -> (Long) v;
            case F32 -> Float.floatToRawIntBits((Float) v);
            case F64 -> Double.doubleToRawLongBits((Double) v);
            case V128 -> ((V128) v).lo();
            case FUNCREF -> v == null ? Value.REF_NULL_VALUE : machine.indexOf((Func) v);
            case EXTERNREF -> v == null ? Value.REF_NULL_VALUE : ((Number) v).longValue();
            default -> super.getValueLow();
        };
    }

    @Override
    public long getValueHigh() {
        if (bound == null || bound.type().valType().kind() != dev.bytelift.runtime.ValType.Kind.V128) return super.getValueHigh();
        return ((V128) bound.get()).hi();
    }

    @Override
    public void setValue(Value value) {
        setValueLow(value.raw());
    }

    @Override
    public void setValue(long value) {
        setValueLow(value);
    }

    @Override
    public void setValueLow(long value) {
        if (bound == null) {
            super.setValueLow(value);
            return;
        }
        bound.set(switch (bound.type().valType().kind()) {
            case I32 -> (int) value;
            case I64 -> value;
            case F32 -> Float.intBitsToFloat((int) value);
            case F64 -> Double.longBitsToDouble(value);
            case V128 -> new V128(value, ((V128) bound.get()).hi());
            case FUNCREF -> value == Value.REF_NULL_VALUE ? null : machine.function(value);
            case EXTERNREF -> value == Value.REF_NULL_VALUE ? null : (Object) Long.valueOf(value);
            default -> throw new com.dylibso.chicory.wasm.ChicoryException("unsupported global type " + bound.type());
        });
    }

    @Override
    public void setValueHigh(long value) {
        if (bound == null) {
            super.setValueHigh(value);
            return;
        }
        bound.set(new V128(((V128) bound.get()).lo(), value));
    }
}
