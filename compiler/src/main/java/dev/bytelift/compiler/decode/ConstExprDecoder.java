package dev.bytelift.compiler.decode;

import java.util.ArrayList;
import java.util.List;
import dev.bytelift.runtime.Feature;
import dev.bytelift.runtime.GlobalType;
import dev.bytelift.runtime.ValType;

/**
 * Decodes and validates the constant expressions of a module's sections (global initialisers,
 * table initialisers, segment offsets and element items) for its {@link ModuleDecoder}, whose
 * reader, section bounds and first-error rule it shares.
 */
final class ConstExprDecoder {
    private final ModuleDecoder d;

    ConstExprDecoder(ModuleDecoder d) {
        this.d = d;
    }


    /** {@code i32}/{@code i64} {@code add}, {@code sub}, {@code mul}: constant only with extended constant expressions. */
    private static boolean isExtendedArithmetic(Op op) {
        return switch (op) {
            case I32_ADD, I32_SUB, I32_MUL, I64_ADD, I64_SUB, I64_MUL -> true;
            default -> false;
        };
    }

    /** Decodes the operators up to the {@code end} that closes the expression, nested blocks included. */
    private void skipToEnd(OperatorReader r) {
        ByteReader in = d.in();
        int sectionEnd = d.sectionEnd();
        int depth = 0;
        while (true) {
            Op op = r.peekOpcodeOrNull();
            if (r.offset() >= sectionEnd) throw in.malformed("unexpected end of section or function", r.offset());
            if (op == null) throw in.malformed("illegal opcode", r.offset());
            r.readImmediates(op);
            if (r.offset() > sectionEnd) throw in.malformed("unexpected end of section or function", sectionEnd);
            if (op.has(Op.F.BLOCK)) depth++;
            else if (op == Op.END && depth-- == 0) return;
        }
    }

    /**
     * Decodes a constant expression producing {@code expected}; {@code globalsVisible} is how many
     * globals {@code global.get} may name (ModuleDecoder#constGlobals).
     */
    ConstExpr read(ValType expected, int globalsVisible) {
        ByteReader in = d.in();
        ModuleInfo m = d.info();
        Features features = d.features();
        int sectionEnd = d.sectionEnd();
        int at = in.pos();
        OperatorReader r = new OperatorReader(in, features, d::heapType);
        boolean extended = features.has(Feature.EXTENDED_CONST);
        List<ConstExpr> code = new ArrayList<>(1);
        List<ValType> types = new ArrayList<>(2);
        boolean mismatch = false;
        while (true) {
            Op op = r.peekOpcodeOrNull();
            if (op == Op.END) break;
            // the 3.0 suite's message (2.0's was "illegal opcode"): the edition of the extended constants
            if (op == null && extended && r.offset() >= sectionEnd) throw in.malformed("unexpected end of section or function", r.offset());
            if (op == null) throw in.malformed("illegal opcode", r.offset());
            if (!op.has(Op.F.CONSTANT) || (!extended && isExtendedArithmetic(op))) {
                d.invalid("constant expression required", r.offset());
                // 3.0's binary format decodes the whole expression before validating it: one that
                // runs past its section is malformed rather than invalid
                if (extended) skipToEnd(r);
                throw d.firstInvalid();
            }
            r.readImmediates(op);
            ConstExpr e;
            ValType t;
            switch (op) {
                case REF_NULL -> {
                    t = r.valType();
                    e = new ConstExpr(op, t.kind() == ValType.Kind.FUNCREF ? 0 : 1, 0, 0);
                }
                case REF_FUNC -> {
                    int f = r.index();
                    t = ValType.ref(false, dev.bytelift.runtime.HeapType.FUNC);
                    if (Integer.compareUnsigned(f, m.funcCount()) >= 0) d.invalid("unknown function " + Integer.toUnsignedString(f), r.immediateOffset());
                    else {
                        m.declaredFuncRefs.add(f);
                        t = m.refFuncType(f);
                    }
                    e = ConstExpr.refFunc(f);
                }
                case GLOBAL_GET -> {
                    int g = r.index();
                    if (Integer.compareUnsigned(g, globalsVisible) >= 0) {
                        d.invalid("unknown global " + Integer.toUnsignedString(g), r.immediateOffset());
                        t = expected;
                    } else {
                        GlobalType gt = m.globals.get(g);
                        if (gt.mutable()) d.invalid("constant expression required", r.offset());
                        t = gt.valType();
                    }
                    e = new ConstExpr(op, 0, 0, g);
                }
                case I32_ADD, I32_SUB, I32_MUL, I64_ADD, I64_SUB, I64_MUL -> {
                    // extended constant expressions: two operands of the operator's type
                    t = op.results()[0];
                    int n = types.size();
                    if (n < 2 || types.get(n - 1) != t || types.get(n - 2) != t) mismatch = true;
                    if (n >= 1) types.remove(n - 1);
                    if (n >= 2) types.remove(n - 2);
                    e = new ConstExpr(op, 0, 0, 0);
                }
                default -> { // the numeric and v128 constants
                    e = new ConstExpr(op, r.bits(), op == Op.V128_CONST ? r.bitsHi() : 0, 0);
                    t = op.results()[0];
                }
            }
            code.add(e);
            types.add(t);
        }
        if (mismatch || types.size() != 1 || !types.get(0).isSubtypeOf(expected)) {
            d.invalid("type mismatch", at);
            return new ConstExpr(Op.I32_CONST, 0, 0, 0);
        }
        return ConstExpr.sequence(code);
    }
}
