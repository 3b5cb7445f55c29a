package dev.bytelift.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Map;
import java.util.function.Supplier;
import dev.bytelift.runtime.CompileException;
import dev.bytelift.runtime.WasmException;

/** What a compilation emitted, for tests that compare two ways of compiling the same module. */
final class EmittedClasses {
    private EmittedClasses() {}

    /** The class files {@code emit} returns, or the exception's class, message (and offset) if it throws. */
    static Object orError(Supplier<Map<String, byte[]>> emit) {
        try {
            return emit.get();
        } catch (CompileException e) {
            return e.getClass().getName() + ": " + e.getMessage() + " @" + e.offset();
        } catch (WasmException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    /** The same classes in the same order, byte for byte (or the same error). */
    static void assertSame(Object expected, Object actual, String what) {
        if (!(expected instanceof Map<?, ?> a) || !(actual instanceof Map<?, ?> b)) {
            assertEquals(expected, actual, what);
            return;
        }
        assertEquals(new ArrayList<>(a.keySet()), new ArrayList<>(b.keySet()), what);
        for (Object name : a.keySet()) assertArrayEquals((byte[]) a.get(name), (byte[]) b.get(name), what + " " + name);
    }
}
