package dev.bytelift.testmodules.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * WASI cases through the command line, {@code bytelift run --dir HOST::GUEST --env K=V FILE ARGS},
 * in a child JVM: real files or pipes as stdio (as the Node runner sets them up) and the real
 * process exit status.
 */
class WasiCliTest {
    /** The result of one {@code bytelift} process. */
    record Run(int status, String stdout, String stderr) {}

    @ParameterizedTest
    @ValueSource(strings = {"hello_world", "args_env_basic", "args_env_exit", "exit_code_proc_exit", "stdin_cat_large",
            "stdin_cat_pipe", "poll_fd_pipes", "sandbox_host_symlinks", "copy_nested_preopens", "files_other_guest_path"})
    void aRecordedCaseRunsThroughTheCommandLine(String name) throws Exception {
        WasiCase c = WasiCase.named(name);
        if (!"UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding", "UTF-8"))) {
            // the JVM passes command-line arguments in the platform encoding
            assumeTrue(c.argv().stream().allMatch(a -> a.chars().allMatch(ch -> ch < 128)), "non-ASCII arguments");
        }
        try (WasiCase.Scratch s = c.prepare()) {
            List<String> cmd = new ArrayList<>(List.of("run"));
            List<WasiCase.Dir> dirs = c.dirs();
            for (int i = 0; i < dirs.size(); i++) cmd.addAll(List.of("--dir", s.hostDirs().get(i) + "::" + dirs.get(i).guest()));
            for (Map.Entry<String, String> e : c.env().entrySet()) cmd.addAll(List.of("--env", e.getKey() + "=" + e.getValue()));
            cmd.add(c.programPath().toString());
            cmd.addAll(c.args());
            Run r = bytelift(cmd, c.stdio().equals("pipe"), c.stdin(), s.io(), c.timeoutSeconds());
            c.assertMatches(c.observe(s, r.stdout(), r.stderr(), r.status(), null));
        }
    }

    @Test
    void theReadmeCommandGreetsItsArguments() throws Exception {
        Path hello = WasiCase.resource("hello.wasm");
        Run r = bytelift(List.of("run", hello.toString(), "Alice", "Bob"), true, "", null, 60);
        assertEquals(0, r.status());
        assertEquals("Hello from WebAssembly!\nargv[0] = hello.wasm\nargv[1] = Alice\nargv[2] = Bob\n2 arguments, bye.\n",
                r.stdout());
    }

    @Test
    void argumentsAfterTheFileBelongToTheProgramEvenWithDashes() throws Exception {
        Path hello = WasiCase.resource("hello.wasm");
        Run r = bytelift(List.of("run", "--argv0", "hi", hello.toString(), "--dir", "-x"), true, "", null, 60);
        assertEquals(0, r.status(), r.stderr());
        assertEquals("Hello from WebAssembly!\nargv[0] = hi\nargv[1] = --dir\nargv[2] = -x\n2 arguments, bye.\n",
                r.stdout());
    }

    @Test
    void anEnvironmentVariableWithoutValueIsPassedThroughFromTheHost() throws Exception {
        Path prog = WasiCase.resource("args_env.wasm");
        Run r = bytelift(List.of("run", "--env", "PATH", "--env", "BYTELIFT_SURELY_UNSET", "--env", "A=1", prog.toString(),
                "--get=PATH"), true, "", null, 60);
        assertEquals(0, r.status(), r.stderr());
        assertTrue(r.stdout().contains("environ: 2 variables\n  A=1\n  PATH=" + System.getenv("PATH") + "\n"), r.stdout());
    }

    @Test
    void anExitStatusAbove125IsAnErrorLikeWasmtime() throws Exception {
        Path prog = WasiCase.resource("exit_code.wasm");
        Run r = bytelift(List.of("run", prog.toString(), "exit", "200"), true, "", null, 60);
        assertEquals(1, r.status());
        assertTrue(r.stderr().contains("exit with invalid exit status outside of [0..126)"), r.stderr());
    }

    @Test
    void aTimeoutInterruptsAProgramSleepingInTheHost() throws Exception {
        Path sleep = Path.of(dev.bytelift.testmodules.TestModules.class.getResource(
                "/dev/bytelift/testmodules/wat/wasi/sleep.wasm").toURI());
        long start = System.nanoTime();
        Run r = bytelift(List.of("run", "--timeout", "3s", sleep.toString()), true, "", null, 60);
        long took = System.nanoTime() - start;
        assertEquals(134, r.status(), r.stderr());
        assertTrue(r.stderr().contains("error: wasm trap: interrupted"), r.stderr());
        assertTrue(took < 9_000_000_000L, "the 10 s sleep was cut short: " + took / 1_000_000 + " ms");
    }

    @Test
    void aMissingDirectoryIsAnError() throws Exception {
        Path prog = WasiCase.resource("hello.wasm");
        Run r = bytelift(List.of("run", "--dir", "/no/such/dir::/x", prog.toString()), true, "", null, 60);
        assertEquals(1, r.status());
        assertTrue(r.stderr().contains("not a directory: /no/such/dir"), r.stderr());
    }

    /**
     * Runs {@code bytelift ARGS} in a child JVM. With {@code pipes} stdio are pipes, else (as the
     * Node runner's "file" mode) regular files in {@code io}.
     */
    static Run bytelift(List<String> args, boolean pipes, String stdin, Path io, int timeoutSeconds)
            throws IOException, InterruptedException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, "dev.bytelift.cli.Main"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        byte[] in = stdin.getBytes(StandardCharsets.UTF_8);
        Path out = null, err = null;
        if (!pipes) {
            Path inFile = io.resolve("stdin");
            Files.write(inFile, in);
            out = io.resolve("stdout");
            err = io.resolve("stderr");
            pb.redirectInput(inFile.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        }
        Process p = pb.start();
        ByteArrayOutputStream pOut = new ByteArrayOutputStream(), pErr = new ByteArrayOutputStream();
        List<Thread> pumps = new ArrayList<>();
        if (pipes) {
            pumps.add(pump(p.getInputStream(), pOut));
            pumps.add(pump(p.getErrorStream(), pErr));
            try (OutputStream o = p.getOutputStream()) {
                o.write(in);
            }
        }
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("bytelift " + args + " timed out");
        }
        for (Thread t : pumps) t.join();
        if (pipes) return new Run(p.exitValue(), pOut.toString(StandardCharsets.UTF_8), pErr.toString(StandardCharsets.UTF_8));
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static Thread pump(InputStream from, OutputStream to) {
        Thread t = new Thread(() -> {
            try (from) {
                from.transferTo(to);
            } catch (IOException e) {
                // the process died: what was read is the output
            }
        });
        t.start();
        return t;
    }
}
