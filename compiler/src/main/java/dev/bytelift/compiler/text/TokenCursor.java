package dev.bytelift.compiler.text;

import dev.bytelift.compiler.text.Token.Kind;
import dev.bytelift.runtime.TextFormatException;
import java.nio.charset.StandardCharsets;

/**
 * Reads tokens from a {@link Lexer} with as much lookahead as a parser asks for: {@link #peek()},
 * {@link #peek(int)}, {@link #next()}, {@code expect...}, and {@link #fail} for errors in the
 * spec's words at a token.
 */
public final class TokenCursor {
    private final Lexer lexer;
    private Token[] ahead = new Token[8];
    private int head;
    private int count;
    private Token last;

    /** A cursor over the tokens {@code lexer} returns. */
    public TokenCursor(Lexer lexer) {
        this.lexer = lexer;
    }

    /** A cursor over {@code text}, called {@code sourceName} in error messages. */
    public static TokenCursor of(String text, String sourceName) {
        return new TokenCursor(new Lexer(text.getBytes(StandardCharsets.UTF_8), sourceName));
    }

    /** A cursor over UTF-8 text. */
    public static TokenCursor of(byte[] utf8, String sourceName) {
        return new TokenCursor(new Lexer(utf8, sourceName));
    }

    /** A new cursor over the same text, starting at {@code t} (a token this cursor returned). */
    TokenCursor at(Token t) {
        return new TokenCursor(lexer.at(t));
    }

    /** The name errors give the text. */
    public String sourceName() {
        return lexer.sourceName();
    }

    /** The next token, not consumed. */
    public Token peek() {
        return peek(0);
    }

    /** The token {@code n} after the next one (0: the next one), not consumed. */
    public Token peek(int n) {
        while (count <= n) {
            if (count == ahead.length) {
                Token[] grown = new Token[ahead.length * 2];
                for (int i = 0; i < count; i++) grown[i] = ahead[(head + i) % ahead.length];
                ahead = grown;
                head = 0;
            }
            ahead[(head + count) % ahead.length] = lexer.next();
            count++;
        }
        return ahead[(head + n) % ahead.length];
    }

    /** Consumes and returns the next token. */
    public Token next() {
        Token t = peek(0);
        if (t.kind() != Kind.EOF) {
            ahead[head] = null;
            head = (head + 1) % ahead.length;
            count--;
        }
        last = t;
        return t;
    }

    /** The token consumed last, or null. */
    public Token last() {
        return last;
    }

    /** Whether the next token is {@code kind}. */
    public boolean at(Kind kind) {
        return peek().kind() == kind;
    }

    /** Whether the next token is the keyword {@code kw}. */
    public boolean atKeyword(String kw) {
        return peek().is(kw);
    }

    /** Whether the next tokens are {@code (} and the keyword {@code kw}. */
    public boolean atParen(String kw) {
        return peek().kind() == Kind.LPAREN && peek(1).is(kw);
    }

    /** Consumes the next token if it is {@code kind} and returns it, else fails with "unexpected token". */
    public Token expect(Kind kind) {
        Token t = peek();
        if (t.kind() != kind) throw unexpected(t);
        return next();
    }

    /** Consumes the keyword {@code kw}, else fails with "unexpected token". */
    public Token expectKeyword(String kw) {
        Token t = peek();
        if (!t.is(kw)) throw unexpected(t);
        return next();
    }

    /** Consumes {@code (}. */
    public void lparen() {
        expect(Kind.LPAREN);
    }

    /** Consumes {@code )}. */
    public void rparen() {
        expect(Kind.RPAREN);
    }

    /** Consumes {@code (} and the keyword {@code kw} if they come next; whether it did. */
    public boolean acceptParen(String kw) {
        if (!atParen(kw)) return false;
        next();
        next();
        return true;
    }

    /** Consumes the keyword {@code kw} if it comes next; whether it did. */
    public boolean acceptKeyword(String kw) {
        if (!atKeyword(kw)) return false;
        next();
        return true;
    }

    /** Consumes an identifier if one comes next and returns its text ({@code $name}), else null. */
    public String acceptId() {
        return at(Kind.ID) ? next().text() : null;
    }

    /** An error at {@code t} with {@code message} in the spec's words. */
    public TextFormatException fail(Token t, String message) {
        return t.error(message);
    }

    /**
     * "unexpected token" at {@code t} ("unexpected end of file" there); a reserved token, which no
     * rule accepts (such as {@code 0drop} or {@code data"a"}), is "unknown operator".
     */
    public TextFormatException unexpected(Token t) {
        return t.error(switch (t.kind()) {
            case EOF -> "unexpected end of file, unexpected token";
            case RESERVED -> "unknown operator " + t.text();
            default -> "unexpected token";
        });
    }

    /** Skips the rest of the current parenthesized form: tokens up to and including its {@code )}. */
    public void skipToClose() {
        int depth = 1;
        while (depth > 0) {
            Token t = next();
            switch (t.kind()) {
                case LPAREN -> depth++;
                case RPAREN -> depth--;
                case EOF -> throw unexpected(t);
                default -> { }
            }
        }
    }
}
