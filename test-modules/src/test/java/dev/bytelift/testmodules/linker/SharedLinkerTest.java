package dev.bytelift.testmodules.linker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.bytelift.runtime.Caller;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.HostFn;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.InstancePre;
import dev.bytelift.runtime.LinkException;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Memory;
import dev.bytelift.runtime.MemoryType;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.ValType;
import dev.bytelift.testmodules.TestModules;
import dev.bytelift.wasi.Wasi;

/** One {@link Linker} (and one {@link InstancePre}) serving many stores, each with its own state. */
class SharedLinkerTest {
    private static final Engine ENGINE = new Engine();

    /** The per-store state of the host functions below. */
    record Tag(int id) {}

    /**
     * {@code run(n)} calls the typed {@code env.plus(i)} (i + the store's id) and the boxed
     * {@code env.six()} (six results from the store's id) n times and returns the sum; {@code
     * direct()} calls {@code env.id} once.
     */
    private static final String HOST_USER = """
            (module
              (import "env" "plus" (func $plus (param i32) (result i32)))
              (import "env" "six" (func $six (result i32 i32 i32 i32 i32 i32)))
              (import "env" "id" (func $id (result i32)))
              (func (export "run") (param $n i32) (result i32)
                (local $i i32) (local $sum i32)
                (block $done
                  (loop $next
                    (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                    (local.set $sum (i32.add (local.get $sum) (call $plus (local.get $i))))
                    (call $six)
                    (i32.add) (i32.add) (i32.add) (i32.add) (i32.add)
                    (local.set $sum (i32.add (local.get $sum)))
                    (local.set $i (i32.add (local.get $i) (i32.const 1)))
                    (br $next)))
                (local.get $sum))
              (func (export "direct") (result i32) (call $id)))
            """;

    /** What {@code run(n)} returns in a store of id {@code id}. */
    private static int expected(int id, int n) {
        int sum = 0;
        for (int i = 0; i < n; i++) sum += i + id + 21 * id; // plus: i + id; six: id * (1+2+...+6)
        return sum;
    }

    private static Linker hostLinker(Engine engine) {
        Linker linker = new Linker(engine);
        linker.defineFunction("env", "plus", HostFn.I_I.class, (caller, i) -> i + caller.store().data(Tag.class).id());
        linker.defineFunction("env", "six", FuncType.of(List.of(), List.of(ValType.I32, ValType.I32, ValType.I32,
                ValType.I32, ValType.I32, ValType.I32)), (caller, args) -> {
                    int id = caller.store().data(Tag.class).id();
                    return new Object[] {id, 2 * id, 3 * id, 4 * id, 5 * id, 6 * id};
                });
        linker.defineFunction("env", "id", HostFn.V_I.class, caller -> caller.store().data(Tag.class).id());
        return linker;
    }

    private static Store store(int id) {
        Store store = new Store(ENGINE);
        store.setData(Tag.class, new Tag(id));
        return store;
    }

    @Test
    void oneWasiLinkerInstantiatesInAThousandStoresEachWithItsOwnOutput() {
        Module hello = ENGINE.compile(TestModules.load("wasi/hello.wasm"));
        Linker linker = new Linker(ENGINE);
        Wasi.addToLinker(linker);
        InstancePre pre = linker.instantiatePre(hello);
        for (int i = 0; i < 1000; i++) {
            Store store = new Store(ENGINE);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (Wasi wasi = Wasi.builder().args("hello.wasm", "store " + i).stdout(out).build()) {
                wasi.attachTo(store);
                // every other store goes through the linker, the rest through the InstancePre
                Instance instance = i % 2 == 0 ? pre.instantiate(store) : linker.instantiate(store, hello);
                assertEquals(0, wasi.start(instance));
            }
            assertEquals("Hello from WebAssembly!\nargv[0] = hello.wasm\nargv[1] = store " + i + "\n1 argument, bye.\n",
                    out.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void twoStoresSharingALinkerHaveIndependentWasiState(@TempDir Path dir) throws Exception {
        Module argsEnv = ENGINE.compile(TestModules.load("wasi/args_env.wasm"));
        InstancePre pre = linkerWithWasi().instantiatePre(argsEnv);
        Store a = new Store(ENGINE), b = new Store(ENGINE);
        ByteArrayOutputStream outA = new ByteArrayOutputStream(), outB = new ByteArrayOutputStream();
        try (Wasi wa = Wasi.builder().args("a", "--exit=3").env("WHO", "a").stdout(outA).build();
                Wasi wb = Wasi.builder().args("b", "x", "y").env("WHO", "b").stdout(outB).build()) {
            wa.attachTo(a);
            wb.attachTo(b);
            Instance ia = pre.instantiate(a), ib = pre.instantiate(b);
            // interleaved: each call finds its own store's state
            assertEquals(0, wb.start(ib));
            assertEquals(3, wa.start(ia));
        }
        String sa = outA.toString(StandardCharsets.UTF_8), sb = outB.toString(StandardCharsets.UTF_8);
        assertTrue(sa.startsWith("argc=2\nargv[0] (1 bytes) = [a]\nargv[1] (8 bytes) = [--exit=3]\n"), sa);
        assertTrue(sa.contains("WHO=a") && !sa.contains("WHO=b"), sa);
        assertTrue(sb.startsWith("argc=3\nargv[0] (1 bytes) = [b]\nargv[1] (1 bytes) = [x]\n"), sb);
        assertTrue(sb.contains("WHO=b") && !sb.contains("WHO=a"), sb);
    }

    private static Linker linkerWithWasi() {
        Linker linker = new Linker();
        Wasi.addToLinker(linker);
        return linker;
    }

    @Test
    void aWasiCallInAStoreWithoutWasiStateFailsClearly() {
        Module hello = ENGINE.compile(TestModules.load("wasi/hello.wasm"));
        Instance instance = linkerWithWasi().instantiate(new Store(ENGINE), hello);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> instance.getFunc("_start").call());
        assertTrue(e.getMessage().contains("wasi.attachTo(store)"), e.getMessage());
    }

    @Test
    void aStoreTakesOneWasiState() {
        Store store = new Store(ENGINE);
        try (Wasi first = Wasi.builder().build(); Wasi second = Wasi.builder().build()) {
            first.attachTo(store);
            first.attachTo(store); // again: no change
            assertThrows(IllegalStateException.class, () -> second.attachTo(store));
            assertSame(first, store.data(Wasi.class));
        }
    }

    @Test
    void hostFunctionsOfOneDefinitionSeeTheirOwnStore() {
        Module module = ENGINE.compile(HOST_USER.getBytes(StandardCharsets.UTF_8));
        InstancePre pre = hostLinker(ENGINE).instantiatePre(module);
        for (int id = 1; id <= 5; id++) {
            Instance instance = pre.instantiate(store(id));
            assertEquals(expected(id, 100), instance.getFunc("run").typed(IntUnaryOperator.class).applyAsInt(100));
            assertArrayEquals(new Object[] {id}, instance.getFunc("direct").call());
        }
    }

    @Test
    void hostFunctionsCalledFromSeveralStoresOnSeveralThreadsAtOnce() throws Exception {
        Module module = ENGINE.compile(HOST_USER.getBytes(StandardCharsets.UTF_8));
        InstancePre pre = hostLinker(ENGINE).instantiatePre(module);
        int threads = 4, rounds = 200, n = 500;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = 100 + t;
                done.add(pool.submit(() -> {
                    Store store = store(id);
                    IntUnaryOperator run = pre.instantiate(store).getFunc("run").typed(IntUnaryOperator.class);
                    start.await();
                    int wrong = 0;
                    for (int r = 0; r < rounds; r++) {
                        if (run.applyAsInt(n) != expected(id, n)) wrong++;
                        // a new instance per round, in a new store too every tenth round
                        if (r % 10 == 9) {
                            Store next = store(id);
                            run = pre.instantiate(next).getFunc("run").typed(IntUnaryOperator.class);
                        }
                    }
                    return wrong;
                }));
            }
            for (Future<Integer> f : done) assertEquals(0, f.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void instancesWithDifferentDefinitionsRacingForTheFirstCallEachCallTheirOwn() throws Exception {
        // the import site is linked by whichever instance calls first; the others must notice
        // that their invoker differs, however the threads interleave (fresh module each round)
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 20; round++) {
                Module module = ENGINE.compile(HOST_USER.getBytes(StandardCharsets.UTF_8));
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Future<Integer>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int id = 10 + t;
                    Linker own = hostLinker(ENGINE);
                    own.defineFunction("env", "plus", HostFn.I_I.class, (caller, i) -> i * id);
                    InstancePre pre = own.instantiatePre(module);
                    done.add(pool.submit(() -> {
                        IntUnaryOperator run = pre.instantiate(store(id)).getFunc("run").typed(IntUnaryOperator.class);
                        start.await();
                        int wrong = 0;
                        for (int r = 0; r < 200; r++) {
                            if (run.applyAsInt(20) != 190 * id + 20 * 21 * id) wrong++;
                        }
                        return wrong;
                    }));
                }
                for (Future<Integer> f : done) assertEquals(0, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void instancesOfOneModuleFromTwoLinkersCallTheirOwnDefinitions() {
        // the import call site links to the first instance, then guards on the shared invoker:
        // an instance whose import is another definition must not take it
        Module module = ENGINE.compile(HOST_USER.getBytes(StandardCharsets.UTF_8));
        Linker other = hostLinker(ENGINE);
        other.defineFunction("env", "plus", HostFn.I_I.class, (caller, i) -> 1000);
        InstancePre mine = hostLinker(ENGINE).instantiatePre(module), theirs = other.instantiatePre(module);
        IntUnaryOperator[] runs = new IntUnaryOperator[6];
        for (int k = 0; k < runs.length; k++) {
            runs[k] = (k % 2 == 0 ? mine : theirs).instantiate(store(k)).getFunc("run").typed(IntUnaryOperator.class);
        }
        for (int round = 0; round < 3000; round++) { // long enough for C2 to compile the guards
            for (int k = 0; k < runs.length; k++) {
                int expected = k % 2 == 0 ? expected(k, 10) : 10 * 1000 + 10 * 21 * k;
                assertEquals(expected, runs[k].applyAsInt(10));
            }
        }
    }

    @Test
    void aDefinitionIsOneFunctionPerStore() {
        Linker linker = hostLinker(ENGINE);
        Store a = store(1), b = store(2);
        Func fa = (Func) linker.get(a, "env", "id");
        assertSame(fa, linker.get(a, "env", "id"));
        Func fb = (Func) linker.get(b, "env", "id");
        assertTrue(fa != fb);
        assertSame(a, fa.store());
        assertSame(b, fb.store());
        assertArrayEquals(new Object[] {1}, fa.call());
        assertArrayEquals(new Object[] {2}, fb.call());
        // an instance imports the store's function
        Instance instance = linker.instantiate(a, ENGINE.compile(HOST_USER.getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, instance.getFunc("direct").typed(java.util.function.IntSupplier.class).getAsInt());
    }

    @Test
    void aHostCallFromTheHostSeesTheStoreAndNoInstance() {
        Linker linker = new Linker();
        Caller[] seen = new Caller[1];
        linker.defineFunction("env", "f", HostFn.V_I.class, caller -> {
            seen[0] = caller;
            return 7;
        });
        Store store = new Store(ENGINE);
        Func f = (Func) linker.get(store, "env", "f");
        assertEquals(7, f.typed(java.util.function.IntSupplier.class).getAsInt());
        assertSame(store, seen[0].store());
        assertNull(seen[0].instance());
        assertNull(seen[0].memory());
        assertArrayEquals(new Object[] {7}, f.call());
    }

    @Test
    void theStoreIndependentLookupNeedsAStore() {
        Linker linker = hostLinker(ENGINE);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> linker.get("env", "id"));
        assertTrue(e.getMessage().contains("get(store, module, name)"), e.getMessage());
        assertNull(linker.get(new Store(ENGINE), "env", "missing"));
    }

    @Test
    void instantiatePreReportsMissingAndMistypedImportsOnce() {
        Module module = ENGINE.compile(HOST_USER.getBytes(StandardCharsets.UTF_8));
        Linker missing = new Linker();
        missing.defineFunction("env", "plus", IntUnaryOperator.class, i -> i);
        LinkException e = assertThrows(LinkException.class, () -> missing.instantiatePre(module));
        assertTrue(e.getMessage().contains("unknown import") && e.getMessage().contains("env.six"), e.getMessage());

        Linker mistyped = hostLinker(ENGINE);
        mistyped.defineFunction("env", "plus", IntBinaryOperator.class, (x, y) -> x);
        e = assertThrows(LinkException.class, () -> mistyped.instantiatePre(module));
        assertTrue(e.getMessage().contains("incompatible import type") && e.getMessage().contains("env.plus"), e.getMessage());
    }

    @Test
    void storeBoundImportsStillFailInAnotherStore() {
        Module module = ENGINE.compile("(module (import \"env\" \"mem\" (memory 1)) (import \"env\" \"f\" (func)))".getBytes(StandardCharsets.UTF_8));
        Store a = new Store(ENGINE), b = new Store(ENGINE);
        Linker linker = new Linker();
        linker.define("env", "mem", new Memory(a, new MemoryType(new dev.bytelift.runtime.Limits(1, 1))));
        linker.defineFunction("env", "f", Runnable.class, () -> { });
        InstancePre pre = linker.instantiatePre(module);
        pre.instantiate(a);
        LinkException e = assertThrows(LinkException.class, () -> pre.instantiate(b));
        assertTrue(e.getMessage().contains("env.mem") && e.getMessage().contains("belongs to a different store"), e.getMessage());

        // a host function defined with a store stays that store's
        Linker bound = new Linker();
        bound.define("env", "mem", new Memory(b, new MemoryType(new dev.bytelift.runtime.Limits(1, 1))));
        bound.defineFunction(a, "env", "f", Runnable.class, () -> { });
        e = assertThrows(LinkException.class, () -> bound.instantiatePre(module).instantiate(b));
        assertTrue(e.getMessage().contains("env.f") && e.getMessage().contains("belongs to a different store"), e.getMessage());
        // and a module of another engine is refused
        assertThrows(IllegalArgumentException.class, () -> pre.instantiate(new Store(new Engine())));
    }

    @Test
    void theExitTrampolineIsMadeOncePerDefinitionNotPerStore() {
        Linker linker = hostLinker(ENGINE);
        Func first = (Func) linker.get(store(1), "env", "plus");
        for (int id = 2; id <= 20; id++) {
            Func f = (Func) linker.get(store(id), "env", "plus");
            assertTrue(f != first);
            assertSame(first.invoker(), f.invoker()); // the same generated class for every store
        }
        // another definition of the same shape is another class (its function is a constant in it)
        assertTrue(first.invoker() != ((Func) hostLinker(ENGINE).get(store(1), "env", "plus")).invoker());
    }

    @Test
    void storeDataIsKeyedByClass() {
        Store store = new Store(ENGINE);
        assertNull(store.data(Tag.class));
        store.setData(Tag.class, new Tag(1));
        store.setData(String.class, "s");
        store.setData(Tag.class, new Tag(2));
        assertEquals(new Tag(2), store.data(Tag.class));
        assertEquals("s", store.data(String.class));
        store.setData(Tag.class, null);
        assertNull(store.data(Tag.class));
        assertEquals("s", store.data(String.class));
        @SuppressWarnings({"unchecked", "rawtypes"})
        Class<Object> raw = (Class) Tag.class;
        assertThrows(IllegalArgumentException.class, () -> store.setData(raw, "not a tag"));
    }
}
