package dev.bytelift.compiler.translate;

import java.util.Arrays;
import dev.bytelift.compiler.emit.CodeEmitter;
import dev.bytelift.runtime.ValType;

/** Wasm locals as JVM locals: parameters where the JVM passes them, the others after the context. */
final class JvmLocals extends LocalStorage {
    private final int[] slots;

    JvmLocals(FunctionTranslator t, ValType[] types) {
        super(t, types);
        this.slots = new int[types.length];
    }

    @Override
    int layOut(int slot, int[] paramSlots) {
        System.arraycopy(paramSlots, 0, slots, 0, paramSlots.length);
        Object[] buf = new Object[4];
        for (int i = paramSlots.length; i < types.length; i++) {
            slots[i] = slot;
            slot += types[i].slots();
            int n = CodeEmitter.addFrameType(buf, 0, types[i]);
            ms().frameLocals.addAll(Arrays.asList(buf).subList(0, n));
        }
        return slot;
    }

    @Override
    void initialise(int[] paramSlots) {
        for (int i = paramSlots.length; i < types.length; i++) {
            e().zero(types[i]);
            e().store(types[i], slots[i]);
        }
    }

    @Override
    PersistentLong persistentLong(String key) {
        return new PersistentLong.InLocal(key, fn.addLocal(LONG, 2));
    }

    @Override
    void load(int i) {
        e().load(types[i], slots[i]);
    }

    @Override
    void store(int i) {
        e().store(types[i], slots[i]);
    }
}
