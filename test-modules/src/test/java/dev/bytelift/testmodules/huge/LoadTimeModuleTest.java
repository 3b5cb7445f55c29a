package dev.bytelift.testmodules.huge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;

/**
 * The load-time module ({@link LoadTimeModule}, bench/README.md "Load time: the 25 MB module"): a
 * 500-function version gives Node's results compiled eagerly, lazily, serialised and ahead of time,
 * and the 30,000-function version that the benchmark uses is generated with 25 MB of code (its
 * results from Node are recorded there: run(1) 1042775048, run(30000) 1704627893).
 */
class LoadTimeModuleTest {
    /** Node's results (test-modules/src/gen/load-time-checksum.mjs) for the 500-function module. */
    private static final int RUN_1 = 1042775048, RUN_500 = 1495326355;

    private static void check(Module m) {
        Store store = new Store(m.engine());
        var run = new Linker().instantiate(store, m).getFunc("run");
        assertEquals(RUN_1, run.call(1)[0]);
        assertEquals(RUN_500, run.call(500)[0]);
    }

    @Test
    void everyWayOfLoadingGivesNodesResults() {
        byte[] wasm = LoadTimeModule.generate(500);
        check(new Engine().compile(wasm));
        check(new Engine(EngineConfig.builder().lazyCompilation(true).build()).compile(wasm));
        check(new Engine().deserializeModule(new Engine().compile(wasm).serialize()));
        Map<String, byte[]> files = new Engine().compile(wasm).aheadOfTime("load-time");
        ClassLoader loader = new ClassLoader(Engine.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] b = files.get(name.replace('.', '/') + ".class");
                if (b == null) throw new ClassNotFoundException(name);
                return defineClass(name, b, 0, b.length);
            }

            @Override
            public InputStream getResourceAsStream(String name) {
                byte[] b = files.get(name);
                return b != null ? new ByteArrayInputStream(b) : super.getResourceAsStream(name);
            }
        };
        check(new Engine().loadModule(loader, "load-time"));
    }

    @Test
    void theBenchmarkModuleHas30000FunctionsAnd25MBOfCode() {
        byte[] wasm = LoadTimeModule.generate(30_000);
        // the code section (id 10) is the last but the data section, which this module has not
        int p = 8;
        long code = -1;
        int functions = -1;
        while (p < wasm.length) {
            int id = wasm[p++];
            long size = 0;
            int shift = 0;
            int b;
            do {
                b = wasm[p++] & 0xFF;
                size |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            if (id == 10) {
                code = size;
                functions = (wasm[p] & 0x7F) | (wasm[p + 1] & 0x7F) << 7 | (wasm[p + 2] & 0x7F) << 14;
            }
            p += (int) size;
        }
        assertEquals(30_001, functions);
        assertTrue(code >= 25_000_000, "code section of " + code + " bytes");
    }
}
