package dev.bytelift.testmodules.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.LinkException;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Tag;
import dev.bytelift.runtime.TagType;
import dev.bytelift.runtime.ThrownException;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.TrapCode;
import dev.bytelift.runtime.ValType;

/**
 * WebAssembly exceptions and the embedding API: a host function throws into the guest, a guest
 * exception reaches the host as a {@link ThrownException} (inspected, thrown again), tags are per
 * instance and imported through the {@link Linker}, an exception crosses host frames between two
 * guest frames, traps are never caught by WebAssembly. Each in three configurations: plain, with
 * fuel and epochs, and with every function split into regions of 8 instructions (a try body that
 * calls regions; a throw in a region caught outside it; catch labels that leave the region).
 */
class ExceptionsApiTest {
    private static final FuncType I32_TO_NONE = new FuncType(new ValType[] {ValType.I32}, new ValType[0]);
    private static final FuncType NONE_TO_I32 = new FuncType(new ValType[0], new ValType[] {ValType.I32});

    private static Engine engine(String config) {
        EngineConfig.Builder b = EngineConfig.builder();
        if (!config.equals("plain")) b.consumeFuel(true).epochInterruption(true);
        if (config.equals("split")) b.splitFunctionsOver(0).regionInstructions(8);
        return new Engine(b.build());
    }

    private static Store store(Engine engine) {
        Store s = new Store(engine);
        if (engine.config().consumeFuel()) s.setFuel(1_000_000_000L);
        if (engine.config().epochInterruption()) s.setEpochDeadline(1_000_000);
        return s;
    }

    private static final String GUEST = """
            (module
              (import "env" "tag" (tag $t (param i32)))
              (import "env" "raise" (func $raise (param i32)))
              (import "env" "reenter" (func $reenter (param i32) (result i32)))
              (tag $own (export "own") (param i32 i64))
              ;; the host throws $t (2n): caught here, 1000 + 2n
              (func (export "catchHost") (param i32) (result i32)
                (i32.const 1000) ;; under the try: the handler finds it again
                (block $h (result i32)
                  (try_table (catch $t $h)
                    (call $raise (local.get 0)))
                  (i32.const 0))
                (i32.add))
              ;; a guest exception for the host: $own (n, n * 3)
              (func (export "boom") (param i32)
                (throw $own (local.get 0) (i64.mul (i64.extend_i32_u (local.get 0)) (i64.const 3))))
              (func (export "throwT") (param i32) (throw $t (local.get 0)))
              ;; guest -> host -> guest ("inner", which throws $t) -> caught back here
              (func (export "outer") (param i32) (result i32)
                (block $h (result i32)
                  (try_table (result i32) (catch $t $h)
                    (call $reenter (local.get 0)))
                  (return))
                (i32.const 1) (i32.add))
              (func (export "inner") (param i32) (result i32)
                (if (local.get 0) (then (throw $t (local.get 0))))
                (i32.const -5))
              ;; a trap in a callee: catch_all does not catch it
              (func $trapper (unreachable))
              (func (export "trapInTry") (result i32)
                (block $h
                  (try_table (catch_all $h) (call $trapper))
                  (return (i32.const 1)))
                (i32.const 2))
              ;; catch_all_ref: the exnref goes back to the host
              (func (export "catchRef") (param i32) (result exnref)
                (block $h (result exnref)
                  (try_table (catch_all_ref $h) (call $raise (local.get 0)))
                  (ref.null exn)))
            )""";

    private record Setup(Store store, Instance instance, Tag tag, AtomicReference<Instance> self) {}

    private static Setup setup(Engine engine) {
        Store store = store(engine);
        Tag tag = new Tag(new TagType(I32_TO_NONE));
        AtomicReference<Instance> self = new AtomicReference<>();
        Linker linker = new Linker();
        linker.define("env", "tag", tag);
        linker.defineFunction(store, "env", "raise", I32_TO_NONE, (caller, args) -> {
            throw new ThrownException(tag, (Integer) args[0] * 2);
        });
        linker.defineFunction(store, "env", "reenter", new FuncType(new ValType[] {ValType.I32}, new ValType[] {ValType.I32}),
                (caller, args) -> self.get().getFunc("inner").call(args));
        Module module = engine.compile(GUEST.getBytes());
        Instance instance = linker.instantiate(store, module);
        self.set(instance);
        return new Setup(store, instance, tag, self);
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "instrumented", "split"})
    void aHostFunctionThrowsIntoTheGuest(String config) {
        Setup s = setup(engine(config));
        assertArrayEquals(new Object[] {1014}, s.instance().getFunc("catchHost").call(7));
        ThrownException e = (ThrownException) s.instance().getFunc("catchRef").call(4)[0];
        assertSame(s.tag(), e.tag());
        assertEquals(List.of(8), e.values());
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "instrumented", "split"})
    void aGuestExceptionReachesTheHostAndCanBeThrownAgain(String config) {
        Setup s = setup(engine(config));
        Tag own = s.instance().getTag("own");
        assertEquals(new TagType(new FuncType(new ValType[] {ValType.I32, ValType.I64}, new ValType[0])), own.type());
        ThrownException e = assertThrows(ThrownException.class, () -> s.instance().getFunc("boom").call(5));
        assertSame(own, e.tag());
        assertEquals(List.of(5, 15L), e.values());
        assertEquals(0, e.getStackTrace().length, "no Java stack trace");
        // the host throws the guest's exception of the imported tag back in: the guest catches it
        ThrownException t = assertThrows(ThrownException.class, () -> s.instance().getFunc("throwT").call(21));
        assertSame(s.tag(), t.tag());
        Linker l2 = new Linker();
        l2.define("env", "tag", s.tag());
        l2.defineFunction(s.store(), "env", "raise", I32_TO_NONE, (caller, args) -> {
            throw t; // rethrown as is: 21, not 2n
        });
        l2.defineFunction(s.store(), "env", "reenter", new FuncType(new ValType[] {ValType.I32}, new ValType[] {ValType.I32}),
                (caller, args) -> new Object[] {0});
        Instance other = l2.instantiate(s.store(), s.instance().module());
        assertArrayEquals(new Object[] {1021}, other.getFunc("catchHost").call(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "instrumented", "split"})
    void anExceptionCrossesHostFramesBetweenGuestFrames(String config) {
        Setup s = setup(engine(config));
        assertArrayEquals(new Object[] {10}, s.instance().getFunc("outer").call(9));
        assertArrayEquals(new Object[] {-5}, s.instance().getFunc("outer").call(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "instrumented", "split"})
    void trapsAreNotCaughtByWebAssembly(String config) {
        Setup s = setup(engine(config));
        Trap t = assertThrows(Trap.class, () -> s.instance().getFunc("trapInTry").call());
        assertEquals(TrapCode.UNREACHABLE, t.code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "split"})
    void eachInstanceHasItsOwnTagsAndImportedTagsAreTheExporters(String config) {
        Engine engine = engine(config);
        Store store = store(engine);
        String thrower = "(module (tag $e (export \"e\")) (func (export \"throw\") (throw $e)))";
        Module m = engine.compile(thrower.getBytes());
        Instance a = new Linker().instantiate(store, m);
        Instance b = new Linker().instantiate(store, m);
        assertNotSame(a.getTag("e"), b.getTag("e"));
        // a catcher importing a's tag catches a's exceptions, not b's
        String catcher = """
                (module
                  (import "a" "e" (tag $e))
                  (import "x" "throw" (func $throw))
                  (func (export "run") (result i32)
                    (block $h
                      (try_table (catch $e $h) (call $throw))
                      (return (i32.const 0)))
                    (i32.const 1)))""";
        Module c = engine.compile(catcher.getBytes());
        Linker la = new Linker().defineInstance("a", a).define("x", "throw", a.getFunc("throw"));
        assertArrayEquals(new Object[] {1}, la.instantiate(store, c).getFunc("run").call());
        Linker lb = new Linker().defineInstance("a", a).define("x", "throw", b.getFunc("throw"));
        ThrownException e = assertThrows(ThrownException.class, () -> lb.instantiate(store, c).getFunc("run").call());
        assertSame(b.getTag("e"), e.tag());
        // a tag import checks the type
        Linker bad = new Linker().define("a", "e", new Tag(new TagType(I32_TO_NONE))).define("x", "throw", a.getFunc("throw"));
        assertThrows(LinkException.class, () -> bad.instantiate(store, c));
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain"})
    void theApiChecksWhatItIsGiven(String config) {
        Tag tag = new Tag(new TagType(I32_TO_NONE));
        assertThrows(IllegalArgumentException.class, () -> new ThrownException(tag, 1L));
        assertThrows(IllegalArgumentException.class, () -> new ThrownException(tag));
        assertThrows(IllegalArgumentException.class, () -> new TagType(NONE_TO_I32));
    }
}
