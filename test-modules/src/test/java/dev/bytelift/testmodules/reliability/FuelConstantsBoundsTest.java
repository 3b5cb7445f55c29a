package dev.bytelift.testmodules.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;

/**
 * With fuel metering, the translator mirrors Cranelift's constant folding to charge what
 * Wasmtime charges (translate/WasmtimeConstants). Its bookkeeping must stay within the bounds
 * docs/untrusted.md promises for any module: it once copied the set of assigned locals at every
 * {@code if} (6 KB each under an assigned local near 50,000: a 500 KB module of nested ifs
 * allocated about a gigabyte) and merged every loop's assigned locals into the enclosing loop's
 * (a 250 KB module of 30,000 nested loops around 30,000 assignments took 66 s of CPU to compile).
 */
class FuelConstantsBoundsTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void nestedIfsUnderAHighLocalAllocateLikeWithoutFuel() {
        byte[] wasm = module(50_000, body -> {
            localSet(body, 49_999);
            for (int i = 0; i < 100_000; i++) body.write(new byte[] {0x41, 0x01, 0x04, 0x40}, 0, 4); // i32.const 1, if
            for (int i = 0; i < 100_000; i++) body.write(0x0b);
        });
        long plain = compileAllocation(wasm, false);
        long fuel = compileAllocation(wasm, true);
        System.out.printf("[fuel-constants] nested ifs, %,d bytes: compile allocates %,d bytes plain, %,d with fuel%n",
                wasm.length, plain, fuel);
        assertTrue(fuel < 2 * plain + (16 << 20), fuel + " bytes allocated with fuel, " + plain + " without");
    }

    @Test
    void nestedLoopsAroundManyAssignmentsCompileWithinTheCpuBound() {
        byte[] wasm = module(30_000, body -> {
            for (int i = 0; i < 30_000; i++) body.write(new byte[] {0x03, 0x40}, 0, 2); // loop
            for (int i = 0; i < 30_000; i++) localSet(body, i);
            for (int i = 0; i < 30_000; i++) body.write(0x0b);
        });
        long before = THREADS.getCurrentThreadCpuTime();
        Module m = engine(true).compile(wasm);
        double seconds = (THREADS.getCurrentThreadCpuTime() - before) / 1e9;
        // the fuzz oracle's bound for a module (docs/fuzzing.md): 5 s + 4 s per MiB of CPU
        double bound = 5 + 4 * wasm.length / (double) (1 << 20);
        System.out.printf("[fuel-constants] nested loops, %,d bytes: compiled with fuel in %.2f s of CPU (bound %.1f s)%n",
                wasm.length, seconds, bound);
        assertTrue(seconds < bound, seconds + " s of CPU");
        Store store = new Store(m.engine());
        store.setFuel(1_000_000_000L);
        Instance i = new Linker().instantiate(store, m);
        assertArrayEquals(new Object[0], i.getFunc("f").call());
    }

    private static Engine engine(boolean fuel) {
        return new Engine(EngineConfig.builder().compileThreads(1).consumeFuel(fuel).maxWasmStack(16 << 20).build());
    }

    private static long compileAllocation(byte[] wasm, boolean fuel) {
        Engine engine = engine(fuel);
        engine.compile(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}); // warmed up
        long before = THREADS.getCurrentThreadAllocatedBytes();
        engine.compile(wasm);
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }

    /** {@code local.set local (i32.const 1)}. */
    private static void localSet(ByteArrayOutputStream body, int local) {
        body.write(0x41);
        body.write(0x01);
        body.write(0x21);
        leb(body, local);
    }

    /** A module exporting {@code f: [] -> []}, declaring {@code locals} i32 locals, with the body {@code code} writes. */
    private static byte[] module(int locals, java.util.function.Consumer<ByteArrayOutputStream> code) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(1);
        leb(body, locals);
        body.write(0x7f);
        code.accept(body);
        body.write(0x0b);
        ByteArrayOutputStream codeSection = new ByteArrayOutputStream();
        codeSection.write(1);
        leb(codeSection, body.size());
        codeSection.writeBytes(body.toByteArray());
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.writeBytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        section(m, 1, new byte[] {1, 0x60, 0, 0});
        section(m, 3, new byte[] {1, 0});
        section(m, 7, new byte[] {1, 1, 'f', 0, 0});
        section(m, 10, codeSection.toByteArray());
        return m.toByteArray();
    }

    private static void section(ByteArrayOutputStream m, int id, byte[] content) {
        m.write(id);
        leb(m, content.length);
        m.writeBytes(content);
    }

    private static void leb(ByteArrayOutputStream out, long v) {
        do {
            int b = (int) (v & 0x7f);
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
    }
}
