package dev.bytelift.testmodules.reliability;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import dev.bytelift.runtime.CompileException;
import dev.bytelift.runtime.Engine;
import dev.bytelift.testmodules.wasm.Bytes;

/**
 * Every place where one part of a module names an index of another index space (types, functions,
 * tables, memories, globals, data and element segments, labels, locals), pointing past the end of
 * that space or into a space whose section is missing: each must fail to compile with
 * the spec's message (as {@code InvalidModuleException}, or {@code MalformedModuleException} where the
 * binary format itself forbids it), never with a JVM exception. A start
 * section naming a function of an unknown type once escaped as {@code IndexOutOfBoundsException}.
 *
 * <p>Each case also runs with a custom section (an empty one, and a {@code name} section naming
 * functions and locals that do not exist) at every position the binary format allows.
 */
class IndexReferencesTest {
    private static final Engine ENGINE = new Engine();

    private static final int TYPE = 1, IMPORT = 2, FUNCTION = 3, TABLE = 4, MEMORY = 5, GLOBAL = 6, EXPORT = 7,
            START = 8, ELEMENT = 9, CODE = 10, DATA = 11, DATA_COUNT = 12;
    private static final int I32 = 0x7F, FUNCREF = 0x70, END = 0x0B;

    record Section(int id, byte[] content) {}

    record Case(String name, String message, List<Section> sections) {}

    private static Section section(int id, Bytes content) {
        return new Section(id, content.toArray());
    }

    /** A vector section of {@code n} entries given as their encoded bytes. */
    private static Section vec(int id, int n, Bytes entries) {
        return section(id, new Bytes().u32(n).bytes(entries.toArray()));
    }

    private static Bytes b(int... bytes) {
        return new Bytes().op(bytes);
    }

    /** One type: {@code (params) -> ()}. */
    private static Section types(int... params) {
        Bytes t = b(0x60).u32(params.length).op(params).u32(0);
        return vec(TYPE, 1, t);
    }

    private static Section funcs(int... typeIndices) {
        Bytes f = new Bytes();
        for (int t : typeIndices) f.u32(t);
        return vec(FUNCTION, typeIndices.length, f);
    }

    /** A code section with one body per argument, each the instructions without locals or {@code end}. */
    private static Section code(Bytes... bodies) {
        Bytes s = new Bytes();
        for (Bytes body : bodies) {
            byte[] insns = body.toArray();
            s.u32(insns.length + 2).u32(0).bytes(insns).op(END);
        }
        return vec(CODE, bodies.length, s);
    }

    /** A module with one function of type {@code () -> ()} (or {@code params -> ()}) whose body is {@code insns}. */
    private static List<Section> oneFunc(Bytes insns, Section... more) {
        List<Section> s = new ArrayList<>();
        s.add(types());
        s.add(funcs(0));
        s.addAll(List.of(more));
        s.add(code(insns));
        s.sort((x, y) -> Integer.compare(order(x.id), order(y.id)));
        return s;
    }

    private static int order(int id) {
        return id == DATA_COUNT ? 95 : id == CODE ? 100 : id == DATA ? 110 : id * 10;
    }

    private static Section start(int function) {
        return section(START, new Bytes().u32(function));
    }

    private static Section dataCount(int n) {
        return section(DATA_COUNT, new Bytes().u32(n));
    }

    private static Section funcImport(int type) {
        return vec(IMPORT, 1, new Bytes().name("m").name("f").op(0x00).u32(type));
    }

    private static Case c(String name, String message, List<Section> sections) {
        return new Case(name, message, sections);
    }

    private static Case c(String name, String message, Section... sections) {
        return new Case(name, message, List.of(sections));
    }

    static List<Case> cases() {
        Section table = vec(TABLE, 1, b(FUNCREF, 0x00, 0x01));
        Section memory = vec(MEMORY, 1, b(0x00, 0x01));
        Section global = vec(GLOBAL, 1, b(I32, 0x00).i32Const(0).op(END));
        return List.of(
                // the type index space
                c("function of a missing type section", "unknown type", funcs(0), code(b())),
                c("function of a type past the end", "unknown type", types(), funcs(1), code(b())),
                c("imported function of a missing type section", "unknown type", funcImport(0)),
                c("imported function of a type past the end", "unknown type", types(), funcImport(3)),
                c("start naming a function of an unknown type", "unknown type", funcs(0),
                        start(0), code(b())),
                c("start naming an imported function of an unknown type", "unknown type", funcImport(0),
                        start(0)),
                c("start naming a function of a type past the end", "unknown type", types(), funcImport(0),
                        funcs(5), start(1), code(b())),
                c("block type index", "unknown type", oneFunc(b(0x02).u32(7).op(END))),
                c("call_indirect type index", "unknown type", oneFunc(b(0x41, 0, 0x11, 9, 0), table)),
                // functions
                c("start in a module without functions", "unknown function", types(), start(0)),
                c("start past the end", "unknown function", types(), funcs(0), start(1), code(b())),
                c("export of a missing function", "unknown function", vec(EXPORT, 1, new Bytes().name("f").op(0, 0))),
                c("element segment function", "unknown function",
                        table, vec(ELEMENT, 1, b(0x00).i32Const(0).op(END).u32(1).u32(3))),
                c("element expression ref.func", "unknown function",
                        table, vec(ELEMENT, 1, b(0x05, FUNCREF).u32(1).op(0xD2).u32(3).op(END))),
                c("global initialiser ref.func", "unknown function",
                        vec(GLOBAL, 1, b(FUNCREF, 0x00, 0xD2, 0x00, END))),
                c("call", "unknown function", oneFunc(b(0x10).u32(1))),
                c("ref.func in code", "unknown function", oneFunc(b(0xD2).u32(1).op(0x1A))),
                // tables
                c("export of a missing table", "unknown table", vec(EXPORT, 1, new Bytes().name("t").op(1, 0))),
                c("active element segment without tables", "unknown table",
                        vec(ELEMENT, 1, b(0x00).i32Const(0).op(END).u32(0))),
                c("element segment with a table index past the end", "unknown table",
                        table, vec(ELEMENT, 1, b(0x02).u32(1).i32Const(0).op(END).op(0x00).u32(0))),
                c("call_indirect without a table", "unknown table", oneFunc(b(0x41, 0, 0x11, 0, 0))),
                c("table.get", "unknown table", oneFunc(b(0x41, 0, 0x25, 0, 0x1A))),
                c("table.size", "unknown table", oneFunc(b(0xFC).u32(16).u32(0).op(0x1A))),
                c("table.copy", "unknown table", oneFunc(b(0x41, 0, 0x41, 0, 0x41, 0, 0xFC).u32(14).u32(1).u32(0), table)),
                c("table.init table", "unknown table", oneFunc(b(0x41, 0, 0x41, 0, 0x41, 0, 0xFC).u32(12).u32(0).u32(0),
                        vec(ELEMENT, 1, b(0x01, 0x00).u32(0)))),
                // memories
                c("export of a missing memory", "unknown memory", vec(EXPORT, 1, new Bytes().name("m").op(2, 0))),
                c("active data segment without memories", "unknown memory", vec(DATA, 1, b(0x00).i32Const(0).op(END).u32(0))),
                c("data segment with a memory index past the end", "unknown memory",
                        memory, vec(DATA, 1, b(0x02).u32(1).i32Const(0).op(END).u32(0))),
                c("load without a memory", "unknown memory", oneFunc(b(0x41, 0, 0x28, 2, 0, 0x1A))),
                c("memory.size without a memory", "unknown memory", oneFunc(b(0x3F, 0, 0x1A))),
                c("memory.fill without a memory", "unknown memory", oneFunc(b(0x41, 0, 0x41, 0, 0x41, 0, 0xFC).u32(11).u32(0))),
                // globals
                c("export of a missing global", "unknown global", vec(EXPORT, 1, new Bytes().name("g").op(3, 0))),
                c("global initialiser naming itself", "unknown global", vec(GLOBAL, 1, b(I32, 0x00, 0x23, 0x00, END))),
                c("element offset global", "unknown global", table,
                        vec(ELEMENT, 1, b(0x00, 0x23, 0x02, END).u32(0))),
                c("data offset global", "unknown global", memory, vec(DATA, 1, b(0x00, 0x23, 0x00, END).u32(0))),
                c("global.get in code", "unknown global", oneFunc(b(0x23, 0x01, 0x1A), global)),
                c("global.set of an immutable global", "immutable global", oneFunc(b(0x41, 0, 0x24, 0x00), global)),
                // data and element segments
                // (the suite's memory_init.wast expects this rather than "data count section required")
                c("memory.init without data count or data sections", "unknown data segment",
                        oneFunc(b(0x41, 0, 0x41, 0, 0x41, 0, 0xFC).u32(8).u32(0).u32(0), memory)),
                c("memory.init with data but without a data count section", "data count section required",
                        oneFunc(b(0x41, 0, 0x41, 0, 0x41, 0, 0xFC).u32(8).u32(0).u32(0), memory,
                                vec(DATA, 1, b(0x01).u32(0)))),
                c("data.drop past the data count", "unknown data segment",
                        oneFunc(b(0xFC).u32(9).u32(1), memory, dataCount(0))),
                c("elem.drop without element segments", "unknown elem segment", oneFunc(b(0xFC).u32(13).u32(0))),
                c("table.init segment past the end", "unknown elem segment",
                        oneFunc(b(0x41, 0, 0x41, 0, 0x41, 0, 0xFC).u32(12).u32(2).u32(0), table)),
                // labels and locals
                c("br past the outermost label", "unknown label", oneFunc(b(0x0C, 0x01))),
                c("br_table default past the outermost label", "unknown label", oneFunc(b(0x41, 0, 0x0E, 0x00, 0x03))),
                c("local.get without locals", "unknown local", oneFunc(b(0x20, 0x00, 0x1A))));
    }

    @TestFactory
    Stream<DynamicTest> eachReferencePastItsIndexSpaceIsInvalid() {
        return cases().stream().map(k -> DynamicTest.dynamicTest(k.name(), () -> {
            CompileException e = assertThrows(CompileException.class, () -> ENGINE.compile(bytes(k.sections())));
            assertTrue(e.specMessage().startsWith(k.message()), k.name() + ": " + e.getMessage());
        }));
    }

    /** The same cases with an empty custom section, then a name section of unknown names, at every position. */
    @TestFactory
    Stream<DynamicTest> customSectionsAnywhereChangeNothing() {
        Section empty = section(0, new Bytes().name("x"));
        Bytes names = new Bytes().name("name");
        names.op(1).u32(new Bytes().u32(1).u32(1_000_000).name("no_such_function").size())
                .u32(1).u32(1_000_000).name("no_such_function");
        Bytes locals = new Bytes().u32(1).u32(77).u32(1).u32(5).name("no_such_local");
        names.op(2).u32(locals.size()).bytes(locals.toArray());
        Section nameSection = new Section(0, names.toArray());
        return cases().stream().map(k -> DynamicTest.dynamicTest(k.name(), () -> {
            for (Section custom : List.of(empty, nameSection)) {
                for (int at = 0; at <= k.sections().size(); at++) {
                    List<Section> s = new ArrayList<>(k.sections());
                    s.add(at, custom);
                    try {
                        ENGINE.compile(bytes(s));
                        fail(k.name() + " compiled with a custom section at " + at);
                    } catch (CompileException e) {
                        assertTrue(e.specMessage().startsWith(k.message()), k.name() + " at " + at + ": " + e.getMessage());
                    }
                }
            }
        }));
    }

    static byte[] bytes(List<Section> sections) {
        Bytes out = b(0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00);
        for (Section s : sections) out.op(s.id()).u32(s.content().length).bytes(s.content());
        return out.toArray();
    }
}
