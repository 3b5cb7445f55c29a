package dev.bytelift.compiler.text;

import dev.bytelift.compiler.text.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * The module grammar of the text format, in two passes. The first reads every field's kind and
 * identifier (so fields may refer to later ones), parses type definitions, and remembers where each
 * other field starts; the second parses each field from there with all names known and writes its
 * binary encoding ({@link FieldParser}).
 */
public final class WatParser {
    private WatParser() {}

    /** A parsed module: its identifier ({@code $name}, or null) and its binary encoding. */
    public record Parsed(String id, byte[] binary) {}

    /**
     * Parses {@code (module $id? field*)}, the cursor at its {@code (}; consumes through the matching
     * {@code )} and returns the binary module.
     */
    public static byte[] parseModule(TokenCursor c) {
        return parse(c).binary();
    }

    /** As {@link #parseModule}, also returning the module's identifier. */
    public static Parsed parse(TokenCursor c) {
        c.lparen();
        c.expectKeyword("module");
        String id = c.acceptId();
        byte[] binary = fields(c, id);
        c.rparen();
        return new Parsed(id, binary);
    }

    /**
     * The identifier of the {@code (module $id ...)} that comes next (of any form, also {@code binary}
     * and {@code quote} ones), or null; consumes nothing.
     */
    public static String peekModuleId(TokenCursor c) {
        if (!c.atParen("module")) return null;
        Token t = c.peek(2);
        return t.kind() == Kind.ID ? t.text() : null;
    }

    /**
     * Module fields up to a {@code )} or the end of the text (not consumed): the binary module;
     * {@code id} is the module's identifier or null.
     */
    static byte[] fields(TokenCursor c, String id) {
        return fields(c, id, null);
    }

    /** As {@link #fields(TokenCursor, String)}, recording instruction positions in {@code map} if not null. */
    static byte[] fields(TokenCursor c, String id, SourceMap map) {
        return fields(c, id, map, true);
    }

    /** As {@link #fields(TokenCursor, String, SourceMap)}; {@code memory64} as {@link Wat#toBinary(byte[], String, boolean)}. */
    static byte[] fields(TokenCursor c, String id, SourceMap map, boolean memory64) {
        TextModule m = new TextModule();
        m.memory64 = memory64;
        m.id = id;
        m.sourceMap = map;
        List<Token> starts = scan(c, m);
        m.types.requireDefined(m.laterTypeNames); // a later type may be named, an undefined one not
        FieldParser p = new FieldParser(m);
        for (Token start : starts) {
            TokenCursor f = c.at(start);
            f.next();
            p.field(f, f.next());
        }
        return m.encode();
    }

    /** The first pass: defines every identifier and type; the start of each other field. */
    private static List<Token> scan(TokenCursor c, TextModule m) {
        List<Token> starts = new ArrayList<>();
        String defined = null; // the kind of the first definition (imports may not follow one)
        while (c.at(Kind.LPAREN)) {
            Token open = c.next();
            Token kw = c.next();
            if (kw.kind() != Kind.KEYWORD) throw c.unexpected(kw);
            switch (kw.text()) {
                case "type" -> {
                    typeDefinition(c, m);
                    continue;
                }
                case "import" -> {
                    c.expect(Kind.STRING);
                    c.expect(Kind.STRING);
                    c.lparen();
                    Token k = c.next();
                    Space s = space(m, k);
                    if (s == null) throw c.unexpected(k);
                    if (defined != null) throw c.fail(kw, "import after " + defined);
                    s.define(c.at(Kind.ID) ? c.next() : null);
                    c.skipUnchecked();
                    c.skipUnchecked();
                }
                case "func", "table", "memory", "global", "tag" -> {
                    Token id = c.at(Kind.ID) ? c.next() : null;
                    while (c.acceptParen("export")) c.skipUnchecked();
                    if (c.atParen("import")) {
                        if (defined != null) throw c.fail(c.peek(1), "import after " + defined);
                    } else {
                        if (defined == null) defined = kw.is("func") ? "function" : kw.text();
                        if (kw.is("table") && inlineSegment(c, "elem")) m.elems.define(null);
                        if (kw.is("memory") && c.atParen("data")) m.datas.define(null);
                    }
                    space(m, kw).define(id);
                    if (kw.is("table") && mentionsRef(c)) m.typedTables = true;
                    c.skipUnchecked();
                }
                case "elem" -> {
                    m.elems.define(c.at(Kind.ID) ? c.next() : null);
                    c.skipUnchecked();
                }
                case "data" -> {
                    m.datas.define(c.at(Kind.ID) ? c.next() : null);
                    c.skipUnchecked();
                }
                case "export", "start" -> c.skipUnchecked();
                default -> throw c.unexpected(kw);
            }
            starts.add(open);
        }
        return starts;
    }

    /** Whether a table's {@code reftype (elem ...)} comes next (after an optional index type). */
    private static boolean inlineSegment(TokenCursor c, String kw) {
        int i = c.peek().is("i32") || c.peek().is("i64") ? 1 : 0;
        if (c.peek(i).kind() == Kind.LPAREN && c.peek(i + 1).is("ref")) {
            int depth = 0; // skip (ref null? heaptype)
            do {
                Token t = c.peek(i++);
                if (t.kind() == Kind.LPAREN) depth++;
                else if (t.kind() == Kind.RPAREN) depth--;
                else if (t.kind() == Kind.EOF) return false;
            } while (depth > 0);
        } else {
            i++;
        }
        return c.peek(i).kind() == Kind.LPAREN && c.peek(i + 1).is(kw);
    }

    /** Whether the rest of the field has a {@code (ref ...)} (only tables are asked, so it is short). */
    private static boolean mentionsRef(TokenCursor c) {
        int depth = 1;
        for (int i = 0; depth > 0; i++) {
            Token t = c.peek(i);
            if (t.kind() == Kind.EOF) return false;
            if (t.kind() == Kind.LPAREN) {
                depth++;
                if (c.peek(i + 1).is("ref")) return true;
            } else if (t.kind() == Kind.RPAREN) {
                depth--;
            }
        }
        return false;
    }

    private static Space space(TextModule m, Token kind) {
        return switch (kind.kind() == Kind.KEYWORD ? kind.text() : "") {
            case "func" -> m.funcs;
            case "table" -> m.tables;
            case "memory" -> m.memories;
            case "global" -> m.globals;
            case "tag" -> m.tags;
            default -> null;
        };
    }

    /** {@code (type $id? (func (param ...)* (result ...)*))} after {@code (type}. */
    private static void typeDefinition(TokenCursor c, TextModule m) {
        Token id = c.at(Kind.ID) ? c.next() : null;
        c.lparen();
        c.expectKeyword("func");
        m.types.define(id); // a type may name itself (a recursive type: the decoder says GC)
        m.inTypeDefinition = true;
        TypeUse u = TypeUse.parse(c, m, true);
        m.inTypeDefinition = false;
        if (u.hasExplicit) throw c.unexpected(c.last());
        c.rparen();
        c.rparen();
        m.addType(u.inline);
    }
}
