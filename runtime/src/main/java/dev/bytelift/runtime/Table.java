package dev.bytelift.runtime;

import java.util.Arrays;
import dev.bytelift.runtime.internal.VMTable;

/**
 * A table of references: {@link Func} (or {@code null}) for {@code funcref} tables, any object (or
 * {@code null}) for {@code externref} tables.
 *
 * <p>A table belongs to one {@link Store} (see {@link #store()}); the functions of a
 * {@code funcref} table must be of that store.
 */
public final class Table implements Extern {
    /** The largest number of elements a table may have in Bytelift. */
    public static final int MAX_ELEMENTS = 10_000_000;
    /** What one element counts for in a store's {@linkplain Store#setAllocationLimit allocation limit}. */
    public static final int ELEMENT_BYTES = 8;

    /** The elements generated code reads (see {@link VMTable}). */
    final VMTable vm;

    private final ValType elementType;
    private final long declaredMax;
    private final ValType addressType;
    private final StoreOwned owner;

    /**
     * Creates a table of {@code type.limits().min()} elements, all {@code init}, of no store yet:
     * it belongs to the first store it is imported into (or whose function it is given).
     *
     * @throws IllegalArgumentException if {@code init} is not a value of the element type
     * @throws WasmException if the table is larger than {@link #MAX_ELEMENTS} or the JVM heap cannot hold it
     */
    public Table(TableType type, Object init) {
        this(null, type, init);
    }

    /**
     * Creates a table of {@code store} (the runtime creates an instance's tables this way),
     * counted against the store's {@linkplain Store#setAllocationLimit allocation limit}.
     */
    public Table(Store store, TableType type, Object init) {
        this.elementType = type.elementType();
        this.declaredMax = type.limits().max();
        this.addressType = type.addressType();
        this.owner = new StoreOwned(store);
        checkElement(init);
        long min = type.limits().min();
        if (Long.compareUnsigned(min, MAX_ELEMENTS) > 0) {
            throw new WasmException("table of " + Long.toUnsignedString(min) + " elements exceeds the maximum of " + MAX_ELEMENTS);
        }
        if (store != null && !store.reserve(min * ELEMENT_BYTES)) {
            throw new WasmException("cannot allocate a table of " + min + " elements: the store's allocation limit of "
                    + store.allocationLimit() + " bytes would be exceeded");
        }
        Object[] elements;
        try {
            elements = new Object[(int) min];
        } catch (OutOfMemoryError e) {
            if (store != null) store.release(min * ELEMENT_BYTES);
            throw new WasmException("cannot allocate a table of " + min + " elements: the JVM heap is too small");
        }
        if (init != null) Arrays.fill(elements, init);
        this.vm = new VMTable(this, elements);
    }

    /** The current number of elements. */
    public int size() {
        return vm.elements.length;
    }

    /** A reference type: {@link ValType#FUNCREF}, {@link ValType#EXTERNREF} or a typed reference. */
    public ValType elementType() {
        return elementType;
    }

    /** The store this table belongs to, or {@code null} if it has not been used with one yet. */
    public Store store() {
        return owner.store();
    }

    /** Internal: binds this table to {@code store}; throws if it belongs to another. */
    void bindTo(Store store) {
        owner.bind(store, this);
    }

    @Override
    public TableType type() {
        return new TableType(elementType, new Limits(size(), declaredMax), addressType);
    }

    /**
     * Grows by {@code delta} (unsigned) elements set to {@code init}; returns the old size, or -1
     * (changing nothing) past the maximum, the store's allocation limit or what the heap can hold
     * (past the latter two it traps instead when the store says so: {@link Store#setTrapOnGrowFailure}).
     *
     * @throws IllegalArgumentException if {@code init} is not a value of the element type
     */
    public int grow(int delta, Object init) {
        checkElement(init);
        Object[] elements = vm.elements;
        int old = elements.length;
        long target = old + Integer.toUnsignedLong(delta);
        long max = declaredMax >= 0 ? Math.min(declaredMax, MAX_ELEMENTS) : MAX_ELEMENTS;
        if (target > max) return -1;
        if (delta == 0) return old;
        Store store = owner.store();
        long bytes = (target - old) * ELEMENT_BYTES;
        if (store != null && !store.reserve(bytes)) return store.growRefused("a table", bytes);
        Object[] grown;
        try {
            grown = Arrays.copyOf(elements, (int) target);
        } catch (OutOfMemoryError e) {
            if (store == null) return -1;
            store.release(bytes);
            return store.growRefused("a table", bytes);
        }
        if (init != null) Arrays.fill(grown, old, (int) target, init);
        vm.elements = grown;
        return old;
    }

    /** The element at {@code index}; traps when out of bounds. */
    public Object get(int index) {
        Object[] elements = vm.elements;
        if (index < 0 || index >= elements.length) throw new Trap(TrapCode.TABLE_OUT_OF_BOUNDS);
        return elements[index];
    }

    /**
     * Sets the element at {@code index}; traps when out of bounds.
     *
     * @throws IllegalArgumentException if {@code value} is not a value of the element type, or a
     *     function of another store
     */
    public void set(int index, Object value) {
        Object[] elements = vm.elements;
        if (index < 0 || index >= elements.length) throw new Trap(TrapCode.TABLE_OUT_OF_BOUNDS);
        checkElement(value);
        elements[index] = value;
    }

    private void checkElement(Object value) {
        if (!ValType.holds(elementType, value)) {
            throw new IllegalArgumentException("a " + elementType + " table holds " + ValType.javaName(elementType)
                    + ", not " + (value == null ? "null" : value.getClass().getName()));
        }
        if (elementType.kind() == ValType.Kind.FUNCREF) owner.acceptFunc(value, this);
    }

    @Override
    public String toString() {
        return "table " + elementType + (vm == null ? "" : " of " + vm.elements.length + " elements");
    }
}
