package dev.bytelift.chicory;

import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import dev.bytelift.runtime.spi.ModuleCompiler;

/** Binary modules from the text format, with Bytelift's text parser. */
final class Wat {
    private Wat() {}

    static byte[] toWasm(String wat) {
        ModuleCompiler c = ServiceLoader.load(ModuleCompiler.class).findFirst().orElseThrow();
        return c.textToBinary(wat.getBytes(StandardCharsets.UTF_8), "test.wat");
    }
}
