package dev.bytelift.testmodules.huge;

import static dev.bytelift.testmodules.huge.HugeModules.I32;
import static dev.bytelift.testmodules.huge.HugeModules.I64;
import static dev.bytelift.testmodules.huge.HugeModules.locals;

import java.nio.file.Files;
import java.nio.file.Path;
import dev.bytelift.testmodules.wasm.Bytes;

/**
 * The load-time module of issue 16: many functions of ordinary code (i32/i64 arithmetic, memory
 * loads and stores, blocks and branches, a call), about 830 bytes of code each, so that 30,000 of
 * them are 25 MB. Function k ({@code (i32) -> i32}) calls function k/2, so calls nest at most 15
 * deep; {@code run(n) -> i32} calls functions {@code (i * 7919) % count} for {@code i < n} through
 * a table and folds their results (every function once when {@code n} is the count). A program that
 * runs little of a large module: {@code run(1)} reaches 15 functions.
 *
 * <pre>java -cp test-modules/target/test-classes:test-modules/target/classes dev.bytelift.testmodules.huge.LoadTimeModule 30000 load-time.wasm</pre>
 *
 * {@code test-modules/src/gen/load-time-checksum.mjs} gives Node's results (LoadTimeModuleTest).
 */
public final class LoadTimeModule {
    private LoadTimeModule() {}

    /** The module with {@code count} functions. */
    public static byte[] generate(int count) {
        WasmWriter w = new WasmWriter();
        int t = w.type(new int[] {I32}, new int[] {I32});
        HugeModules.Lcg r = new HugeModules.Lcg(16);
        for (int k = 0; k < count; k++) w.func(t, locals(1, I32, 1, I64), body(k, r));
        // run(n): acc = 1; for (i = 0; i < n; i++) acc = acc * 31 + table[(i * 7919) % count](acc ^ i)
        Bytes d = new Bytes().i32Const(1).op(0x21, 2)
                .op(0x02, 0x40, 0x03, 0x40)
                .op(0x20, 1, 0x20, 0, 0x4F, 0x0D, 1)                                 // br_if 1 (i >= n)
                .op(0x20, 2).i32Const(31).op(0x6C)                                   // acc * 31
                .op(0x20, 2, 0x20, 1, 0x73)                                          // acc ^ i
                .op(0x20, 1).i32Const(7919).op(0x6C).i32Const(count).op(0x70)        // (i * 7919) % count
                .op(0x11).u32(t).op(0x00)
                .op(0x6A, 0x21, 2)
                .op(0x20, 1).i32Const(1).op(0x6A).op(0x21, 1)
                .op(0x0C, 0, 0x0B, 0x0B)
                .op(0x20, 2, 0x0B);
        w.exportFunc("run", w.func(t, locals(2, I32), d));
        int[] table = new int[count];
        for (int i = 0; i < count; i++) table[i] = i;
        w.table(table);
        w.memory(1);
        return w.toBytes();
    }

    private static Bytes body(int k, HugeModules.Lcg r) {
        Bytes c = new Bytes().op(0x20, 0, 0x21, 1);                                  // a = x
        int steps = 12 + r.nextInt(13);
        for (int s = 0; s < steps; s++) {
            c.op(0x20, 1).i32Const((int) r.next() | 1).op(0x6C).i32Const((int) r.next()).op(0x6A).op(0x21, 1);  // a = a * C + D
            c.op(0x20, 1, 0x20, 1).i32Const(1 + r.nextInt(31)).op(0x76, 0x73, 0x21, 1);                     // a ^= a >>> s
            c.op(0x20, 2, 0x20, 1, 0xAD, 0x7C, 0x21, 2);                                                     // b += (u64) a
            if (s % 3 == 2) {
                c.op(0x20, 1).i32Const(0xFFC).op(0x71).op(0x20, 1).op(0x36, 0x02, 0x00);                   // store a at a & 0xFFC
                c.i32Const(r.nextInt(1024) * 4).op(0x28, 0x02, 0x00).op(0x20, 1, 0x6A, 0x21, 1);             // a += load(C)
            }
            if (s % 5 == 4) {
                c.op(0x02, 0x40).op(0x20, 1).i32Const(1).op(0x71, 0x0D, 0)                                // block; br_if 0 (a & 1)
                        .op(0x20, 1).i32Const(r.nextInt(1 << 20)).op(0x6A, 0x21, 1).op(0x0B);            // a += C; end
            }
        }
        if (k > 0) c.op(0x20, 1, 0x10).u32(k >> 1).op(0x21, 1);                                        // a = f(k / 2)(a)
        return c.op(0x20, 1, 0x20, 2, 0xA7, 0x73, 0x0B);                                               // a ^ (i32) b
    }

    /** Writes the module with {@code args[0]} functions to {@code args[1]}. */
    public static void main(String[] args) throws Exception {
        Files.write(Path.of(args[1]), generate(Integer.parseInt(args[0])));
    }
}
