package dev.bytelift.compiler.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A text module being parsed: its index spaces (filled by the first pass, so that identifiers may
 * be used before their definition), its types, and the contents of each binary section (filled by
 * the second pass, field by field in text order).
 */
final class TextModule {
    final Space types = new Space("type");
    /**
     * While the first pass reads type definitions: names of later types they use (invalid without
     * recursion groups, "unknown type" from the decoder), checked to exist once all are read.
     */
    final List<Token> laterTypeNames = new ArrayList<>();
    /** Whether a type definition is being read (where {@link #laterTypeNames} applies). */
    boolean inTypeDefinition;
    final Space funcs = new Space("func");
    final Space tables = new Space("table");
    final Space memories = new Space("memory");
    final Space globals = new Space("global");
    final Space elems = new Space("elem");
    final Space datas = new Space("data");
    final Space tags = new Space("tag");

    /** Every type, the explicit ones first, then those inline type uses added (in text order). */
    final List<FuncType> typeList = new ArrayList<>();
    private final Map<FuncType, Integer> firstIndex = new HashMap<>();

    /** Whether limits and memarg offsets may be 64-bit literals (WebAssembly 3.0; else 2.0's text). */
    boolean memory64 = true;
    int importCount;
    int funcDefs;
    int tableDefs;
    int memoryDefs;
    int globalDefs;
    int tagDefs;
    int exportCount;
    int elemCount;
    int dataCount;
    int startFunc = -1;
    /** Where each instruction of the code came from, if asked for (else null). */
    SourceMap sourceMap;
    /** The module's identifier ({@code $name}), or null. */
    String id;
    /** Whether some function uses {@code memory.init} or {@code data.drop} (then a data count section is written). */
    boolean needsDataCount;
    /**
     * Whether a table has a typed reference type ({@code (ref ...)}): then element segments keep
     * their expressions, since function indices would make a segment {@code (ref func)}.
     */
    boolean typedTables;

    final ByteBuf imports = new ByteBuf();
    final ByteBuf functions = new ByteBuf();
    final ByteBuf tableSec = new ByteBuf();
    final ByteBuf memorySec = new ByteBuf();
    final ByteBuf globalSec = new ByteBuf();
    final ByteBuf tagSec = new ByteBuf();
    final ByteBuf exports = new ByteBuf();
    final ByteBuf elemSec = new ByteBuf();
    final ByteBuf code = new ByteBuf(1024);
    final ByteBuf dataSec = new ByteBuf();

    /** Adds an explicit type (first pass). */
    void addType(FuncType t) {
        firstIndex.putIfAbsent(t, typeList.size());
        typeList.add(t);
    }

    /** The index of the first type equal to {@code t}, adding it at the end if there is none. */
    int typeIndex(FuncType t) {
        Integer i = firstIndex.get(t);
        if (i != null) return i;
        int n = typeList.size();
        typeList.add(t);
        firstIndex.put(t, n);
        return n;
    }

    /** Type {@code index}, or null if there is no such type (the validator reports it). */
    FuncType type(int index) {
        return index >= 0 && index < typeList.size() ? typeList.get(index) : null; // unsigned: -1 is 2^32-1
    }

    /** The module in the binary format. */
    byte[] encode() {
        ByteBuf out = new ByteBuf(code.size() + dataSec.size() + 1024);
        out.bytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        if (!typeList.isEmpty()) {
            ByteBuf s = new ByteBuf();
            s.u32(typeList.size());
            for (FuncType t : typeList) t.encode(s);
            section(out, 1, s);
        }
        vecSection(out, 2, importCount, imports);
        vecSection(out, 3, funcDefs, functions);
        vecSection(out, 4, tableDefs, tableSec);
        vecSection(out, 5, memoryDefs, memorySec);
        vecSection(out, 13, tagDefs, tagSec); // exception handling's tags: after memories, before globals
        vecSection(out, 6, globalDefs, globalSec);
        vecSection(out, 7, exportCount, exports);
        if (startFunc >= 0) section(out, 8, new ByteBuf(8).u32(startFunc & 0xFFFFFFFFL));
        vecSection(out, 9, elemCount, elemSec);
        if (needsDataCount) section(out, 12, new ByteBuf(8).u32(dataCount));
        vecSection(out, 10, funcDefs, code);
        if (sourceMap != null) {
            // the code section's items are the last bytes written: map offsets become the binary's
            int codeStart = out.size() - code.size();
            sourceMap.shift(0, codeStart);
            sourceMap.limit(out.size());
        }
        vecSection(out, 11, dataCount, dataSec);
        names(out);
        return out.toArray();
    }

    /**
     * The custom {@code name} section, from the identifiers the text gave the module and its
     * functions (as Wasmtime's {@code wat} does): backtraces and generated method names then show
     * {@code $fac} rather than a bare index. Nothing if there are no names.
     */
    private void names(ByteBuf out) {
        java.util.SortedMap<Integer, String> funcNames = funcs.namesByIndex();
        if (id == null && funcNames.isEmpty()) return;
        ByteBuf s = new ByteBuf();
        s.name("name".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (id != null) {
            ByteBuf sub = new ByteBuf().name(id.substring(1).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            s.byte1(0).sized(sub);
        }
        if (!funcNames.isEmpty()) {
            ByteBuf sub = new ByteBuf();
            sub.u32(funcNames.size());
            funcNames.forEach((i, n) -> sub.u32(i).name(n.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            s.byte1(1).sized(sub);
        }
        section(out, 0, s);
    }

    private static void vecSection(ByteBuf out, int id, int count, ByteBuf items) {
        if (count == 0) return;
        ByteBuf s = new ByteBuf(items.size() + 5);
        s.u32(count);
        s.append(items);
        section(out, id, s);
    }

    private static void section(ByteBuf out, int id, ByteBuf contents) {
        out.byte1(id);
        out.sized(contents);
    }
}
