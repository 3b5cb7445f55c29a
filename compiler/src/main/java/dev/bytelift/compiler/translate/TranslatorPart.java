package dev.bytelift.compiler.translate;

import static dev.bytelift.compiler.translate.RuntimeNames.CTX;
import static dev.bytelift.compiler.translate.RuntimeNames.SCRATCH;
import static dev.bytelift.compiler.translate.RuntimeNames.TABLE;
import static dev.bytelift.compiler.translate.RuntimeNames.TRAP;
import static dev.bytelift.compiler.translate.RuntimeNames.TRAPS;
import static dev.bytelift.compiler.translate.RuntimeNames.TRAP_CODE;

import org.objectweb.asm.Opcodes;
import dev.bytelift.compiler.decode.ModuleInfo;
import dev.bytelift.compiler.decode.OperatorReader;
import dev.bytelift.compiler.emit.CodeEmitter;
import dev.bytelift.compiler.validate.ControlValidator;
import dev.bytelift.compiler.validate.FuncValidator;
import dev.bytelift.compiler.validate.OperatorValidator;
import dev.bytelift.runtime.ValType;

/**
 * A part of a function's translation (a family's lowering, the region writer, the local storage):
 * what they all share is the function's translator, validator and its rules, and operator reader (whose
 * immediates belong to the operator being translated), the method being written, and a few code
 * sequences.
 */
abstract class TranslatorPart implements Opcodes {
    final FunctionTranslator fn;
    final FuncValidator v;
    /** The validation rules of operators (the translator lowers what they have validated). */
    final OperatorValidator ops;
    final ControlValidator ctl;
    final OperatorReader r;
    final ModuleInfo m;

    TranslatorPart(FunctionTranslator t) {
        this.fn = t;
        this.v = t.v;
        this.ops = t.ops;
        this.ctl = t.ctl;
        this.r = t.r;
        this.m = t.m;
    }

    /** The emitter of the method being written (another one once a region starts or ends). */
    final CodeEmitter e() {
        return fn.ms.e;
    }

    /** The state of the method being written. */
    final MethodState ms() {
        return fn.ms;
    }

    final void throwTrap(String code) {
        e().field(GETSTATIC, TRAP_CODE, code, Descriptors.TRAP_CODE_TYPE);
        e().invokeStatic(TRAPS, "trap", Descriptors.TRAP_METHOD);
        e().insn(ATHROW);
    }

    final void pushScratch() {
        e().varInsn(ALOAD, ms().ctxSlot);
        e().field(GETFIELD, CTX, "scratch", Descriptors.SCRATCH_TYPE);
    }

    /** Pushes the high half of a v128 result a runtime method left in the scratch. */
    final void pushV128Hi() {
        e().varInsn(ALOAD, ms().ctxSlot);
        e().field(GETFIELD, CTX, "scratch", Descriptors.SCRATCH_TYPE);
        e().field(GETFIELD, SCRATCH, "v128Hi", "J");
    }

    final void loadTable(int t) {
        e().varInsn(ALOAD, ms().ctxSlot);
        e().field(GETFIELD, CTX, "tables", Descriptors.TABLE_ARRAY_TYPE);
        e().iconst(t);
        e().insn(AALOAD);
    }

    static String desc(ValType t) {
        return t.descriptor();
    }

    /** The suffix of the runtime helpers for values of type {@code t} ({@code Results.putI32}...). */
    static String suffix(ValType t) {
        return dev.bytelift.runtime.internal.Abi.suffix(t);
    }
}
