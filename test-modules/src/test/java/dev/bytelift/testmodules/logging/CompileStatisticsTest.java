package dev.bytelift.testmodules.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import dev.bytelift.runtime.CompileStatistics;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;

/** {@code Module.statistics()}: what compiling took and made, eagerly and lazily. */
class CompileStatisticsTest {
    private static final String WAT = """
            (module
              (import "env" "f" (func $f (param i32)))
              (func (export "a") (param i32) (call $f (local.get 0)))
              (func (export "b") (result i32) (i32.const 7))
              (func (export "c") (param i64) (result i64) (i64.add (local.get 0) (i64.const 1))))
            """;

    @Test
    void eagerCompilationCountsEveryFunctionClass() {
        CompileStatistics s = new Engine().compileText(WAT, "m.wat").statistics();
        assertEquals(3, s.functions());
        assertEquals(1, s.importedFunctions());
        assertTrue(s.codeBytes() > 10 && s.codeBytes() < 40, s.toString());
        assertTrue(s.classes() >= 2, s.toString()); // the module's class and at least one function class
        assertTrue(s.classBytes() > 1000, s.toString());
        assertFalse(s.lazy());
        assertEquals(1, s.threads());
        assertTrue(s.nanos() > 0);
        assertTrue(s.toString().startsWith("3 functions (" + s.codeBytes() + " bytes of code, 1 imported), "), s.toString());
    }

    @Test
    void lazyCompilationGeneratesFewerClassesUpFront() {
        byte[] wat = WAT.getBytes(StandardCharsets.UTF_8);
        CompileStatistics eager = new Engine().compile(wat).statistics();
        CompileStatistics lazy = new Engine(EngineConfig.builder().lazyCompilation(true).build()).compile(wat).statistics();
        assertTrue(lazy.lazy());
        assertEquals(eager.functions(), lazy.functions());
        assertEquals(eager.codeBytes(), lazy.codeBytes());
        assertTrue(lazy.classes() < eager.classes(), lazy + " / " + eager);
        assertTrue(lazy.toString().contains("(function classes when first used)"), lazy.toString());
    }

    private static final String BLOCKS = """
            (module
              (func (export "f") (param i32) (result i32)
                (block (result i32) (block (result i32) (block (result i32)
                  (i32.add (i32.mul (local.get 0) (i32.const 3)) (i32.const 1))))))
              (func (export "g") (result i32) (i32.const 7)))
            """;

    @Test
    void splitFunctionsAndTheirRegionsAreCounted() {
        EngineConfig every = EngineConfig.builder().splitFunctionsOver(0).regionInstructions(2).build();
        CompileStatistics split = new Engine(every).compileText(BLOCKS, "m.wat").statistics();
        assertEquals(2, split.splitFunctions(), split.toString());
        assertTrue(split.regions() >= 4, split.toString()); // f's three blocks and its body, g's body
        assertTrue(split.toString().contains("2 split into " + split.regions() + " regions"), split.toString());
        CompileStatistics plain = new Engine().compileText(BLOCKS, "m.wat").statistics();
        assertEquals(0, plain.splitFunctions());
        assertEquals(0, plain.regions());
        assertFalse(plain.toString().contains("split"), plain.toString());
        // with lazy compilation nothing is translated up front
        CompileStatistics lazy = new Engine(every.toBuilder().lazyCompilation(true).build()).compileText(BLOCKS, "m.wat").statistics();
        assertEquals(0, lazy.splitFunctions());
    }
}
