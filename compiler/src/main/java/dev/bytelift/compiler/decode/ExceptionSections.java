package dev.bytelift.compiler.decode;

import dev.bytelift.runtime.Feature;
import dev.bytelift.runtime.FuncType;
import dev.bytelift.runtime.ImportType;
import dev.bytelift.runtime.TagType;

/**
 * The module-level parts of exception handling (WebAssembly 3.0): the tag section (id 13) and tag
 * imports. A tag is an attribute byte (0: an exception) and a function type index whose type has
 * no results.
 */
final class ExceptionSections {
    private ExceptionSections() {}

    static void tagSection(ModuleDecoder d, ByteReader in, ModuleInfo m, Features features, int at) {
        features.require(Feature.EXCEPTIONS, at);
        int n = in.u32Count();
        for (int i = 0; i < n; i++) m.tagTypes.add(tagType(d, in, m));
    }

    static void tagImport(ModuleDecoder d, ByteReader in, ModuleInfo m, Features features, String module, String name,
            int at) {
        features.require(Feature.EXCEPTIONS, at);
        int t = tagType(d, in, m);
        FuncType ft = t < 0 ? FuncType.of(java.util.List.of(), java.util.List.of()) : m.types.get(t);
        m.imports.add(new ImportType(module, name, new TagType(ft.resultCount() == 0 ? ft : FuncType.of(ft.params(), java.util.List.of()))));
        m.tagTypes.add(Math.max(t, 0));
        m.importedTags++;
    }

    /** Reads a tag type (attribute, type index); returns the type index, or -1 if unknown (reported). */
    private static int tagType(ModuleDecoder d, ByteReader in, ModuleInfo m) {
        int at = in.pos();
        if (in.u8() != 0) throw in.malformed("malformed tag attribute", at);
        int typeAt = in.pos();
        int t = in.u32();
        if (Integer.compareUnsigned(t, m.types.size()) >= 0) {
            d.invalid("unknown type", typeAt);
            return -1;
        }
        if (m.types.get(t).resultCount() != 0) d.invalid("non-empty tag result type", typeAt);
        d.requireCallable(m.types.get(t), t, typeAt);
        return t;
    }
}
