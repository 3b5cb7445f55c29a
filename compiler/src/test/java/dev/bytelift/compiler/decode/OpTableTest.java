package dev.bytelift.compiler.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import dev.bytelift.runtime.CompileException;
import dev.bytelift.runtime.Engine;
import dev.bytelift.runtime.EngineConfig;
import dev.bytelift.compiler.ModuleBytes;
import dev.bytelift.runtime.ValType;

/**
 * The operator table is complete and every consumer handles every operator: each {@link Op} is
 * compiled in a small valid function (the skimmer and the operator reader decode it, the
 * translator validates and lowers it, the standalone validator of lazy compilation validates it,
 * the fuel meter meters it, split functions carry it), and
 * each operator allowed in constant expressions initialises a global. An operator added to the
 * table without a lowering fails here.
 */
class OpTableTest {
    private static final List<EngineConfig> CONFIGS = List.of(EngineConfig.builder().build(),
            EngineConfig.builder().consumeFuel(true).epochInterruption(true).build(),
            EngineConfig.builder().splitFunctionsOver(0).regionInstructions(8).consumeFuel(true).epochInterruption(true).build(),
            // validated by validate.BodyValidator alone, not the translator
            EngineConfig.builder().lazyCompilation(true).build());

    @Test
    void encodingsLookUpTheirOperator() {
        Set<String> names = new HashSet<>();
        for (Op op : Op.values()) {
            Op found = op.prefix() == 0 ? Op.oneByte(op.code()) : Op.prefixed(op.prefix(), op.code());
            assertEquals(op, found);
            assertTrue(names.add(op.text()) || op == Op.SELECT_TYPED, "duplicate text name " + op.text());
            assertEquals(op.text().toUpperCase().replace('.', '_'), op == Op.SELECT_TYPED ? "SELECT" : op.name());
            Imm imm = op.immediates();
            boolean memarg = imm == Imm.MEMARG || imm == Imm.MEMARG_LANE;
            assertEquals(memarg, op.alignLog2() >= 0, op + ": a memory access has its natural alignment");
            if (memarg) assertTrue(op.has(Op.F.MEMORY) && op.has(Op.F.TRAPS), op + " accesses memory");
            boolean lanes = imm == Imm.LANE || imm == Imm.MEMARG_LANE || imm == Imm.SHUFFLE;
            assertEquals(lanes, op.lanes() > 0, op + ": a lane immediate has its lane count");
            if (op.family() == Op.Family.SIMD) assertTrue(op.hasSignature(), op + " is typed by the table");
        }
        // counted by proposal, so that each 3.0 proposal checks its own number
        assertEquals(437, Arrays.stream(Op.values()).filter(op -> op.proposal().ordinal() <= Proposal.SIMD.ordinal()).count());
        assertEquals(20, Arrays.stream(Op.values()).filter(op -> op.proposal() == Proposal.RELAXED_SIMD).count());
        assertEquals(4, Arrays.stream(Op.values()).filter(op -> op.proposal() == Proposal.FUNCTION_REFERENCES).count());
        assertEquals(8, Arrays.stream(Op.values()).filter(op -> op.proposal() == Proposal.EXCEPTIONS).count());
        assertEquals(3, Arrays.stream(Op.values()).filter(op -> op.proposal() == Proposal.TAIL_CALL).count());
        assertTrue(Op.beginsOperator(Op.SIMD_PREFIX) && !Op.beginsOperator(0x27) && Op.oneByte(Op.MISC_PREFIX) == null);
    }

    /** Instructions (without the operator's own encoding) that make the operator's operands, for operators the table does not type. */
    private static final Map<Op, String> SNIPPETS = new EnumMap<>(Op.class);

    static {
        // each: hex bytes; "@" stands for the operator's encoding
        s(Op.UNREACHABLE, "@");
        s(Op.NOP, "@");
        s(Op.BLOCK, "@ 40 0b");
        s(Op.LOOP, "@ 40 0b");
        s(Op.IF, "41 00 @ 40 0b");
        s(Op.ELSE, "41 00 04 40 @ 0b");
        s(Op.END, "02 40 @");
        s(Op.BR, "02 40 @ 00 0b");
        s(Op.BR_IF, "02 40 41 00 @ 00 0b");
        s(Op.BR_TABLE, "02 40 41 00 @ 02 00 01 00 0b");
        s(Op.RETURN, "@");
        s(Op.CALL, "@ 00");
        s(Op.CALL_INDIRECT, "41 00 @ 00 00");
        s(Op.RETURN_CALL, "@ 00");
        s(Op.RETURN_CALL_INDIRECT, "41 00 @ 00 00");
        s(Op.DROP, "41 00 @");
        s(Op.SELECT, "41 00 41 00 41 00 @ 1a");
        s(Op.SELECT_TYPED, "d0 70 d0 70 41 00 @ 01 70 1a");
        s(Op.LOCAL_GET, "@ 00 1a");
        s(Op.LOCAL_SET, "41 00 @ 00");
        s(Op.LOCAL_TEE, "41 00 @ 00 1a");
        s(Op.GLOBAL_GET, "@ 00 1a");
        s(Op.GLOBAL_SET, "41 00 @ 00");
        s(Op.TABLE_GET, "41 00 @ 00 1a");
        s(Op.TABLE_SET, "41 00 d0 70 @ 00");
        s(Op.REF_NULL, "@ 70 1a");
        s(Op.REF_IS_NULL, "d0 6f @ 1a");
        s(Op.REF_FUNC, "@ 00 1a");
        s(Op.TABLE_INIT, "41 00 41 00 41 00 @ 00 00");
        s(Op.TABLE_COPY, "41 00 41 00 41 00 @ 00 00");
        s(Op.TABLE_GROW, "d0 70 41 00 @ 00 1a");
        s(Op.TABLE_SIZE, "@ 00 1a");
        s(Op.TABLE_FILL, "41 00 d0 70 41 00 @ 00");
        s(Op.CALL_REF, "d2 00 @ 00");
        s(Op.RETURN_CALL_REF, "d2 00 @ 00");
        s(Op.REF_AS_NON_NULL, "d0 70 @ 1a");
        s(Op.BR_ON_NULL, "02 40 d2 00 @ 00 1a 0b");
        s(Op.BR_ON_NON_NULL, "02 64 70 d0 70 @ 00 d2 00 0b 1a");
        // exception handling (tag 0 carries nothing)
        s(Op.TRY, "@ 40 0b");
        s(Op.CATCH, "06 40 @ 00 0b");
        s(Op.THROW, "@ 00");
        s(Op.RETHROW, "06 40 07 00 @ 00 0b");
        s(Op.THROW_REF, "d0 69 @");
        s(Op.DELEGATE, "06 40 10 00 @ 00");
        s(Op.CATCH_ALL, "06 40 10 00 @ 0b");
        s(Op.TRY_TABLE, "02 40 @ 40 02 00 00 00 02 00 10 00 0b 0b");
    }

    private static void s(Op op, String hex) {
        SNIPPETS.put(op, hex);
    }

    @Test
    void everyOperatorCompilesInEveryConfiguration() {
        List<String> failures = new ArrayList<>();
        for (Op op : Op.values()) {
            byte[] body = op.hasSignature() ? typedUse(op) : snippet(op);
            if (body == null) {
                failures.add(op + ": neither typed by the table nor given a snippet in this test");
                continue;
            }
            byte[] module = module(body);
            // an operator of a proposal Bytelift does not have yet (return_call_ref, of tail calls)
            // cannot be enabled: it has its snippet and lowering ready for when it lands
            if (op.proposal().feature() != null && !op.proposal().feature().supported()) continue;
            for (EngineConfig config : CONFIGS) {
                try {
                    new Engine(config).compile(module);
                } catch (RuntimeException e) { // a CompileException, or anything a lowering gap throws
                    failures.add(op + ": " + e);
                }
            }
        }
        if (!failures.isEmpty()) fail(String.join("\n", failures));
    }

    @Test
    void everyConstantOperatorInitialisesAGlobal() {
        int constants = 0;
        for (Op op : Op.values()) {
            if (!op.has(Op.F.CONSTANT)) continue;
            constants++;
            ValType type;
            ModuleBytes init = new ModuleBytes();
            switch (op) {
                case GLOBAL_GET -> { type = ValType.I32; init.op(op).u32(0); }
                case REF_NULL -> { type = ValType.EXTERNREF; init.op(op).raw(0x6f); }
                case REF_FUNC -> { type = ValType.FUNCREF; init.op(op).u32(0); }
                // extended constant expressions: i32/i64 add, sub, mul on two constants
                case I32_ADD, I32_SUB, I32_MUL, I64_ADD, I64_SUB, I64_MUL -> {
                    type = op.results()[0];
                    init.zeroOf(type).zeroOf(type).op(op);
                }
                default -> { type = op.results()[0]; init.op(op).zeros(immediateBytes(op.immediates())); }
            }
            // an imported immutable i32 global (for global.get), one function, then the global under test
            ModuleBytes m = ModuleBytes.header();
            m.section(1, new ModuleBytes().u32(1).raw(0x60, 0, 0));
            m.section(2, new ModuleBytes().u32(1).name("m").name("g").raw(0x03, 0x7f, 0x00));
            m.section(3, new ModuleBytes().u32(1).u32(0));
            m.section(6, new ModuleBytes().u32(1).raw(type.code(), 0x00).raw(init.toArray()).raw(0x0b));
            m.section(7, new ModuleBytes().u32(1).name("f").raw(0x00).u32(0));
            m.section(10, new ModuleBytes().u32(1).u32(2).raw(0x00, 0x0b));
            try {
                new Engine().compile(m.toArray());
            } catch (CompileException e) {
                fail(op + " in a constant expression: " + e);
            }
        }
        assertEquals(14, constants);
    }

    /** Zero operands of the operator's types, the operator with zero immediates, its results dropped. */
    private static byte[] typedUse(Op op) {
        ModuleBytes b = new ModuleBytes();
        for (ValType t : op.params()) b.zeroOf(t);
        b.op(op);
        switch (op.immediates()) {
            case MEMARG -> b.u32(op.alignLog2()).u32(0);
            case MEMARG_LANE -> b.u32(op.alignLog2()).u32(0).raw(0);
            case DATA_MEMORY, ELEM_TABLE, MEMORY_MEMORY, TABLE_TABLE -> b.raw(0, 0);
            default -> b.zeros(immediateBytes(op.immediates()));
        }
        for (int i = 0; i < op.results().length; i++) b.raw(0x1a);
        return b.toArray();
    }

    /** How many zero bytes encode the immediates of a kind made of single indices and constants. */
    private static int immediateBytes(Imm imm) {
        return switch (imm) {
            case NONE -> 0;
            case LANE, MEMORY, DATA, ELEM, TABLE, I32, I64 -> 1;
            case F32 -> 4;
            case F64 -> 8;
            case V128, SHUFFLE -> 16;
            default -> throw new IllegalArgumentException("not a fixed immediate: " + imm);
        };
    }

    private static byte[] snippet(Op op) {
        String hex = SNIPPETS.get(op);
        if (hex == null) return null;
        ModuleBytes b = new ModuleBytes();
        for (String t : hex.split(" ")) {
            if (t.equals("@")) b.op(op);
            else b.raw(Integer.parseInt(t, 16));
        }
        return b.toArray();
    }

    /**
     * A module whose function 0 ({@code () -> ()}, one i32 local) has {@code body}, with everything
     * an operator may need: a funcref table, a memory, a tag, a mutable i32 global, function 0 declared
     * for {@code ref.func}, a passive element segment and a passive data segment.
     */
    private static byte[] module(byte[] body) {
        ModuleBytes m = ModuleBytes.header();
        m.section(1, new ModuleBytes().u32(1).raw(0x60, 0, 0));
        m.section(3, new ModuleBytes().u32(1).u32(0));
        m.section(4, new ModuleBytes().u32(1).raw(0x70, 0x00, 0x01));
        m.section(5, new ModuleBytes().u32(1).raw(0x00, 0x01));
        m.section(13, new ModuleBytes().u32(1).raw(0x00).u32(0)); // a tag (exception handling)
        m.section(6, new ModuleBytes().u32(1).raw(0x7f, 0x01, 0x41, 0x00, 0x0b));
        m.section(7, new ModuleBytes().u32(1).name("f").raw(0x00).u32(0));
        m.section(9, new ModuleBytes().u32(1).raw(0x01, 0x00).u32(1).u32(0));
        m.section(12, new ModuleBytes().u32(1));
        ModuleBytes code = new ModuleBytes().raw(0x01, 0x01, 0x7f).raw(body).raw(0x0b);
        m.section(10, new ModuleBytes().u32(1).u32(code.size()).raw(code.toArray()));
        m.section(11, new ModuleBytes().u32(1).raw(0x01).u32(1).raw('x'));
        return m.toArray();
    }
}
