package dev.bytelift.runtime.internal;

import java.lang.reflect.Field;
import java.nio.ByteOrder;

/**
 * The {@code sun.misc.Unsafe} that {@link MemoryAccess} reads and writes multi-byte values with,
 * or {@code null} where it must use the {@code VarHandle} views instead ({@link VarHandleAccess}).
 *
 * <p>Why: C1 (the launcher's only JIT compiler, docs/performance.md §10) inlines a
 * {@code VarHandle} access as about 250 bytes of the JDK's {@code @ForceInline} chain, for the
 * same machine code (a bounds check and one load); a short program's measured part is mostly
 * the time until C1 has compiled the hot methods (§20). Through {@code Unsafe}, behind the same
 * {@code checkIndex} the view uses, an access inlines about 60 bytes, and C2 sees the same range
 * check and the same load (§24).
 *
 * <p>Used only where a plain {@code Unsafe} load is a little-endian access that may be unaligned
 * (x86-64 and AArch64, little-endian), and only on JDK 17 to 23: from JDK 24 the memory methods
 * of {@code sun.misc.Unsafe} print a warning when first used (JEP 498). The system property
 * {@code bytelift.unsafeMemory=false} turns it off (to compare the two paths).
 */
final class UnsafeMemory {
    private UnsafeMemory() {}

    /** The instance, or {@code null}: then every access goes through {@link VarHandleAccess}. */
    static final sun.misc.Unsafe U = find();

    /** The offset of a {@code byte[]}'s first element. */
    static final long BASE = U == null ? 0 : U.arrayBaseOffset(byte[].class);

    private static sun.misc.Unsafe find() {
        if (!Boolean.parseBoolean(System.getProperty("bytelift.unsafeMemory", "true"))) return null;
        if (Runtime.version().feature() >= 24) return null;
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) return null;
        String arch = System.getProperty("os.arch", "");
        if (!arch.equals("amd64") && !arch.equals("x86_64") && !arch.equals("aarch64")) return null;
        try {
            Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            sun.misc.Unsafe u = (sun.misc.Unsafe) f.get(null);
            return u.arrayIndexScale(byte[].class) == 1 ? u : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
