package dev.bytelift.compiler.translate;

import static dev.bytelift.compiler.translate.RuntimeNames.CTX;
import static dev.bytelift.compiler.translate.RuntimeNames.FRAME_STACK;
import static dev.bytelift.compiler.translate.RuntimeNames.GLOBAL;
import static dev.bytelift.compiler.translate.RuntimeNames.MEMORY;
import static dev.bytelift.compiler.translate.RuntimeNames.SCRATCH;
import static dev.bytelift.compiler.translate.RuntimeNames.TABLE;
import static dev.bytelift.compiler.translate.RuntimeNames.TRAP;
import static dev.bytelift.compiler.translate.RuntimeNames.TRAP_CODE;

import dev.bytelift.runtime.ValType;
import dev.bytelift.runtime.internal.Abi;

/**
 * Field types, method names and descriptors the lowerings write at many sites, made once. The
 * runtime's class names are not compile-time constants ({@link RuntimeNames}), so a descriptor
 * concatenated at the site was a new string at every use, which ASM's constant pool then hashed and
 * compared character by character: one per memory access, global access or trap. The strings are
 * the same; only their making moved here.
 */
final class Descriptors {
    private Descriptors() {}

    static final String MEMORY_TYPE = "L" + MEMORY + ";";
    static final String TRAP_CODE_TYPE = "L" + TRAP_CODE + ";";
    /** {@code Traps.trap(TrapCode)}. */
    static final String TRAP_METHOD = "(L" + TRAP_CODE + ";)L" + TRAP + ";";
    static final String SCRATCH_TYPE = "L" + SCRATCH + ";";
    static final String TABLE_ARRAY_TYPE = "[L" + TABLE + ";";
    static final String GLOBAL_ARRAY_TYPE = "[L" + GLOBAL + ";";
    static final String FRAME_STACK_TYPE = "L" + FRAME_STACK + ";";

    private static final int KINDS = ValType.Kind.values().length;
    private static final String[] LOAD = new String[KINDS], STORE = new String[KINDS];
    private static final String[] GLOBAL_GET = new String[KINDS], GLOBAL_GET_DESC = new String[KINDS];
    private static final String[] GLOBAL_SET = new String[KINDS], GLOBAL_SET_DESC = new String[KINDS];
    private static final String[] FRAME_GET = new String[KINDS], FRAME_GET_DESC = new String[KINDS];
    private static final String[] FRAME_SET = new String[KINDS], FRAME_SET_DESC = new String[KINDS];
    private static final String[] RESULT_GET = new String[KINDS], RESULT_GET_DESC = new String[KINDS];
    private static final String[] RESULT_PUT = new String[KINDS], RESULT_PUT_DESC = new String[KINDS];

    static {
        // the numeric types: one type per kind (references are made at the site)
        for (ValType t : new ValType[] {ValType.I32, ValType.I64, ValType.F32, ValType.F64}) {
            int k = t.kind().ordinal();
            String d = t.descriptor(), s = Abi.suffix(t);
            LOAD[k] = "(I[BII)" + d;
            STORE[k] = "(I" + d + "[BII)V";
            GLOBAL_GET[k] = "get" + s;
            GLOBAL_GET_DESC[k] = "(L" + GLOBAL + ";)" + d;
            GLOBAL_SET[k] = "set" + s;
            GLOBAL_SET_DESC[k] = "(" + d + "L" + GLOBAL + ";)V";
            FRAME_GET[k] = "get" + s;
            FRAME_GET_DESC[k] = "([JI)" + d;
            FRAME_SET[k] = "set" + s;
            FRAME_SET_DESC[k] = "(" + d + "[JI)V";
            RESULT_GET[k] = "get" + s;
            RESULT_GET_DESC[k] = "(L" + CTX + ";I)" + d;
            RESULT_PUT[k] = "put" + s;
            RESULT_PUT_DESC[k] = "(" + d + "L" + CTX + ";I)V";
        }
    }

    private static String cached(String[] table, ValType t) {
        return t.isReference() ? null : table[t.kind().ordinal()];
    }

    /** {@code MemoryAccess}'s load helpers: {@code (I[BII)T} (address, array, size, offset). */
    static String load(ValType t) {
        String d = cached(LOAD, t);
        return d != null ? d : "(I[BII)" + t.descriptor();
    }

    /** {@code MemoryAccess}'s store helpers: {@code (IT[BII)V} (address, value, array, size, offset). */
    static String store(ValType t) {
        String d = cached(STORE, t);
        return d != null ? d : "(I" + t.descriptor() + "[BII)V";
    }

    /** {@code GlobalAccess.get<suffix>}. */
    static String globalGet(ValType t) {
        String d = cached(GLOBAL_GET, t);
        return d != null ? d : "get" + Abi.suffix(t);
    }

    static String globalGetDesc(ValType t) {
        String d = cached(GLOBAL_GET_DESC, t);
        return d != null ? d : "(L" + GLOBAL + ";)" + t.descriptor();
    }

    /** {@code GlobalAccess.set<suffix>}. */
    static String globalSet(ValType t) {
        String d = cached(GLOBAL_SET, t);
        return d != null ? d : "set" + Abi.suffix(t);
    }

    static String globalSetDesc(ValType t) {
        String d = cached(GLOBAL_SET_DESC, t);
        return d != null ? d : "(" + t.descriptor() + "L" + GLOBAL + ";)V";
    }

    /** {@code FrameLocals.get<suffix>}. */
    static String frameGet(ValType t) {
        String d = cached(FRAME_GET, t);
        return d != null ? d : "get" + Abi.suffix(t);
    }

    static String frameGetDesc(ValType t) {
        String d = cached(FRAME_GET_DESC, t);
        return d != null ? d : "([JI)" + t.descriptor();
    }

    /** {@code FrameLocals.set<suffix>}. */
    static String frameSet(ValType t) {
        String d = cached(FRAME_SET, t);
        return d != null ? d : "set" + Abi.suffix(t);
    }

    static String frameSetDesc(ValType t) {
        String d = cached(FRAME_SET_DESC, t);
        return d != null ? d : "(" + t.descriptor() + "[JI)V";
    }

    /** {@code Results.get<suffix>}. */
    static String resultGet(ValType t) {
        String d = cached(RESULT_GET, t);
        return d != null ? d : "get" + Abi.suffix(t);
    }

    static String resultGetDesc(ValType t) {
        String d = cached(RESULT_GET_DESC, t);
        return d != null ? d : "(L" + CTX + ";I)" + t.descriptor();
    }

    /** {@code Results.put<suffix>}. */
    static String resultPut(ValType t) {
        String d = cached(RESULT_PUT, t);
        return d != null ? d : "put" + Abi.suffix(t);
    }

    static String resultPutDesc(ValType t) {
        String d = cached(RESULT_PUT_DESC, t);
        return d != null ? d : "(" + t.descriptor() + "L" + CTX + ";I)V";
    }
}
