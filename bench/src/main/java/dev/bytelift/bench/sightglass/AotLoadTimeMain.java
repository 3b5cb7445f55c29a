package dev.bytelift.bench.sightglass;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.wasi.Wasi;

/**
 * In-process bytes-to-first-call (bench/README.md, "Load time: ahead-of-time jars"): for each
 * module, rounds of four ways to get from bytes on disk to an instance ready for its first call,
 * interleaved, each in a new engine: compile ({@code Engine.compile}), deserialise
 * ({@code Engine.deserializeModule} of a {@code .cwasm} file), an ahead-of-time jar
 * ({@code Engine.loadModule(Path)}: the JVM loads the classes from the jar through a URLClassLoader),
 * and the same ahead-of-time files defined from bytes (a class loader calling {@code defineClass}
 * on the jar's bytes, read up front). Each instance is linked with WASI and Sightglass's
 * {@code bench} imports, and not run. Prints the first round (a cold JVM) and the medians of the others.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.bytelift.bench.sightglass.AotLoadTimeMain ROUNDS a.wasm ...</pre>
 */
public final class AotLoadTimeMain {
    private AotLoadTimeMain() {}

    /** Defines the classes of ahead-of-time files from their bytes. */
    private static final class BytesLoader extends ClassLoader {
        private final Map<String, byte[]> files;

        BytesLoader(Map<String, byte[]> files) {
            super("aot-bytes", Engine.class.getClassLoader());
            this.files = files;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] b = files.get(name.replace('.', '/') + ".class");
            if (b == null) throw new ClassNotFoundException(name);
            return defineClass(name, b, 0, b.length);
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            byte[] b = files.get(name);
            return b != null ? new ByteArrayInputStream(b) : super.getResourceAsStream(name);
        }
    }

    private static Map<String, byte[]> readJar(Path jar) throws Exception {
        Map<String, byte[]> files = new java.util.HashMap<>();
        try (java.util.jar.JarFile j = new java.util.jar.JarFile(jar.toFile())) {
            for (var e : java.util.Collections.list(j.entries())) {
                if (!e.isDirectory()) files.put(e.getName(), j.getInputStream(e).readAllBytes());
            }
        }
        return files;
    }

    /** Links {@code module} as Sightglass runs it (WASI, bench.start/end), instantiates it, and returns. */
    private static void instantiate(Engine engine, Module module) {
        Store store = new Store(engine);
        Linker linker = new Linker();
        FuncType unit = FuncType.of(List.of(), List.of());
        linker.defineFunction(store, "bench", "start", unit, (caller, args) -> null);
        linker.defineFunction(store, "bench", "end", unit, (caller, args) -> null);
        try (Wasi wasi = Wasi.builder().build()) {
            wasi.addToLinker(linker, store);
            linker.instantiate(store, module);
        }
    }

    public static void main(String[] argv) throws Exception {
        int rounds = Integer.parseInt(argv[0]);
        Path tmp = Files.createTempDirectory("bytelift-aot-load");
        String[] modes = {"compile", "deserialize", "aot-jar", "aot-bytes"};
        System.out.println("module                     wasm_KB cwasm_KB jar_KB   first ms: compile / deser / jar / bytes    median ms: compile / deser / jar / bytes");
        for (int a = 1; a < argv.length; a++) {
            Path p = Path.of(argv[a]);
            Path cwasm = tmp.resolve("m.cwasm");
            Path jar = tmp.resolve("m.jar");
            {
                Module m = new Engine().compile(Files.readAllBytes(p));
                Files.write(cwasm, m.serialize());
                m.writeAheadOfTimeJar(jar, "m");
            }
            double[][] t = new double[modes.length][rounds];
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < modes.length; k++) {
                    long t0 = System.nanoTime();
                    Engine engine = new Engine();
                    Module module = switch (k) {
                        case 0 -> engine.compile(Files.readAllBytes(p));
                        case 1 -> engine.deserializeModule(cwasm);
                        case 2 -> engine.loadModule(jar);
                        default -> engine.loadModule(new BytesLoader(readJar(jar)), "m");
                    };
                    instantiate(engine, module);
                    t[k][r] = (System.nanoTime() - t0) / 1e6;
                }
            }
            String name = p.getParent() == null ? p.toString() : p.getParent().getFileName() + "/" + p.getFileName();
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-27s %7d %8d %6d  ", name, Files.size(p) / 1024,
                    Files.size(cwasm) / 1024, Files.size(jar) / 1024));
            sb.append(String.format(Locale.ROOT, "%8.0f / %5.0f / %5.0f / %5.0f      ", t[0][0], t[1][0], t[2][0], t[3][0]));
            double[] med = new double[modes.length];
            for (int k = 0; k < modes.length; k++) med[k] = median(Arrays.copyOfRange(t[k], 1, rounds));
            sb.append(String.format(Locale.ROOT, "%8.0f / %5.0f / %5.0f / %5.0f", med[0], med[1], med[2], med[3]));
            System.out.println(sb);
        }
    }

    private static double median(double[] v) {
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
