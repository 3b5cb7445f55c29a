package dev.bytelift.testmodules.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Fresh valid modules from {@code wasm-opt -ttf} (binaryen), which turns arbitrary bytes into a
 * module that exercises many features, with the flags of the differential test's gen.sh. Only the
 * long campaign uses it; CI does without binaryen.
 */
final class Generator implements AutoCloseable {
    private final Path dir;

    private Generator(Path dir) {
        this.dir = dir;
    }

    /** A generator, or {@code null} if {@code wasm-opt} cannot be run. */
    static Generator create() {
        try {
            Process p = new ProcessBuilder("wasm-opt", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) return null;
            return new Generator(Files.createTempDirectory("bytelift-fuzz-gen"));
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The module wasm-opt makes from 1-16 KB of bytes drawn from {@code r}, or {@code null} if it fails. */
    byte[] generate(Random r) {
        byte[] random = new byte[1024 + r.nextInt(15 * 1024)];
        r.nextBytes(random);
        Path in = dir.resolve("in.dat"), out = dir.resolve("out.wasm");
        List<String> cmd = new ArrayList<>(List.of("wasm-opt", "-ttf", in.toString(), "-o", out.toString(),
                "--enable-sign-ext", "--enable-nontrapping-float-to-int", "--enable-multivalue",
                "--enable-bulk-memory", "--enable-simd"));
        if (r.nextBoolean()) cmd.add("--denan");
        if (r.nextInt(4) == 0) cmd.add("-O2"); // optimised code has other shapes (br_tables, fewer locals)
        try {
            Files.write(in, random);
            Files.deleteIfExists(out);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 && Files.exists(out) ? Files.readAllBytes(out) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) Files.deleteIfExists(p);
        }
        Files.deleteIfExists(dir);
    }
}
