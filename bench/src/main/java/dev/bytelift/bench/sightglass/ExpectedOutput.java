package dev.bytelift.bench.sightglass;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The expected stdout or stderr of a Sightglass program. Upstream names them
 * {@code NAME.stdout.expected} (NAME = the module's file name without {@code .wasm}); where a folder
 * holds one program the files are {@code benchmark.*} or {@code default.*} instead, so those are the
 * fall-backs, in that order.
 */
final class ExpectedOutput {
    private ExpectedOutput() {}

    /** The expected file for {@code stream} ("stdout" or "stderr"), if the folder has one. */
    static Optional<Path> find(Path wasm, String stream) {
        String name = wasm.getFileName().toString().replaceFirst("\\.wasm$", "");
        Path dir = wasm.toAbsolutePath().getParent();
        for (String prefix : new String[] {name, "benchmark", "default"}) {
            Path p = dir.resolve(prefix + "." + stream + ".expected");
            if (Files.isRegularFile(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    private static final Pattern NUMBER = Pattern.compile("[0-9]+(\\.[0-9]+)?");

    /**
     * "ok" if {@code actual} equals the expected file byte for byte; "ok-numbers" if they are equal
     * once every decimal number is masked (programs that print their own timing, e.g. hashset's
     * "That took 0.025892 seconds."); "mismatch"; "unchecked" when there is no expected file.
     */
    static String verdict(Path wasm, String stream, byte[] actual) throws IOException {
        Optional<Path> p = find(wasm, stream);
        if (p.isEmpty()) return "unchecked";
        byte[] expected = Files.readAllBytes(p.get());
        if (Arrays.equals(expected, actual)) return "ok";
        // ISO-8859-1 maps every byte to one char, so masking never trips over invalid UTF-8
        return maskNumbers(expected).equals(maskNumbers(actual)) ? "ok-numbers" : "mismatch";
    }

    private static String maskNumbers(byte[] b) {
        return NUMBER.matcher(new String(b, StandardCharsets.ISO_8859_1)).replaceAll("0");
    }
}
