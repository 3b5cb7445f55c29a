package dev.bytelift.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import dev.bytelift.runtime.WasmFrame;

/**
 * Backtraces of compiled and ahead-of-time modules: the one reading of a generated method name and
 * of a line number. The two copies it replaces differed on long digit runs (the compiler's read
 * any number into an overflowing int, the ahead-of-time one stopped at ten digits, still past
 * {@code int}) and both took non-ASCII digits; no generated name has either, but a reader of names
 * never answers a wrong function.
 */
class ModuleFramesTest {
    @Test
    void readsTheFunctionIndexOfGeneratedNames() {
        assertEquals(0, ModuleFrames.functionIndexOf("f0"));
        assertEquals(12, ModuleFrames.functionIndexOf("f12"));
        assertEquals(12, ModuleFrames.functionIndexOf("f12_main"));
        assertEquals(7, ModuleFrames.functionIndexOf("f7$region3"));
        assertEquals(Integer.MAX_VALUE, ModuleFrames.functionIndexOf("f2147483647"));
    }

    @Test
    void otherNamesAreNoFunction() {
        for (String name : new String[] {"f", "fx", "f12x", "import3", "dispatch0", "f2147483648", "f99999999999", "f\u0661"}) {
            assertEquals(-1, ModuleFrames.functionIndexOf(name), name);
        }
    }

    @Test
    void aLineIsTheOffsetInTheBodyPlusOne() {
        ModuleImage m = new ModuleImage();
        m.moduleName = "m";
        m.importedFuncs = 1;
        m.bodyStarts = new int[] {100, 200};
        m.funcNames.put(2, "two");
        ModuleFrames frames = new ModuleFrames(m);
        assertEquals(new WasmFrame("m", 2, "two", 204), frames.resolve("f2_two", 5));
        assertEquals(new WasmFrame("m", 1, null, -1), frames.resolve("f1", 0));
        assertNull(frames.resolve("f1", -1), "a tail-call entry has no line: no frame");
        assertNull(frames.resolve("f0", 3), "an import is no frame of this module");
        assertNull(frames.resolve("f3", 3), "past the module's functions");
    }
}
