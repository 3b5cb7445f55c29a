package dev.bytelift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./bytelift} launcher (repository root) with its class-data-sharing archive: the first
 * {@code run} dumps one, later runs map it, and neither a missing nor a damaged archive may change
 * what a run prints or its exit status (a truncated archive once crashed Java 17 with SIGBUS). Runs
 * after {@code package}, since the launcher runs {@code cli/target/bytelift-cli.jar}.
 */
class LauncherScriptIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path HELLO = ROOT.resolve("test-modules/src/main/resources/dev/bytelift/testmodules/wasi/hello.wasm");
    private static final String HELLO_OUT = "Hello from WebAssembly!\nargv[0] = hello.wasm\n0 arguments, bye.\n";

    @TempDir
    Path cache;

    @Test
    void runsTheSameWithoutWithAndWithADamagedArchive() throws Exception {
        assumeTrue(Files.isRegularFile(ROOT.resolve("cli/target/bytelift-cli.jar")), "the shaded jar is not built");

        // --no-cache: every run loads the same classes (a module cache hit loads fewer than the
        // compiling miss), so that an archive made again has the size of the first
        expectHello(run("run", "--no-cache", HELLO.toString()));   // dumps the archive (if this JDK can)
        List<Path> archives = archives();
        assertTrue(archives.size() <= 1, archives::toString);
        expectHello(run("run", "--no-cache", HELLO.toString()));   // maps it
        assertEquals(archives, archives(), "a run that maps the archive leaves it as it is");

        if (!archives.isEmpty()) {
            Path archive = archives.get(0);
            archive.toFile().setWritable(true);
            try (RandomAccessFile f = new RandomAccessFile(archive.toFile(), "rw")) {
                f.setLength(f.length() / 3);
            }
            expectHello(run("run", "--no-cache", HELLO.toString()));   // the damaged one is dropped and made anew
            // made anew under the same name but for its size, which can differ by a few classes
            // the JVM happened to load (timing: compiler threads, a busy machine)
            List<Path> remade = archives();
            assertEquals(1, remade.size(), remade::toString);
            assertEquals(withoutSize(archive), withoutSize(remade.get(0)));
            archive = remade.get(0);
            assertEquals(Files.size(archive), Long.parseLong(archive.toString().replaceAll(".*-(\\d+)\\.jsa$", "$1")));
            Files.write(archive, new byte[(int) Files.size(archive)]);   // right size, wrong content
            expectHello(run("run", "--no-cache", HELLO.toString()));
        }
    }

    /** An archive's name without the size it ends with. */
    private static String withoutSize(Path archive) {
        return archive.getFileName().toString().replaceAll("-\\d+\\.jsa$", "");
    }

    @Test
    void aGuestExitStatusAndOtherCommandsPassThrough() throws Exception {
        assumeTrue(Files.isRegularFile(ROOT.resolve("cli/target/bytelift-cli.jar")), "the shaded jar is not built");
        Path exit = HELLO.resolveSibling("exit_code.wasm");
        Result first = run("run", exit.toString());    // the dumping run
        Result second = run("run", exit.toString());
        assertEquals(3, first.status, first.err);
        assertEquals(first.out, second.out);
        assertEquals(3, second.status, second.err);
        Result version = run("--version");
        assertEquals(0, version.status, version.err);
        assertTrue(version.out.startsWith("bytelift "), version.out);
    }

    /**
     * Issue 18: {@code ./bytelift FILE} runs without {@code run}, and {@code -S inherit-env} hands the
     * guest the host's environment ({@code --env} still overrides it), as {@code wasmtime} does; a
     * WASI program's stdout is the process's, so this needs a real process.
     */
    @Test
    void runIsTheDefaultAndInheritEnvPassesTheHostEnvironment() throws Exception {
        assumeTrue(Files.isRegularFile(ROOT.resolve("cli/target/bytelift-cli.jar")), "the shaded jar is not built");
        String prog = HELLO.resolveSibling("args_env.wasm").toString();
        Map<String, String> host = Map.of("BYTELIFT_PARITY", "from-host");
        Result plain = run(host, prog, "--get=BYTELIFT_PARITY");
        assertEquals(0, plain.status, plain.err);
        assertTrue(plain.out.contains("environ: 0 variables\n") && plain.out.contains("getenv(BYTELIFT_PARITY) = (unset)"), plain.out);
        Result inherited = run(host, "-S", "inherit-env", prog, "--get=BYTELIFT_PARITY");
        assertEquals(0, inherited.status, inherited.err);
        assertTrue(inherited.out.contains("  BYTELIFT_PARITY=from-host\n"), inherited.out);
        Result overridden = run(host, "-S", "inherit-env", "--env", "BYTELIFT_PARITY=mine", prog);
        assertTrue(overridden.out.contains("  BYTELIFT_PARITY=mine\n"), overridden.out);
        Result usage = run(Map.of(), "-S", "inherit-env=maybe", prog);
        assertEquals(2, usage.status, usage.err);
    }

    private void expectHello(Result r) {
        assertEquals("", r.err);
        assertEquals(HELLO_OUT, r.out);
        assertEquals(0, r.status);
    }

    private List<Path> archives() throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(p -> p.toString().endsWith(".jsa")).sorted().collect(Collectors.toList());
        }
    }

    private Result run(String... args) throws Exception {
        return run(Map.of(), args);
    }

    private Result run(Map<String, String> extraEnv, String... args) throws Exception {
        Path out = cache.resolve("out.txt");
        Path err = cache.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(Stream.concat(Stream.of("bash", ROOT.resolve("bytelift").toString()), Stream.of(args))
                .collect(Collectors.toList()));
        Map<String, String> env = pb.environment();
        env.put("BYTELIFT_CDS_DIR", cache.toString());
        env.remove("BYTELIFT_JAVA_OPTS");
        env.remove("BYTELIFT_CDS");
        env.putAll(extraEnv);
        // the JVM running this test, so that the launcher's archive is for a JDK that exists
        env.put("JAVA_HOME", Path.of(System.getProperty("java.home")).toString());
        pb.directory(cache.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the launcher did not finish in 120 s");
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static final class Result {
        final int status;
        final String out;
        final String err;

        Result(int status, String out, String err) {
            this.status = status;
            this.out = out;
            this.err = err;
        }
    }
}
