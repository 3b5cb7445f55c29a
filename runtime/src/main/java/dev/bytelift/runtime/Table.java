package dev.bytelift.runtime;

import java.util.Arrays;

/**
 * A table of references: {@link Func} (or {@code null}) for {@code funcref} tables, any object (or
 * {@code null}) for {@code externref} tables.
 *
 * <p>The field {@link #elements} is part of the ABI with generated code.
 */
public final class Table implements Extern {
    /** The largest number of elements a table may have in Bytelift. */
    public static final int MAX_ELEMENTS = 10_000_000;

    /** ABI: the elements; replaced (never resized in place) by {@link #grow}. */
    public Object[] elements;

    private final ValType elementType;
    private final long declaredMax;

    /** Creates a table of {@code type.limits().min()} elements, all {@code init}. */
    public Table(TableType type, Object init) {
        long min = type.limits().min();
        if (min > MAX_ELEMENTS) {
            throw new WasmException("table of " + min + " elements exceeds the maximum of " + MAX_ELEMENTS);
        }
        this.elementType = type.elementType();
        this.declaredMax = type.limits().max();
        this.elements = new Object[(int) min];
        if (init != null) Arrays.fill(elements, init);
    }

    public int size() {
        return elements.length;
    }

    public ValType elementType() {
        return elementType;
    }

    @Override
    public TableType type() {
        return new TableType(elementType, new Limits(size(), declaredMax));
    }

    /** Grows by {@code delta} (unsigned) elements set to {@code init}; returns the old size or -1. */
    public int grow(int delta, Object init) {
        int old = elements.length;
        long target = old + Integer.toUnsignedLong(delta);
        long max = declaredMax >= 0 ? Math.min(declaredMax, MAX_ELEMENTS) : MAX_ELEMENTS;
        if (target > max) return -1;
        if (delta == 0) return old;
        Object[] grown = Arrays.copyOf(elements, (int) target);
        if (init != null) Arrays.fill(grown, old, (int) target, init);
        elements = grown;
        return old;
    }

    /** The element at {@code index}; traps when out of bounds. */
    public Object get(int index) {
        if (index < 0 || index >= elements.length) throw new Trap(TrapCode.TABLE_OUT_OF_BOUNDS);
        return elements[index];
    }

    /** Sets the element at {@code index}; traps when out of bounds. */
    public void set(int index, Object value) {
        if (index < 0 || index >= elements.length) throw new Trap(TrapCode.TABLE_OUT_OF_BOUNDS);
        if (elementType == ValType.FUNCREF && value != null && !(value instanceof Func)) {
            throw new IllegalArgumentException("a funcref table holds Func values, not " + value.getClass().getName());
        }
        elements[index] = value;
    }
}
