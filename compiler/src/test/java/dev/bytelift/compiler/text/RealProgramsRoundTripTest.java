package dev.bytelift.compiler.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real programs as text: each Sightglass benchmark binary printed by wabt's {@code wasm2wat}, then
 * parsed by us, must give the bytes wabt's {@code wat2wasm} gives for the same text. Runs where wabt
 * is on the PATH and the Sightglass programs are at {@code -Dbytelift.sightglass=DIR} (default
 * {@code ../../shared/sightglass/benchmarks}); skipped otherwise.
 */
class RealProgramsRoundTripTest {
    @TempDir
    Path tmp;

    @Test
    void sightglassProgramsPrintedByWasm2watParseAsWat2wasmDoes() throws Exception {
        Path dir = Path.of(System.getProperty("bytelift.sightglass", "../../shared/sightglass/benchmarks"));
        Assumptions.assumeTrue(Files.isDirectory(dir), "no Sightglass programs at " + dir.toAbsolutePath());
        Assumptions.assumeTrue(tool("wasm2wat", "--version") && tool("wat2wasm", "--version"), "wabt is not on the PATH");
        List<Path> programs;
        try (Stream<Path> s = Files.walk(dir, 2)) {
            programs = s.filter(p -> p.toString().endsWith(".wasm")).sorted().toList();
        }
        List<String> differ = new ArrayList<>();
        int same = 0;
        for (Path wasm : programs) {
            Path wat = tmp.resolve("p.wat");
            Path ref = tmp.resolve("p.wasm");
            if (!tool("wasm2wat", "--enable-all", wasm.toString(), "-o", wat.toString())) continue;
            if (!tool("wat2wasm", "--enable-all", wat.toString(), "-o", ref.toString())) continue;
            byte[] ours = NameSections.strip(Wat.toBinary(Files.readAllBytes(wat), wasm.toString())); // wat2wasm writes no names
            if (Arrays.equals(ours, Files.readAllBytes(ref))) same++;
            else differ.add(wasm + " (first difference at byte " + Arrays.mismatch(ours, Files.readAllBytes(ref)) + ")");
        }
        System.out.printf("[wat] %d Sightglass programs round-trip byte-identical to wat2wasm%n", same);
        assertEquals(List.of(), differ);
    }

    private static boolean tool(String... command) throws IOException, InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor() == 0;
        } catch (IOException notInstalled) {
            return false;
        }
    }
}
