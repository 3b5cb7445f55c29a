package dev.bytelift.compiler.translate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Label;
import dev.bytelift.compiler.decode.ByteReader;
import dev.bytelift.compiler.decode.Op;
import dev.bytelift.compiler.decode.OperatorReader;
import dev.bytelift.runtime.ValType;

/**
 * Loops that copy or fill memory a byte per iteration, as C's naive {@code memcpy}, {@code memmove}
 * and {@code memset} compile (SQLite's own spend a fifth of its Sightglass run in them,
 * docs/performance.md §28): before such a loop, a call to the runtime's {@code ByteLoops} does the
 * loop's whole work at once when every byte it touches is in bounds, sets the loop's locals to what
 * its last iteration leaves, and jumps past the loop; otherwise the loop runs as compiled, and traps
 * where it would. The loop itself is translated (and validated) as any other.
 *
 * <p>Recognised by evaluating the body symbolically, so that the order and form of its operators do
 * not matter: a body of {@code local.get/set/tee}, {@code i32.const}, {@code i32.add/sub},
 * {@code i32.load8_u} and {@code i32.store8} (memory 0, 32-bit), ending {@code br_if 0} right
 * before the loop's {@code end}, in which every local it sets steps by a constant: one store at a
 * pointer local stepping by 1 or -1, of a byte loaded at another pointer stepping the same way (a
 * copy) or of a value the loop does not change (a fill), and the branch taken while a counter,
 * decremented by 1, is not zero. Not with epoch checks (the loop would skip them), in a function
 * that is one method, with nothing on the operand stack.
 *
 * <p>With fuel, exactly as the iterations would charge it: each iteration adds its operators' cost
 * at its {@code br_if}, and the check at the loop's header sees the counter before that, so the loop
 * runs out in none of its iterations if {@code counter + (count - 1) * cost < 0}; then the loop is
 * done at once and charged {@code count * cost}, and otherwise it runs as compiled (and runs out,
 * or calls the refill callback, where it would).
 */
final class ByteLoops extends TranslatorPart {
    private static final String RUNTIME = RuntimeNames.name(dev.bytelift.runtime.internal.ByteLoops.class);
    private final boolean enabled;
    /** The fuel cost of each operator, or null without fuel. */
    private final dev.bytelift.runtime.OperatorCost costs;

    ByteLoops(FunctionTranslator t) {
        super(t);
        var config = t.mc.engine.config();
        enabled = !config.epochInterruption() && !config.interruptible();
        costs = config.consumeFuel() ? config.operatorCost() : null;
    }

    /** A value on the symbolic stack or in a local: local {@code local}'s value at the iteration's start plus {@code delta}, a constant (local -1), or a loaded byte. */
    private record Value(int local, int delta, boolean loaded, int address, int addressDelta, long offset) {
        static Value of(int local, int delta) {
            return new Value(local, delta, false, 0, 0, 0);
        }

        static Value constant(int c) {
            return new Value(-1, c, false, 0, 0, 0);
        }

        boolean isLocal() {
            return !loaded && local >= 0;
        }

        boolean isConstant() {
            return !loaded && local < 0;
        }
    }

    /** A recognised loop. {@code value}: the filled value's local, or -1 for {@code fillConstant}; {@code src} -1 for a fill. */
    private record Idiom(int dst, int dstDelta, long dstOffset, int src, int srcDelta, long srcOffset,
            int value, int fillConstant, int counter, int step, long cost, long endCost) {}

    /**
     * At a {@code loop} just opened (its block type read, the reader at its body): if the loop is
     * one of these, emits the call and the jump past it ({@code b}'s end, which the loop's
     * {@code end} places).
     */
    void beforeLoop(Block b) {
        if (!enabled || !e().live || fn.isSplit() || fn.deep != null || v.height() != 0 || r.blockType() != -64) return;
        if (!fn.cachesMemory() || ms().memSlots != null || ops.is64(0)) return;
        Idiom idiom;
        try {
            idiom = match();
        } catch (RuntimeException malformedOrInvalid) {
            return; // the loop's own translation reports it
        }
        if (idiom == null) return;
        emit(idiom, b);
    }

    private Idiom match() {
        ByteReader in = fn.in;
        OperatorReader ahead = new OperatorReader(new ByteReader(in.bytes(), in.pos(), in.limit()));
        List<Value> stack = new ArrayList<>();
        Map<Integer, Value> set = new HashMap<>();
        Value store = null, storeAddress = null;
        long storeOffset = 0;
        boolean loadedOnce = false;
        Value condition = null;
        long cost = 0, endCost = 0;
        while (true) {
            Op op = ahead.next();
            if (condition != null) {
                if (op != Op.END) return null;
                if (costs != null) endCost = costs.cost(op.firstByte(), op.subOpcode());
                break;
            }
            if (costs != null) cost += costs.cost(op.firstByte(), op.subOpcode());
            switch (op) {
                case LOCAL_GET -> {
                    int i = local(ahead.index());
                    if (i < 0) return null;
                    stack.add(set.getOrDefault(i, Value.of(i, 0)));
                }
                case LOCAL_SET, LOCAL_TEE -> {
                    int i = local(ahead.index());
                    if (i < 0 || stack.isEmpty()) return null;
                    Value x = op == Op.LOCAL_SET ? stack.remove(stack.size() - 1) : stack.get(stack.size() - 1);
                    if (x.loaded) return null;
                    set.put(i, x);
                }
                case I32_CONST -> stack.add(Value.constant((int) ahead.bits()));
                case I32_ADD, I32_SUB -> {
                    if (stack.size() < 2) return null;
                    Value y = stack.remove(stack.size() - 1), x = stack.remove(stack.size() - 1);
                    int sign = op == Op.I32_ADD ? 1 : -1;
                    if (x.isLocal() && y.isConstant()) {
                        stack.add(Value.of(x.local, x.delta + sign * y.delta));
                    } else if (op == Op.I32_ADD && x.isConstant() && y.isLocal()) {
                        stack.add(Value.of(y.local, y.delta + x.delta));
                    } else if (x.isConstant() && y.isConstant()) {
                        stack.add(Value.constant(x.delta + sign * y.delta));
                    } else {
                        return null;
                    }
                }
                case I32_LOAD8_U -> {
                    if (ahead.memory() != 0 || loadedOnce || stack.isEmpty()) return null;
                    Value a = stack.remove(stack.size() - 1);
                    if (!a.isLocal()) return null;
                    loadedOnce = true;
                    stack.add(new Value(-1, 0, true, a.local, a.delta, Integer.toUnsignedLong(ahead.memoryOffset())));
                }
                case I32_STORE8 -> {
                    if (ahead.memory() != 0 || store != null || stack.size() < 2) return null;
                    store = stack.remove(stack.size() - 1);
                    storeAddress = stack.remove(stack.size() - 1);
                    if (!storeAddress.isLocal()) return null;
                    storeOffset = Integer.toUnsignedLong(ahead.memoryOffset());
                }
                case BR_IF -> {
                    if (ahead.index() != 0 || stack.size() != 1) return null;
                    condition = stack.remove(0);
                }
                default -> {
                    return null;
                }
            }
        }
        if (store == null || !condition.isLocal() || condition.delta != -1) return null;
        int counter = condition.local;
        int dst = storeAddress.local;
        Value dstEnd = set.get(dst), counterEnd = set.get(counter);
        if (dstEnd == null || !dstEnd.isLocal() || dstEnd.local != dst || (dstEnd.delta != 1 && dstEnd.delta != -1)) return null;
        if (counterEnd == null || !counterEnd.isLocal() || counterEnd.local != counter || counterEnd.delta != -1 || counter == dst) return null;
        int step = dstEnd.delta;
        int src = -1, value = -1, fillConstant = 0;
        if (store.loaded) {
            src = store.address;
            Value srcEnd = set.get(src);
            if (src == dst || src == counter || srcEnd == null || !srcEnd.isLocal() || srcEnd.local != src || srcEnd.delta != step) return null;
        } else if (store.isLocal()) {
            value = store.local;
            if (store.delta != 0 || set.containsKey(value) || value == dst || value == counter) return null;
        } else if (store.isConstant()) {
            fillConstant = store.delta;
        } else {
            return null;
        }
        if (set.size() != (src >= 0 ? 3 : 2)) return null; // no other local changes
        if (cost < 0 || cost > 1 << 20 || endCost < 0 || endCost > 1 << 20) return null;
        return new Idiom(dst, storeAddress.delta, storeOffset, src, store.loaded ? store.addressDelta : 0,
                store.loaded ? store.offset : 0, value, fillConstant, counter, step, cost, endCost);
    }

    /** The local's index in the function's storage, or -1 unless it is an {@code i32} local. */
    private int local(int i) {
        return ops.localType(i) == ValType.I32 ? i : -1;
    }

    private void emit(Idiom x, Block b) {
        Label loop = new Label();
        PersistentLong fuel = costs == null ? null : fuelCounter();
        if (costs != null && fuel == null) return;
        if (fuel != null) {
            // fuel + (count - 1) * cost < 0: no iteration's header check runs out (count - 1 is
            // u32(n - 1), n the loop's counter local); the meter added what came before at the loop
            fuel.flush(e());
            fuel.load(e());
            countMinusOne(x);
            e().lconst(x.cost);
            e().insn(LMUL);
            e().insn(LADD);
            e().lconst(0);
            e().insn(LCMP);
            e().jump(IFGE, loop);
        }
        fn.loadMemoryArray();
        pushLocalPlus(x.dst, x.dstDelta);
        if (x.src >= 0) {
            pushLocalPlus(x.src, x.srcDelta);
        } else if (x.value >= 0) {
            fn.locals.load(fn.local(x.value));
        } else {
            e().iconst(x.fillConstant);
        }
        fn.locals.load(fn.local(x.counter));
        e().iconst(x.step);
        e().lconst(x.dstOffset);
        if (x.src >= 0) {
            e().lconst(x.srcOffset);
            e().invokeStatic(RUNTIME, "copy", "([BIIIIIJJ)Z");
        } else {
            e().invokeStatic(RUNTIME, "fill", "([BIIIIIJ)Z");
        }
        e().jump(IFEQ, loop);
        if (fuel != null) {
            // each iteration's cost, count times (count = u32(n - 1) + 1), and the end's, which the
            // loop run as compiled charges at its end, before the label this jumps to
            fuel.beginStore(e());
            fuel.loadInStore(e());
            countMinusOne(x);
            e().lconst(1);
            e().insn(LADD);
            e().lconst(x.cost);
            e().insn(LMUL);
            e().insn(LADD);
            if (x.endCost != 0) {
                e().lconst(x.endCost);
                e().insn(LADD);
            }
            fuel.endStore(e());
        }
        // what the last iteration leaves: each pointer moved by count * step, the counter 0
        stepByCount(x.dst, x);
        if (x.src >= 0) stepByCount(x.src, x);
        e().iconst(0);
        fn.locals.store(fn.local(x.counter));
        if (b.end == null) b.end = new Label();
        b.endStale |= ms().memoryStale;
        b.endUsed = true;
        e().jump(GOTO, b.end);
        e().target(loop, v);
    }

    /** The fuel meter's counter in this method (its pending cost added at the loop, just flushed). */
    private PersistentLong fuelCounter() {
        for (Instrumentation ins : ms().instrumentation) {
            if (ins instanceof FuelMeter f) return f.counter();
        }
        return null;
    }

    /** Pushes the loop's iteration count less one as a long: {@code u32(counter - 1)} (2^32 - 1 for a counter of 0). */
    private void countMinusOne(Idiom x) {
        fn.locals.load(fn.local(x.counter));
        e().iconst(1);
        e().insn(ISUB);
        e().insn(I2L);
        e().lconst(0xFFFFFFFFL);
        e().insn(LAND);
    }

    private void pushLocalPlus(int local, int delta) {
        fn.locals.load(fn.local(local));
        if (delta != 0) {
            e().iconst(delta);
            e().insn(IADD);
        }
    }

    private void stepByCount(int local, Idiom x) {
        fn.locals.load(fn.local(local));
        fn.locals.load(fn.local(x.counter));
        e().insn(x.step > 0 ? IADD : ISUB);
        fn.locals.store(fn.local(local));
    }
}
