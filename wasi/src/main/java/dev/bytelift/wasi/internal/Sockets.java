package dev.bytelift.wasi.internal;

/**
 * {@code sock_accept}, {@code sock_recv}, {@code sock_send}, {@code sock_shutdown}. Preview 1 has
 * no way to create or preopen a socket in Bytelift, so no descriptor is ever one: EBADF for a
 * descriptor that is not open, ENOTSOCK for any other.
 */
public final class Sockets {
    private Sockets() {}

    public static int notASocket(WasiContext ctx, int fd) {
        ctx.fds.get(fd);
        return Errno.ENOTSOCK;
    }
}
