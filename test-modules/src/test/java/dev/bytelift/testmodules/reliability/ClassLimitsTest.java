package dev.bytelift.testmodules.reliability;

import static dev.bytelift.testmodules.wasm.ModuleBuilder.I32;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.ValType;
import dev.bytelift.testmodules.wasm.Bytes;
import dev.bytelift.testmodules.wasm.ModuleBuilder;
import org.junit.jupiter.api.Test;

/**
 * Issue 20: valid modules that overflowed a class file. 22,000 imported functions gave the main
 * class (one stub each) more than 65,535 constants (ClassTooLargeException); so did
 * {@code call_indirect} over many types with many functions each (a dispatcher each); a
 * 65,536-byte module name in the name section became the classes' SourceFile ("UTF8 string too
 * large"). Each compiles and runs.
 */
class ClassLimitsTest {
    private final Engine engine = new Engine();

    @Test
    void twentyTwoThousandImportedFunctions() {
        int n = 22_000;
        ModuleBuilder m = new ModuleBuilder();
        int t = m.type(new int[] {I32}, new int[] {I32});
        for (int i = 0; i < n; i++) m.importFunc("host", "f" + i, t);
        // call(i, x): import i through the table, and direct calls of the first, a middle and the last
        m.table(ModuleBuilder.FUNCREF, n, -1);
        int[] all = new int[n];
        for (int i = 0; i < n; i++) all[i] = i;
        m.elem(0, all);
        int ct = m.type(new int[] {I32, I32}, new int[] {I32});
        m.export("indirect", 0, m.func(ct, new Bytes().op(0x20, 1, 0x20, 0).op(0x11).u32(t).u32(0)));
        int vt = m.type(new int[] {I32}, new int[] {I32});
        m.export("direct", 0, m.func(vt, new Bytes().op(0x20, 0).op(0x10).u32(0).op(0x10).u32(n / 2).op(0x10).u32(n - 1)));
        Module module = engine.compile(m.toBytes());
        Store store = new Store(engine);
        Linker linker = new Linker();
        FuncType ft = FuncType.of(List.of(ValType.I32), List.of(ValType.I32));
        for (int i = 0; i < n; i++) {
            int k = i;
            linker.define("host", "f" + i, Func.host(store, ft, (c, a) -> new Object[] {(Integer) a[0] * 3 + k}));
        }
        Instance inst = linker.instantiate(store, module);
        for (int i : new int[] {0, 1, 4_999, 5_000, 5_001, 12_345, n - 1}) {
            assertEquals(10 * 3 + i, inst.getFunc("indirect").call(i, 10)[0], "import " + i);
        }
        int x = 1;
        for (int i : new int[] {0, n / 2, n - 1}) x = x * 3 + i;
        assertEquals(x, inst.getFunc("direct").call(1)[0]);
    }

    @Test
    void callIndirectOverManyTypesWithManyFunctionsEach() {
        int types = 20, perType = 1_000;
        ModuleBuilder m = new ModuleBuilder();
        int[] t = new int[types];
        for (int k = 0; k < types; k++) t[k] = m.type(ModuleBuilder.repeat(I32, k + 1), new int[] {I32});
        int[] funcs = new int[types * perType];
        for (int k = 0; k < types; k++) {
            for (int j = 0; j < perType; j++) {
                // f(a0..ak) = a0 + j * 100 + k
                funcs[k * perType + j] = m.func(t[k], new Bytes().op(0x20, 0).op(0x41).s32(j * 100 + k).op(0x6A));
            }
        }
        int caller = m.type(new int[] {I32, I32}, new int[] {I32});
        // call<k>(slot, x): call_indirect type k with x and k zeros
        int[] callers = new int[types];
        for (int k = 0; k < types; k++) {
            Bytes c = new Bytes().op(0x20, 1);
            for (int p = 0; p < k; p++) c.op(0x41, 0);
            callers[k] = m.func(caller, c.op(0x20, 0).op(0x11).u32(t[k]).u32(0));
            m.export("call" + k, 0, callers[k]);
        }
        m.table(ModuleBuilder.FUNCREF, funcs.length, -1);
        m.elem(0, funcs);
        Module module = engine.compile(m.toBytes());
        Instance inst = new Linker().instantiate(new Store(engine), module);
        for (int k = 0; k < types; k++) {
            for (int j : new int[] {0, 1, perType / 2, perType - 1}) {
                assertEquals(5 + j * 100 + k, inst.getFunc("call" + k).call(k * perType + j, 5)[0], "type " + k + " function " + j);
            }
        }
    }

    @Test
    void hugeNamesInTheNameSection() {
        ModuleBuilder m = new ModuleBuilder();
        int t = m.type(new int[] {I32}, new int[] {I32});
        int f = m.func(t, new Bytes().op(0x20, 0).op(0x41, 1).op(0x6A));
        m.export("inc", 0, f);
        String moduleName = "m".repeat(65_536);
        String funcName = "\u20ac".repeat(70_000); // 3 bytes each in UTF-8
        Bytes names = new Bytes();
        Bytes sub0 = new Bytes().name(moduleName);
        names.op(0x00).u32(sub0.toArray().length).bytes(sub0.toArray());
        Bytes sub1 = new Bytes().u32(1).u32(f).name(funcName);
        names.op(0x01).u32(sub1.toArray().length).bytes(sub1.toArray());
        m.custom("name", names.toArray());
        Module module = engine.compile(m.toBytes());
        Instance inst = new Linker().instantiate(new Store(engine), module);
        assertEquals(42, inst.getFunc("inc").call(41)[0]);
    }
}
