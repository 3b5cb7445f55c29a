package dev.bytelift.runtime;

import dev.bytelift.runtime.internal.VMGlobal;

/**
 * A global variable, read with {@link #get} and written with {@link #set}.
 *
 * <p>A global belongs to one {@link Store} (see {@link #store()}).
 */
public final class Global implements Extern {
    /** The value generated code reads and writes (see {@link VMGlobal}). */
    final VMGlobal vm = new VMGlobal(this);

    private final GlobalType type;
    private final StoreOwned owner;

    /**
     * A global of no store yet: it belongs to the first store it is imported into (or whose
     * function it is given).
     *
     * @throws IllegalArgumentException if {@code initial} is not a value of the global's type
     */
    public Global(GlobalType type, Object initial) {
        this(null, type, initial);
    }

    /** A global of {@code store} (the runtime creates an instance's globals this way). */
    public Global(Store store, GlobalType type, Object initial) {
        this.type = type;
        this.owner = new StoreOwned(store);
        store(initial);
    }

    /** The global's value type and mutability. */
    @Override
    public GlobalType type() {
        return type;
    }

    /** The store this global belongs to, or {@code null} if it has not been used with one yet. */
    public Store store() {
        return owner.store();
    }

    /** Internal: binds this global to {@code store}; throws if it belongs to another. */
    void bindTo(Store store) {
        owner.bind(store, this);
    }

    /** The value, boxed: Integer, Long, Float, Double, V128, or a reference. */
    public Object get() {
        VMGlobal vm = this.vm;
        switch (type.valType().kind()) {
            case I32: return (int) vm.value;
            case I64: return vm.value;
            case F32: return Float.intBitsToFloat((int) vm.value);
            case F64: return Double.longBitsToDouble(vm.value);
            case V128: return new V128(vm.value, vm.valueHi);
            default: return vm.ref;
        }
    }

    /**
     * Sets the value.
     *
     * @throws IllegalStateException if the global is immutable
     * @throws IllegalArgumentException if {@code v} is not a value of the global's type (an
     *     {@code Integer} for i32, a {@code Long} for i64, a {@code Float} for f32, a {@code Double}
     *     for f64, a {@link V128} for v128, a {@link Func} of this global's store or {@code null} for
     *     funcref, anything for externref)
     */
    public void set(Object v) {
        if (!type.mutable()) throw new IllegalStateException("global is immutable: " + describe());
        store(v);
    }

    private void store(Object v) {
        VMGlobal vm = this.vm;
        ValType t = type.valType();
        if (!ValType.holds(t, v)) {
            throw new IllegalArgumentException("a " + describe() + " holds " + ValType.javaName(t) + ", not "
                    + (v == null ? "null" : v.getClass().getName()));
        }
        switch (t.kind()) {
            case I32: vm.value = ((Integer) v) & 0xFFFFFFFFL; break;
            case I64: vm.value = (Long) v; break;
            case F32: vm.value = Float.floatToRawIntBits((Float) v) & 0xFFFFFFFFL; break;
            case F64: vm.value = Double.doubleToRawLongBits((Double) v); break;
            case V128: { V128 x = (V128) v; vm.value = x.lo(); vm.valueHi = x.hi(); break; }
            case FUNCREF: owner.acceptFunc(v, this); vm.ref = v; break;
            default: vm.ref = v;
        }
    }

    private String describe() {
        return "global of type " + (type.mutable() ? "(mut " + type.valType() + ")" : type.valType().toString());
    }

    @Override
    public String toString() {
        return describe();
    }
}
