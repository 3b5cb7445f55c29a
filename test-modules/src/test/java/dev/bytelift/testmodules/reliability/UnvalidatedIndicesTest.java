package dev.bytelift.testmodules.reliability;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.runtime.InvalidModuleException;
import dev.bytelift.testmodules.wasm.Bytes;

/**
 * With fuel, the translator reads each operator's indices for Wasmtime's constants before the
 * operator is validated (translate/WasmtimeConstants): labels and locals of 2^31 or more (negative
 * as a Java int) must give the spec's error, not an IndexOutOfBoundsException (fuzz campaign 108,
 * {@code s108-i748056}: a br_table label of 3,435,020,166).
 */
class UnvalidatedIndicesTest {
    private static final Engine FUEL = new Engine(EngineConfig.builder().consumeFuel(true).build());
    private static final Engine PLAIN = new Engine(EngineConfig.defaults());

    /** A module of one function {@code () -> ()} with one i32 local and {@code code} as its body. */
    private static byte[] module(Bytes code) {
        Bytes body = new Bytes().u32(1).u32(1).op(0x7F).bytes(code.toArray()).op(0x0B);
        Bytes b = new Bytes().op(0, 'a', 's', 'm', 1, 0, 0, 0);
        b.op(1).u32(4).op(1, 0x60, 0, 0);
        b.op(3).u32(2).op(1, 0);
        b.op(10).u32(body.size() + 2).op(1).u32(body.size()).bytes(body.toArray());
        return b.toArray();
    }

    private static void rejected(String what, Bytes code, String message) {
        for (Engine engine : new Engine[] {FUEL, PLAIN}) {
            InvalidModuleException e = assertThrows(InvalidModuleException.class, () -> engine.compile(module(code)), what);
            assertTrue(e.getMessage().contains(message), what + ": " + e.getMessage());
        }
    }

    @Test
    void labelsOfTwoToTheThirtyOneOrMore() {
        for (long label : new long[] {0x8000_0000L, 3_435_020_166L, 0xFFFF_FFFFL}) {
            rejected("br " + label, new Bytes().op(0x0C).u32(label), "unknown label");
            rejected("br_if " + label, new Bytes().op(0x41, 0).op(0x0D).u32(label), "unknown label");
            rejected("br_table target " + label, new Bytes().op(0x41, 0).op(0x0E).u32(2).u32(0).u32(label).u32(0), "unknown label");
            rejected("br_table default " + label, new Bytes().op(0x41, 0).op(0x0E).u32(1).u32(0).u32(label), "unknown label");
        }
    }

    @Test
    void localsOfTwoToTheThirtyOneOrMore() {
        for (long local : new long[] {0x8000_0000L, 0xFFFF_FFFFL}) {
            rejected("local.get " + local, new Bytes().op(0x20).u32(local).op(0x1A), "unknown local");
            rejected("local.set " + local, new Bytes().op(0x41, 0).op(0x21).u32(local), "unknown local");
            rejected("local.tee " + local, new Bytes().op(0x41, 0).op(0x22).u32(local).op(0x1A), "unknown local");
        }
    }
}
