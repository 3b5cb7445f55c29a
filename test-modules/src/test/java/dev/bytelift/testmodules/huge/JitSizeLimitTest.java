package dev.bytelift.testmodules.huge;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.testmodules.TestModules;

/**
 * Hot code must land in methods HotSpot will JIT-compile: no method of the benchmark kernels'
 * generated classes may exceed 8,000 bytes of bytecode ({@code DontCompileHugeMethods}), with or
 * without fuel and epoch instrumentation. {@code branchy} (one 36 KB function, a 256-way
 * {@code br_table} whose cases become pieces of a split function) is the demanding one.
 */
class JitSizeLimitTest {
    private static final int HUGE_METHOD_LIMIT = 8000;
    private static final String[] KERNELS = {"ackermann", "branchy", "crc32", "fib", "hash", "interp",
            "mandelbrot", "matmul", "memcpy", "nbody", "sha256", "sieve", "sort", "spectralnorm"};

    @ParameterizedTest
    @CsvSource({"false,false", "true,false", "false,true", "true,true"})
    void everyMethodIsSmallEnoughToBeJitCompiled(boolean fuel, boolean epochs, @TempDir Path dir) throws IOException {
        for (String kernel : KERNELS) {
            Path out = dir.resolve(kernel);
            Engine engine = new Engine(EngineConfig.builder()
                    .consumeFuel(fuel).epochInterruption(epochs).dumpClassesDir(out.toString()).build());
            engine.compile(TestModules.load("kernels/" + kernel + ".wasm"));
            List<String> sizes = new ArrayList<>();
            try (Stream<Path> files = Files.walk(out)) {
                for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                    for (String[] m : codeLengths(Files.readAllBytes(f))) {
                        int length = Integer.parseInt(m[1]);
                        sizes.add(m[0] + "=" + length);
                        assertTrue(length <= HUGE_METHOD_LIMIT, kernel + " (fuel " + fuel + ", epochs " + epochs + "): "
                                + f.getFileName() + " " + m[0] + " has " + length + " bytes of bytecode");
                    }
                }
            }
            assertTrue(!sizes.isEmpty(), kernel + ": no classes dumped");
        }
    }

    /** {name, code length} of every method with code, read from the class file (JVMS §4). */
    static List<String[]> codeLengths(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        in.skipBytes(8); // magic, versions
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++; // takes two entries
                }
                case 7, 8, 16, 19, 20 -> in.skipBytes(2);
                case 15 -> in.skipBytes(3);
                default -> throw new IOException("constant pool tag " + tag);
            }
        }
        in.skipBytes(6); // access, this, super
        in.skipBytes(2 * in.readUnsignedShort()); // interfaces
        int fields = in.readUnsignedShort();
        for (int i = 0; i < fields; i++) {
            in.skipBytes(6);
            skipAttributes(in);
        }
        List<String[]> result = new ArrayList<>();
        int methods = in.readUnsignedShort();
        for (int i = 0; i < methods; i++) {
            in.skipBytes(2);
            String name = utf8[in.readUnsignedShort()];
            in.skipBytes(2);
            int attributes = in.readUnsignedShort();
            for (int a = 0; a < attributes; a++) {
                String attribute = utf8[in.readUnsignedShort()];
                int length = in.readInt();
                if (attribute.equals("Code")) {
                    in.skipBytes(4); // max_stack, max_locals
                    int codeLength = in.readInt();
                    result.add(new String[] {name, Integer.toString(codeLength)});
                    in.skipBytes(length - 8);
                } else {
                    in.skipBytes(length);
                }
            }
        }
        return result;
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        int n = in.readUnsignedShort();
        for (int i = 0; i < n; i++) {
            in.skipBytes(2);
            in.skipBytes(in.readInt());
        }
    }
}
