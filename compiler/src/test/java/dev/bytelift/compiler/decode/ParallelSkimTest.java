package dev.bytelift.compiler.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import dev.bytelift.compiler.ModuleBytes;
import dev.bytelift.runtime.WasmException;

/**
 * A code section skimmed on several threads ({@link ModuleDecoder#decode(byte[], Features, int)})
 * gives the same {@link ModuleInfo} as one thread, and fails with the same error: the first in
 * file order, a malformed body before a malformed size after it. Here from the first byte of code
 * on (the threshold at zero), over the spec suite's modules, malformed ones included, and
 * modules made to fail in two places.
 */
class ParallelSkimTest {
    private static final Path SPEC = Path.of(System.getProperty("bytelift.testsuite.json", "/work/shared/testsuite/json"));
    private static final int THREADS = 4;

    /** What a decode gave: its bodies and body sets, or its error's class, message and offset. */
    private static String outcome(byte[] wasm, int threads) {
        try {
            ModuleInfo m = ModuleDecoder.decode(wasm, Features.ALL, threads, 0);
            return m.bodies + " tail " + m.tailCallers + " deep " + m.deepStackBodies;
        } catch (WasmException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    @Test
    void specModulesDecodeAlikeOnAnyNumberOfThreads() throws IOException {
        if (!Files.isDirectory(SPEC)) return; // the shared test data is not here (CI has it)
        List<Path> modules;
        try (Stream<Path> files = Files.walk(SPEC)) {
            modules = files.filter(p -> p.getFileName().toString().endsWith(".wasm")).sorted().toList();
        }
        int withBodies = 0, failing = 0;
        for (Path module : modules) {
            byte[] wasm = Files.readAllBytes(module);
            String one = outcome(wasm, 1);
            assertEquals(one, outcome(wasm, THREADS), module.toString());
            if (one.startsWith("[ModuleInfo") || one.startsWith("[FunctionBody")) withBodies++;
            if (one.contains("Exception: ")) failing++;
        }
        assertTrue(withBodies > 1_000 && failing > 100, withBodies + " modules with bodies, " + failing + " failing");
    }

    /** {@code n} functions {@code () -> ()} of body {@code (nop) * 8}; the bodies as given by {@code body}. */
    private static byte[] module(int n, java.util.function.IntFunction<ModuleBytes> body) {
        ModuleBytes types = new ModuleBytes().u32(1).raw(0x60, 0, 0);
        ModuleBytes funcs = new ModuleBytes().u32(n);
        for (int i = 0; i < n; i++) funcs.u32(0);
        ModuleBytes code = new ModuleBytes().u32(n);
        for (int i = 0; i < n; i++) code.raw(body.apply(i).toArray());
        return ModuleBytes.header().section(1, types).section(3, funcs).section(10, code).toArray();
    }

    private static ModuleBytes nops(ModuleBytes instructions) {
        ModuleBytes b = new ModuleBytes().u32(0).raw(instructions.toArray()).raw(0x0B);
        return new ModuleBytes().u32(b.size()).raw(b.toArray());
    }

    private static final ModuleBytes EIGHT_NOPS = new ModuleBytes().raw(1, 1, 1, 1, 1, 1, 1, 1);

    @Test
    void theFirstErrorInFileOrderWins() {
        // body 150 has an unknown opcode; body 300's size runs past the end of the section
        byte[] twoErrors = module(400, i -> i == 150 ? nops(new ModuleBytes().raw(1, 0xFF))
                : i == 300 ? new ModuleBytes().u32(1_000_000) : nops(EIGHT_NOPS));
        String one = outcome(twoErrors, 1);
        assertTrue(one.contains("MalformedModuleException"), one);
        assertEquals(one, outcome(twoErrors, THREADS));
        byte[] sizeOnly = module(400, i -> i == 300 ? new ModuleBytes().u32(1_000_000) : nops(EIGHT_NOPS));
        String size = outcome(sizeOnly, 1);
        assertTrue(size.contains("MalformedModuleException"), size);
        assertEquals(size, outcome(sizeOnly, THREADS));
        // a body reading past its declared size (its end opcode missing) fails at that body
        byte[] overrun = module(400, i -> i == 200 ? new ModuleBytes().u32(3).u32(0).raw(1, 1) : nops(EIGHT_NOPS));
        String past = outcome(overrun, 1);
        assertTrue(past.contains("MalformedModuleException"), past);
        assertEquals(past, outcome(overrun, THREADS));
        List<String> distinct = new ArrayList<>(List.of(one, size, past));
        assertEquals(3, distinct.stream().distinct().count(), "three different failures: " + distinct);
    }

    @Test
    void aLargeModuleDecodesAlike() {
        byte[] wasm = module(5_000, i -> nops(EIGHT_NOPS));
        assertEquals(outcome(wasm, 1), outcome(wasm, THREADS));
    }
}
