package dev.bytelift.testmodules.wasi;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Module;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every recorded WASI case again with lazy compilation (each function class written when first
 * used): the same results as {@link WasiCasesTest}'s eager compilation.
 */
class LazyWasiCasesTest {
    private static final Engine LAZY = new Engine(EngineConfig.builder().lazyCompilation(true).build());
    private static final Map<String, Module> MODULES = new ConcurrentHashMap<>();

    @TestFactory
    Stream<DynamicTest> everyCasePassesWithLazyCompilation() throws Exception {
        return WasiCase.all().stream().map(c -> DynamicTest.dynamicTest(c.name,
                () -> assertTimeoutPreemptively(Duration.ofSeconds(c.timeoutSeconds()), () -> {
                    Module m = MODULES.computeIfAbsent(c.program(), p -> {
                        try {
                            return LAZY.compile(Files.readAllBytes(c.programPath()));
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
                    WasiCasesTest.run(c, LAZY, m);
                })));
    }
}
