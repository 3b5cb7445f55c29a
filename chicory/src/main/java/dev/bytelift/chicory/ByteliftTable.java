package dev.bytelift.chicory;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.UninstantiableException;
import com.dylibso.chicory.wasm.types.Table;
import com.dylibso.chicory.wasm.types.Value;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.ValType;

/**
 * Chicory's view of a table that a Bytelift instance defines (made by the table factory that
 * {@link ByteliftChicory#configure} installs): every read and write goes to the Bytelift table, with
 * function references as Chicory encodes them (a function index and its instance).
 */
final class ByteliftTable extends TableInstance {
    private final dev.bytelift.runtime.Table table;
    private final ByteliftMachine machine;

    ByteliftTable(Table chicoryTable, dev.bytelift.runtime.Table table, ByteliftMachine machine) {
        super(new Table(chicoryTable.elementType(), chicoryTable.limits()), Value.REF_NULL_VALUE);
        this.table = table;
        this.machine = machine;
    }

    /** The Bytelift table this is a view of. */
    dev.bytelift.runtime.Table table() {
        return table;
    }

    ByteliftMachine machine() {
        return machine;
    }

    @Override
    public com.dylibso.chicory.wasm.types.TableLimits limits() {
        // the current size as the minimum, as Chicory's tables (their limits grow with them)
        long max = table.type().limits().max();
        return new com.dylibso.chicory.wasm.types.TableLimits(table.size(),
                max < 0 ? com.dylibso.chicory.wasm.types.TableLimits.LIMIT_MAX : max);
    }

    @Override
    public int size() {
        return table.size();
    }

    @Override
    public int grow(int size, int value, Instance instance) {
        return table.grow(size, toBytelift(value, instance));
    }

    @Override
    public int ref(int index) {
        if (index < 0 || index >= table.size()) throw new ChicoryException("undefined element");
        Object v = table.get(index);
        if (v == null) return Value.REF_NULL_VALUE;
        if (v instanceof Func f) return (int) ByteliftMachine.ownerOf(f, machine).indexOf(f);
        return (int) ((Number) v).longValue();
    }

    @Override
    public int requiredRef(int index) {
        int ref = ref(index);
        if (ref == Value.REF_NULL_VALUE) throw new ChicoryException("uninitialized element " + index);
        return ref;
    }

    @Override
    public void setRef(int index, int value, Instance instance) {
        if (index < 0 || index >= table.size()) throw new UninstantiableException("out of bounds table access");
        table.set(index, toBytelift(value, instance));
    }

    @Override
    public Instance instance(int index) {
        Object v = table.get(index);
        return v instanceof Func f ? ByteliftMachine.ownerOf(f, machine).chicory() : machine.chicory();
    }

    @Override
    public void reset() {
        for (int i = 0; i < table.size(); i++) table.set(i, null);
    }

    private Object toBytelift(int value, Instance instance) {
        if (value == Value.REF_NULL_VALUE) return null;
        if (table.elementType().kind() == ValType.Kind.EXTERNREF) return Long.valueOf(value);
        ByteliftMachine m = instance == null ? machine : ByteliftMachine.of(instance);
        return m.function(value);
    }
}
