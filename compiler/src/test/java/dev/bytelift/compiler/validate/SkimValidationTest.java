package dev.bytelift.compiler.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import dev.bytelift.compiler.ModuleBytes;
import dev.bytelift.runtime.CompileException;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Feature;
import dev.bytelift.runtime.WasmException;

/**
 * Lazy compilation validates each body in the decoder's skim (SkimValidation), where eager
 * compilation validates when it translates, after the whole module is decoded: both must report
 * the same error. These modules put the errors where the order matters: an invalid body before a
 * malformed one or before a malformed or invalid section after the code, an index the data
 * section decides, a typed reference naming no type.
 */
class SkimValidationTest {
    private static final int I32 = 0x7F;

    /** Types: 0 = [] -> [i32]; n functions of type 0; an optional memory; {@code bodies} encoded; optional data section. */
    private static byte[] module(int functions, boolean memory, boolean dataCount, ModuleBytes data, byte[]... bodies) {
        ModuleBytes m = ModuleBytes.header()
                .section(1, new ModuleBytes().u32(1).raw(0x60).u32(0).u32(1).raw(I32));
        ModuleBytes funcs = new ModuleBytes().u32(functions);
        for (int i = 0; i < functions; i++) funcs.u32(0);
        m.section(3, funcs);
        if (memory) m.section(5, new ModuleBytes().u32(1).raw(0).u32(1));
        if (dataCount) m.section(12, new ModuleBytes().u32(1));
        ModuleBytes code = new ModuleBytes().u32(bodies.length);
        for (byte[] b : bodies) code.u32(b.length).raw(b);
        m.section(10, code);
        if (data != null) m.section(11, data);
        return m.toArray();
    }

    /** A body without locals of {@code ops}. */
    private static byte[] body(int... ops) {
        return new ModuleBytes().u32(0).raw(ops).toArray();
    }

    private static final byte[] VALID = body(0x41, 7, 0x0B); // i32.const 7
    private static final byte[] INVALID = body(0x0B); // no result: type mismatch at its end
    private static final byte[] MALFORMED = body(0x41, 7, 0x27, 0x0B); // 0x27 is no opcode

    private static String outcome(boolean lazy, EngineConfig.Builder config, byte[] wasm) {
        Engine engine = new Engine(config.compileThreads(1).lazyCompilation(lazy).build());
        try {
            engine.compile(wasm);
            return "ok";
        } catch (CompileException e) {
            return e.getClass().getSimpleName() + " '" + e.getMessage() + "' at " + e.offset();
        }
    }

    /** Both compilations' outcome, which must agree. */
    private static String outcome(EngineConfig.Builder config, byte[] wasm) {
        String eager = outcome(false, config, wasm);
        assertEquals(eager, outcome(true, config, wasm), "lazy against eager");
        return eager;
    }

    private static String outcome(byte[] wasm) {
        return outcome(EngineConfig.builder(), wasm);
    }

    @Test
    void aMalformedBodyAfterAnInvalidOneIsReported() {
        String o = outcome(module(2, false, false, null, INVALID, MALFORMED));
        assertTrue(o.startsWith("MalformedModuleException") && o.contains("illegal opcode"), o);
    }

    @Test
    void aMalformedDataSectionAfterAnInvalidBodyIsReported() {
        ModuleBytes data = new ModuleBytes().u32(1).u32(7); // no such segment kind
        String o = outcome(module(1, true, false, data, INVALID));
        assertTrue(o.startsWith("MalformedModuleException") && o.contains("malformed data segment kind"), o);
    }

    @Test
    void anInvalidDataSectionAfterAnInvalidBodyIsReportedFirst() {
        // an active segment of memory 5, which does not exist: a module-level error
        ModuleBytes data = new ModuleBytes().u32(1).u32(2).u32(5).raw(0x41, 0, 0x0B).u32(0);
        String o = outcome(module(2, true, false, data, VALID, INVALID));
        assertTrue(o.startsWith("InvalidModuleException") && o.contains("unknown memory 5"), o);
    }

    @Test
    void theFirstInvalidBodyIsReported() {
        byte[] otherInvalid = body(0x20, 3, 0x0B); // local.get 3: unknown local
        String o = outcome(module(3, false, false, null, VALID, INVALID, otherInvalid));
        assertTrue(o.startsWith("InvalidModuleException") && o.contains("type mismatch"), o);
        assertTrue(outcome(module(3, false, false, null, VALID, otherInvalid, INVALID)).contains("unknown local"));
    }

    @Test
    void dataIndicesWithoutADataCountAreDecidedByTheDataSection() {
        byte[] dataDrop = body(0xFC, 9, 0, 0x41, 0, 0x0B); // data.drop 0
        ModuleBytes passive = new ModuleBytes().u32(1).u32(1).u32(0);
        String o = outcome(module(1, true, false, passive, dataDrop));
        assertTrue(o.startsWith("MalformedModuleException") && o.contains("data count section required"), o);
        o = outcome(module(2, true, false, null, VALID, dataDrop));
        assertTrue(o.startsWith("InvalidModuleException") && o.contains("unknown data segment 0"), o);
        assertEquals("ok", outcome(module(2, true, true, passive, VALID, dataDrop)));
        // an invalid body after the one needing the data section is still reported
        o = outcome(module(3, true, true, passive, VALID, dataDrop, INVALID));
        assertTrue(o.contains("type mismatch"), o);
    }

    @Test
    void anUnknownTypeInATypedReferenceIsReportedAtItsOperator() {
        EngineConfig.Builder refs = EngineConfig.builder().feature(Feature.FUNCTION_REFERENCES, true);
        byte[] refNull = body(0xD0, 9, 0x1A, 0x41, 0, 0x0B); // ref.null (type 9); drop
        String o = outcome(refs, module(2, false, false, null, VALID, refNull));
        assertTrue(o.startsWith("InvalidModuleException") && o.contains("unknown type"), o);
        o = outcome(refs, module(2, false, false, null, refNull, MALFORMED));
        assertTrue(o.startsWith("MalformedModuleException"), o);
    }

    @Test
    void anInterruptedCallerStopsTheLazyCompilation() {
        Engine engine = new Engine(EngineConfig.builder().lazyCompilation(true).build());
        byte[] wasm = module(1, false, false, null, VALID);
        Thread.currentThread().interrupt();
        try {
            WasmException e = assertThrows(WasmException.class, () -> engine.compile(wasm));
            assertEquals("compilation interrupted", e.getMessage());
        } finally {
            Thread.interrupted();
        }
        assertFalse(Thread.currentThread().isInterrupted());
        engine.compile(wasm);
    }
}
