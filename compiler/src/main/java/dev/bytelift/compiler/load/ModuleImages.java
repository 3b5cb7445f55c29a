package dev.bytelift.compiler.load;

import java.util.List;
import dev.bytelift.compiler.decode.ConstExpr;
import dev.bytelift.compiler.decode.ModuleInfo;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.internal.InitExpr;
import dev.bytelift.runtime.internal.ModuleImage;
import dev.bytelift.runtime.internal.TailCalls;

/**
 * A decoded module's {@link ModuleImage}: what the runtime's instantiation and backtraces need,
 * for the modules the compiler loads and for ahead-of-time files alike. Segment bytes and function
 * names are shared, not copied.
 */
public final class ModuleImages {
    private ModuleImages() {}

    /** Fills in {@code img} from {@code m}; returns it. */
    public static <T extends ModuleImage> T fill(ModuleInfo m, T img) {
        img.moduleName = m.moduleName;
        img.types.addAll(m.types);
        img.funcTypes = new int[m.funcCount()];
        for (int f = 0; f < img.funcTypes.length; f++) img.funcTypes[f] = m.funcTypes.get(f);
        img.imports.addAll(m.imports);
        img.importedFuncs = m.importedFuncs;
        img.importedTables = m.importedTables;
        img.importedMemories = m.importedMemories;
        img.importedGlobals = m.importedGlobals;
        img.importedTags = m.importedTags;
        img.tables.addAll(m.tables);
        for (ConstExpr e : m.tableInits) img.tableInits.add(e == null ? null : initExpr(e));
        img.memories.addAll(m.memories);
        img.globals.addAll(m.globals);
        for (ConstExpr e : m.globalInits) img.globalInits.add(initExpr(e));
        img.tagTypes = new int[m.tagTypes.size()]; // a loop, not a stream: this runs on every compile
        for (int k = 0; k < img.tagTypes.length; k++) img.tagTypes[k] = m.tagTypes.get(k);
        for (ModuleInfo.Export e : m.exports) img.exports.add(new ModuleImage.Export(e.name(), e.kind(), e.index()));
        for (ModuleInfo.ElemSegment s : m.elems) {
            InitExpr[] items = new InitExpr[s.items().size()];
            for (int k = 0; k < items.length; k++) items[k] = initExpr(s.items().get(k));
            img.elems.add(new ModuleImage.Elem(s.mode(), s.table(), s.offset() == null ? null : initExpr(s.offset()), items));
        }
        for (ModuleInfo.DataSegment s : m.datas) {
            img.datas.add(new ModuleImage.Data(s.mode(), s.memory(), s.offset() == null ? null : initExpr(s.offset()), s.bytes()));
        }
        img.start = m.start;
        img.bodyStarts = new int[m.bodies.size()];
        for (int i = 0; i < img.bodyStarts.length; i++) img.bodyStarts[i] = m.bodies.get(i).start();
        img.funcNames = m.funcNames;
        // any of the module's types may be a tail callee's
        if (!m.tailCallers.isEmpty()) {
            for (FuncType t : m.types) img.tailArgSlots = Math.max(img.tailArgSlots, TailCalls.argSlots(t));
        }
        return img;
    }

    /** A constant expression as the runtime evaluates it. */
    static InitExpr initExpr(ConstExpr e) {
        if (e.code() != null) {
            List<ConstExpr> ops = e.code();
            InitExpr[] code = new InitExpr[ops.size()];
            for (int i = 0; i < code.length; i++) code[i] = initExpr(ops.get(i));
            return new InitExpr(InitExpr.SEQUENCE, 0, 0, 0, code);
        }
        int op = switch (e.op()) {
            case I32_CONST -> InitExpr.I32;
            case I64_CONST -> InitExpr.I64;
            case F32_CONST -> InitExpr.F32;
            case F64_CONST -> InitExpr.F64;
            case V128_CONST -> InitExpr.V128_CONST;
            case REF_NULL -> InitExpr.REF_NULL;
            case REF_FUNC -> InitExpr.REF_FUNC;
            case GLOBAL_GET -> InitExpr.GLOBAL_GET;
            case I32_ADD -> InitExpr.I32_ADD;
            case I32_SUB -> InitExpr.I32_SUB;
            case I32_MUL -> InitExpr.I32_MUL;
            case I64_ADD -> InitExpr.I64_ADD;
            case I64_SUB -> InitExpr.I64_SUB;
            case I64_MUL -> InitExpr.I64_MUL;
            default -> throw new IllegalStateException("not a constant operator: " + e.op());
        };
        return new InitExpr(op, e.bits(), e.bitsHi(), e.index(), null);
    }
}
