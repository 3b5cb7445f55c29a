package dev.bytelift.runtime;

/**
 * A global variable. Numbers are kept as raw bits in {@link #value} (i32 and f32 in the low 32
 * bits), a {@code v128} in {@link #value} (low half) and {@link #valueHi}, references in
 * {@link #ref}. These fields are the ABI with generated code; embedders use {@link #get}/{@link #set}.
 */
public final class Global implements Extern {
    /** ABI: raw bits of a number, or the low half of a v128. */
    public long value;
    /** ABI: the high half of a v128. */
    public long valueHi;
    /** ABI: a reference value. */
    public Object ref;

    private final GlobalType type;

    public Global(GlobalType type, Object initial) {
        this.type = type;
        store(initial);
    }

    @Override
    public GlobalType type() {
        return type;
    }

    /** The value, boxed: Integer, Long, Float, Double, V128, or a reference. */
    public Object get() {
        switch (type.valType()) {
            case I32: return (int) value;
            case I64: return value;
            case F32: return Float.intBitsToFloat((int) value);
            case F64: return Double.longBitsToDouble(value);
            case V128: return new V128(value, valueHi);
            default: return ref;
        }
    }

    /** Sets the value; the global must be mutable. */
    public void set(Object v) {
        if (!type.mutable()) throw new WasmException("global is immutable");
        store(v);
    }

    private void store(Object v) {
        switch (type.valType()) {
            case I32: value = ((Integer) v) & 0xFFFFFFFFL; break;
            case I64: value = (Long) v; break;
            case F32: value = Float.floatToRawIntBits((Float) v) & 0xFFFFFFFFL; break;
            case F64: value = Double.doubleToRawLongBits((Double) v); break;
            case V128: { V128 x = (V128) v; value = x.lo(); valueHi = x.hi(); break; }
            default:
                if (type.valType() == ValType.FUNCREF && v != null && !(v instanceof Func)) {
                    throw new IllegalArgumentException("a funcref global holds a Func, not " + v.getClass().getName());
                }
                ref = v;
        }
    }
}
