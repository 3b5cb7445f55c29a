package dev.bytelift.compiler.validate;

import java.util.function.IntConsumer;
import dev.bytelift.compiler.decode.ByteReader;
import dev.bytelift.compiler.decode.Features;
import dev.bytelift.compiler.decode.ModuleInfo;
import dev.bytelift.compiler.decode.Op;
import dev.bytelift.compiler.decode.OperatorReader;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.HeapType;
import dev.bytelift.runtime.InvalidModuleException;
import dev.bytelift.runtime.ValType;

/**
 * Validates one function body on its own: one pass of the {@link OperatorReader} through the
 * {@link OperatorValidator} and {@link ControlValidator} rules, with no translator, no bytecode
 * and no class writer. Lazy compilation validates every body this way when the module is
 * compiled; the translator applies the same rules as it lowers, so both report the same error
 * at the same offset for any body.
 */
public final class BodyValidator {
    /** The most locals a function may declare (Wasmtime's limit too). */
    public static final int MAX_LOCALS = 50_000;

    private final ModuleInfo m;
    private final ByteReader in;
    private final OperatorReader r;
    private final FuncValidator v = new FuncValidator();
    private final FuncType type;
    private final OperatorValidator ops;
    private final ControlValidator control;
    private final IntConsumer indirectTypes;

    /**
     * A validator of function {@code funcIndex}'s body (not imported) using {@code features};
     * {@code indirectTypes} is told the type index of every {@code call_indirect} and
     * {@code call_ref}, reachable or not (the dispatchers a compiled module needs).
     */
    public BodyValidator(ModuleInfo m, int funcIndex, Features features, IntConsumer indirectTypes) {
        this(m, funcIndex, features, null, indirectTypes);
    }

    /**
     * A validator of function {@code funcIndex}'s body whose operators {@code reader} decodes (the
     * body skimmer's, {@link SkimValidation}), or its own reader if null.
     */
    BodyValidator(ModuleInfo m, int funcIndex, Features features, OperatorReader reader, IntConsumer indirectTypes) {
        this.m = m;
        this.type = m.funcType(funcIndex);
        if (reader == null) {
            ModuleInfo.FunctionBody body = m.bodies.get(funcIndex - m.importedFuncs);
            this.in = new ByteReader(m.bytes, body.start(), body.end());
            this.r = new OperatorReader(in, null, this::heapType);
        } else {
            this.in = reader.bytes();
            this.r = reader;
        }
        this.ops = new OperatorValidator(v, m, r, features, type.results().toArray(new ValType[0]));
        this.control = new ControlValidator(ops);
        this.indirectTypes = indirectTypes;
    }

    /** Type {@code index} as a heap type (in a typed reference of the body): "unknown type" if none. */
    private HeapType heapType(int index, int at) {
        if (Integer.compareUnsigned(index, m.types.size()) >= 0) throw new InvalidModuleException("unknown type", at);
        return m.heapType(index);
    }

    /**
     * Validates the body; {@code afterLocals} runs once the locals are read (where the translator
     * checks the limits of its method's prologue).
     */
    public void validate(Runnable afterLocals) {
        open(in, afterLocals);
        while (v.depth() > 0) {
            if (in.atEnd()) throw in.malformed("END opcode expected");
            Op op = r.next(); // with its immediates
            v.offset = r.offset();
            if (op.hasSignature()) ops.typed(op);
            else operator(op);
        }
        if (!in.atEnd()) throw in.malformed("section size mismatch");
    }

    /**
     * Starts validating in the skimmer's pass (see {@link SkimValidation}): reads the locals of
     * the body at {@code start}..{@code end} as {@link #validate} does, runs {@code afterLocals},
     * and opens the function's frame; each operator then goes to {@link #step}.
     */
    void begin(int start, int end, Runnable afterLocals) {
        open(new ByteReader(m.bytes, start, end), afterLocals);
    }

    /**
     * Reads the local declarations from {@code locals} as runs ({@link LocalTypes}: nothing per
     * declared local), runs {@code afterLocals} and opens the function's frame.
     */
    private void open(ByteReader locals, Runnable afterLocals) {
        ops.setLocals(LocalTypes.read(locals, type, this::heapType));
        afterLocals.run();
        v.pushFrame(FuncValidator.FUNCTION, new ValType[0], ops.results);
    }

    /** Validates {@code op}, which the reader has just decoded with its immediates. */
    void step(Op op) {
        v.offset = r.offset();
        if (op.hasSignature()) ops.typed(op);
        else operator(op);
    }

    /**
     * How deep a body's operand stack gets: the most values on it at once, the most of them
     * above the innermost block's start, and the most values a block type or the function's
     * results take (in JVM slots). Only for valid bodies (an invalid one throws as
     * {@link #validate} does).
     */
    public record StackShape(int maxHeight, int maxBlockValues, int maxLabelSlots) {}

    /** Validates the body as {@link #validate} does, measuring its {@link StackShape}. */
    public StackShape stackShape() {
        open(in, () -> {});
        int maxHeight = 0, maxBlock = 0, maxLabel = slots(ops.results);
        while (v.depth() > 0) {
            if (in.atEnd()) throw in.malformed("END opcode expected");
            Op op = r.next();
            v.offset = r.offset();
            if (op.hasSignature()) ops.typed(op);
            else operator(op);
            if (v.depth() == 0) break;
            FuncValidator.Frame f = v.innermost();
            if (op.has(Op.F.BLOCK)) maxLabel = Math.max(maxLabel, Math.max(slots(f.params), slots(f.results)));
            maxHeight = Math.max(maxHeight, v.height());
            maxBlock = Math.max(maxBlock, v.height() - f.height);
        }
        return new StackShape(maxHeight, maxBlock, maxLabel);
    }

    private static int slots(ValType[] types) {
        int n = 0;
        for (ValType t : types) n += t.slots();
        return n;
    }

    /** Validates an operator the operator table does not type. */
    private void operator(Op op) {
        switch (op) {
            case UNREACHABLE -> v.setUnreachable();
            case NOP -> { }
            case BLOCK -> control.blockStart(FuncValidator.BLOCK);
            case LOOP -> control.blockStart(FuncValidator.LOOP);
            case IF -> control.blockStart(FuncValidator.IF);
            case ELSE -> control.elseArm(control.elseStart());
            case END -> v.push(control.end().results);
            case BR -> {
                control.br(r.index());
                v.setUnreachable();
            }
            case BR_IF -> control.brIf(r.index());
            case BR_TABLE -> {
                int n = r.count();
                int[] depths = new int[n];
                for (int i = 0; i < n; i++) depths[i] = r.label(i);
                v.pop(control.brTable(depths, r.index()).labelTypes());
                v.setUnreachable();
            }
            case RETURN -> {
                control.returnOp();
                v.setUnreachable();
            }
            case BR_ON_NULL -> v.push(control.brOnNull(r.index()).asNonNullable());
            case BR_ON_NON_NULL -> {
                control.brOnNonNull(r.index());
                v.pop();
            }
            case CALL -> ops.call(r.index());
            case CALL_INDIRECT -> {
                ops.callIndirect(r.index(), r.index2());
                indirectTypes.accept(r.index());
            }
            case CALL_REF -> {
                ops.callRef(r.index());
                indirectTypes.accept(r.index());
            }
            case RETURN_CALL -> {
                ops.returnCall(r.index());
                v.setUnreachable();
            }
            case RETURN_CALL_INDIRECT -> {
                ops.returnCallIndirect(r.index(), r.index2());
                v.setUnreachable();
            }
            case RETURN_CALL_REF -> {
                ops.returnCallRef(r.index());
                v.setUnreachable();
            }
            case DROP -> ops.drop();
            case SELECT -> ops.select(null);
            case SELECT_TYPED -> ops.selectTyped();
            case LOCAL_GET -> ops.localGet(r.index());
            case LOCAL_SET -> ops.localSet(r.index(), false);
            case LOCAL_TEE -> ops.localSet(r.index(), true);
            case GLOBAL_GET -> ops.globalGet(r.index());
            case GLOBAL_SET -> ops.globalSet(r.index());
            case TABLE_GET -> ops.tableGet(r.index());
            case TABLE_SET -> ops.tableSet(r.index());
            case TABLE_INIT -> ops.tableInit(r.index(), r.index2(), r.immediateOffset());
            case TABLE_COPY -> ops.tableCopy(r.index(), r.index2());
            case TABLE_GROW -> ops.tableGrow(r.index());
            case TABLE_SIZE -> ops.tableSize(r.index());
            case TABLE_FILL -> ops.tableFill(r.index());
            case REF_NULL -> ops.refNull();
            case REF_IS_NULL -> ops.refIsNull();
            case REF_FUNC -> ops.refFunc(r.index());
            case REF_AS_NON_NULL -> ops.refAsNonNull();
            case THROW -> {
                control.throwOp(r.index());
                v.setUnreachable();
            }
            case THROW_REF -> {
                control.throwRef();
                v.setUnreachable();
            }
            case RETHROW -> {
                control.rethrow(r.index());
                v.setUnreachable();
            }
            case TRY_TABLE -> {
                int n = r.count();
                control.open(FuncValidator.TRY_TABLE, control.tryTable(new int[n], new int[n], new int[n]));
            }
            case TRY -> control.open(FuncValidator.TRY, control.blockType());
            case CATCH -> catchArm(true);
            case CATCH_ALL -> catchArm(false);
            case DELEGATE -> v.push(control.delegate(r.index()).results);
            default -> throw new IllegalStateException("no validation rule for " + op);
        }
    }

    private void catchArm(boolean tagged) {
        FuncValidator.Frame f = v.innermost();
        ValType[] params = control.catchStart(tagged, tagged ? r.index() : -1);
        control.catchArm(tagged, params, f);
    }
}
