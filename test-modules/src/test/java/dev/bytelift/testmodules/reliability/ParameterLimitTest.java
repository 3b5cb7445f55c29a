package dev.bytelift.testmodules.reliability;

import static dev.bytelift.testmodules.wasm.ModuleBuilder.I32;
import static dev.bytelift.testmodules.wasm.ModuleBuilder.F64;
import static dev.bytelift.testmodules.wasm.ModuleBuilder.I64;
import static dev.bytelift.testmodules.wasm.ModuleBuilder.V128;
import static dev.bytelift.testmodules.wasm.ModuleBuilder.repeat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.ImplementationLimitException;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.ValType;
import dev.bytelift.runtime.internal.Abi;
import dev.bytelift.testmodules.wasm.Bytes;
import dev.bytelift.testmodules.wasm.ModuleBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 20, item 4: functions with many parameters. The JVM takes 255 parameter slots; with the
 * hidden depth, context and call offset, and the handles that call an invoker, 250 are left for
 * WebAssembly parameters ({@link Abi#MAX_PARAM_SLOTS}). Up to that, every way of defining and
 * calling a function works; past it, every way is rejected at compile time with an
 * {@link ImplementationLimitException} (before: "bad parameter count 256" from the JVM at compile
 * or instantiation time for 251-255 parameters).
 */
class ParameterLimitTest {
    private final Engine engine = new Engine();

    /** n i32.const pushing 0..n-1. */
    private static Bytes args(int n) {
        Bytes b = new Bytes();
        for (int i = 0; i < n; i++) b.op(0x41).s32(i);
        return b;
    }

    /**
     * Defines {@code last} (returns its last parameter), imports {@code host.last} of the same type,
     * and exports callers of each: directly and through call_indirect (table: 0 = defined, 1 = import).
     */
    private static byte[] allWays(int n, boolean withDefined) {
        ModuleBuilder m = new ModuleBuilder();
        int t = m.type(repeat(I32, n), new int[] {I32});
        int caller = m.type(new int[0], new int[] {I32});
        int imp = m.importFunc("host", "last", t);
        m.table(ModuleBuilder.FUNCREF, 2, -1);
        int def = withDefined ? m.func(t, new Bytes().op(0x20).u32(n - 1)) : imp;
        m.export("callImport", 0, m.func(caller, args(n).op(0x10).u32(imp)));
        m.export("callDefined", 0, m.func(caller, args(n).op(0x10).u32(def)));
        for (int slot = 0; slot < 2; slot++) {
            m.export("indirect" + slot, 0, m.func(caller, args(n).op(0x41).s32(slot).op(0x11).u32(t).u32(0)));
        }
        m.export("last", 0, def);
        m.elem(0, def, imp);
        return m.toBytes();
    }

    private static FuncType i32s(int n) {
        return FuncType.of(Collections.nCopies(n, ValType.I32), List.of(ValType.I32));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 200, 249, 250})
    void upToTheLimitEveryKindOfCallWorks(int n) {
        Module module = engine.compile(allWays(n, true));
        Store store = new Store(engine);
        Func host = Func.host(store, i32s(n), (c, a) -> new Object[] {(Integer) a[a.length - 1] + 1000});
        Instance inst = new Linker().define("host", "last", host).instantiate(store, module);
        assertEquals(1000 + n - 1, inst.getFunc("callImport").call()[0]);
        assertEquals(n - 1, inst.getFunc("callDefined").call()[0]);
        assertEquals(n - 1, inst.getFunc("indirect0").call()[0]);
        assertEquals(1000 + n - 1, inst.getFunc("indirect1").call()[0]);
        Object[] a = new Object[n];
        for (int i = 0; i < n; i++) a[i] = i * 3;
        assertArrayEquals(new Object[] {3 * (n - 1)}, inst.getFunc("last").call(a));
        assertArrayEquals(new Object[] {1000 + 3 * (n - 1)}, host.call(a));
    }

    @ParameterizedTest
    @ValueSource(ints = {251, 252, 253, 254, 255, 256, 300})
    void pastTheLimitADefinedFunctionIsRejectedAtCompileTime(int n) {
        ImplementationLimitException e = assertThrows(ImplementationLimitException.class, () -> engine.compile(allWays(n, true)));
        assertTrue(e.getMessage().contains("implementation limit of 250"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {251, 252, 253, 255, 256})
    void pastTheLimitAnImportIsRejectedAtCompileTime(int n) {
        assertThrows(ImplementationLimitException.class, () -> engine.compile(allWays(n, false)));
    }

    @Test
    void aTypeUsedOnlyByCallIndirectIsRejectedPastTheLimitButABlockTypeIsNot() {
        for (int n : new int[] {250, 251}) {
            ModuleBuilder indirect = new ModuleBuilder();
            int t = indirect.type(repeat(I32, n), new int[0]);
            int v = indirect.type(new int[0], new int[0]);
            indirect.table(ModuleBuilder.FUNCREF, 1, -1);
            indirect.func(v, args(n).op(0x41).s32(0).op(0x11).u32(t).u32(0));
            ModuleBuilder block = new ModuleBuilder();
            int bt = block.type(repeat(I32, n), new int[0]);
            int bv = block.type(new int[0], new int[0]);
            Bytes drops = new Bytes();
            for (int i = 0; i < n; i++) drops.op(0x1A);
            block.func(bv, args(n).op(0x02).s32(bt).bytes(drops.toArray()).op(0x0B));
            if (n <= Abi.MAX_PARAM_SLOTS) {
                engine.compile(indirect.toBytes());
                engine.compile(block.toBytes());
            } else {
                assertThrows(ImplementationLimitException.class, () -> engine.compile(indirect.toBytes()));
                // a block's parameters never become a JVM method's (issue 20; docs/splitting.md)
                engine.compile(block.toBytes());
            }
        }
    }

    @Test
    void wideTypesCountTheirSlots() {
        // i64 takes two slots, v128 four
        for (int[] c : new int[][] {{I64, 125, 0}, {I64, 126, 1}, {V128, 62, 0}, {V128, 63, 1}, {F64, 125, 0}}) {
            ModuleBuilder m = new ModuleBuilder();
            int t = m.type(repeat(c[0], c[1]), new int[0]);
            m.func(t, new Bytes());
            if (c[2] == 0) engine.compile(m.toBytes());
            else assertThrows(ImplementationLimitException.class, () -> engine.compile(m.toBytes()));
        }
    }

    @Test
    void aHostFunctionPastTheLimitIsRejected() {
        Store store = new Store(engine);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Func.host(store, i32s(251), (c, a) -> new Object[] {0}));
        assertTrue(e.getMessage().contains("implementation limit"), e.getMessage());
    }
}
