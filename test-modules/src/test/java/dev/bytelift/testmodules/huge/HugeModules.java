package dev.bytelift.testmodules.huge;

import java.nio.file.Files;
import java.nio.file.Path;
import dev.bytelift.testmodules.wasm.Bytes;

/**
 * Generates, deterministically, the modules of issue 7: single functions of about 1 MiB of code
 * (straight-line arithmetic, deep nesting of blocks, a br_table with 10,000 targets, thousands of
 * locals), a module of 50,000 small functions and a 32 MiB data segment. Each exports a function
 * computing a 64-bit checksum; {@link #main} writes them out so that Node can compute the expected
 * values ({@code node huge.mjs DIR}).
 */
final class HugeModules {
    private HugeModules() {}

    static final int I32 = 0x7F, I64 = 0x7E, F64 = 0x7C;
    static final int MIB = 1 << 20;

    /** A small deterministic generator (64-bit LCG), so the modules are the same everywhere. */
    static final class Lcg {
        private long state;

        Lcg(long seed) {
            state = seed;
        }

        long next() {
            state = state * 6364136223846793005L + 1442695040888963407L;
            return state ^ (state >>> 29);
        }

        int nextInt(int bound) {
            return (int) Long.remainderUnsigned(next(), bound);
        }
    }

    static Bytes locals(int... groups) {
        Bytes b = new Bytes().u32(groups.length / 2);
        for (int i = 0; i < groups.length; i += 2) b.u32(groups[i]).op(groups[i + 1]);
        return b;
    }

    /** {@code run() -> i64}: ~{@code size} bytes of straight-line i64 arithmetic over 4 locals. */
    static byte[] straightLine(int size) {
        WasmWriter w = new WasmWriter();
        int t = w.type(new int[0], new int[] {I64});
        Lcg r = new Lcg(1);
        Bytes c = new Bytes();
        for (int k = 0; k < 4; k++) c.i64Const(r.next()).op(0x21, k);
        while (c.size() < size) {
            int a = r.nextInt(4), b = r.nextInt(4);
            c.op(0x20, a).i64Const(r.next()).op(0x7E)           // local.get a; i64.const; i64.mul
                    .op(0x20, b).op(0x85)                        // local.get b; i64.xor
                    .i64Const(r.nextInt(1 << 20)).op(0x7C)       // i64.const; i64.add
                    .op(0x21, a);                                 // local.set a
        }
        c.op(0x20, 0, 0x20, 1, 0x85, 0x20, 2, 0x85, 0x20, 3, 0x85, 0x0B);
        w.exportFunc("run", w.func(t, locals(4, I64), c));
        return w.toBytes();
    }

    /** What {@link #straightLine}'s {@code run} returns, computed in Java alongside the same generation. */
    static long straightLineResult(int size) {
        Lcg r = new Lcg(1);
        Bytes c = new Bytes();
        long[] l = new long[4];
        for (int k = 0; k < 4; k++) {
            l[k] = r.next();
            c.i64Const(l[k]).op(0x21, k);
        }
        while (c.size() < size) {
            int a = r.nextInt(4), b = r.nextInt(4);
            long m = r.next();
            long add = r.nextInt(1 << 20);
            c.op(0x20, a).i64Const(m).op(0x7E).op(0x20, b).op(0x85).i64Const(add).op(0x7C).op(0x21, a);
            l[a] = ((l[a] * m) ^ l[b]) + add;
        }
        return l[0] ^ l[1] ^ l[2] ^ l[3];
    }

    /**
     * {@code run(i32 n) -> i64}: blocks nested {@code depth} deep, arithmetic at every level on the
     * way in and out, and a br_table at the bottom jumping out to one of the outer 1024 levels.
     */
    static byte[] deepNesting(int depth) {
        WasmWriter w = new WasmWriter();
        int t = w.type(new int[] {I32}, new int[] {I64});
        Lcg r = new Lcg(2);
        Bytes c = new Bytes();
        for (int level = 0; level < depth; level++) {
            c.op(0x02, 0x40);                                          // block
            c.op(0x20, 1).i64Const(r.nextInt(1000) + 3).op(0x7E)       // acc * k
                    .i64Const(level).op(0x7C).op(0x21, 1);             // + level -> acc
        }
        c.op(0x20, 0).i32Const(1023).op(0x71).op(0x0E).u32(1024);      // br_table over n & 1023
        for (int i = 0; i < 1024; i++) c.u32(i);
        c.u32(1023);
        for (int level = depth - 1; level >= 0; level--) {
            c.op(0x0B);                                                // end
            c.op(0x20, 1).i64Const(r.nextInt(1 << 16)).op(0x85).op(0x21, 1);  // acc ^= k
        }
        c.op(0x20, 1, 0x0B);
        w.exportFunc("run", w.func(t, locals(1, I64), c));
        return w.toBytes();
    }

    /**
     * {@code run(i32 i) -> i64}: a br_table with {@code targets} targets at the bottom of as many
     * nested blocks, each block's end followed by ~{@code perLevel} bytes of arithmetic.
     */
    static byte[] brTable(int targets, int perLevel) {
        WasmWriter w = new WasmWriter();
        int t = w.type(new int[] {I32}, new int[] {I64});
        Lcg r = new Lcg(3);
        Bytes c = new Bytes();
        for (int i = 0; i < targets; i++) c.op(0x02, 0x40);
        c.op(0x20, 0).op(0x0E).u32(targets);
        for (int i = 0; i < targets; i++) c.u32(i);
        c.u32(targets - 1);
        for (int level = 0; level < targets; level++) {
            c.op(0x0B);
            int start = c.size();
            while (c.size() - start < perLevel) {
                c.op(0x20, 1).i64Const(r.nextInt(1 << 20) | 1).op(0x7E).i64Const(level).op(0x7C).op(0x21, 1);
            }
        }
        c.op(0x20, 1, 0x0B);
        w.exportFunc("run", w.func(t, locals(1, I64), c));
        return w.toBytes();
    }

    /** {@code run() -> i64}: {@code n} i64 locals (plus i32 and f64 ones) mixed in {@code rounds} passes. */
    static byte[] manyLocals(int n, int rounds) {
        WasmWriter w = new WasmWriter();
        int t = w.type(new int[0], new int[] {I64});
        Lcg r = new Lcg(4);
        Bytes c = new Bytes();
        int i32s = n, f64s = n + 100;   // 100 i32 locals after the i64s, then 100 f64 locals
        for (int i = 0; i < n; i++) c.i64Const(r.next()).op(0x21).u32(i);
        for (int k = 0; k < 100; k++) c.i32Const((int) r.next()).op(0x21).u32(i32s + k);
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < n; i++) {
                int j = (int) ((i * 7L + round * 13L + 1) % n);
                c.op(0x20).u32(i).op(0x20).u32(j).op(0x85)                   // l[i] ^ l[j]
                        .i64Const(r.nextInt(1 << 30)).op(0x7C)               // + k
                        .op(0x20).u32(i32s + (i % 100)).op(0xAD).op(0x7C)   // + (u64) i32 local
                        .op(0x21).u32(i);
                if (i % 50 == 0) {
                    c.op(0x20).u32(f64s + (i / 50) % 100).op(0x20).u32(i).op(0xB9).op(0xA0)  // f64 += (f64) l[i]
                            .op(0x21).u32(f64s + (i / 50) % 100);
                }
            }
        }
        c.i64Const(0);
        for (int i = 0; i < n; i++) c.op(0x20).u32(i).op(0x85);
        for (int k = 0; k < 100; k++) c.op(0x20).u32(f64s + k).op(0xBD).op(0x7C);  // + reinterpret(f64)
        c.op(0x0B);
        w.exportFunc("run", w.func(t, locals(n, I64, 100, I32, 100, F64), c));
        return w.toBytes();
    }

    /**
     * {@code run() -> i64} calling {@code n} small functions in a chain, and
     * {@code runIndirect(i32 calls) -> i64} calling them through a table.
     */
    static byte[] manyFunctions(int n) {
        WasmWriter w = new WasmWriter();
        int t = w.type(new int[] {I64}, new int[] {I64});
        int runT = w.type(new int[0], new int[] {I64});
        int indT = w.type(new int[] {I32}, new int[] {I64});
        Lcg r = new Lcg(5);
        for (int i = 0; i < n; i++) {
            Bytes c = new Bytes().op(0x20, 0).i64Const(r.nextInt(1 << 16) | 1).op(0x7E).i64Const(i).op(0x7C).op(0x0B);
            w.func(t, locals(), c);
        }
        Bytes c = new Bytes().i64Const(1);
        for (int i = 0; i < n; i++) c.op(0x10).u32(i);
        c.op(0x0B);
        w.exportFunc("run", w.func(runT, locals(), c));
        // runIndirect(calls): acc = table[(i * 7919) % n](acc) for i < calls
        Bytes d = new Bytes().i64Const(1).op(0x21, 2)            // acc (local 2) = 1
                .op(0x02, 0x40, 0x03, 0x40)                     // block loop
                .op(0x20, 1, 0x20, 0, 0x4F, 0x0D, 1)            // br_if 1 (i >= calls)
                .op(0x20, 2)                                      // acc
                .op(0x20, 1).i32Const(7919).op(0x6C).i32Const(n).op(0x70)  // (i * 7919) % n
                .op(0x11).u32(t).op(0x00)                         // call_indirect
                .op(0x21, 2)
                .op(0x20, 1).i32Const(1).op(0x6A).op(0x21, 1)   // i++
                .op(0x0C, 0, 0x0B, 0x0B)                          // br 0; end; end
                .op(0x20, 2, 0x0B);
        w.exportFunc("runIndirect", w.func(indT, locals(1, I32, 1, I64), d));
        int[] table = new int[n];
        for (int i = 0; i < n; i++) table[i] = i;
        w.table(table);
        return w.toBytes();
    }

    /** {@code run() -> i64}: a checksum over a memory initialised by one data segment of {@code bytes}. */
    static byte[] bigData(int bytes) {
        WasmWriter w = new WasmWriter();
        int t = w.type(new int[0], new int[] {I64});
        byte[] data = new byte[bytes];
        Lcg r = new Lcg(6);
        for (int i = 0; i < bytes; i += 8) {
            long v = r.next();
            for (int k = 0; k < 8 && i + k < bytes; k++) data[i + k] = (byte) (v >>> (8 * k));
        }
        w.memory((bytes + 65535) / 65536);
        w.data(data);
        // for (p = 0; p < bytes; p += 8) acc = (acc ^ load(p)) * 0x100000001b3
        Bytes c = new Bytes()
                .op(0x02, 0x40, 0x03, 0x40)
                .op(0x20, 0).i32Const(bytes).op(0x4F, 0x0D, 1)                  // br_if 1 (p >= bytes)
                .op(0x20, 1, 0x20, 0, 0x29, 0x03, 0x00, 0x85)                    // acc ^ i64.load p
                .i64Const(0x100000001b3L).op(0x7E).op(0x21, 1)
                .op(0x20, 0).i32Const(8).op(0x6A).op(0x21, 0)
                .op(0x0C, 0, 0x0B, 0x0B)
                .op(0x20, 1, 0x0B);
        w.exportFunc("run", w.func(t, locals(1, I32, 1, I64), c));
        return w.toBytes();
    }

    /** Writes every module to {@code args[0]} for computing the expected checksums with Node. */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        Files.write(dir.resolve("straight.wasm"), straightLine(MIB));
        Files.write(dir.resolve("nesting.wasm"), deepNesting(70_000));
        Files.write(dir.resolve("brtable.wasm"), brTable(10_000, 100));
        Files.write(dir.resolve("locals.wasm"), manyLocals(5000, 8));
        Files.write(dir.resolve("functions.wasm"), manyFunctions(50_000));
        Files.write(dir.resolve("data.wasm"), bigData(32 * MIB));
    }
}
