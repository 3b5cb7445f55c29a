package dev.bytelift.testmodules.aot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.bytelift.runtime.DeserializeException;
import dev.bytelift.runtime.DeserializeException.Reason;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.TrapCode;
import dev.bytelift.runtime.WasmException;
import dev.bytelift.testmodules.TestModules;

/**
 * Ahead-of-time modules through the API: they behave as compiled ones, and every way a jar or its
 * metadata can be wrong (damaged, truncated, another configuration, type ids taken, a class that
 * does not verify, not a jar, no module in it) is a {@link DeserializeException} saying so, never a
 * JVM error.
 */
class AotJarTest {
    @TempDir
    Path tmp;

    private static final String META = "META-INF/bytelift/aot/m.blaot";

    /** Serves ahead-of-time files (possibly altered) as classes and resources. */
    static final class FilesLoader extends ClassLoader {
        private final Map<String, byte[]> files;

        FilesLoader(Map<String, byte[]> files) {
            super("aot-test", Engine.class.getClassLoader());
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

    private static Map<String, byte[]> files(String resource) {
        return new LinkedHashMap<>(new Engine().compile(TestModules.load(resource), resource).aheadOfTime("m"));
    }

    private static Map<String, byte[]> with(Map<String, byte[]> files, String key, byte[] value) {
        Map<String, byte[]> copy = new LinkedHashMap<>(files);
        copy.put(key, value);
        return copy;
    }

    @Test
    void aJarBehavesAsTheCompiledModule() throws Exception {
        byte[] wasm = TestModules.load("wat/trap_codes.wasm");
        Engine engine = new Engine();
        Module compiled = engine.compile(wasm, "trap_codes.wasm");
        Path jar = tmp.resolve("t.jar");
        compiled.writeAheadOfTimeJar(jar, "trap_codes");
        Engine fresh = new Engine();
        Module loaded = fresh.loadModule(jar);
        assertEquals(compiled.exports(), loaded.exports());
        assertEquals(compiled.imports(), loaded.imports());
        assertEquals(compiled.name(), loaded.name());
        Instance a = new Linker().instantiate(new Store(engine), compiled);
        Instance b = new Linker().instantiate(new Store(fresh), loaded);
        assertEquals(a.getFunc("i32.div_u").call(7, 2)[0], b.getFunc("i32.div_u").call(7, 2)[0]);
        Trap ta = assertThrows(Trap.class, () -> a.getFunc("i32.div_s").call(1, 0));
        Trap tb = assertThrows(Trap.class, () -> b.getFunc("i32.div_s").call(1, 0));
        assertEquals(TrapCode.INTEGER_DIVISION_BY_ZERO, tb.code());
        assertEquals(ta.backtrace(), tb.backtrace());
        // the same jar again, in another engine: the same class names in another class loader
        Engine another = new Engine();
        Instance c = new Linker().instantiate(new Store(another), another.loadModule(jar));
        assertEquals(3, c.getFunc("i32.div_u").call(7, 2)[0]);
    }

    @Test
    void everyDamagedOrTruncatedMetadataIsRejected() {
        Map<String, byte[]> files = files("wat/trap_codes.wasm");
        byte[] meta = files.get(META);
        Random random = new Random(16);
        for (int i = 0; i < 300; i++) {
            byte[] bad = meta.clone();
            int at = i < 40 ? i : random.nextInt(bad.length);
            bad[at] ^= (byte) (1 + random.nextInt(255));
            DeserializeException e = assertThrows(DeserializeException.class,
                    () -> new Engine().loadModule(new FilesLoader(with(files, META, bad)), "m"), "byte " + at);
            assertTrue(e.getMessage().contains("ahead-of-time"), e.getMessage());
        }
        for (int n = 0; n < meta.length; n += 1 + meta.length / 60) {
            byte[] cut = java.util.Arrays.copyOf(meta, n);
            DeserializeException e = assertThrows(DeserializeException.class,
                    () -> new Engine().loadModule(new FilesLoader(with(files, META, cut)), "m"), "length " + n);
            assertTrue(e.reason() == Reason.TRUNCATED || e.reason() == Reason.NOT_SERIALIZED, n + ": " + e.getMessage());
        }
    }

    /**
     * Damage behind a valid checksum (what a checksum cannot catch): reading checks every length,
     * count and index, so that loading fails as a DeserializeException and instantiating and calling
     * as a WasmException; never another exception, never a JVM error.
     */
    @Test
    void damageBehindAValidChecksumIsNeverAJvmError() {
        Map<String, byte[]> files = files("wat/trap_codes.wasm");
        byte[] meta = files.get(META);
        int header = 8 + 2 + 8 + 4;
        Random random = new Random(1616);
        int loaded = 0;
        for (int i = 0; i < 1500; i++) {
            byte[] bad = meta.clone();
            int at = header + random.nextInt(bad.length - header);
            bad[at] ^= (byte) (1 + random.nextInt(255));
            CRC32C crc = new CRC32C();
            crc.update(bad, header, bad.length - header);
            java.nio.ByteBuffer.wrap(bad, header - 4, 4).putInt((int) crc.getValue());
            Module m;
            try {
                m = new Engine().loadModule(new FilesLoader(with(files, META, bad)), "m");
            } catch (DeserializeException expected) {
                continue;
            } catch (Throwable t) {
                throw new AssertionError("byte " + at + ": " + t, t);
            }
            loaded++;
            try {
                Store store = new Store(m.engine());
                Instance instance = new Linker().instantiate(store, m);
                for (String name : new String[] {"i32.div_u", "load"}) {
                    if (instance.getExport(name) instanceof Func f && f.type().paramCount() == 1) f.call(0);
                    else if (instance.getExport(name) instanceof Func f && f.type().paramCount() == 2) f.call(7, 2);
                }
            } catch (WasmException | IllegalArgumentException expected) {
                // a trap, a link error, an argument the changed type does not take
            } catch (Throwable t) {
                throw new AssertionError("byte " + at + ": " + t, t);
            }
        }
        assertTrue(loaded > 0, "some changes (a name, a constant) still load");
    }

    @Test
    void anotherConfigurationIsRejected() throws Exception {
        Path jar = tmp.resolve("f.jar");
        new Engine(EngineConfig.builder().consumeFuel(true).build()).compile(TestModules.load("wat/trap_codes.wasm")).writeAheadOfTimeJar(jar, "m");
        DeserializeException e = assertThrows(DeserializeException.class, () -> new Engine().loadModule(jar));
        assertEquals(Reason.OTHER_CONFIGURATION, e.reason());
        assertTrue(e.getMessage().contains("another engine configuration"), e.getMessage());
        Engine fuel = new Engine(EngineConfig.builder().consumeFuel(true).build());
        Store store = new Store(fuel);
        store.setFuel(1000);
        assertEquals(3, new Linker().instantiate(store, fuel.loadModule(jar)).getFunc("i32.div_u").call(7, 2)[0]);
    }

    @Test
    void takenTypeIdsAreRejected() throws Exception {
        Path jar = tmp.resolve("t.jar");
        new Engine().compile(TestModules.load("wat/trap_codes.wasm")).writeAheadOfTimeJar(jar, "m");
        Engine engine = new Engine();
        // the first id to a type other than the module's first
        engine.typeId(new dev.bytelift.runtime.FuncType(new dev.bytelift.runtime.ValType[] {dev.bytelift.runtime.ValType.F64},
                new dev.bytelift.runtime.ValType[0]));
        DeserializeException e = assertThrows(DeserializeException.class, () -> engine.loadModule(jar));
        assertEquals(Reason.TYPE_ID_CONFLICT, e.reason());
    }

    @Test
    void aClassThatDoesNotVerifyIsRejected() {
        Map<String, byte[]> files = files("wat/trap_codes.wasm");
        String code = files.keySet().stream().filter(k -> k.endsWith("$Code0.class")).findFirst().orElseThrow();
        byte[] bad = files.get(code).clone();
        // the last bytes are the class's attributes: garbling the middle hits code or constants
        for (int i = bad.length / 2; i < bad.length / 2 + 16; i++) bad[i] = (byte) 0xFF;
        DeserializeException e = assertThrows(DeserializeException.class, () -> new Engine().loadModule(new FilesLoader(with(files, code, bad)), "m"));
        assertEquals(Reason.CORRUPTED, e.reason());
        Map<String, byte[]> missing = new LinkedHashMap<>(files);
        missing.remove(code);
        e = assertThrows(DeserializeException.class, () -> new Engine().loadModule(new FilesLoader(missing), "m"));
        assertTrue(e.getMessage().contains("is missing"), e.getMessage());
    }

    /** With lazy compilation a module's classes load when first used: a damaged one fails that call, as a WasmException. */
    @Test
    void lazilyLoadedClassesFailTheirCallNotTheJvm() {
        Map<String, byte[]> files = files("wat/trap_codes.wasm");
        String code = files.keySet().stream().filter(k -> k.endsWith("$Code0.class")).findFirst().orElseThrow();
        byte[] bad = files.get(code).clone();
        for (int i = bad.length / 2; i < bad.length / 2 + 16; i++) bad[i] = (byte) 0xFF;
        Engine lazy = new Engine(EngineConfig.builder().lazyCompilation(true).build());
        Module m = lazy.loadModule(new FilesLoader(with(files, code, bad)), "m");
        Instance instance = new Linker().instantiate(new Store(lazy), m);
        WasmException e = assertThrows(WasmException.class, () -> instance.getFunc("i32.div_u").call(7, 2));
        assertTrue(!(e instanceof Trap), e.toString());
        Engine fine = new Engine(EngineConfig.builder().lazyCompilation(true).build());
        assertEquals(3, new Linker().instantiate(new Store(fine), fine.loadModule(new FilesLoader(files), "m")).getFunc("i32.div_u").call(7, 2)[0]);
    }

    @Test
    void notAJarOrNoModule() throws Exception {
        Path text = Files.writeString(tmp.resolve("x.jar"), "not a jar");
        assertEquals(Reason.NOT_SERIALIZED, assertThrows(DeserializeException.class, () -> new Engine().loadModule(text)).reason());
        Path empty = tmp.resolve("empty.jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(empty))) {
            out.putNextEntry(new java.util.jar.JarEntry("a.txt"));
        }
        DeserializeException e = assertThrows(DeserializeException.class, () -> new Engine().loadModule(empty));
        assertTrue(e.getMessage().contains("holds no ahead-of-time Bytelift module"), e.getMessage());
        e = assertThrows(DeserializeException.class, () -> new Engine().loadModule(getClass().getClassLoader(), "nothing"));
        assertTrue(e.getMessage().contains("no ahead-of-time Bytelift module nothing"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Engine().compile(TestModules.load("wat/trap_codes.wasm")).aheadOfTime("../x"));
        // a loaded module is not compiled again
        Path jar = tmp.resolve("t.jar");
        new Engine().compile(TestModules.load("wat/trap_codes.wasm")).writeAheadOfTimeJar(jar, "m");
        assertThrows(UnsupportedOperationException.class, () -> new Engine().loadModule(jar).aheadOfTime("again"));
    }
}
