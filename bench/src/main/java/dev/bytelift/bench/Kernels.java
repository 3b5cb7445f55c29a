package dev.bytelift.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The benchmark kernels of {@code test-modules} ({@code dev/bytelift/testmodules/kernels/*.wasm}):
 * each exports {@code run(i32 scale) -> i64}, and {@code kernels.properties} holds the checksum of
 * {@code run(1)}.
 */
public final class Kernels {
    private Kernels() {}

    public static final String RESOURCE_DIR = "/dev/bytelift/testmodules/kernels/";

    private static final Properties PROPS = load();

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Kernels.class.getResourceAsStream(RESOURCE_DIR + "kernels.properties")) {
            if (in == null) throw new IllegalStateException("kernels.properties is not on the class path");
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** All kernel names, sorted. */
    public static List<String> names() {
        TreeSet<String> names = new TreeSet<>();
        for (String key : PROPS.stringPropertyNames()) {
            if (key.endsWith(".checksum")) names.add(key.substring(0, key.length() - ".checksum".length()));
        }
        return List.copyOf(names);
    }

    /** The expected result of {@code run(1)}. */
    public static long checksum(String name) {
        String v = PROPS.getProperty(name + ".checksum");
        if (v == null) throw new IllegalArgumentException("unknown kernel " + name + " (no checksum in kernels.properties)");
        return Long.parseLong(v.trim());
    }

    /** The module's bytes. */
    public static byte[] wasm(String name) {
        try (InputStream in = Kernels.class.getResourceAsStream(RESOURCE_DIR + name + ".wasm")) {
            if (in == null) throw new IllegalArgumentException("unknown kernel " + name + " (no " + name + ".wasm)");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Throws unless {@code got} is the checksum of {@code run(1)} of {@code name}. */
    public static void check(String name, String runtime, long got) {
        long want = checksum(name);
        if (got != want) {
            throw new IllegalStateException("CHECKSUM MISMATCH: " + runtime + " " + name + ".run(1) returned " + got
                    + ", kernels.properties says " + want);
        }
    }

    /**
     * The size of the module's code: the sum of the function bodies in the code section (section
     * 10), each counted without its size prefix. This is the "KiB of code" of compile throughput.
     */
    public static int codeBytes(byte[] wasm) {
        Reader r = new Reader(wasm);
        r.pos = 8; // magic + version
        while (r.pos < wasm.length) {
            int id = wasm[r.pos++] & 0xff;
            int size = r.u32();
            int end = r.pos + size;
            if (id == 10) {
                int count = r.u32();
                int total = 0;
                for (int i = 0; i < count; i++) {
                    int body = r.u32();
                    total += body;
                    r.pos += body;
                }
                return total;
            }
            r.pos = end;
        }
        return 0;
    }

    private static final class Reader {
        final byte[] b;
        int pos;

        Reader(byte[] b) {
            this.b = b;
        }

        int u32() {
            int result = 0;
            for (int shift = 0; ; shift += 7) {
                int x = b[pos++] & 0xff;
                result |= (x & 0x7f) << shift;
                if ((x & 0x80) == 0) return result;
            }
        }
    }
}
