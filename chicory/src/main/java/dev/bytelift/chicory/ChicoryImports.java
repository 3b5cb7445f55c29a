package dev.bytelift.chicory;

import java.util.List;
import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasm.UnlinkableException;
import dev.bytelift.runtime.Extern;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.Global;
import dev.bytelift.runtime.GlobalType;
import dev.bytelift.runtime.ImportType;
import dev.bytelift.runtime.Limits;
import dev.bytelift.runtime.Table;
import dev.bytelift.runtime.MemoryType;
import dev.bytelift.runtime.TableType;
import dev.bytelift.runtime.V128;

/** The Chicory instance's resolved imports ({@link ImportValues}, by kind and order) as Bytelift values. */
final class ChicoryImports {
    private ChicoryImports() {}

    /** For each import, its position among the imports of its kind (Chicory keeps them by kind). */
    static int[] ordinals(List<ImportType> imports) {
        int[] nth = new int[imports.size()];
        int f = 0, t = 0, m = 0, g = 0, x = 0;
        for (int i = 0; i < nth.length; i++) {
            var type = imports.get(i).type();
            if (type instanceof FuncType) nth[i] = f++;
            else if (type instanceof TableType) nth[i] = t++;
            else if (type instanceof MemoryType) nth[i] = m++;
            else if (type instanceof GlobalType) nth[i] = g++;
            else nth[i] = x++;
        }
        return nth;
    }

    static Extern resolve(ByteliftMachine machine, ImportValues values, ImportType imp, int nth) {
        var type = imp.type();
        if (type instanceof FuncType ft) {
            ImportFunction f = values.function(nth);
            // through Bytelift's exit trampoline: backtraces, the stack limit and fuel hold across it
            return Func.host(machine.store(), ft, (caller, args) -> machine.callHost(f, ft, args));
        }
        if (type instanceof MemoryType) {
            var m = values.memory(nth).memory();
            if (m instanceof ByteliftMemory bm) return bm.memory();
            throw new UnlinkableException("Bytelift's machine imports only memories made as ByteliftMemory: "
                    + imp.module() + "." + imp.name() + " is a " + m.getClass().getName());
        }
        if (type instanceof GlobalType gt) {
            GlobalInstance g = values.global(nth).instance();
            if (g instanceof ByteliftGlobal bg && bg.bound() != null && bg.bound().store() == machine.store()) return bg.bound();
            return global(machine, g, gt, imp);
        }
        if (type instanceof TableType tt) {
            TableInstance t = values.table(nth).table();
            if (t instanceof ByteliftTable bt && bt.table().store() == machine.store()) return bt.table();
            return table(machine, t, tt, imp);
        }
        throw new UnlinkableException("Bytelift's Chicory machine does not import " + type.kind() + "s yet: "
                + imp.module() + "." + imp.name());
    }

    /**
     * A Chicory table as a new Bytelift table holding its current elements (copied, not shared:
     * docs/chicory.md); function references only to instances on Bytelift's machine in this store.
     */
    private static Table table(ByteliftMachine machine, TableInstance t, TableType type, ImportType imp) {
        Table out = new Table(machine.store(), new TableType(type.elementType(), new Limits(t.size(), type.limits().max())), null);
        for (int i = 0; i < t.size(); i++) {
            int ref = t.ref(i);
            if (ref == com.dylibso.chicory.wasm.types.Value.REF_NULL_VALUE) continue;
            if (type.elementType().kind() == dev.bytelift.runtime.ValType.Kind.EXTERNREF) {
                out.set(i, Long.valueOf(ref));
                continue;
            }
            Instance owner = t.instance(i);
            if (owner == null || !(owner.getMachine() instanceof ByteliftMachine m) || m.store() != machine.store()) {
                throw new UnlinkableException("Bytelift's Chicory machine imports tables of functions only from instances"
                        + " on its machine in the same store: " + imp.module() + "." + imp.name());
            }
            out.set(i, m.function(ref));
        }
        return out;
    }

    /**
     * A Chicory global as a Bytelift one: a new global holding its value, which a mutable global
     * then mirrors at every crossing ({@link GlobalMirror}).
     */
    private static Global global(ByteliftMachine machine, GlobalInstance g, GlobalType type, ImportType imp) {
        Object v;
        try {
            v = value(machine, g, type.valType());
        } catch (UnlinkableException e) {
            throw new UnlinkableException(e.getMessage() + ": " + imp.module() + "." + imp.name());
        }
        Global out = new Global(machine.store(), type, v);
        if (type.mutable()) machine.mirror(new GlobalMirror(machine, g, out));
        return out;
    }

    /** The value of Chicory global {@code g} of type {@code type}, as Bytelift boxes values. */
    static Object value(ByteliftMachine machine, GlobalInstance g, dev.bytelift.runtime.ValType type) {
        long lo = g.getValueLow();
        return switch (type.kind()) {
            case I32 -> (int) lo;
            case I64 -> lo;
            case F32 -> Float.intBitsToFloat((int) lo);
            case F64 -> Double.longBitsToDouble(lo);
            case V128 -> new V128(lo, g.getValueHigh());
            case EXTERNREF -> lo == com.dylibso.chicory.wasm.types.Value.REF_NULL_VALUE ? null : (Object) Long.valueOf(lo);
            case FUNCREF -> {
                if (lo == com.dylibso.chicory.wasm.types.Value.REF_NULL_VALUE) yield null;
                // after instantiation, a function of this instance, as a guest's write mirrored back encodes it
                var instance = g.getInstance();
                if (machine.bytelift() != null && (instance == null || instance == machine.chicory())
                        && lo >= 0 && lo < machine.bytelift().functionCount()) {
                    yield machine.function(lo);
                }
                throw new UnlinkableException("Bytelift's Chicory machine does not import non-null funcref globals yet");
            }
            default -> throw new UnlinkableException("Bytelift's Chicory machine does not import " + type + " globals");
        };
    }
}
