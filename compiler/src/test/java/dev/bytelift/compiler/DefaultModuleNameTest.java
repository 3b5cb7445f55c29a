package dev.bytelift.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import dev.bytelift.compiler.text.Wat;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Trap;
import org.junit.jupiter.api.Test;

/**
 * {@link Engine#compile(byte[], String)}: a module without a name of its own takes the given one
 * (the CLI passes the file name), in {@link Module#name()} and in trap backtraces; a name section's
 * name wins.
 */
class DefaultModuleNameTest {
    private static final String BOOM = "(func (export \"boom\") unreachable)";

    private static byte[] binary(String text) {
        return Wat.toBinary(text.getBytes(StandardCharsets.UTF_8), "test.wat");
    }

    private static String trappingModuleName(Module m) {
        Func boom = (Func) new Linker().instantiate(new Store(m.engine()), m).getExport("boom");
        return assertThrows(Trap.class, boom::call).backtrace().get(0).moduleName();
    }

    @Test
    void aModuleWithoutANameTakesTheGivenOne() {
        Engine engine = new Engine();
        Module named = engine.compile(binary("(module " + BOOM + ")"), "prog.wasm");
        assertEquals("prog.wasm", named.name());
        assertEquals("prog.wasm", trappingModuleName(named));
        Module text = engine.compileText(("(module " + BOOM + ")").getBytes(StandardCharsets.UTF_8), "dir/prog.wat", "prog.wat");
        assertEquals("prog.wat", trappingModuleName(text));
    }

    @Test
    void withoutAGivenNameItHasNone() {
        Module m = new Engine().compile(binary("(module " + BOOM + ")"));
        assertNull(m.name());
        assertNull(trappingModuleName(m));
    }

    @Test
    void itsOwnNameWins() {
        Module m = new Engine().compile(binary("(module $own " + BOOM + ")"), "prog.wasm");
        assertEquals("own", m.name());
        assertEquals("own", trappingModuleName(m));
    }
}
