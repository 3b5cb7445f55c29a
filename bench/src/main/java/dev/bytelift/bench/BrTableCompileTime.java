package dev.bytelift.bench;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import dev.bytelift.runtime.Engine;

/**
 * How compile time grows with the entries of one {@code br_table} (issue 20: it grew with their
 * square, 400,000 entries took 25 s). Compiles {@code run(i32) -> i32}, three nested blocks and a
 * table of N entries over them, for each N given (default 25,000, 100,000, 400,000), and prints
 * the median wall time and the time per 1,000 entries, which should stay about flat. Not JMH: a
 * compilation of a big table is long enough to time directly, after a warm-up.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.bytelift.bench.BrTableCompileTime [N...]</pre>
 */
public final class BrTableCompileTime {
    private BrTableCompileTime() {}

    public static void main(String[] args) {
        int[] sizes = args.length > 0 ? Arrays.stream(args).mapToInt(Integer::parseInt).toArray() : new int[] {25_000, 100_000, 400_000};
        Engine engine = new Engine();
        for (int i = 0; i < 20; i++) engine.compile(module(10_000)); // warm the compiler up
        System.out.printf("%10s %12s %16s%n", "entries", "compile ms", "ms per 1k entries");
        for (int n : sizes) {
            byte[] wasm = module(n);
            double[] ms = new double[7];
            for (int k = 0; k < ms.length; k++) {
                long t0 = System.nanoTime();
                engine.compile(wasm);
                ms[k] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(ms);
            System.out.printf("%10d %12.1f %16.3f%n", n, ms[ms.length / 2], ms[ms.length / 2] * 1000 / n);
        }
    }

    /** {@code (block (block (block (br_table i%3... 2 (local.get 0))) ...))} returning 10, 11 or 12. */
    static byte[] module(int n) {
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        code.write(0); // no locals
        code.writeBytes(new byte[] {0x02, 0x40, 0x02, 0x40, 0x02, 0x40, 0x20, 0x00, 0x0E});
        leb(code, n);
        for (int i = 0; i < n; i++) code.write(i % 3);
        code.write(2);
        code.writeBytes(new byte[] {0x0B, 0x41, 10, 0x0F, 0x0B, 0x41, 11, 0x0F, 0x0B, 0x41, 12, 0x0B});
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.writeBytes(new byte[] {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00});
        section(m, 1, new byte[] {0x01, 0x60, 0x01, 0x7F, 0x01, 0x7F}); // (i32) -> i32
        section(m, 3, new byte[] {0x01, 0x00});
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(1);
        leb(body, code.size());
        body.writeBytes(code.toByteArray());
        section(m, 10, body.toByteArray());
        return m.toByteArray();
    }

    private static void section(ByteArrayOutputStream out, int id, byte[] content) {
        out.write(id);
        leb(out, content.length);
        out.writeBytes(content);
    }

    private static void leb(ByteArrayOutputStream out, long v) {
        do {
            int b = (int) (v & 0x7F);
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
    }
}
