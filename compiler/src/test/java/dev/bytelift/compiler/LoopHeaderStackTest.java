package dev.bytelift.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicInterpreter;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Module;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.WasmException;

/**
 * Issue 21: HotSpot compiles a loop on-stack (OSR) only when the JVM operand stack is empty at the
 * loop's header ("stack not empty at OSR entry point" in C1, "OSR starts with non-empty stack" in
 * C2); a loop entered with Wasm values under it or with block parameters then ran interpreted for
 * as long as it looped. Every instruction that a backward jump targets must have an empty operand
 * stack, in every golden configuration (plain, instrumented, split finely), on the golden modules,
 * the kernels, the hand-written loops of src/test/resources/osr and the spec suite's modules; and
 * those hand-written loops must compute what Wasmtime computes.
 */
class LoopHeaderStackTest {
    static final Path OSR = Path.of(System.getProperty("basedir", ""), "src", "test", "resources", "osr");
    /** The spec suite's modules (skipped where absent): every shape of block, loop and branch. */
    static final Path SPEC = Path.of(System.getProperty("bytelift.testsuite.json", "/work/shared/testsuite/json"));

    @Test
    void everyBackwardJumpTargetHasAnEmptyStack() throws Exception {
        List<Path> modules = new ArrayList<>();
        modules.addAll(wasmFiles(OSR));
        modules.addAll(GoldenBytecodeTest.modules());
        modules.addAll(wasmFiles(KernelDump.DEFAULT_KERNELS));
        int fromOwnTree = modules.size();
        if (Files.isDirectory(SPEC)) modules.addAll(wasmFiles(SPEC));
        List<String> failures = new ArrayList<>();
        int loops = 0, ownLoops = 0;
        for (int i = 0; i < modules.size(); i++) {
            byte[] wasm = Files.readAllBytes(modules.get(i));
            for (GoldenConfig config : GoldenConfig.values()) {
                Map<String, byte[]> classes;
                try {
                    classes = ByteliftCompiler.emitClasses(new Engine(config.engineConfig()), wasm, GoldenBytecodeTest.CLASS_NAME);
                } catch (WasmException e) {
                    // the spec suite's invalid and malformed modules do not compile (that is their
                    // point); anything else, an internal error included, fails the test
                    if (i < fromOwnTree) throw e;
                    continue;
                }
                for (byte[] c : classes.values()) loops += check(c, modules.get(i).getFileName() + " " + config.dirName, failures);
            }
            if (i == fromOwnTree - 1) ownLoops = loops;
        }
        assertTrue(failures.isEmpty(), failures.size() + " loop headers with a non-empty JVM stack, e.g.:\n"
                + String.join("\n", failures.subList(0, Math.min(30, failures.size()))));
        assertTrue(ownLoops > 250, "only " + ownLoops + " loop headers checked");
        System.out.println("LoopHeaderStackTest: " + loops + " loop headers checked, " + ownLoops + " of our own modules'");
    }

    /** Records every backward jump target of the class's methods with a non-empty stack; returns how many it checked. */
    private static int check(byte[] classFile, String where, List<String> failures) throws AnalyzerException {
        ClassNode cn = new ClassNode();
        new ClassReader(classFile).accept(cn, ClassReader.SKIP_DEBUG);
        int checked = 0;
        for (MethodNode m : cn.methods) {
            if (m.instructions.size() == 0) continue;
            java.util.BitSet seen = new java.util.BitSet();
            Frame<BasicValue>[] frames = new Analyzer<>(new BasicInterpreter()).analyze(cn.name, m);
            for (int at = 0; at < m.instructions.size(); at++) {
                AbstractInsnNode insn = m.instructions.get(at);
                for (LabelNode target : targets(insn)) {
                    int t = m.instructions.indexOf(target);
                    if (t > at || frames[t] == null || seen.get(t)) continue; // forward, dead code, or checked
                    seen.set(t);
                    checked++;
                    if (frames[t].getStackSize() != 0) {
                        failures.add(where + ": " + cn.name + "." + m.name + " instruction " + t + " (stack " + frames[t] + ")");
                    }
                }
            }
        }
        return checked;
    }

    private static List<LabelNode> targets(AbstractInsnNode insn) {
        if (insn instanceof JumpInsnNode j) return List.of(j.label);
        List<LabelNode> all = new ArrayList<>();
        if (insn instanceof TableSwitchInsnNode s) {
            all.add(s.dflt);
            all.addAll(s.labels);
        } else if (insn instanceof LookupSwitchInsnNode s) {
            all.add(s.dflt);
            all.addAll(s.labels);
        }
        return all;
    }

    private static List<Path> wasmFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".wasm")).sorted().toList();
        }
    }

    /** The hand-written loops compute what Wasmtime computes for them, in every configuration. */
    @Test
    void valuesKeptInLocalsAcrossLoopsAreIntact() throws IOException {
        byte[] wasm = Files.readAllBytes(OSR.resolve("loops.wasm"));
        for (GoldenConfig config : GoldenConfig.values()) {
            EngineConfig ec = config.engineConfig();
            Engine engine = new Engine(ec);
            Module module = engine.compile(wasm);
            Store store = new Store(engine);
            if (ec.consumeFuel()) store.setFuel(Long.MAX_VALUE / 2);
            if (ec.epochInterruption()) store.setEpochDeadline(1_000_000);
            Instance inst = new Linker().instantiate(store, module);
            int[] ns = {1, 3, 5, 100, 2000};
            expect(inst, "under", config, ns, 35L, 37L, 39L, 134L, 2034L);
            expect(inst, "nested", config, ns, 1124, 1130, 1136, 150, 150);
            expect(inst, "table", config, ns, 1004, 3019, 5058, 130053, 14001003);
            expect(inst, "vparams", config, ns, 112, 334, 556, 11101, 1000000);
            expect(inst, "mixed", config, new int[] {0, 1, 3, 5, 100, 2000}, 18, 4523, 4547, 4571, 627, 627);
            long[][] params = {{8, 1}, {37, 3}, {306, 5}, {5492593479932844184L, 100}, {-2541688949569973010L, 2000}};
            Func f = inst.getFunc("params");
            for (int k = 0; k < ns.length; k++) {
                Object[] r = f.call(ns[k]);
                assertArrayEquals(new Object[] {params[k][0], (int) params[k][1]}, r, "params(" + ns[k] + ") " + config.dirName);
            }
        }
    }

    /**
     * A loop with many values under it keeps them on the stack past {@code LoopHeaders.MAX_LOOP_SLOTS}
     * (so that a method of many stacked values does not outgrow the JVM's 64 KiB), moves them up to
     * it, and computes the same either way.
     */
    @Test
    void manyValuesUnderALoop() throws AnalyzerException {
        for (int k : new int[] {32, 33}) { // 64 and 66 slots of i64
            byte[] wasm = manyUnderLoop(k);
            for (GoldenConfig config : GoldenConfig.values()) {
                List<String> failures = new ArrayList<>();
                for (byte[] c : ByteliftCompiler.emitClasses(new Engine(config.engineConfig()), wasm, GoldenBytecodeTest.CLASS_NAME).values()) {
                    check(c, k + " values", failures);
                }
                assertEquals(k <= 32 ? 0 : 1, failures.size(), k + " values, " + config.dirName + ": " + failures);
                Engine engine = new Engine(config.engineConfig());
                Store store = new Store(engine);
                if (engine.config().consumeFuel()) store.setFuel(Long.MAX_VALUE / 2);
                if (engine.config().epochInterruption()) store.setEpochDeadline(1_000_000);
                Func run = new Linker().instantiate(store, engine.compile(wasm)).getFunc("run");
                assertArrayEquals(new Object[] {(long) k * (k + 1) / 2 + 50}, run.call(50), k + " values, " + config.dirName);
            }
        }
    }

    /** {@code run(n) -> i64}: i64 values 1..k, a loop counting to n, then their sum plus the count. */
    private static byte[] manyUnderLoop(int k) {
        ModuleBytes code = new ModuleBytes().raw(0x01, 0x01, 0x7F); // one i32 local
        for (int i = 1; i <= k; i++) code.raw(0x42, i);             // i64.const i (i < 64)
        code.raw(0x03, 0x40, 0x20, 1, 0x41, 1, 0x6A, 0x22, 1, 0x20, 0, 0x48, 0x0D, 0, 0x0B);
        for (int i = 1; i < k; i++) code.raw(0x7C);                 // i64.add
        code.raw(0x20, 1, 0xAD, 0x7C, 0x0B);
        ModuleBytes body = new ModuleBytes().u32(code.size()).raw(code.toArray());
        return ModuleBytes.header()
                .section(1, new ModuleBytes().raw(1, 0x60, 1, 0x7F, 1, 0x7E))
                .section(3, new ModuleBytes().raw(1, 0))
                .section(7, new ModuleBytes().raw(1).name("run").raw(0, 0))
                .section(10, new ModuleBytes().raw(1).raw(body.toArray()))
                .toArray();
    }

    private static void expect(Instance inst, String name, GoldenConfig config, int[] ns, Object... expected) {
        Func f = inst.getFunc(name);
        for (int k = 0; k < ns.length; k++) {
            assertArrayEquals(new Object[] {expected[k]}, f.call(ns[k]), name + "(" + ns[k] + ") " + config.dirName);
        }
    }
}
