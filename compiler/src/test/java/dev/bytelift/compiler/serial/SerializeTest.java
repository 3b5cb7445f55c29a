package dev.bytelift.compiler.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.bytelift.runtime.DeserializeException;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.ExportType;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.ValType;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.OperatorCost;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.TrapCode;
import dev.bytelift.runtime.WasmFrame;

/**
 * {@code Module.serialize} and {@code Engine.deserializeModule}: a deserialised module behaves as
 * the compiled one (exports, results, traps and their backtraces, fuel and epochs), loads without
 * generating code, and every kind of bad input is a {@link DeserializeException} naming the problem.
 */
class SerializeTest {
    /** Exports arithmetic, a call_indirect, a trap two calls deep, a loop for fuel and epochs, memory and a global. */
    static final String WAT = """
            (module $sample
              (type $bin (func (param i32 i32) (result i32)))
              (memory (export "mem") 1)
              (global $g (export "g") (mut i32) (i32.const 42))
              (table 2 funcref)
              (elem (i32.const 0) $add $mul)
              (data (i32.const 16) "hello")
              (func $add (type $bin) (i32.add (local.get 0) (local.get 1)))
              (func $mul (type $bin) (i32.mul (local.get 0) (local.get 1)))
              (func (export "apply") (param i32 i32 i32) (result i32)
                (call_indirect (type $bin) (local.get 1) (local.get 2) (local.get 0)))
              (func $inner (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0)))
              (func (export "outer") (param i32) (result i32) (call $inner (local.get 0)))
              (func (export "spin") (param i32) (result i32) (local i32)
                (loop $l (local.set 1 (i32.add (local.get 1) (i32.const 1)))
                  (br_if $l (i32.lt_u (local.get 1) (local.get 0))))
                (local.get 1))
              (func (export "load") (param i32) (result i32) (i32.load8_u (local.get 0))))
            """;

    static byte[] wasm(Engine engine) {
        return engine.compileText(WAT, "sample.wat").serialize();
    }

    @Test
    void aDeserialisedModuleBehavesAsTheCompiledOne() {
        Engine engine = new Engine();
        Module compiled = engine.compileText(WAT, "sample.wat");
        byte[] bytes = compiled.serialize();
        Module loaded = new Engine().deserializeModule(bytes);
        assertEquals(names(compiled.exports()), names(loaded.exports()));
        assertEquals("sample", loaded.name());
        for (Module m : List.of(compiled, loaded, engine.deserializeModule(bytes))) {
            Instance i = new Linker().instantiate(new Store(m.engine()), m);
            assertArrayEquals(new Object[] {7}, i.getFunc("apply").call(0, 3, 4));
            assertArrayEquals(new Object[] {12}, i.getFunc("apply").call(1, 3, 4));
            assertArrayEquals(new Object[] {(int) 'h'}, i.getFunc("load").call(16));
            assertEquals(42, i.getGlobal("g").get());
            Trap t = assertThrows(Trap.class, () -> i.getFunc("outer").call(0));
            assertEquals(TrapCode.INTEGER_DIVISION_BY_ZERO, t.code());
            List<WasmFrame> frames = t.backtrace();
            assertEquals(2, frames.size(), frames.toString());
            assertEquals("inner", frames.get(0).funcName());
            assertEquals("sample", frames.get(0).moduleName());
            Trap bad = assertThrows(Trap.class, () -> i.getFunc("apply").call(5, 3, 4));
            assertEquals(TrapCode.UNDEFINED_ELEMENT, bad.code());
        }
    }

    private static List<String> names(List<ExportType> exports) {
        return exports.stream().map(e -> e.name() + ":" + e.type()).toList();
    }

    @Test
    void fuelAndEpochsStayCompiledIn() {
        EngineConfig config = EngineConfig.builder().consumeFuel(true).epochInterruption(true).build();
        byte[] bytes = new Engine(config).compileText(WAT, "sample.wat").serialize();
        Engine engine = new Engine(config);
        Module m = engine.deserializeModule(bytes);
        Store store = new Store(engine);
        store.setFuel(1000);
        store.setEpochDeadline(1_000_000);
        Func spin = new Linker().instantiate(store, m).getFunc("spin");
        Trap t = assertThrows(Trap.class, () -> spin.call(1_000_000));
        assertEquals(TrapCode.OUT_OF_FUEL, t.code());
        Store epochs = new Store(engine);
        epochs.setFuel(Long.MAX_VALUE);
        epochs.setEpochDeadline(1);
        Func spin2 = new Linker().instantiate(epochs, m).getFunc("spin");
        engine.incrementEpoch();
        Trap i = assertThrows(Trap.class, () -> spin2.call(Integer.MAX_VALUE));
        assertEquals(TrapCode.INTERRUPT, i.code());
    }

    @Test
    void aLazilyCompiledModuleSerialisesAllItsFunctions() {
        Engine lazy = new Engine(EngineConfig.builder().lazyCompilation(true).build());
        byte[] bytes = lazy.compileText(WAT, "sample.wat").serialize();
        Module m = new Engine().deserializeModule(bytes);
        assertTrue(m.statistics().classes() >= 2, m.statistics().toString());
        Instance i = new Linker().instantiate(new Store(m.engine()), m);
        assertArrayEquals(new Object[] {12}, i.getFunc("apply").call(1, 3, 4));
        // and a lazy engine loads an eagerly written one
        Module again = lazy.deserializeModule(new Engine().compileText(WAT, "sample.wat").serialize());
        assertArrayEquals(new Object[] {5}, new Linker().instantiate(new Store(lazy), again).getFunc("spin").call(5));
    }

    @Test
    void aDeserialisedModuleSerialisesAgain() {
        Module m = new Engine().deserializeModule(wasm(new Engine()));
        Module again = new Engine().deserializeModule(m.serialize());
        assertArrayEquals(new Object[] {7}, new Linker().instantiate(new Store(again.engine()), again).getFunc("apply").call(0, 3, 4));
    }

    @Test
    void fromAFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("sample.bmod");
        Files.write(f, wasm(new Engine()));
        Module m = new Engine().deserializeModule(f);
        assertEquals("sample", m.name());
        // read from the mapped file, its function classes defined on first use: same behaviour
        Instance i = new Linker().instantiate(new Store(m.engine()), m);
        assertArrayEquals(new Object[] {12}, i.getFunc("apply").call(1, 3, 4));
        Trap t = assertThrows(Trap.class, () -> i.getFunc("outer").call(0));
        assertEquals(TrapCode.INTEGER_DIVISION_BY_ZERO, t.code());
        assertEquals(2, t.backtrace().size(), t.backtrace().toString());
        assertEquals("inner", t.backtrace().get(0).funcName());
        assertEquals("sample", t.backtrace().get(0).moduleName());
        Files.delete(f); // the mapping outlives the file's name
        assertArrayEquals(new Object[] {1000}, i.getFunc("spin").call(1000));
    }

    /**
     * Each class file of the serialised module damaged in turn (its magic number, the checksum
     * fixed): from bytes, every class is defined at once and the damage is a DeserializeException;
     * from a file, the main class is too, and a damaged function class fails the first call that
     * reaches it with a WasmException; never a JVM error.
     */
    @Test
    void aDamagedClassFromAFileFailsTheCallThatReachesIt(@TempDir Path dir) throws Exception {
        byte[] bytes = wasm(new Engine());
        byte[] magic = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE};
        int damagedCalls = 0, classes = 0;
        for (int at = indexOf(bytes, magic, 0); at >= 0; at = indexOf(bytes, magic, at + 1)) {
            classes++;
            byte[] b = bytes.clone();
            b[at + 1] = 0;
            fixChecksum(b);
            assertThrows(DeserializeException.class, () -> new Engine().deserializeModule(b));
            Path f = dir.resolve("damaged" + at + ".bmod");
            Files.write(f, b);
            Module m;
            try {
                m = new Engine().deserializeModule(f);
            } catch (DeserializeException e) {
                continue; // the main class
            }
            try {
                Instance i = new Linker().instantiate(new Store(m.engine()), m);
                for (String e : List.of("apply", "outer", "spin")) i.getFunc(e).call(1, 1, 1);
            } catch (dev.bytelift.runtime.WasmException e) {
                assertTrue(e.getMessage().contains("does not load") || e.getMessage().contains("cannot be read"), e.getMessage());
                damagedCalls++;
            }
        }
        assertTrue(classes >= 2, classes + " classes");
        assertTrue(damagedCalls >= 1, "no function class was damaged");
    }

    @Test
    void anotherConfigurationIsRefused() {
        byte[] bytes = wasm(new Engine());
        for (EngineConfig other : List.of(EngineConfig.builder().consumeFuel(true).build(),
                EngineConfig.builder().epochInterruption(true).build(),
                EngineConfig.builder().maxWasmStack(77).build(),
                EngineConfig.builder().splitFunctionsOver(1).build(),
                EngineConfig.builder().features(dev.bytelift.runtime.Feature.webAssembly2()).build())) {
            DeserializeException e = assertThrows(DeserializeException.class, () -> new Engine(other).deserializeModule(bytes));
            assertTrue(e.getMessage().contains("another engine configuration"), e.getMessage());
        }
        // operator costs count when fuel is on
        EngineConfig fuel = EngineConfig.builder().consumeFuel(true).build();
        byte[] fuelBytes = new Engine(fuel).compileText(WAT, "sample.wat").serialize();
        OperatorCost dear = (op, sub) -> 2;
        assertThrows(DeserializeException.class, () -> new Engine(fuel.toBuilder().operatorCost(dear).build()).deserializeModule(fuelBytes));
        // settings that do not change the code do not matter
        new Engine(EngineConfig.builder().compileThreads(1).lazyCompilation(true).build()).deserializeModule(bytes);
    }

    @Test
    void damagedBytesAreRefusedWithTheReason() {
        byte[] bytes = wasm(new Engine());
        Engine engine = new Engine();
        assertMessage(engine, new byte[0], "truncated");
        assertMessage(engine, Arrays.copyOf(bytes, 5), "truncated");
        assertMessage(engine, Arrays.copyOf(bytes, 20), "truncated");
        assertMessage(engine, Arrays.copyOf(bytes, bytes.length - 1), "truncated");
        assertMessage(engine, Arrays.copyOf(bytes, bytes.length + 3), "corrupted");
        assertMessage(engine, "(module)".getBytes(StandardCharsets.UTF_8), "wrong magic");
        assertMessage(engine, new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}, "WebAssembly binary");
        byte[] format = bytes.clone();
        format[9] = 9;
        assertMessage(engine, format, "format 9");
        // every byte after the fixed header, flipped in turn (a sample of positions), is caught by the checksum
        for (int p = ModuleSerializer.FIXED_HEADER - 4; p < bytes.length; p += 1 + bytes.length / 97) {
            byte[] flipped = bytes.clone();
            flipped[p] ^= 0x10;
            assertMessage(engine, flipped, "corrupted");
        }
    }

    @Test
    void anotherBuildIsRefused() {
        byte[] bytes = wasm(new Engine());
        // the build digest is the second string of the content: change one character, fix the checksum
        String build = CodeKey.build();
        byte[] b = bytes.clone();
        int at = indexOf(b, build.getBytes(StandardCharsets.US_ASCII));
        b[at] = (byte) (b[at] == 'a' ? 'b' : 'a');
        fixChecksum(b);
        assertMessage(new Engine(), b, "another build of Bytelift");
    }

    @Test
    void conflictingTypeIdsAreRefused() {
        byte[] bytes = wasm(new Engine());
        FuncType f64 = new FuncType(new ValType[] {ValType.F64}, new ValType[0]);
        Engine used = new Engine();
        used.typeId(f64); // id 0, which the sample's first type has in its code
        DeserializeException e = assertThrows(DeserializeException.class, () -> used.deserializeModule(bytes));
        assertTrue(e.getMessage().contains("other ids"), e.getMessage());
        // an engine that gave the same types the same ids takes it, and goes on giving new ids after them
        Engine same = new Engine();
        Module m = same.deserializeModule(bytes);
        same.deserializeModule(bytes);
        assertTrue(same.typeId(f64) >= 3, "a new id after the reserved ones (the sample has 3 types)");
        Instance i = new Linker().instantiate(new Store(same), m);
        assertArrayEquals(new Object[] {12}, i.getFunc("apply").call(1, 3, 4));
    }

    private static void assertMessage(Engine engine, byte[] bytes, String words) {
        DeserializeException e = assertThrows(DeserializeException.class, () -> engine.deserializeModule(bytes));
        assertTrue(e.getMessage().contains(words), e.getMessage());
    }

    static int indexOf(byte[] b, byte[] what) {
        int i = indexOf(b, what, 0);
        if (i < 0) throw new AssertionError("not found");
        return i;
    }

    /** Where {@code what} first occurs in {@code b} from {@code from} on, or -1. */
    static int indexOf(byte[] b, byte[] what, int from) {
        outer:
        for (int i = from; i + what.length <= b.length; i++) {
            for (int k = 0; k < what.length; k++) if (b[i + k] != what[k]) continue outer;
            return i;
        }
        return -1;
    }

    static void fixChecksum(byte[] b) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(b, ModuleSerializer.FIXED_HEADER, b.length - ModuleSerializer.FIXED_HEADER);
        java.nio.ByteBuffer.wrap(b, ModuleSerializer.FIXED_HEADER - 4, 4).putInt((int) crc.getValue());
    }
}
