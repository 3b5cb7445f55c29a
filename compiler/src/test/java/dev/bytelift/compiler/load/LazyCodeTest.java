package dev.bytelift.compiler.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import dev.bytelift.compiler.decode.Features;
import dev.bytelift.compiler.decode.ModuleDecoder;
import dev.bytelift.compiler.emit.ModuleLayout;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.ImplementationLimitException;

/**
 * A function class that the calling thread has no stack left to write (deep in WebAssembly code)
 * is written on a thread of its own; what that thread throws reaches the caller unchanged.
 */
class LazyCodeTest {
    /** Two functions {@code () -> ()}, one class each. */
    private static ModuleLayout layout() {
        byte[] wasm = {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 3, 2, 0, 0, 10, 7, 2, 2, 0, 0x0b, 2, 0, 0x0b};
        Engine engine = new Engine();
        return new ModuleLayout(ModuleDecoder.decode(wasm, new Features(EngineConfig.defaults().features())), engine, "X",
                ModuleLayout.CODE_BYTES_PER_CLASS, 1);
    }

    @Test
    void aClassTheCallerHasNoStackForIsWrittenOnAnotherThread() {
        Thread caller = Thread.currentThread();
        Map<String, byte[]> bytes = Map.of("X$Code1", new byte[] {1});
        LazyCode lazy = new LazyCode(k -> {
            if (Thread.currentThread() == caller) throw new StackOverflowError();
            return bytes;
        }, layout());
        assertFalse(lazy.written(1));
        assertSame(bytes, lazy.write(1));
        assertTrue(lazy.written(1));
        assertFalse(lazy.written(0));
        assertEquals(1, lazy.functionsTranslated());
    }

    @Test
    void theOtherThreadsFailureIsThrownAsItWas() {
        Thread caller = Thread.currentThread();
        ImplementationLimitException limit = new ImplementationLimitException("too large", 12);
        LazyCode lazy = new LazyCode(k -> {
            if (Thread.currentThread() == caller) throw new StackOverflowError();
            throw limit;
        }, layout());
        assertSame(limit, assertThrows(ImplementationLimitException.class, () -> lazy.write(0)));
        assertFalse(lazy.written(0), "a failed class may be asked for again");
        LazyCode overflowing = new LazyCode(k -> {
            throw new StackOverflowError();
        }, layout());
        assertThrows(StackOverflowError.class, () -> overflowing.write(0));
    }
}
