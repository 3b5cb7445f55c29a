package dev.bytelift.testmodules.huge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.Instance;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Store;
import dev.bytelift.testmodules.wasm.Bytes;

/**
 * Issue 20: 10 MiB of straight-line code over values kept on the operand stack runs on a 1 MiB
 * thread stack. The pieces of a split function are siblings (called one after another by a common
 * caller) only when the values on the stack at the split fit the store's scratch, through which a
 * piece returns them; with 20 {@code i64}s under the code (40 slots, past the scratch's old 16)
 * every piece called the next, about 3,000 frames deep, and the call trapped with "call stack
 * exhausted". The scratch now holds the 200 slots a piece may carry.
 */
class StraightLineOverValuesTest {
    private static final int VALUES = 20;

    @Test
    void tenMebibytesOverTwentyValuesOnAOneMebibyteStack() throws Exception {
        Bytes c = new Bytes();
        long model = 0;
        for (int i = 0; i < VALUES; i++) {
            c.i64Const(i * 1000L + 7);
            model += i * 1000L + 7;
        }
        while (c.size() < 10 * HugeModules.MIB) {
            c.op(0x20, 0).i64Const(123_456_789).op(0x7C).op(0x21, 0); // local.get 0; i64.const; i64.add; local.set 0
            model += 123_456_789;
        }
        for (int i = 0; i < VALUES - 1; i++) c.op(0x7C); // i64.add the values kept on the stack
        c.op(0x20, 0, 0x7C, 0x0B);
        WasmWriter w = new WasmWriter();
        int t = w.type(new int[0], new int[] {HugeModules.I64});
        w.exportFunc("run", w.func(t, HugeModules.locals(1, HugeModules.I64), c));
        Engine engine = new Engine();
        Instance instance = new Linker().instantiate(new Store(engine), engine.compile(w.toBytes()));
        Object[] result = new Object[1];
        Throwable[] thrown = new Throwable[1];
        Thread thread = new Thread(null, () -> {
            try {
                result[0] = instance.getFunc("run").call()[0];
            } catch (Throwable e) {
                thrown[0] = e;
            }
        }, "one-mebibyte-stack", 1 << 20);
        thread.start();
        thread.join();
        if (thrown[0] != null) throw new AssertionError("10 MiB of straight-line code over 20 values on a 1 MiB stack", thrown[0]);
        assertEquals(model, result[0]);
    }
}
