package dev.bytelift.testmodules.reliability;

import dev.bytelift.testmodules.wasm.Bytes;
import java.util.Random;

/**
 * Instruction sequences that leave the operand stack as they found it, for the start of a function
 * body (the one instruction boundary known without decoding): valid in any function, as long as
 * the module has what they use (a memory for memory instructions). They aim at execution limits
 * (loops that only fuel or the epoch stop, traps) and at the compiler's limits (deep nesting,
 * huge br_tables, deep operand stacks).
 */
final class Snippets {
    private Snippets() {}

    private static final int BLOCK = 0x02, LOOP = 0x03, END = 0x0B, BR = 0x0C, BR_TABLE = 0x0E, DROP = 0x1A, VOID = 0x40;

    static byte[] random(Random r) {
        return switch (r.nextInt(11)) {
            case 0 -> new Bytes().op(LOOP, VOID, BR, 0, END).toArray();                    // loop forever
            case 1 -> new Bytes().op(0x00).toArray();                                        // unreachable
            case 2 -> new Bytes().i32Const(r.nextInt(70_000)).op(0x40, 0, DROP).toArray();   // memory.grow
            case 3 -> new Bytes().i32Const(-r.nextInt(1 << 20)).op(0x28, 2, 0, DROP).toArray(); // i32.load out of bounds
            case 4 -> new Bytes().i32Const(1).i32Const(0).op(0x6D, DROP).toArray();          // i32.div_s by zero
            case 5 -> new Bytes().i32Const(0).i32Const(0).i32Const(-1).op(0xFC, 0x0B, 0).toArray(); // memory.fill 4 GiB
            case 6 -> new Bytes().op(LOOP, VOID).i32Const(1).op(0x40, 0, DROP, BR, 0, END).toArray(); // grow until it fails, forever
            case 7 -> nest(1 + r.nextInt(3000));
            case 8 -> brTable(1 + r.nextInt(20), 1 + r.nextInt(3000));
            case 9 -> deepStack(1_001 + r.nextInt(4000));
            default -> new Bytes().i32Const(0).op(0x25, 0, DROP).toArray();                  // table.get 0
        };
    }

    /**
     * {@code n} constants, then as many drops: the function is then translated in deep-stack mode
     * (compiler translate/DeepStack), the rest of its body whatever it is.
     */
    static byte[] deepStack(int n) {
        Bytes b = new Bytes();
        for (int i = 0; i < n; i++) b.i32Const(i);
        for (int i = 0; i < n; i++) b.op(DROP);
        return b.toArray();
    }

    /** {@code depth} nested blocks. */
    static byte[] nest(int depth) {
        byte[] b = new byte[depth * 3];
        for (int i = 0; i < depth; i++) {
            b[2 * i] = BLOCK;
            b[2 * i + 1] = VOID;
            b[2 * depth + i] = END;
        }
        return b;
    }

    /** {@code blocks} nested blocks around a br_table of {@code targets} targets spread over them. */
    static byte[] brTable(int blocks, int targets) {
        Bytes b = new Bytes();
        for (int i = 0; i < blocks; i++) b.op(BLOCK, VOID);
        b.i32Const(0).op(BR_TABLE).u32(targets);
        for (int i = 0; i < targets; i++) b.u32(i % blocks);
        b.u32(0);
        for (int i = 0; i < blocks; i++) b.op(END);
        return b.toArray();
    }
}
