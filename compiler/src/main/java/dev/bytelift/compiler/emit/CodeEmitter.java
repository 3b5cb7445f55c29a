package dev.bytelift.compiler.emit;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import dev.bytelift.compiler.validate.FuncValidator;
import dev.bytelift.runtime.ValType;

/**
 * Writes the bytecode of one method: typed loads, stores and pops of WebAssembly values,
 * constants, calls, temporaries and stack-map frames. While {@link #live} is false (the
 * translator is in unreachable code) every write is dropped, so no dead code is ever emitted
 * and no frame is ever needed for it.
 */
public final class CodeEmitter implements Opcodes {
    private final MethodVisitor mv;
    /** Whether code at the current point is reachable (and so is emitted). */
    public boolean live = true;
    private boolean codeSinceFrame = true;
    private long instructions;
    private int constants;
    private boolean frameSizeCounted;
    /** The method whose frame size was last pushed, and its field's name. */
    private String frameSizeMethod, frameSizeField;
    private Object[] frameLocals = new Object[0];
    private int tempBase;
    private int tempNext;
    private int lastLine = -1;
    private Label lineLabel;
    private Object[] stackBuf = new Object[32];
    /** Validator stack slots below this are not on this method's stack (a piece of a split function). */
    private int stackBase;

    public CodeEmitter(MethodVisitor mv) {
        this.mv = mv;
    }

    /** The locals every frame declares, and the first slot free for temporaries. */
    public void setFrameLocals(Object[] locals, int firstTemp) {
        this.frameLocals = locals;
        this.tempBase = firstTemp;
        this.tempNext = firstTemp;
    }

    // ---- plain instructions

    /** {@code ANEWARRAY}, {@code CHECKCAST} and the other instructions naming a class. */
    public void typeInsn(int opcode, String internalName) {
        if (!live) return;
        mv.visitTypeInsn(opcode, internalName);
        constants += 2;
        codeSinceFrame = true;
        instructions++;
    }

    /**
     * Registers an exception handler for the code between {@code start} and {@code end}. The
     * handlers of a method are searched in the order they were registered: the translator registers
     * them all at the method's end, innermost first ({@code translate.ExceptionRanges}).
     */
    public void tryCatch(Label start, Label end, Label handler, String type) {
        mv.visitTryCatchBlock(start, end, handler, type);
    }

    public void insn(int opcode) {
        if (!live) return;
        mv.visitInsn(opcode);
        codeSinceFrame = true;
        instructions++;
    }

    public void varInsn(int opcode, int slot) {
        if (!live) return;
        mv.visitVarInsn(opcode, slot);
        codeSinceFrame = true;
        instructions++;
    }

    public void jump(int opcode, Label target) {
        if (!live) return;
        mv.visitJumpInsn(opcode, target);
        codeSinceFrame = true;
        instructions++;
    }

    public void invokeStatic(String owner, String name, String descriptor) {
        if (!live) return;
        mv.visitMethodInsn(INVOKESTATIC, owner, name, descriptor, false);
        // a call to generated code names a method no other call may share: Methodref, NameAndType, Utf8
        if (owner.startsWith("dev/bytelift/generated/")) constants += 3;
        codeSinceFrame = true;
        instructions++;
    }

    /** {@code INVOKEVIRTUAL} of a runtime method. */
    public void invokeVirtual(String owner, String name, String descriptor) {
        if (!live) return;
        mv.visitMethodInsn(INVOKEVIRTUAL, owner, name, descriptor, false);
        codeSinceFrame = true;
        instructions++;
    }

    /**
     * Adds the frame size of the method being written ({@code owner.method}) to the call depth on
     * the stack: what a call passes on (see {@link FrameSizes}).
     */
    public void addFrameSize(String owner, String method) {
        if (!live) return;
        pushFrameSize(owner, method);
        mv.visitInsn(IADD);
        instructions++;
    }

    /** Pushes the frame size of the method being written ({@code owner.method}). */
    public void pushFrameSize(String owner, String method) {
        if (!live) return;
        if (method != frameSizeMethod) { // one field name per method, not one per call site (names can be long)
            frameSizeMethod = method;
            frameSizeField = FrameSizes.field(method);
        }
        mv.visitFieldInsn(GETSTATIC, owner, frameSizeField, "I");
        if (!frameSizeCounted) constants += 4; // Fieldref, NameAndType, name, the value
        frameSizeCounted = true;
        codeSinceFrame = true;
        instructions++;
    }

    public void field(int opcode, String owner, String name, String descriptor) {
        if (!live) return;
        mv.visitFieldInsn(opcode, owner, name, descriptor);
        codeSinceFrame = true;
        instructions++;
    }

    /**
     * Makes frames describe validator stack slots from {@code base} up: the slots below are not on
     * this method's operand stack (a method calling this piece holds them, or they are kept in
     * locals across a loop).
     */
    public void setStackBase(int base) {
        this.stackBase = base;
    }

    /** The validator stack slot at which this method's operand stack begins. */
    public int stackBase() {
        return stackBase;
    }

    // ---- locals declared for a stretch of code (values kept across a loop)

    /** The number of entries of the locals every frame declares (for {@link #releaseLocals}). */
    public int frameLocalCount() {
        return frameLocals.length;
    }

    /** The first local slot not declared in frames (where {@link #declareLocals} puts the next ones). */
    public int firstUndeclaredSlot() {
        return tempBase;
    }

    /**
     * Declares locals for values of {@code types} in every frame from here on, until
     * {@link #releaseLocals}, in the slots past the declared ones (no temporary may be in use);
     * returns the slot of each.
     */
    public int[] declareLocals(ValType[] types) {
        if (tempNext != tempBase) throw new IllegalStateException("a temporary is in use");
        int[] slots = new int[types.length];
        Object[] locals = java.util.Arrays.copyOf(frameLocals, frameLocals.length + 2 * types.length);
        int n = frameLocals.length;
        for (int i = 0; i < types.length; i++) {
            slots[i] = tempBase;
            tempBase += types[i].slots();
            n = addFrameType(locals, n, types[i]);
        }
        frameLocals = java.util.Arrays.copyOf(locals, n);
        tempNext = tempBase;
        return slots;
    }

    /** Stops declaring the locals declared since frames had {@code count} entries, the first at {@code slot}. */
    public void releaseLocals(int count, int slot) {
        frameLocals = java.util.Arrays.copyOf(frameLocals, count);
        tempBase = slot;
        tempNext = slot;
    }

    public void lookupSwitch(Label dflt, int[] keys, Label[] labels) {
        if (!live) return;
        mv.visitLookupSwitchInsn(dflt, keys, labels);
        codeSinceFrame = true;
        instructions++;
    }

    public void tableSwitch(int min, int max, Label dflt, Label[] labels) {
        if (!live) return;
        mv.visitTableSwitchInsn(min, max, dflt, labels);
        codeSinceFrame = true;
        instructions++;
    }

    public void iconst(int v) {
        if (!live) return;
        if (v >= -1 && v <= 5) mv.visitInsn(ICONST_0 + v);
        else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) mv.visitIntInsn(BIPUSH, v);
        else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) mv.visitIntInsn(SIPUSH, v);
        else {
            mv.visitLdcInsn(v);
            constants++;
        }
        codeSinceFrame = true;
        instructions++;
    }

    public void lconst(long v) {
        if (!live) return;
        if (v == 0 || v == 1) mv.visitInsn((int) (LCONST_0 + v));
        else {
            mv.visitLdcInsn(v);
            constants += 2;
        }
        codeSinceFrame = true;
        instructions++;
    }

    /** An f32 constant with exactly these bits (NaN payloads included). */
    public void fconst(int bits) {
        if (!live) return;
        float f = Float.intBitsToFloat(bits);
        if (f != f) {
            iconst(bits);
            mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
        } else if (bits == 0) {
            mv.visitInsn(FCONST_0);
        } else {
            mv.visitLdcInsn(f);
            constants++;
        }
        codeSinceFrame = true;
        instructions++;
    }

    /** An f64 constant with exactly these bits (NaN payloads included). */
    public void dconst(long bits) {
        if (!live) return;
        double d = Double.longBitsToDouble(bits);
        if (d != d) {
            lconst(bits);
            mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
        } else if (bits == 0) {
            mv.visitInsn(DCONST_0);
        } else {
            mv.visitLdcInsn(d);
            constants += 2;
        }
        codeSinceFrame = true;
        instructions++;
    }

    /** Pushes the default (zero) value of {@code t}. */
    public void zero(ValType t) {
        switch (t.kind()) {
            case I32: iconst(0); break;
            case I64: lconst(0); break;
            case F32: insn(FCONST_0); break;
            case F64: insn(DCONST_0); break;
            case V128: lconst(0); lconst(0); break;
            default: insn(ACONST_NULL);
        }
    }

    // ---- typed locals and stack

    /**
     * Returns the value of type {@code t} on top of the stack, or nothing for null. A v128 is the
     * caller's to reduce to its {@code long} low half first (the high half goes elsewhere).
     */
    public void returnValue(ValType t) {
        if (t == null) {
            insn(RETURN);
            return;
        }
        switch (t.kind()) {
            case I32: insn(IRETURN); break;
            case I64: case V128: insn(LRETURN); break;
            case F32: insn(FRETURN); break;
            case F64: insn(DRETURN); break;
            default: insn(ARETURN);
        }
    }

    public void load(ValType t, int slot) {
        switch (t.kind()) {
            case I32: varInsn(ILOAD, slot); break;
            case I64: varInsn(LLOAD, slot); break;
            case F32: varInsn(FLOAD, slot); break;
            case F64: varInsn(DLOAD, slot); break;
            case V128: varInsn(LLOAD, slot); varInsn(LLOAD, slot + 2); break;
            default: varInsn(ALOAD, slot);
        }
    }

    public void store(ValType t, int slot) {
        switch (t.kind()) {
            case I32: varInsn(ISTORE, slot); break;
            case I64: varInsn(LSTORE, slot); break;
            case F32: varInsn(FSTORE, slot); break;
            case F64: varInsn(DSTORE, slot); break;
            case V128: varInsn(LSTORE, slot + 2); varInsn(LSTORE, slot); break;
            default: varInsn(ASTORE, slot);
        }
    }

    /** Drops a value of type {@code t} from the top of the operand stack. */
    public void pop(ValType t) {
        switch (t.kind()) {
            case I64: case F64: insn(POP2); break;
            case V128: insn(POP2); insn(POP2); break;
            default: insn(POP);
        }
    }

    // ---- temporaries (never live across a label)

    /** A fresh local slot range for a value of type {@code t}, valid until {@link #releaseTemps}. */
    public int temp(ValType t) {
        int slot = tempNext;
        tempNext += t.slots();
        return slot;
    }

    public void releaseTemps() {
        tempNext = tempBase;
    }

    // ---- labels, frames, line numbers

    /** Places {@code l} here (only in live code). */
    public void label(Label l) {
        if (!live) return;
        mv.visitLabel(l);
    }

    /** Places a jump-target label here, with the stack-map frame of the validator's current state. */
    public void target(Label l, FuncValidator v) {
        mv.visitLabel(l);
        frame(v, v.height());
    }

    /** Emits the frame of the current point: the fixed locals, and validator stack slots [0, height). */
    public void frame(FuncValidator v, int height) {
        if (!codeSinceFrame) return; // a frame at this offset exists already (and is identical)
        int n = 0;
        for (int i = stackBase; i < height; i++) {
            ValType t = v.typeAt(i);
            if (n + 2 > stackBuf.length) stackBuf = java.util.Arrays.copyOf(stackBuf, stackBuf.length * 2);
            n = addFrameType(stackBuf, n, t);
        }
        mv.visitFrame(F_NEW, frameLocals.length, frameLocals, n, stackBuf);
        codeSinceFrame = false;
    }

    /** Appends the verification type(s) of {@code t} to {@code out} at {@code n}; returns the new length. */
    public static int addFrameType(Object[] out, int n, ValType t) {
        switch (t.kind()) {
            case I32: out[n++] = INTEGER; break;
            case I64: out[n++] = LONG; break;
            case F32: out[n++] = FLOAT; break;
            case F64: out[n++] = DOUBLE; break;
            case V128: out[n++] = LONG; out[n++] = LONG; break;
            default: out[n++] = "java/lang/Object";
        }
        return n;
    }

    /** An upper bound of the constant-pool entries this method's constants need. */
    public int constants() {
        return constants;
    }

    /**
     * Counts the last {@code n} instructions as not emitted: a short inline sequence that replaced
     * a helper call keeps the call's weight, so that region budgets (in instructions) do not
     * change with it. Never more than were emitted since the sequence began.
     */
    public void discount(int n) {
        if (live) instructions -= n; // dead code emitted (and counted) nothing
    }

    /** How many instructions have been emitted so far (to tell whether a range is empty). */
    public long instructionCount() {
        return instructions;
    }

    /** Places a jump-target label whose frame is the validator's stack plus an int on top. */
    public void targetWithInt(Label l, FuncValidator v) {
        mv.visitLabel(l);
        int n = 0;
        for (int i = stackBase; i < v.height(); i++) {
            if (n + 3 > stackBuf.length) stackBuf = java.util.Arrays.copyOf(stackBuf, stackBuf.length * 2);
            n = addFrameType(stackBuf, n, v.typeAt(i));
        }
        if (n + 1 > stackBuf.length) stackBuf = java.util.Arrays.copyOf(stackBuf, stackBuf.length * 2);
        stackBuf[n++] = INTEGER;
        mv.visitFrame(F_NEW, frameLocals.length, frameLocals, n, stackBuf);
        codeSinceFrame = false;
    }

    /** Places a jump-target label whose frame is the fixed locals and exactly {@code stack} (verification types). */
    public void targetWithStack(Label l, Object... stack) {
        mv.visitLabel(l);
        mv.visitFrame(F_NEW, frameLocals.length, frameLocals, stack.length, stack);
        codeSinceFrame = false;
    }

    /** Places a jump-target label whose frame is the validator's stack plus {@code top} (verification types). */
    public void targetWithTop(Label l, FuncValidator v, Object... top) {
        mv.visitLabel(l);
        Object[] stack = new Object[2 * (v.height() - stackBase) + top.length];
        int n = 0;
        for (int i = stackBase; i < v.height(); i++) n = addFrameType(stack, n, v.typeAt(i));
        for (Object t : top) stack[n++] = t;
        mv.visitFrame(F_NEW, frameLocals.length, frameLocals, n, stack);
        codeSinceFrame = false;
    }

    /** Pushes a constant from the constant pool (a string...). */
    public void ldc(Object value) {
        if (!live) return;
        mv.visitLdcInsn(value);
        constants += 2;
        codeSinceFrame = true;
        instructions++;
    }

    /** Emits a frame with the fixed locals and a single reference on the stack (exception handlers). */
    public void frameWithStack(String internalName) {
        frameWithStack(frameLocals, internalName);
    }

    /** Emits a frame with the given locals (verification types) and an empty stack. */
    public void frame(Object[] locals) {
        mv.visitFrame(F_NEW, locals.length, locals, 0, null);
        codeSinceFrame = false;
    }

    /** Emits a frame with the given locals (verification types) and a single reference on the stack. */
    public void frameWithStack(Object[] locals, String internalName) {
        mv.visitFrame(F_NEW, locals.length, locals, 1, new Object[] {internalName});
        codeSinceFrame = false;
    }

    /** Records that the code that follows belongs to WebAssembly source line {@code line}. */
    public void line(int line) {
        if (!live || line == lastLine || line <= 0 || line > 65535) return;
        lastLine = line;
        // one label for all line numbers of the method, placed again at each: ASM (9.9, frames given,
        // maximums from them) only takes its current offset for the entry, and nothing jumps to it.
        // A new Label per operator was 17,500 objects for branchy's one function.
        if (lineLabel == null) lineLabel = new Label();
        mv.visitLabel(lineLabel);
        mv.visitLineNumber(line, lineLabel);
    }
}
