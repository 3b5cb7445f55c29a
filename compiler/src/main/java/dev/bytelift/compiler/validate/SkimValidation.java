package dev.bytelift.compiler.validate;

import java.util.BitSet;
import dev.bytelift.compiler.decode.BodyListener;
import dev.bytelift.compiler.decode.Features;
import dev.bytelift.compiler.decode.ModuleInfo;
import dev.bytelift.compiler.decode.Op;
import dev.bytelift.compiler.decode.OperatorReader;
import dev.bytelift.compiler.decode.TypeReader;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.HeapType;
import dev.bytelift.runtime.InvalidModuleException;
import dev.bytelift.runtime.WasmException;

/**
 * Lazy compilation's validation of every body, done in the body skimmer's pass so that each
 * body is decoded once ({@link dev.bytelift.compiler.decode.ModuleDecoder#decode(byte[], Features,
 * BodyListener)}): each operator the skimmer decodes goes to a {@link BodyValidator}. A module is
 * decoded before it is validated, so a body's failure is kept, not thrown, while the skimmer goes
 * on to the end of the module (a malformed encoding anywhere, or an invalid module-level part, is
 * reported first); {@link #finish} then throws the first failing function's error, the one the
 * standalone {@link BodyValidator} would have found, message and offset alike
 * (ValidatorAgreementTest). No body after a failing one is validated.
 */
public final class SkimValidation implements BodyListener {
    /** A check of a function's limits once its locals are read (the translator's on JVM parameter slots). */
    @FunctionalInterface
    public interface AfterLocals {
        /** Throws if function {@code funcIndex} of type {@code type} cannot be compiled. */
        void check(FuncType type, int funcIndex);
    }

    private final Features features;
    private final AfterLocals afterLocals;
    /** The type index of every call_indirect and call_ref of the bodies (their dispatchers). */
    private final BitSet indirectTypes = new BitSet();
    private ModuleInfo m;
    private int funcIndex = -1;
    /** The body being validated, or null (none, or it failed already). */
    private BodyValidator body;
    /** An unknown type index the reader met in the current body (reported at its operator). */
    private InvalidModuleException unknownType;
    private RuntimeException failure;
    /**
     * The first function whose validation needs the data section, which follows the code section
     * ({@code memory.init} or {@code data.drop} without a data count section), or -1: it and the
     * functions after it are validated by {@link #finish}.
     */
    private int lateFrom = -1;

    /** Validates with {@code features}, checking each function's limits with {@code afterLocals}. */
    public SkimValidation(Features features, AfterLocals afterLocals) {
        this.features = features;
        this.afterLocals = afterLocals;
    }

    @Override
    public TypeReader.Resolver resolver() {
        return this::heapType;
    }

    private HeapType heapType(int index, int at) {
        if (Integer.compareUnsigned(index, m.types.size()) < 0) return m.heapType(index);
        if (unknownType == null) unknownType = new InvalidModuleException("unknown type", at);
        return HeapType.FUNC; // a stand-in while the skimmer reads on
    }

    @Override
    public void start(ModuleInfo info, int f, int start, int end, OperatorReader r) {
        // lazy compilation validated in interruptible tasks: a caller giving up still stops it here
        if (Thread.currentThread().isInterrupted()) throw new WasmException("compilation interrupted");
        m = info;
        funcIndex = f;
        body = null;
        unknownType = null;
        // (a body without a function: the decoder reports the section lengths' mismatch)
        if (failure != null || lateFrom >= 0 || Integer.compareUnsigned(f, info.funcCount()) >= 0) return;
        try {
            BodyValidator b = new BodyValidator(info, f, features, r, indirectTypes::set);
            b.begin(start, end, () -> afterLocals.check(info.funcType(f), f));
            body = b;
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    @Override
    public void operator(Op op) {
        if (body == null) return;
        try {
            if (unknownType != null) throw unknownType;
            if (m.dataCount < 0 && (op == Op.MEMORY_INIT || op == Op.DATA_DROP)) {
                lateFrom = funcIndex;
                body = null;
                return;
            }
            body.step(op);
        } catch (RuntimeException e) {
            failure = e;
            body = null;
        }
    }

    /**
     * After the module decoded without error: throws the first failing function's error, if any.
     * @return the type index of every call_indirect and call_ref (for the dispatchers a compiled
     *     module needs, reachable or not)
     */
    public BitSet finish(ModuleInfo info) {
        if (failure != null) throw failure;
        for (int f = lateFrom; f >= 0 && f < info.funcCount(); f++) {
            int func = f;
            new BodyValidator(info, f, features, indirectTypes::set)
                    .validate(() -> afterLocals.check(info.funcType(func), func));
        }
        return indirectTypes;
    }
}
