package dev.bytelift.testmodules.wasi;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Trap;
import dev.bytelift.wasi.Wasi;

/**
 * Every recorded WASI case (nodeSkip ones included) through the embedding API: the program runs
 * with the case's argv, environment and preopened directories, stdin from memory and stdout and
 * stderr captured, and must produce the spec-correct expectation.
 */
class WasiCasesTest {
    static final Engine ENGINE = new Engine();
    private static final Map<String, Module> MODULES = new ConcurrentHashMap<>();

    static Module module(WasiCase c) throws Exception {
        Module m = MODULES.get(c.program());
        if (m == null) {
            m = ENGINE.compile(Files.readAllBytes(c.programPath()));
            MODULES.put(c.program(), m);
        }
        return m;
    }

    @TestFactory
    Stream<DynamicTest> everyCasePasses() throws Exception {
        List<WasiCase> cases = WasiCase.all();
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name,
                () -> assertTimeoutPreemptively(Duration.ofSeconds(c.timeoutSeconds()), () -> run(c))));
    }

    /** Runs {@code c} through the embedding API and checks it. */
    static void run(WasiCase c) throws Exception {
        run(c, ENGINE, module(c));
    }

    /** Runs {@code c}, compiled to {@code module} by {@code engine}, and checks it. */
    static void run(WasiCase c, Engine engine, Module module) throws Exception {
        try (WasiCase.Scratch s = c.prepare()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Wasi.Builder b = Wasi.builder()
                    .args(c.argv())
                    .env(c.env())
                    .stdin(new ByteArrayInputStream(c.stdin().getBytes(StandardCharsets.UTF_8)))
                    .stdout(out)
                    .stderr(err);
            List<WasiCase.Dir> dirs = c.dirs();
            for (int i = 0; i < dirs.size(); i++) b.preopenDir(s.hostDirs().get(i), dirs.get(i).guest());
            Integer exit = null;
            String trap = null;
            try (Wasi wasi = b.build()) {
                Store store = new Store(engine);
                Linker linker = new Linker();
                wasi.addToLinker(linker, store);
                Instance instance = linker.instantiate(store, module);
                exit = wasi.start(instance);
            } catch (Trap t) {
                trap = t.describe();
            }
            c.assertMatches(c.observe(s, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                    exit, trap));
        }
    }
}
