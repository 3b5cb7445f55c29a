package dev.bytelift.compiler.translate;

import org.objectweb.asm.Type;
import dev.bytelift.runtime.Func;
import dev.bytelift.runtime.Trap;
import dev.bytelift.runtime.TrapCode;
import dev.bytelift.runtime.internal.BrTables;
import dev.bytelift.runtime.internal.FrameLocals;
import dev.bytelift.runtime.internal.FrameStack;
import dev.bytelift.runtime.internal.GlobalAccess;
import dev.bytelift.runtime.internal.MemoryAccess;
import dev.bytelift.runtime.internal.MemoryOps;
import dev.bytelift.runtime.internal.NumericOps;
import dev.bytelift.runtime.internal.Results;
import dev.bytelift.runtime.internal.Scratch;
import dev.bytelift.runtime.internal.RefOps;
import dev.bytelift.runtime.internal.TableOps;
import dev.bytelift.runtime.internal.Traps;
import dev.bytelift.runtime.internal.VMContext;
import dev.bytelift.runtime.internal.VMGlobal;
import dev.bytelift.runtime.internal.VMMemory;
import dev.bytelift.runtime.internal.VMRuntimeLimits;
import dev.bytelift.runtime.internal.VMTable;

/**
 * The internal names of the runtime classes generated code calls, taken from the classes
 * themselves so that renaming one fails the build rather than the generated code's linking.
 */
final class RuntimeNames {
    private RuntimeNames() {}

    static final String NUM = name(NumericOps.class);
    static final String MEM = name(MemoryAccess.class);
    static final String MEMOPS = name(MemoryOps.class);
    static final String TABLES = name(TableOps.class);
    static final String REFS = name(RefOps.class);
    static final String GLOBALS = name(GlobalAccess.class);
    static final String RESULTS = name(Results.class);
    static final String TRAPS = name(Traps.class);
    static final String TRAP = name(Trap.class);
    static final String TRAP_CODE = name(TrapCode.class);
    static final String CTX = name(VMContext.class);
    static final String SCRATCH = name(Scratch.class);
    static final String MEMORY = name(VMMemory.class);
    static final String TABLE = name(VMTable.class);
    static final String GLOBAL = name(VMGlobal.class);
    static final String LIMITS = name(VMRuntimeLimits.class);
    static final String FUNC = name(Func.class);
    static final String FRAME_LOCALS = name(FrameLocals.class);
    static final String FRAME_STACK = name(FrameStack.class);
    static final String BR_TABLES = name(BrTables.class);
    static final String OBJ = "Ljava/lang/Object;";

    static String name(Class<?> c) {
        return Type.getInternalName(c);
    }
}
