package dev.bytelift.compiler.text;

import dev.bytelift.compiler.text.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * A type use: {@code (type x)?} then inline {@code (param ...)*} {@code (result ...)*}. It names
 * a type by index, or gives the type inline; an inline type with no equal type in the module adds
 * one at the end (the spec's abbreviation).
 */
final class TypeUse {
    /** Whether {@code (type x)} was written. */
    final boolean hasExplicit;
    /** The {@code (type x)} index, if {@link #hasExplicit}. */
    final int explicit;
    /** The inline type (empty if no {@code param}/{@code result} was written). */
    final FuncType inline;
    /** Whether some {@code param} or {@code result} was written. */
    final boolean hasInline;
    /** The parameters' identifiers ({@code $x} tokens, null where unnamed), one per parameter. */
    final List<Token> paramIds;
    private final Token at;

    private TypeUse(boolean hasExplicit, int explicit, FuncType inline, boolean hasInline, List<Token> paramIds,
            Token at) {
        this.hasExplicit = hasExplicit;
        this.explicit = explicit;
        this.inline = inline;
        this.hasInline = hasInline;
        this.paramIds = paramIds;
        this.at = at;
    }

    /** Parses a type use; {@code names}: whether parameters may be named ({@code (param $x i32)}). */
    static TypeUse parse(TokenCursor c, TextModule m, boolean names) {
        Token at = c.peek();
        int explicit = -1;
        boolean hasExplicit = false;
        if (c.acceptParen("type")) {
            hasExplicit = true;
            explicit = m.types.resolve(c.next());
            c.rparen();
        }
        List<Integer> params = new ArrayList<>();
        List<Token> ids = new ArrayList<>();
        List<Integer> results = new ArrayList<>();
        boolean inline = false;
        while (c.atParen("param")) {
            inline = true;
            c.next();
            c.next();
            if (c.at(Kind.ID)) {
                Token id = c.next();
                if (!names) throw c.fail(id, "unexpected token");
                ids.add(id);
                params.add(ValTypes.parse(c, m));
            } else {
                while (!c.at(Kind.RPAREN)) {
                    params.add(ValTypes.parse(c, m));
                    ids.add(null);
                }
            }
            c.rparen();
        }
        while (c.atParen("result")) {
            inline = true;
            c.next();
            c.next();
            while (!c.at(Kind.RPAREN)) results.add(ValTypes.parse(c, m));
            c.rparen();
        }
        if (c.atParen("type") || c.atParen("param")) throw c.unexpected(c.peek(1)); // out of order
        FuncType t = new FuncType(toArray(params), toArray(results));
        return new TypeUse(hasExplicit, explicit, t, inline, ids, at);
    }

    private static int[] toArray(List<Integer> l) {
        int[] a = new int[l.size()];
        for (int i = 0; i < a.length; i++) a[i] = l.get(i);
        return a;
    }

    /** The type index this use stands for (adding the inline type to the module if it must). */
    int index(TextModule m) {
        if (hasExplicit) {
            FuncType t = m.type(explicit);
            // with an inline type to check against, the index must name a type (the text says which)
            if (hasInline && t == null) throw at.error("unknown type");
            if (hasInline && !t.equals(inline)) throw at.error("inline function type");
            return explicit;
        }
        return m.typeIndex(inline);
    }

    /** The function type this use stands for (null if it names a type that does not exist). */
    FuncType type(TextModule m) {
        if (hasExplicit && !hasInline) return m.type(explicit);
        return inline;
    }

    /** Whether this is a block type that the binary format writes without a type index. */
    boolean isShortBlockType() {
        return !hasExplicit && inline.params().length == 0 && inline.results().length <= 1;
    }
}
