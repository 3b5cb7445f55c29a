package dev.bytelift.wasi.internal;

import java.util.List;

/** {@code args_get}, {@code args_sizes_get}, {@code environ_get}, {@code environ_sizes_get}. */
public final class ArgsEnviron {
    private ArgsEnviron() {}

    public static int argsSizesGet(WasiContext ctx, GuestMemory mem, int countPtr, int bufSizePtr) {
        return sizes(ctx.args, mem, countPtr, bufSizePtr);
    }

    public static int argsGet(WasiContext ctx, GuestMemory mem, int argvPtr, int bufPtr) {
        return strings(ctx.args, mem, argvPtr, bufPtr);
    }

    public static int environSizesGet(WasiContext ctx, GuestMemory mem, int countPtr, int bufSizePtr) {
        return sizes(ctx.environ, mem, countPtr, bufSizePtr);
    }

    public static int environGet(WasiContext ctx, GuestMemory mem, int environPtr, int bufPtr) {
        return strings(ctx.environ, mem, environPtr, bufPtr);
    }

    private static int sizes(List<byte[]> strings, GuestMemory mem, int countPtr, int bufSizePtr) {
        long bytes = 0;
        for (byte[] s : strings) bytes += s.length + 1;
        mem.setI32(countPtr, strings.size());
        mem.setI32(bufSizePtr, (int) bytes);
        return Errno.SUCCESS;
    }

    /** Writes the pointer array at {@code ptrs} and the NUL-terminated strings from {@code buf}. */
    private static int strings(List<byte[]> strings, GuestMemory mem, int ptrs, int buf) {
        mem.check(ptrs, 4L * strings.size());
        long total = 0;
        for (byte[] s : strings) total += s.length + 1;
        mem.check(buf, total);
        int at = buf;
        for (int i = 0; i < strings.size(); i++) {
            byte[] s = strings.get(i);
            mem.setI32(ptrs + 4 * i, at);
            mem.write(at, s);
            mem.setU8(at + s.length, 0);
            at += s.length + 1;
        }
        return Errno.SUCCESS;
    }
}
