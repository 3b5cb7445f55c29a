package dev.bytelift.wasi.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import dev.bytelift.runtime.Caller;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.HostFunction;
import dev.bytelift.runtime.ValType;
import dev.bytelift.wasi.WasiExitException;

/**
 * The 46 functions of {@code wasi_snapshot_preview1}: name, core WebAssembly type and the host
 * function, as boxed {@link HostFunction}s. Each turns its outcome into the errno it returns:
 * {@link WasiError} carries one, host {@code IOException}s are mapped by {@link HostErrors}, and
 * no exception but {@link WasiExitException} ever leaves a call.
 */
public final class Imports {
    private Imports() {}

    /** The import module name. */
    public static final String MODULE = "wasi_snapshot_preview1";

    /** One function: its name, type and implementation. */
    public record Definition(String name, FuncType type, HostFunction function) {}

    @FunctionalInterface
    private interface Body {
        int run(GuestMemory mem, Object[] a) throws IOException;
    }

    private static int i(Object[] a, int n) {
        return (Integer) a[n];
    }

    private static long l(Object[] a, int n) {
        return (Long) a[n];
    }

    /** A core type from a signature string: {@code i} is i32, {@code l} is i64; the result is i32 if {@code errno}. */
    private static FuncType type(String params, boolean errno) {
        List<ValType> p = new ArrayList<>();
        for (char c : params.toCharArray()) p.add(c == 'l' ? ValType.I64 : ValType.I32);
        return FuncType.of(p, errno ? List.of(ValType.I32) : List.of());
    }

    /** Runs one call and returns its errno. */
    static int call(Caller caller, Object[] args, Body body) {
        GuestMemory mem = new GuestMemory(caller == null ? null : caller.memory());
        try {
            return body.run(mem, args);
        } catch (WasiExitException e) {
            throw e;
        } catch (WasiError e) {
            return e.errno;
        } catch (IOException | RuntimeException e) {
            return HostErrors.errno(e);
        }
    }

    /** Every function of {@code wasi_snapshot_preview1}, bound to {@code ctx}, in the witx order. */
    public static List<Definition> definitions(WasiContext ctx) {
        List<Definition> d = new ArrayList<>(46);
        class Def {
            void add(String name, String params, Body body) {
                d.add(new Definition(name, type(params, true),
                        (caller, args) -> new Object[] {call(caller, args, body)}));
            }
        }
        Def def = new Def();
        def.add("args_get", "ii", (m, a) -> ArgsEnviron.argsGet(ctx, m, i(a, 0), i(a, 1)));
        def.add("args_sizes_get", "ii", (m, a) -> ArgsEnviron.argsSizesGet(ctx, m, i(a, 0), i(a, 1)));
        def.add("environ_get", "ii", (m, a) -> ArgsEnviron.environGet(ctx, m, i(a, 0), i(a, 1)));
        def.add("environ_sizes_get", "ii", (m, a) -> ArgsEnviron.environSizesGet(ctx, m, i(a, 0), i(a, 1)));
        def.add("clock_res_get", "ii", (m, a) -> Clocks.clockResGet(m, i(a, 0), i(a, 1)));
        def.add("clock_time_get", "ili", (m, a) -> Clocks.clockTimeGet(ctx, m, i(a, 0), l(a, 1), i(a, 2)));
        def.add("fd_advise", "illi", (m, a) -> FdOps.advise(ctx, i(a, 0), l(a, 1), l(a, 2), i(a, 3)));
        def.add("fd_allocate", "ill", (m, a) -> FdOps.allocate(ctx, i(a, 0), l(a, 1), l(a, 2)));
        def.add("fd_close", "i", (m, a) -> FdOps.close(ctx, i(a, 0)));
        def.add("fd_datasync", "i", (m, a) -> FdOps.sync(ctx, i(a, 0), false));
        def.add("fd_fdstat_get", "ii", (m, a) -> FdOps.fdstatGet(ctx, m, i(a, 0), i(a, 1)));
        def.add("fd_fdstat_set_flags", "ii", (m, a) -> FdOps.fdstatSetFlags(ctx, i(a, 0), i(a, 1)));
        def.add("fd_fdstat_set_rights", "ill", (m, a) -> FdOps.fdstatSetRights(ctx, i(a, 0), l(a, 1), l(a, 2)));
        def.add("fd_filestat_get", "ii", (m, a) -> FdOps.filestatGet(ctx, m, i(a, 0), i(a, 1)));
        def.add("fd_filestat_set_size", "il", (m, a) -> FdOps.filestatSetSize(ctx, i(a, 0), l(a, 1)));
        def.add("fd_filestat_set_times", "illi",
                (m, a) -> FdOps.filestatSetTimes(ctx, i(a, 0), l(a, 1), l(a, 2), i(a, 3)));
        def.add("fd_pread", "iiili", (m, a) -> FdOps.pread(ctx, m, i(a, 0), i(a, 1), i(a, 2), l(a, 3), i(a, 4)));
        def.add("fd_prestat_get", "ii", (m, a) -> FdOps.prestatGet(ctx, m, i(a, 0), i(a, 1)));
        def.add("fd_prestat_dir_name", "iii", (m, a) -> FdOps.prestatDirName(ctx, m, i(a, 0), i(a, 1), i(a, 2)));
        def.add("fd_pwrite", "iiili", (m, a) -> FdOps.pwrite(ctx, m, i(a, 0), i(a, 1), i(a, 2), l(a, 3), i(a, 4)));
        def.add("fd_read", "iiii", (m, a) -> FdOps.read(ctx, m, i(a, 0), i(a, 1), i(a, 2), i(a, 3)));
        def.add("fd_readdir", "iiili",
                (m, a) -> FdOps.readdir(ctx, m, i(a, 0), i(a, 1), i(a, 2), l(a, 3), i(a, 4)));
        def.add("fd_renumber", "ii", (m, a) -> FdOps.renumber(ctx, i(a, 0), i(a, 1)));
        def.add("fd_seek", "ilii", (m, a) -> FdOps.seek(ctx, m, i(a, 0), l(a, 1), i(a, 2), i(a, 3)));
        def.add("fd_sync", "i", (m, a) -> FdOps.sync(ctx, i(a, 0), true));
        def.add("fd_tell", "ii", (m, a) -> FdOps.tell(ctx, m, i(a, 0), i(a, 1)));
        def.add("fd_write", "iiii", (m, a) -> FdOps.write(ctx, m, i(a, 0), i(a, 1), i(a, 2), i(a, 3)));
        def.add("path_create_directory", "iii",
                (m, a) -> PathOps.createDirectory(ctx, m, i(a, 0), i(a, 1), i(a, 2)));
        def.add("path_filestat_get", "iiiii",
                (m, a) -> PathOps.filestatGet(ctx, m, i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4)));
        def.add("path_filestat_set_times", "iiiilli", (m, a) -> PathOps.filestatSetTimes(ctx, m, i(a, 0), i(a, 1),
                i(a, 2), i(a, 3), l(a, 4), l(a, 5), i(a, 6)));
        def.add("path_link", "iiiiiii", (m, a) -> PathOps.link(ctx, m, i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4),
                i(a, 5), i(a, 6)));
        def.add("path_open", "iiiiillii", (m, a) -> PathOps.open(ctx, m, i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4),
                l(a, 5), l(a, 6), i(a, 7), i(a, 8)));
        def.add("path_readlink", "iiiiii",
                (m, a) -> PathOps.readlink(ctx, m, i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4), i(a, 5)));
        def.add("path_remove_directory", "iii",
                (m, a) -> PathOps.removeDirectory(ctx, m, i(a, 0), i(a, 1), i(a, 2)));
        def.add("path_rename", "iiiiii",
                (m, a) -> PathOps.rename(ctx, m, i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4), i(a, 5)));
        def.add("path_symlink", "iiiii",
                (m, a) -> PathOps.symlink(ctx, m, i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4)));
        def.add("path_unlink_file", "iii", (m, a) -> PathOps.unlinkFile(ctx, m, i(a, 0), i(a, 1), i(a, 2)));
        def.add("poll_oneoff", "iiii", (m, a) -> Poll.pollOneoff(ctx, m, i(a, 0), i(a, 1), i(a, 2), i(a, 3)));
        d.add(new Definition("proc_exit", type("i", false), (caller, args) -> {
            Proc.exit(ctx, (Integer) args[0]);
            return null;
        }));
        def.add("proc_raise", "i", (m, a) -> Proc.raise(i(a, 0)));
        def.add("sched_yield", "", (m, a) -> Proc.schedYield());
        def.add("random_get", "ii", (m, a) -> Randoms.randomGet(ctx, m, i(a, 0), i(a, 1)));
        def.add("sock_accept", "iii", (m, a) -> Sockets.notASocket(ctx, i(a, 0)));
        def.add("sock_recv", "iiiiii", (m, a) -> Sockets.notASocket(ctx, i(a, 0)));
        def.add("sock_send", "iiiii", (m, a) -> Sockets.notASocket(ctx, i(a, 0)));
        def.add("sock_shutdown", "ii", (m, a) -> Sockets.notASocket(ctx, i(a, 0)));
        return Collections.unmodifiableList(d);
    }
}
