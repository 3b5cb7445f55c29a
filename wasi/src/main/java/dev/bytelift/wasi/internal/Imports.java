package dev.bytelift.wasi.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import dev.bytelift.runtime.Caller;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.HostFunction;
import dev.bytelift.runtime.Store;
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

    /** The implementation of one function: boxed arguments in, errno out. */
    @FunctionalInterface
    interface Body {
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
    static int call(GuestMemory mem, Object[] args, Body body) {
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
        List<Definition> out = new ArrayList<>(46);
        for (Map.Entry<String, Body> e : bodies(ctx).entrySet()) {
            String name = e.getKey();
            Body body = e.getValue();
            boolean exit = name.equals("proc_exit");
            boolean poll = name.equals("poll_oneoff");
            out.add(new Definition(name, type(SIGNATURES.get(name), !exit), (caller, args) -> {
                GuestMemory mem = new GuestMemory(caller == null ? null : caller.memory());
                Body b = poll ? (m, a) -> Poll.pollOneoff(ctx, m, i(a, 0), i(a, 1), i(a, 2), i(a, 3),
                        epochDeadlinePassed(caller)) : body;
                int errno = call(mem, args, b);
                return exit ? null : new Object[] {errno};
            }));
        }
        return Collections.unmodifiableList(out);
    }

    /** Whether the calling store runs with epoch interruption and has reached its deadline. */
    private static BooleanSupplier epochDeadlinePassed(Caller caller) {
        Store store = caller == null ? null : caller.store();
        if (store == null || !store.engine().config().epochInterruption()) return () -> false;
        return () -> store.engine().currentEpoch() >= store.limits().epochDeadline;
    }

    /** The parameters of each function: {@code i} for i32, {@code l} for i64 (all but proc_exit return an errno). */
    static final Map<String, String> SIGNATURES = signatures();

    private static Map<String, String> signatures() {
        String[] s = {
            "args_get", "ii", "args_sizes_get", "ii", "environ_get", "ii", "environ_sizes_get", "ii",
            "clock_res_get", "ii", "clock_time_get", "ili",
            "fd_advise", "illi", "fd_allocate", "ill", "fd_close", "i", "fd_datasync", "i",
            "fd_fdstat_get", "ii", "fd_fdstat_set_flags", "ii", "fd_fdstat_set_rights", "ill",
            "fd_filestat_get", "ii", "fd_filestat_set_size", "il", "fd_filestat_set_times", "illi",
            "fd_pread", "iiili", "fd_prestat_get", "ii", "fd_prestat_dir_name", "iii", "fd_pwrite", "iiili",
            "fd_read", "iiii", "fd_readdir", "iiili", "fd_renumber", "ii", "fd_seek", "ilii", "fd_sync", "i",
            "fd_tell", "ii", "fd_write", "iiii",
            "path_create_directory", "iii", "path_filestat_get", "iiiii", "path_filestat_set_times", "iiiilli",
            "path_link", "iiiiiii", "path_open", "iiiiillii", "path_readlink", "iiiiii",
            "path_remove_directory", "iii", "path_rename", "iiiiii", "path_symlink", "iiiii",
            "path_unlink_file", "iii", "poll_oneoff", "iiii",
            "proc_exit", "i", "proc_raise", "i", "sched_yield", "", "random_get", "ii",
            "sock_accept", "iii", "sock_recv", "iiiiii", "sock_send", "iiiii", "sock_shutdown", "ii",
        };
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < s.length; i += 2) m.put(s[i], s[i + 1]);
        return Collections.unmodifiableMap(m);
    }

    /** The implementations, by name, in the order of {@link #SIGNATURES}. */
    static Map<String, Body> bodies(WasiContext ctx) {
        Map<String, Body> d = new LinkedHashMap<>();
        d.put("args_get", (m, a) -> ArgsEnviron.argsGet(ctx, m, i(a, 0), i(a, 1)));
        d.put("args_sizes_get", (m, a) -> ArgsEnviron.argsSizesGet(ctx, m, i(a, 0), i(a, 1)));
        d.put("environ_get", (m, a) -> ArgsEnviron.environGet(ctx, m, i(a, 0), i(a, 1)));
        d.put("environ_sizes_get", (m, a) -> ArgsEnviron.environSizesGet(ctx, m, i(a, 0), i(a, 1)));
        d.put("clock_res_get", (m, a) -> Clocks.clockResGet(m, i(a, 0), i(a, 1)));
        d.put("clock_time_get", (m, a) -> Clocks.clockTimeGet(ctx, m, i(a, 0), l(a, 1), i(a, 2)));
        d.put("fd_advise", (m, a) -> FdOps.advise(ctx, i(a, 0), l(a, 1), l(a, 2), i(a, 3)));
        d.put("fd_allocate", (m, a) -> FdOps.allocate(ctx, i(a, 0), l(a, 1), l(a, 2)));
        d.put("fd_close", (m, a) -> FdOps.close(ctx, i(a, 0)));
        d.put("fd_datasync", (m, a) -> FdOps.sync(ctx, i(a, 0), false));
        d.put("fd_fdstat_get", (m, a) -> FdOps.fdstatGet(ctx, m, i(a, 0), i(a, 1)));
        d.put("fd_fdstat_set_flags", (m, a) -> FdOps.fdstatSetFlags(ctx, i(a, 0), i(a, 1)));
        d.put("fd_fdstat_set_rights", (m, a) -> FdOps.fdstatSetRights(ctx, i(a, 0), l(a, 1), l(a, 2)));
        d.put("fd_filestat_get", (m, a) -> FdOps.filestatGet(ctx, m, i(a, 0), i(a, 1)));
        d.put("fd_filestat_set_size", (m, a) -> FdOps.filestatSetSize(ctx, i(a, 0), l(a, 1)));
        d.put("fd_filestat_set_times", (m, a) -> FdOps.filestatSetTimes(ctx, i(a, 0), l(a, 1), l(a, 2), i(a, 3)));
        d.put("fd_pread", (m, a) -> FdOps.pread(ctx, m, i(a, 0), i(a, 1), i(a, 2), l(a, 3), i(a, 4)));
        d.put("fd_prestat_get", (m, a) -> FdOps.prestatGet(ctx, m, i(a, 0), i(a, 1)));
        d.put("fd_prestat_dir_name", (m, a) -> FdOps.prestatDirName(ctx, m, i(a, 0), i(a, 1), i(a, 2)));
        d.put("fd_pwrite", (m, a) -> FdOps.pwrite(ctx, m, i(a, 0), i(a, 1), i(a, 2), l(a, 3), i(a, 4)));
        d.put("fd_read", (m, a) -> FdOps.read(ctx, m, i(a, 0), i(a, 1), i(a, 2), i(a, 3)));
        d.put("fd_readdir", (m, a) -> FdOps.readdir(ctx, m, i(a, 0), i(a, 1), i(a, 2), l(a, 3), i(a, 4)));
        d.put("fd_renumber", (m, a) -> FdOps.renumber(ctx, i(a, 0), i(a, 1)));
        d.put("fd_seek", (m, a) -> FdOps.seek(ctx, m, i(a, 0), l(a, 1), i(a, 2), i(a, 3)));
        d.put("fd_sync", (m, a) -> FdOps.sync(ctx, i(a, 0), true));
        d.put("fd_tell", (m, a) -> FdOps.tell(ctx, m, i(a, 0), i(a, 1)));
        d.put("fd_write", (m, a) -> FdOps.write(ctx, m, i(a, 0), i(a, 1), i(a, 2), i(a, 3)));
        d.put("path_create_directory", (m, a) -> PathOps.createDirectory(ctx, m, i(a, 0), i(a, 1), i(a, 2)));
        d.put("path_filestat_get", (m, a) -> PathOps.filestatGet(ctx, m, i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4)));
        d.put("path_filestat_set_times", (m, a) -> PathOps.filestatSetTimes(ctx, m, i(a, 0), i(a, 1), i(a, 2),
                i(a, 3), l(a, 4), l(a, 5), i(a, 6)));
        d.put("path_link", (m, a) -> PathOps.link(ctx, m, i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4), i(a, 5),
                i(a, 6)));
        d.put("path_open", (m, a) -> PathOps.open(ctx, m, i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4), l(a, 5),
                l(a, 6), i(a, 7), i(a, 8)));
        d.put("path_readlink", (m, a) -> PathOps.readlink(ctx, m, i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4),
                i(a, 5)));
        d.put("path_remove_directory", (m, a) -> PathOps.removeDirectory(ctx, m, i(a, 0), i(a, 1), i(a, 2)));
        d.put("path_rename", (m, a) -> PathOps.rename(ctx, m, i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4), i(a, 5)));
        d.put("path_symlink", (m, a) -> PathOps.symlink(ctx, m, i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4)));
        d.put("path_unlink_file", (m, a) -> PathOps.unlinkFile(ctx, m, i(a, 0), i(a, 1), i(a, 2)));
        d.put("poll_oneoff", (m, a) -> Poll.pollOneoff(ctx, m, i(a, 0), i(a, 1), i(a, 2), i(a, 3), () -> false));
        d.put("proc_exit", (m, a) -> {
            Proc.exit(ctx, i(a, 0));
            return Errno.SUCCESS; // not reached: exit throws
        });
        d.put("proc_raise", (m, a) -> Proc.raise(i(a, 0)));
        d.put("sched_yield", (m, a) -> Proc.schedYield());
        d.put("random_get", (m, a) -> Randoms.randomGet(ctx, m, i(a, 0), i(a, 1)));
        d.put("sock_accept", (m, a) -> Sockets.notASocket(ctx, i(a, 0)));
        d.put("sock_recv", (m, a) -> Sockets.notASocket(ctx, i(a, 0)));
        d.put("sock_send", (m, a) -> Sockets.notASocket(ctx, i(a, 0)));
        d.put("sock_shutdown", (m, a) -> Sockets.notASocket(ctx, i(a, 0)));
        return d;
    }
}
