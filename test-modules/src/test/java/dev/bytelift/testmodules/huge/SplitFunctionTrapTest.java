package dev.bytelift.testmodules.huge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.TrapCode;
import dev.bytelift.runtime.WasmFrame;
import dev.bytelift.testmodules.TestModules;

/** Traps in functions split over several JVM methods report the same backtrace as unsplit ones. */
class SplitFunctionTrapTest {
    private static List<WasmFrame> backtraceOfDivisionByZero(EngineConfig config) {
        Engine engine = new Engine(config);
        Instance i = new Linker().instantiate(new Store(engine), engine.compile(TestModules.load("wat/cli/values.wasm")));
        Trap t = assertThrows(Trap.class, () -> i.getFunc("_start").call());
        assertEquals(TrapCode.INTEGER_DIVISION_BY_ZERO, t.code());
        return t.backtrace();
    }

    @Test
    void aSplitFunctionShowsAsOneFrameAtTheSameOffsets() {
        List<WasmFrame> plain = backtraceOfDivisionByZero(EngineConfig.defaults());
        List<WasmFrame> split = backtraceOfDivisionByZero(EngineConfig.builder().splitFunctionsOver(0).regionInstructions(1).build());
        assertEquals(2, plain.size(), plain.toString());
        assertEquals(plain, split);
    }
}
