package dev.bytelift.bench;

import dev.bytelift.compiler.text.Wat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parsing the text format: a large {@code .wat} to its binary ({@link Wat#toBinary}), in ms per
 * parse; divide the size printed at set-up by it for MB/s.
 *
 * <p>{@code input}: {@code synthetic} (default) generates about 20 MB of text in the flat style
 * {@code wasm2wat} prints, from a fixed seed; a path to a {@code .wat} file parses that; a path to a
 * {@code .wasm} file prints it with {@code wasm2wat} (wabt, which must be on the PATH) at set-up,
 * for example {@code -p input=../shared/sightglass/benchmarks/sqlite3/sqlite3.wasm}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 5, time = 2000, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 2000, timeUnit = TimeUnit.MILLISECONDS)
public class WatParseBench {
    @Param({"synthetic"})
    public String input;

    private byte[] text;

    @Setup(Level.Trial)
    public void setUp() throws IOException, InterruptedException {
        if (input.equals("synthetic")) {
            text = synthetic(20 << 20).getBytes(StandardCharsets.UTF_8);
        } else if (input.endsWith(".wasm")) {
            Path out = Files.createTempFile("watparse", ".wat");
            Process p = new ProcessBuilder("wasm2wat", "--enable-all", input, "-o", out.toString()).inheritIO().start();
            if (p.waitFor() != 0) throw new IOException("wasm2wat failed on " + input);
            text = Files.readAllBytes(out);
            Files.delete(out);
        } else {
            text = Files.readAllBytes(Path.of(input));
        }
        byte[] binary = Wat.toBinary(text, input);
        System.out.printf("%n[wat] input %s: %d bytes of text -> %d bytes of binary%n", input, text.length, binary.length);
    }

    @Benchmark
    public byte[] parse() {
        return Wat.toBinary(text, input);
    }

    /** About {@code size} bytes of a module that looks like compiler output printed by wasm2wat. */
    static String synthetic(int size) {
        Random r = new Random(42);
        StringBuilder b = new StringBuilder(size + 4096);
        b.append("(module\n  (type (;0;) (func (param i32 i32) (result i32)))\n  (type (;1;) (func (param i32)))\n");
        b.append("  (import \"env\" \"log\" (func (;0;) (type 1)))\n");
        b.append("  (memory (;0;) 17)\n  (global (;0;) (mut i32) (i32.const 1048576))\n");
        int f = 1;
        while (b.length() < size) {
            b.append("  (func (;").append(f).append(";) (type 0) (param i32 i32) (result i32)\n    (local i32 i64 f64)\n");
            b.append("    block  ;; label = @1\n      loop  ;; label = @2\n");
            int n = 20 + r.nextInt(60);
            for (int i = 0; i < n; i++) {
                switch (r.nextInt(8)) {
                    case 0 -> b.append("        local.get 0\n        i32.const ").append(r.nextInt(100000) - 500)
                            .append("\n        i32.add\n        local.set 2\n");
                    case 1 -> b.append("        local.get 2\n        i32.load offset=").append(r.nextInt(64) * 4)
                            .append("\n        local.set 1\n");
                    case 2 -> b.append("        local.get 1\n        local.get 2\n        i32.store8 offset=")
                            .append(r.nextInt(100)).append(" align=1\n");
                    case 3 -> b.append("        local.get 1\n        i32.eqz\n        br_if 1 (;@1;)\n");
                    case 4 -> b.append("        local.get 0\n        call ").append(r.nextInt(f)).append("\n");
                    case 5 -> b.append("        f64.const 0x1.").append(Integer.toHexString(r.nextInt()))
                            .append("p+3 (;=").append(r.nextDouble()).append(";)\n        local.set 4\n");
                    case 6 -> b.append("        global.get 0\n        i64.const ").append(r.nextLong())
                            .append("\n        local.set 3\n        global.set 0\n");
                    default -> b.append("        local.get 1\n        i32.const 1\n        i32.sub\n        local.tee 1\n        br_if 0 (;@2;)\n");
                }
            }
            b.append("      end\n    end\n    local.get 2)\n");
            f++;
        }
        b.append("  (export \"main\" (func 1)))\n");
        return b.toString();
    }
}
