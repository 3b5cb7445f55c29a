package dev.bytelift.wasi.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
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
        return definitions(caller -> ctx);
    }

    /**
     * Every function of {@code wasi_snapshot_preview1}, in the witx order, finding the state of each
     * call with {@code contextOf} (the calling store's WASI, for a linker shared by stores). What
     * {@code contextOf} throws leaves the call as itself, not as an errno.
     */
    public static List<Definition> definitions(Function<Caller, WasiContext> contextOf) {
        List<Definition> out = new ArrayList<>(46);
        for (String name : SIGNATURES.keySet()) {
            boolean exit = name.equals("proc_exit");
            boolean poll = name.equals("poll_oneoff");
            out.add(new Definition(name, type(SIGNATURES.get(name), !exit), (caller, args) -> {
                WasiContext ctx = contextOf.apply(caller);
                GuestMemory mem = new GuestMemory(caller == null ? null : caller.memory());
                Body b = poll ? (m, a) -> Poll.pollOneoff(ctx, m, i(a, 0), i(a, 1), i(a, 2), i(a, 3),
                        epochDeadlinePassed(caller)) : new Named(ctx, name);
                java.util.function.Consumer<String> trace = ctx.trace;
                if (trace != null && exit) trace.accept(Trace.call(name, args, -1));
                int errno = call(mem, args, b);
                if (trace != null) trace.accept(Trace.call(name, args, errno));
                return exit ? null : new Object[] {errno};
            }));
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Whether a wait should end early: the calling store runs with epoch interruption and has
     * reached its deadline, or its engine is interruptible and the thread was interrupted.
     */
    private static BooleanSupplier epochDeadlinePassed(Caller caller) {
        Store store = caller == null ? null : caller.store();
        if (store == null) return () -> false;
        boolean epochs = store.engine().config().epochInterruption();
        boolean interruptible = store.engine().config().interruptible();
        if (!epochs && !interruptible) return () -> false;
        return () -> interruptible && Thread.currentThread().isInterrupted()
                || epochs && store.engine().currentEpoch() >= store.epochDeadline();
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

    /**
     * The implementations, by name, in the order of {@link #SIGNATURES}: one small object per
     * function rather than a lambda each, since every lambda is a class the JVM spins at start-up.
     */
    static Map<String, Body> bodies(WasiContext ctx) {
        Map<String, Body> d = new LinkedHashMap<>();
        for (String name : SIGNATURES.keySet()) d.put(name, new Named(ctx, name));
        return d;
    }

    private record Named(WasiContext ctx, String name) implements Body {
        @Override
        public int run(GuestMemory m, Object[] a) throws IOException {
            return dispatch(ctx, name, m, a);
        }
    }

    /** Runs the WASI function {@code name} with the boxed arguments {@code a}; returns its errno. */
    static int dispatch(WasiContext ctx, String name, GuestMemory m, Object[] a) throws IOException {
        return switch (name) {
            case "args_get" -> ArgsEnviron.argsGet(ctx, m, i(a, 0), i(a, 1));
            case "args_sizes_get" -> ArgsEnviron.argsSizesGet(ctx, m, i(a, 0), i(a, 1));
            case "environ_get" -> ArgsEnviron.environGet(ctx, m, i(a, 0), i(a, 1));
            case "environ_sizes_get" -> ArgsEnviron.environSizesGet(ctx, m, i(a, 0), i(a, 1));
            case "clock_res_get" -> Clocks.clockResGet(m, i(a, 0), i(a, 1));
            case "clock_time_get" -> Clocks.clockTimeGet(ctx, m, i(a, 0), l(a, 1), i(a, 2));
            case "fd_advise" -> FdOps.advise(ctx, i(a, 0), l(a, 1), l(a, 2), i(a, 3));
            case "fd_allocate" -> FdOps.allocate(ctx, i(a, 0), l(a, 1), l(a, 2));
            case "fd_close" -> FdOps.close(ctx, i(a, 0));
            case "fd_datasync" -> FdOps.sync(ctx, i(a, 0), false);
            case "fd_fdstat_get" -> FdOps.fdstatGet(ctx, m, i(a, 0), i(a, 1));
            case "fd_fdstat_set_flags" -> FdOps.fdstatSetFlags(ctx, i(a, 0), i(a, 1));
            case "fd_fdstat_set_rights" -> FdOps.fdstatSetRights(ctx, i(a, 0), l(a, 1), l(a, 2));
            case "fd_filestat_get" -> FdOps.filestatGet(ctx, m, i(a, 0), i(a, 1));
            case "fd_filestat_set_size" -> FdOps.filestatSetSize(ctx, i(a, 0), l(a, 1));
            case "fd_filestat_set_times" -> FdOps.filestatSetTimes(ctx, i(a, 0), l(a, 1), l(a, 2), i(a, 3));
            case "fd_pread" -> FdOps.pread(ctx, m, i(a, 0), i(a, 1), i(a, 2), l(a, 3), i(a, 4));
            case "fd_prestat_get" -> FdOps.prestatGet(ctx, m, i(a, 0), i(a, 1));
            case "fd_prestat_dir_name" -> FdOps.prestatDirName(ctx, m, i(a, 0), i(a, 1), i(a, 2));
            case "fd_pwrite" -> FdOps.pwrite(ctx, m, i(a, 0), i(a, 1), i(a, 2), l(a, 3), i(a, 4));
            case "fd_read" -> FdOps.read(ctx, m, i(a, 0), i(a, 1), i(a, 2), i(a, 3));
            case "fd_readdir" -> FdOps.readdir(ctx, m, i(a, 0), i(a, 1), i(a, 2), l(a, 3), i(a, 4));
            case "fd_renumber" -> FdOps.renumber(ctx, i(a, 0), i(a, 1));
            case "fd_seek" -> FdOps.seek(ctx, m, i(a, 0), l(a, 1), i(a, 2), i(a, 3));
            case "fd_sync" -> FdOps.sync(ctx, i(a, 0), true);
            case "fd_tell" -> FdOps.tell(ctx, m, i(a, 0), i(a, 1));
            case "fd_write" -> FdOps.write(ctx, m, i(a, 0), i(a, 1), i(a, 2), i(a, 3));
            case "path_create_directory" -> PathOps.createDirectory(ctx, m, i(a, 0), i(a, 1), i(a, 2));
            case "path_filestat_get" -> PathOps.filestatGet(ctx, m, i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4));
            case "path_filestat_set_times" -> PathOps.filestatSetTimes(ctx, m, i(a, 0), i(a, 1), i(a, 2), i(a, 3),
                    l(a, 4), l(a, 5), i(a, 6));
            case "path_link" -> PathOps.link(ctx, m, i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4), i(a, 5),
                    i(a, 6));
            case "path_open" -> PathOps.open(ctx, m, i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4), l(a, 5), l(a, 6),
                    i(a, 7), i(a, 8));
            case "path_readlink" -> PathOps.readlink(ctx, m, i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4), i(a, 5));
            case "path_remove_directory" -> PathOps.removeDirectory(ctx, m, i(a, 0), i(a, 1), i(a, 2));
            case "path_rename" -> PathOps.rename(ctx, m, i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4), i(a, 5));
            case "path_symlink" -> PathOps.symlink(ctx, m, i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4));
            case "path_unlink_file" -> PathOps.unlinkFile(ctx, m, i(a, 0), i(a, 1), i(a, 2));
            case "poll_oneoff" -> Poll.pollOneoff(ctx, m, i(a, 0), i(a, 1), i(a, 2), i(a, 3), () -> false);
            case "proc_exit" -> {
                Proc.exit(ctx, i(a, 0));
                yield Errno.SUCCESS; // not reached: exit throws
            }
            case "proc_raise" -> Proc.raise(i(a, 0));
            case "sched_yield" -> Proc.schedYield();
            case "random_get" -> Randoms.randomGet(ctx, m, i(a, 0), i(a, 1));
            case "sock_accept" -> Sockets.notASocket(ctx, i(a, 0));
            case "sock_recv" -> Sockets.notASocket(ctx, i(a, 0));
            case "sock_send" -> Sockets.notASocket(ctx, i(a, 0));
            case "sock_shutdown" -> Sockets.notASocket(ctx, i(a, 0));
            default -> throw new IllegalArgumentException("not a WASI preview 1 function: " + name);
        };
    }
}
