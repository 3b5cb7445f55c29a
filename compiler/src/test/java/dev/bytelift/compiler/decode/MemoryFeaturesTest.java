package dev.bytelift.compiler.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import dev.bytelift.runtime.CompileException;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Feature;
import dev.bytelift.runtime.InvalidModuleException;
import dev.bytelift.runtime.MalformedModuleException;
import dev.bytelift.runtime.MemoryType;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.TableType;
import dev.bytelift.runtime.ValType;

/**
 * Multi-memory and memory64 are on by default; each only relaxes a 2.0 rule, so with it disabled a
 * module that uses it gets the error WebAssembly 2.0 gives (as extended constants do).
 */
class MemoryFeaturesTest {
    private static final Engine DEFAULT = new Engine();
    private static final Engine NO_MULTI = new Engine(EngineConfig.builder().feature(Feature.MULTI_MEMORY, false).build());
    private static final Engine NO_64 = new Engine(EngineConfig.builder().feature(Feature.MEMORY64, false).build());

    private static String error(Engine engine, Class<? extends CompileException> kind, String wat) {
        return assertThrows(kind, () -> engine.compileText(wat, "test.wat")).specMessage();
    }

    @Test
    void onByDefault() {
        assertTrue(Feature.defaults().contains(Feature.MULTI_MEMORY));
        assertTrue(Feature.defaults().contains(Feature.MEMORY64));
        assertTrue(!Feature.webAssembly2().contains(Feature.MULTI_MEMORY));
        assertTrue(!Feature.webAssembly2().contains(Feature.MEMORY64));
    }

    @Test
    void withoutMultiMemory() {
        String two = "(module (memory 1) (memory 1))";
        DEFAULT.compileText(two, "test.wat");
        assertEquals("multiple memories", error(NO_MULTI, InvalidModuleException.class, two));
        // a memarg naming memory 1 sets flag 64, which 2.0 does not know
        String indexed = "(module (memory 1) (func (drop (i32.load 1 (i32.const 0)))))";
        assertEquals("malformed memop flags", error(NO_MULTI, MalformedModuleException.class, indexed));
        // as does memory.size with a memory index (its byte 1 is not 2.0's zero byte)
        String size = "(module (memory 1) (memory 1) (func (drop (memory.size 1))))";
        assertEquals("zero byte expected", error(NO_MULTI, MalformedModuleException.class, size));
    }

    @Test
    void withoutMemory64() {
        String wide = "(module (memory i64 1) (func (drop (i64.load (i64.const 0)))))";
        DEFAULT.compileText(wide, "test.wat");
        assertEquals("integer too large", error(NO_64, MalformedModuleException.class, wide));
        assertEquals("integer too large", error(NO_64, MalformedModuleException.class, "(module (table i64 1 funcref))"));
        // 32-bit memories keep 2.0's encoding: the same module compiles either way
        NO_64.compileText("(module (memory 1 2) (table 1 funcref))", "test.wat");
    }

    @Test
    void addressTypesInTheApi() {
        Module m = DEFAULT.compileText("(module (memory (export \"m\") i64 1 2) (table (export \"t\") i64 3 funcref)"
                + " (memory (export \"m32\") 1))", "test.wat");
        MemoryType mt = (MemoryType) m.exports().get(0).type();
        TableType tt = (TableType) m.exports().get(1).type();
        assertEquals(ValType.I64, mt.addressType());
        assertTrue(mt.is64());
        assertEquals(ValType.I64, tt.addressType());
        assertEquals(ValType.I32, ((MemoryType) m.exports().get(2).type()).addressType());
        assertThrows(IllegalArgumentException.class, () -> new MemoryType(new dev.bytelift.runtime.Limits(1, 1), ValType.F32));
    }
}
