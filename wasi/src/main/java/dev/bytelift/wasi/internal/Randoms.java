package dev.bytelift.wasi.internal;

/** {@code random_get}: bytes from the context's {@link java.security.SecureRandom}. */
public final class Randoms {
    private Randoms() {}

    private static final int CHUNK = 64 * 1024;

    public static int randomGet(WasiContext ctx, GuestMemory mem, int buf, int length) {
        long len = Integer.toUnsignedLong(length);
        mem.check(buf, len);
        byte[] chunk = new byte[(int) Math.min(len, CHUNK)];
        for (long done = 0; done < len; done += chunk.length) {
            int n = (int) Math.min(chunk.length, len - done);
            if (n < chunk.length) chunk = new byte[n];
            ctx.random().nextBytes(chunk);
            mem.write(buf + (int) done, chunk, 0, n);
        }
        return Errno.SUCCESS;
    }
}
