package dev.bytelift.wast;

import java.util.List;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.Global;
import dev.bytelift.runtime.GlobalType;
import dev.bytelift.runtime.Limits;
import dev.bytelift.runtime.Linker;
import dev.bytelift.runtime.Memory;
import dev.bytelift.runtime.MemoryType;
import dev.bytelift.runtime.Store;
import dev.bytelift.runtime.Table;
import dev.bytelift.runtime.TableType;
import dev.bytelift.runtime.ValType;

/**
 * The {@code spectest} host module the spec scripts import from. Types, kinds and limits are
 * exact: {@code imports.wast} and {@code linking.wast} expect "incompatible import type" against
 * precisely these.
 */
final class Spectest {
    private Spectest() {}

    static void define(Linker linker, Store store) {
        print(linker, store, "print");
        print(linker, store, "print_i32", ValType.I32);
        print(linker, store, "print_i64", ValType.I64);
        print(linker, store, "print_f32", ValType.F32);
        print(linker, store, "print_f64", ValType.F64);
        print(linker, store, "print_i32_f32", ValType.I32, ValType.F32);
        print(linker, store, "print_f64_f64", ValType.F64, ValType.F64);
        linker.define("spectest", "global_i32", new Global(new GlobalType(ValType.I32, false), 666));
        linker.define("spectest", "global_i64", new Global(new GlobalType(ValType.I64, false), 666L));
        linker.define("spectest", "global_f32", new Global(new GlobalType(ValType.F32, false), 666.6f));
        linker.define("spectest", "global_f64", new Global(new GlobalType(ValType.F64, false), 666.6));
        linker.define("spectest", "table", new Table(new TableType(ValType.FUNCREF, new Limits(10, 20)), null));
        linker.define("spectest", "table64",
                new Table(new TableType(ValType.FUNCREF, new Limits(10, 20), ValType.I64), null)); // table64.wast
        linker.define("spectest", "memory", new Memory(new MemoryType(new Limits(1, 2))));
    }

    /** The print functions do nothing: the scripts only import and call them. */
    private static void print(Linker linker, Store store, String name, ValType... params) {
        linker.defineFunction(store, "spectest", name, FuncType.of(List.of(params), List.of()), (caller, args) -> null);
    }
}
