package dev.bytelift.chicory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.TrapException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.UninstantiableException;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import com.dylibso.chicory.wasm.types.Value;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.TrapCode;
import org.junit.jupiter.api.Test;

/**
 * A Chicory instance on Bytelift's machine: exports of every value type (compared with Chicory's
 * interpreter), host functions, the memory from both sides, traps, interruption.
 */
class ByteliftMachineTest {
    static final String WAT = """
            (module
              (import "env" "add" (func $add (param i32 i32) (result i32)))
              (import "env" "log" (func $log (param i64 f32 f64 v128)))
              (memory (export "memory") 1 4)
              (data (i32.const 100) "hello")
              (global $g (export "g") (mut i32) (i32.const 5))
              (table (export "t") 2 funcref)
              (func (export "setg") (param i32) (global.set $g (local.get 0)))
              (elem (i32.const 0) $id32 $callAdd)
              (func $id32 (export "id32") (param i32) (result i32) local.get 0)
              (func (export "id64") (param i64) (result i64) local.get 0)
              (func (export "idf32") (param f32) (result f32) local.get 0)
              (func (export "idf64") (param f64) (result f64) local.get 0)
              (func (export "idv128") (param v128) (result v128) local.get 0)
              (func (export "idfunc") (param funcref) (result funcref) local.get 0)
              (func (export "idextern") (param externref) (result externref) local.get 0)
              (func (export "tableref") (param i32) (result funcref) (table.get (local.get 0)))
              (func (export "multi") (param i32 i64 v128) (result v128 i64 i32) local.get 2 local.get 1 local.get 0)
              (func (export "neg") (result i32 f32) (i32.const -7) (f32.const -0.5))
              (func $callAdd (export "callAdd") (param i32 i32) (result i32) (call $add (local.get 0) (local.get 1)))
              (func (export "indirect") (param i32 i32 i32) (result i32)
                (call_indirect (param i32 i32) (result i32) (local.get 0) (local.get 1) (local.get 2)))
              (func (export "log") (call $log (i64.const -1) (f32.const 1.5) (f64.const -2.25) (v128.const i64x2 3 -4)))
              (func (export "load") (param i32) (result i32) (i32.load8_u (local.get 0)))
              (func (export "store") (param i32 i32) (i32.store8 (local.get 0) (local.get 1)))
              (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
              (func (export "size") (result i32) memory.size)
              (func (export "getg") (result i32) global.get $g)
              (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
              (func (export "unreachable") unreachable)
              (func (export "oob") (result i32) (i32.load (i32.const -1)))
              (func $deep (export "deep") (param i32) (result i32) (i32.add (call $deep (local.get 0)) (i32.const 1)))
              (func (export "spin") (loop br 0)))
            """;
    static final byte[] WASM = Wat.toWasm(WAT);

    /**
     * True in the Endive build of these tests (module endive replaces "Chicory" by "Endive" in these
     * sources), whose {@code ExportFunction.apply} refuses functions with reference-typed values.
     */
    static final boolean ON_ENDIVE = "ByteliftChicory".endsWith("Endive");

    private final List<long[]> logged = new ArrayList<>();

    private ImportValues imports() {
        return ImportValues.builder()
                .addFunction(new HostFunction("env", "add", FunctionType.of(List.of(ValType.I32, ValType.I32), List.of(ValType.I32)),
                        (inst, args) -> new long[] {(int) args[0] + (int) args[1]}))
                .addFunction(new HostFunction("env", "log",
                        FunctionType.of(List.of(ValType.I64, ValType.F32, ValType.F64, ValType.V128), List.of()),
                        (inst, args) -> {
                            logged.add(args.clone());
                            return null;
                        }))
                .build();
    }

    private Instance bytelift() {
        return ByteliftChicory.configure(Instance.builder(ByteliftChicory.parse(WASM))).withImportValues(imports()).build();
    }

    private Instance interpreter() {
        return Instance.builder(Parser.parse(WASM)).withImportValues(imports()).build();
    }

    @Test
    void exportsOfEveryValueTypeAgreeWithTheInterpreter() {
        Instance b = bytelift();
        Instance i = interpreter();
        long nanBits = 0x7fc00001L;
        long f64Nan = 0x7ff0000000000001L;
        Object[][] calls = {
            {"id32", new long[] {-5}}, {"id32", new long[] {Integer.MAX_VALUE}},
            {"id64", new long[] {Long.MIN_VALUE}},
            {"idf32", new long[] {nanBits}}, {"idf32", new long[] {Float.floatToRawIntBits(-1.25f)}},
            {"idf64", new long[] {f64Nan}}, {"idf64", new long[] {Double.doubleToRawLongBits(3.5)}},
            {"idv128", new long[] {-1L, 0x0123456789abcdefL}},
            {"idfunc", new long[] {Value.REF_NULL_VALUE}}, {"idfunc", new long[] {3}},
            {"tableref", new long[] {1}},
            {"idextern", new long[] {Value.REF_NULL_VALUE}}, {"idextern", new long[] {42}},
            {"multi", new long[] {-3, 1L << 40, 7, -8}},
            {"neg", new long[0]},
            {"callAdd", new long[] {40, 2}},
            {"indirect", new long[] {20, 22, 1}},
        };
        for (Object[] c : calls) {
            String name = (String) c[0];
            long[] args = (long[]) c[1];
            if (ON_ENDIVE && (name.equals("idfunc") || name.equals("idextern") || name.equals("tableref"))) continue;
            assertArrayEquals(i.export(name).apply(args), b.export(name).apply(args), name);
        }
        assertEquals(-7, (int) b.export("neg").apply()[0]);
        assertEquals(2, (int) b.export("callAdd").apply(-1, 3)[0]);
        assertNull(b.export("store").apply(0, 1)); // no results: null, as Chicory's machines
    }

    @Test
    void hostFunctionsGetChicorysEncoding() {
        bytelift().export("log").apply(); // (Chicory's interpreter runs no SIMD without its SIMD module)
        assertEquals(1, logged.size());
        assertArrayEquals(new long[] {-1, Float.floatToRawIntBits(1.5f), Double.doubleToRawLongBits(-2.25), 3, -4}, logged.get(0));
    }

    @Test
    void theHostSeesTheGuestsMemoryAndTheGuestTheHosts() {
        Instance b = bytelift();
        assertEquals("hello", b.memory().readString(100, 5)); // Chicory wrote the data segment
        b.export("store").apply(7, 0xAB);
        assertEquals((byte) 0xAB, b.memory().read(7));
        b.exports().memory("memory").writeByte(9, (byte) 0x5A);
        assertEquals(0x5A, b.export("load").apply(9)[0]);
        assertInstanceOf(ByteliftMemory.class, b.memory());
    }

    @Test
    void growthShowsOnBothSides() {
        Instance b = bytelift();
        assertEquals(1, b.export("grow").apply(1)[0]);
        assertEquals(2, b.memory().pages());
        b.memory().writeByte(65536 + 10, (byte) 9); // in the page the guest added
        assertEquals(9, b.export("load").apply(65536 + 10)[0]);
        assertEquals(2, b.memory().grow(1));
        assertEquals(3, b.export("size").apply()[0]);
        b.export("store").apply(3 * 65536 - 1, 1);
        assertEquals(1, b.memory().read(3 * 65536 - 1));
        assertEquals(-1, b.export("grow").apply(2)[0]); // past the maximum of 4
        assertThrows(ChicoryException.class, () -> b.memory().read(4 * 65536));
    }

    @Test
    void trapsBecomeChicorysExceptionsWithTheSpecMessages() {
        Instance b = bytelift();
        assertTrap(TrapCode.INTEGER_DIVISION_BY_ZERO, "integer divide by zero", () -> b.export("div").apply(1, 0));
        assertTrap(TrapCode.INTEGER_OVERFLOW, "integer overflow", () -> b.export("div").apply(Integer.MIN_VALUE, -1));
        assertTrap(TrapCode.UNREACHABLE, "unreachable", () -> b.export("unreachable").apply());
        assertTrap(TrapCode.MEMORY_OUT_OF_BOUNDS, "out of bounds memory access", () -> b.export("oob").apply());
        assertTrap(TrapCode.UNDEFINED_ELEMENT, "undefined element", () -> b.export("indirect").apply(1, 2, 5));
        assertTrap(TrapCode.BAD_SIGNATURE, "indirect call type mismatch", () -> b.export("indirect").apply(1, 2, 0));
        assertTrap(TrapCode.STACK_OVERFLOW, "call stack exhausted", () -> b.export("deep").apply(1));
        // the instance still works after a trap
        assertEquals(5, b.export("callAdd").apply(2, 3)[0]);
    }

    private static void assertTrap(TrapCode code, String spec, org.junit.jupiter.api.function.Executable call) {
        TrapException e = assertThrows(TrapException.class, call);
        assertTrue(e.getMessage().contains(spec), e.getMessage());
        Trap cause = assertInstanceOf(Trap.class, e.getCause());
        assertEquals(code, cause.code());
        assertTrue(!cause.backtrace().isEmpty(), "a backtrace");
    }

    @Test
    void aTrappingStartFunctionMakesTheModuleUninstantiable() {
        byte[] wasm = Wat.toWasm("(module (func $s unreachable) (start $s))");
        var e = assertThrows(UninstantiableException.class,
                () -> ByteliftChicory.configure(Instance.builder(ByteliftChicory.parse(wasm))).build());
        assertTrue(e.getMessage().contains("unreachable"), e.getMessage());
    }

    @Test
    void aDataSegmentOutOfBoundsMakesTheModuleUninstantiable() {
        byte[] wasm = Wat.toWasm("(module (memory 1) (data (i32.const 65535) \"ab\"))");
        var e = assertThrows(UninstantiableException.class,
                () -> ByteliftChicory.configure(Instance.builder(ByteliftChicory.parse(wasm))).build());
        assertTrue(e.getMessage().contains("out of bounds memory access"), e.getMessage());
    }

    @Test
    void threadInterruptStopsRunningCode() throws Exception {
        Instance b = bytelift();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                b.export("spin").apply();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.start();
        Thread.sleep(50); // let it spin (the test passes without: an interrupt before the call is seen too)
        t.interrupt();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> t.join());
        ChicoryInterruptedException e = assertInstanceOf(ChicoryInterruptedException.class, thrown.get());
        assertEquals(TrapCode.INTERRUPT, ((Trap) e.getCause()).code());
    }

    @Test
    void aModuleParsedWithoutItsBytesNeedsThem() {
        WasmModule m = Parser.parse(WASM);
        var e = assertThrows(ChicoryException.class, () -> ByteliftChicory.configure(Instance.builder(m)).withImportValues(imports()).build());
        assertTrue(e.getMessage().contains("ByteliftChicory.parse"), e.getMessage());
        Instance b = Instance.builder(m).withMemoryFactory(ByteliftMemory::new).withMachineFactory(ByteliftMachine.factory(WASM))
                .withImportValues(imports()).build();
        assertEquals(5, b.export("callAdd").apply(2, 3)[0]);
    }

    @Test
    void chicorysViewsOfGlobalsAndTablesAreBytelifts() {
        Instance b = bytelift();
        var g = b.exports().global("g");
        assertEquals(5, g.getValue());
        b.export("setg").apply(-9);
        assertEquals(-9, (int) g.getValue());
        g.setValue(12);
        assertEquals(12, b.export("getg").apply()[0]);
        var t = b.exports().table("t");
        assertEquals(2, t.size());
        assertEquals(3, t.ref(0)); // $id32: function 3 (after the two imports and setg)
        assertEquals(13, t.ref(1)); // $callAdd
        t.setRef(0, 13, b);
        assertEquals(7, b.export("indirect").apply(3, 4, 0)[0]); // now calls $callAdd
    }

    @Test
    void instancesInOneStoreShareMemoriesGlobalsAndTables() {
        ByteliftChicory rt = ByteliftChicory.defaults().sharingOneStore();
        Instance a = rt.install(Instance.builder(ByteliftChicory.parse(WASM))).withImportValues(imports()).build();
        byte[] user = Wat.toWasm("""
                (module
                  (import "a" "memory" (memory 1))
                  (import "a" "g" (global (mut i32)))
                  (import "a" "t" (table 2 funcref))
                  (func (export "peek") (param i32) (result i32) (i32.load8_u (local.get 0)))
                  (func (export "bump") (global.set 1 (i32.add (global.get 0) (i32.const 1))))
                  (func (export "call0") (param i32) (result i32)
                    (call_indirect (param i32) (result i32) (local.get 0) (i32.const 0))))
                """.replace("global.set 1", "global.set 0"));
        ImportValues iv = ImportValues.builder()
                .addMemory(new com.dylibso.chicory.runtime.ImportMemory("a", "memory", a.memory()))
                .addGlobal(new com.dylibso.chicory.runtime.ImportGlobal("a", "g", a.exports().global("g")))
                .addTable(new com.dylibso.chicory.runtime.ImportTable("a", "t", a.exports().table("t")))
                .build();
        Instance u = rt.install(Instance.builder(ByteliftChicory.parse(user))).withImportValues(iv).build();
        a.export("store").apply(11, 77);
        assertEquals(77, u.export("peek").apply(11)[0]);
        u.export("bump").apply();
        assertEquals(6, a.export("getg").apply()[0]);
        assertEquals(-3, (int) u.export("call0").apply(-3)[0]); // a's $id32 through the shared table
    }

    @Test
    void aMutableGlobalOfTheHostIsSharedWithTheGuest() {
        byte[] user = Wat.toWasm("""
                (module
                  (import "env" "g" (global $g (mut i64)))
                  (import "env" "f" (global $f (mut f64)))
                  (import "env" "peek" (func $peek (result i64)))
                  (func (export "get") (result i64) global.get $g)
                  (func (export "getf") (result f64) global.get $f)
                  (func (export "set") (param i64) (global.set $g (local.get 0)))
                  (func (export "trapAfterSet") (param i64) (global.set $g (local.get 0)) unreachable)
                  ;; sets g, asks the host what it sees, then reads back what the host wrote meanwhile
                  (func (export "roundTrip") (param i64) (result i64 i64)
                    (global.set $g (local.get 0))
                    (call $peek)
                    (global.get $g)))
                """);
        com.dylibso.chicory.runtime.GlobalInstance g = new com.dylibso.chicory.runtime.GlobalInstance(
                Value.i64(5), com.dylibso.chicory.wasm.types.MutabilityType.Var);
        com.dylibso.chicory.runtime.GlobalInstance f = new com.dylibso.chicory.runtime.GlobalInstance(
                Value.fromDouble(1.5), com.dylibso.chicory.wasm.types.MutabilityType.Var);
        ImportValues iv = ImportValues.builder()
                .addGlobal(new com.dylibso.chicory.runtime.ImportGlobal("env", "g", g))
                .addGlobal(new com.dylibso.chicory.runtime.ImportGlobal("env", "f", f))
                .addFunction(new HostFunction("env", "peek", FunctionType.of(List.of(), List.of(ValType.I64)), (inst, args) -> {
                    long seen = g.getValueLow();
                    g.setValue(seen * 10); // the host writes while the guest waits
                    return new long[] {seen};
                }))
                .build();
        Instance u = ByteliftChicory.configure(Instance.builder(ByteliftChicory.parse(user))).withImportValues(iv).build();
        assertEquals(5, u.export("get").apply()[0]);
        g.setValue(42); // the host's change, between calls
        assertEquals(42, u.export("get").apply()[0]);
        f.setValue(Double.doubleToRawLongBits(-2.25));
        assertEquals(-2.25, Double.longBitsToDouble(u.export("getf").apply()[0]));
        u.export("set").apply(7);
        assertEquals(7, g.getValueLow()); // the guest's change, seen by the host after the call
        long[] r = u.export("roundTrip").apply(3);
        assertArrayEquals(new long[] {3, 30}, r); // the host saw 3 during the call, the guest then saw 30
        assertEquals(30, g.getValueLow());
        assertThrows(TrapException.class, () -> u.export("trapAfterSet").apply(9));
        assertEquals(9, g.getValueLow()); // kept when the call traps
        // a second instance importing the same global sees what the first wrote
        Instance v = ByteliftChicory.configure(Instance.builder(ByteliftChicory.parse(user))).withImportValues(iv).build();
        u.export("set").apply(11);
        assertEquals(11, v.export("get").apply()[0]);
        v.export("set").apply(12);
        assertEquals(12, u.export("get").apply()[0]);
    }

    @Test
    void fuelThroughTheMachinesStore() {
        ByteliftChicory rt = ByteliftChicory.withEngine(new dev.bytelift.runtime.Engine(
                dev.bytelift.runtime.EngineConfig.builder().consumeFuel(true).build()));
        Instance b = rt.install(Instance.builder(ByteliftChicory.parse(WASM))).withImportValues(imports()).build();
        ByteliftMachine.of(b).store().setFuel(1000);
        assertEquals(3, b.export("callAdd").apply(1, 2)[0]);
        assertTrap(TrapCode.OUT_OF_FUEL, "all fuel consumed", () -> b.export("spin").apply());
    }

    @Test
    void theMachineGivesBytelliftsStore() {
        Instance b = bytelift();
        assertEquals(b.export("id32").apply(1)[0], 1);
        assertTrue(ByteliftMachine.of(b).store() != null);
        assertThrows(IllegalArgumentException.class, () -> ByteliftMachine.of(interpreter()));
    }
}
