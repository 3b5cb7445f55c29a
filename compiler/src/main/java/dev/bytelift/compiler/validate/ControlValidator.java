package dev.bytelift.compiler.validate;

import static dev.bytelift.runtime.ValType.I32;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import dev.bytelift.compiler.decode.ModuleInfo;
import dev.bytelift.compiler.decode.OperatorReader;
import dev.bytelift.compiler.validate.FuncValidator.Frame;
import dev.bytelift.runtime.Feature;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.HeapType;
import dev.bytelift.runtime.ValType;

/**
 * The validation rules of control flow and exception handling (see {@link OperatorValidator}).
 * A rule that ends a block or leaves the code after it unreachable checks and pops what it must,
 * and leaves the rest to its caller, which may need the stack as the branch sees it to lower it:
 * the comment of each says what the caller does after (what {@link BodyValidator} does at once).
 */
public final class ControlValidator {
    private final FuncValidator v;
    private final ModuleInfo m;
    private final OperatorReader r;
    private final OperatorValidator ops;

    public ControlValidator(OperatorValidator ops) {
        this.ops = ops;
        this.v = ops.v;
        this.m = ops.m;
        this.r = ops.r;
    }

    /** The block type of the block, loop, if or try just read: "unknown type" if none. */
    public FuncType blockType() {
        long bt = r.blockType();
        if (bt == -64) return FuncType.of(List.of(), List.of());
        if (bt < 0) return FuncType.of(List.of(), List.of(r.valType()));
        if (bt >= m.types.size()) throw v.error("unknown type");
        FuncType t = m.types.get((int) bt);
        if (t.paramCount() > 0 || t.resultCount() > 1) ops.features.require(Feature.MULTI_VALUE, v.offset);
        return t;
    }

    /** Pops a block's parameters and opens its frame of {@code kind}. */
    public Frame open(int kind, FuncType bt) {
        ValType[] params = bt.params().toArray(new ValType[0]);
        ValType[] results = bt.results().toArray(new ValType[0]);
        if (kind == FuncValidator.IF) v.pop(I32);
        v.pop(params);
        return v.pushFrame(kind, params, results);
    }

    /** {@code block}, {@code loop} or {@code if}. */
    public Frame blockStart(int kind) {
        return open(kind, blockType());
    }

    /**
     * {@code else}: checks and pops the if's frame, which it returns; the caller then opens the
     * else arm with {@link #elseArm}.
     */
    public Frame elseStart() {
        Frame f = v.innermost();
        if (f.kind != FuncValidator.IF) throw r.bytes().malformed("END opcode expected", v.offset);
        v.popFrame();
        return f;
    }

    /** Opens the else arm of the if whose frame {@link #elseStart} popped. */
    public Frame elseArm(Frame f) {
        return v.pushFrame(FuncValidator.ELSE, f.params, f.results);
    }

    /** {@code end}: checks and pops the innermost frame, returned; the caller then pushes its results. */
    public Frame end() {
        Frame f = v.innermost();
        int kind = f.kind;
        v.popFrame();
        if (kind == FuncValidator.IF && !FuncValidator.matches(f.params, f.results)) {
            throw v.error("type mismatch"); // the missing else arm passes the params on as results
        }
        return f;
    }

    /** {@code br depth}: pops the label's values; the target. The caller then makes the rest unreachable. */
    public Frame br(int depth) {
        Frame f = v.frame(depth);
        v.pop(f.labelTypes());
        return f;
    }

    /** {@code br_if depth}: the target. */
    public Frame brIf(int depth) {
        Frame f = v.frame(depth);
        v.pop(I32);
        v.checkTop(f.labelTypes());
        return f;
    }

    /**
     * {@code br_table} with targets {@code depths} and {@code dflt}: pops the index and checks the
     * label values; the default target. The caller then pops its label's values and makes the
     * rest unreachable.
     */
    public Frame brTable(int[] depths, int dflt) {
        v.pop(I32);
        Frame df = v.frame(dflt);
        int arity = df.labelTypes().length;
        // each distinct depth is checked once: checking a depth again changes nothing, and a big
        // table (hundreds of thousands of entries) with wide labels would otherwise cost n * arity
        BitSet checked = new BitSet();
        for (int depth : depths) {
            Frame f = v.frame(depth);
            if (checked.get(depth)) continue;
            checked.set(depth);
            ValType[] lt = f.labelTypes();
            if (lt.length != arity) throw v.error("type mismatch");
            // pop and push back what is actually there (it may be of unknown type)
            ValType[] actual = new ValType[lt.length];
            for (int k = lt.length - 1; k >= 0; k--) actual[k] = v.pop(lt[k]);
            for (int k = 0; k < lt.length; k++) v.push(actual[k]);
        }
        v.checkTop(df.labelTypes());
        return df;
    }

    /** {@code return}: pops the results; the function's frame. The caller then makes the rest unreachable. */
    public Frame returnOp() {
        Frame f = v.frame(v.depth() - 1);
        v.pop(f.results);
        return f;
    }

    /**
     * {@code br_on_null depth}: pops the reference (returned) and checks the label's values; the
     * caller then pushes the reference, non-null.
     */
    public ValType brOnNull(int depth) {
        Frame f = v.frame(depth);
        ValType rt = v.popRef();
        v.checkTop(f.labelTypes());
        return rt;
    }

    /**
     * {@code br_on_non_null depth}: checks that the label ends with a reference, which it leaves
     * on the stack, non-null, under which the label's other values are checked; the caller then
     * pops it.
     */
    public Frame brOnNonNull(int depth) {
        Frame f = v.frame(depth);
        ValType[] lt = f.labelTypes();
        if (lt.length == 0 || !lt[lt.length - 1].isReference()) {
            v.popRef();
            throw v.error("type mismatch");
        }
        ValType rt = v.popRef();
        v.push(rt.asNonNullable());
        v.checkTop(lt);
        return f;
    }

    // ---- exception handling

    /** The type of tag {@code tag}: "unknown tag" if none. */
    public FuncType tagType(int tag) {
        if (OperatorValidator.outside(tag, m.tagTypes.size())) throw v.error("unknown tag " + tag);
        return m.tagType(tag);
    }

    /** {@code throw tag}: pops the tag's values (returned). The caller then makes the rest unreachable. */
    public ValType[] throwOp(int tag) {
        ValType[] params = tagType(tag).params().toArray(new ValType[0]);
        v.pop(params);
        return params;
    }

    /** {@code throw_ref}. The caller then makes the rest unreachable. */
    public void throwRef() {
        v.pop(ValType.EXNREF);
    }

    /** {@code rethrow depth}: the label must be a catch arm. The caller then makes the rest unreachable. */
    public void rethrow(int depth) {
        Frame f = v.frame(depth); // "unknown label"
        if (f.kind != FuncValidator.CATCH && f.kind != FuncValidator.CATCH_ALL) throw v.error("invalid rethrow label");
    }

    /**
     * {@code try_table}: its block type, and each clause's kind, tag and label depth into
     * {@code kinds}, {@code tags} and {@code depths} (of {@code r.count()} entries), typed in the
     * context outside the block; the caller then opens the block ({@link #open}).
     */
    public FuncType tryTable(int[] kinds, int[] tags, int[] depths) {
        FuncType bt = blockType();
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = r.catchKind(i);
            tags[i] = r.catchTag(i);
            depths[i] = r.label(i);
            List<ValType> carried = new ArrayList<>();
            if (kinds[i] < 2) carried.addAll(tagType(tags[i]).params());
            if (kinds[i] == 1 || kinds[i] == 3) carried.add(ValType.ref(false, HeapType.EXN));
            ValType[] label = v.frame(depths[i]).labelTypes();
            if (label.length != carried.size()) throw v.error("type mismatch");
            for (int k = 0; k < label.length; k++) {
                if (!FuncValidator.matches(carried.get(k), label[k])) throw v.error("type mismatch");
            }
        }
        return bt;
    }

    /**
     * A legacy {@code catch tag} or ({@code tagged} false) {@code catch_all}: checks and pops the try's or
     * previous arm's frame; the values the arm starts with. The caller then opens the arm ({@link #catchArm}).
     */
    public ValType[] catchStart(boolean tagged, int tag) {
        Frame f = v.innermost();
        if (f.kind != FuncValidator.TRY && f.kind != FuncValidator.CATCH) {
            throw r.bytes().malformed("END opcode expected", v.offset);
        }
        ValType[] params = tagged ? tagType(tag).params().toArray(new ValType[0]) : new ValType[0];
        v.popFrame();
        return params;
    }

    /** Opens the catch arm ({@code tagged}) or catch-all arm after the frame {@code f} {@link #catchStart} popped. */
    public Frame catchArm(boolean tagged, ValType[] params, Frame f) {
        return v.pushFrame(tagged ? FuncValidator.CATCH : FuncValidator.CATCH_ALL, params, f.results);
    }

    /**
     * {@code delegate depth}: checks and pops the try's frame (returned) and the label (in the
     * context outside the try); the caller then pushes the block's results.
     */
    public Frame delegate(int depth) {
        Frame f = v.innermost();
        if (f.kind != FuncValidator.TRY) throw r.bytes().malformed("END opcode expected", v.offset);
        v.popFrame();
        v.frame(depth); // "unknown label", in the context outside the try
        return f;
    }
}
