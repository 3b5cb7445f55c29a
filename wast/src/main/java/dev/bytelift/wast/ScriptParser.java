package dev.bytelift.wast;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import dev.bytelift.compiler.text.Token;
import dev.bytelift.compiler.text.Token.Kind;
import dev.bytelift.compiler.text.TokenCursor;
import dev.bytelift.runtime.TextFormatException;

/**
 * Reads a {@code .wast} script (the spec interpreter's script format) into a {@link Script}, on
 * the compiler's text-format lexer. Text modules are only delimited here, not parsed: each
 * becomes a binary when its command runs (see {@link ModuleSource}), so one module the text
 * parser rejects fails one command, not the whole script. Anything else that does not parse is a
 * {@link TextFormatException} naming the script's line and column.
 */
public final class ScriptParser {
    /** Commands of later proposals, parsed as {@link Command.Unsupported} (skipped when run). */
    private static final Set<String> UNSUPPORTED = Set.of(
            "assert_suspension", "assert_malformed_custom", "assert_invalid_custom",
            "thread", "wait", "script", "input", "output");

    /** The keywords of module fields: a script that starts with one is an inline module. */
    private static final Set<String> MODULE_FIELDS = Set.of(
            "type", "import", "func", "table", "memory", "global", "export", "start", "elem", "data", "tag", "rec");

    private final byte[] src;
    private final TokenCursor in;
    /** What of a later proposal the command being parsed uses, or null: it becomes {@link Command.Unsupported}. */
    private String unsupported;

    private ScriptParser(byte[] utf8, String sourceName) {
        this.src = utf8;
        this.in = TokenCursor.of(utf8, sourceName);
    }

    /**
     * Parses a script.
     *
     * @param utf8 the script's text, UTF-8
     * @param sourceName its name in messages (usually the file name)
     * @return the script
     * @throws TextFormatException if it does not parse: {@code sourceName:line:column: message}
     */
    public static Script parse(byte[] utf8, String sourceName) {
        return new ScriptParser(utf8, sourceName).script();
    }

    /**
     * Parses a script given as a string.
     *
     * @param text the script's text
     * @param sourceName its name in messages
     * @return the script
     * @throws TextFormatException if it does not parse
     */
    public static Script parse(String text, String sourceName) {
        return parse(text.getBytes(StandardCharsets.UTF_8), sourceName);
    }

    // ---- tokens

    private Token peek() {
        return in.peek();
    }

    private Token next() {
        return in.next();
    }

    /** "unexpected token", naming it: in a script of thousands of lines the token helps. */
    private static TextFormatException unexpected(Token t) {
        return t.error(t.kind() == Kind.EOF ? "unexpected end of file" : "unexpected token " + t);
    }

    private Token expect(Kind kind) {
        if (peek().kind() != kind) throw unexpected(peek());
        return next();
    }

    private Token keyword() {
        return expect(Kind.KEYWORD);
    }

    private String string() {
        Token t = expect(Kind.STRING);
        String s = t.utf8();
        if (s == null) throw t.error("malformed UTF-8 encoding");
        return s;
    }

    private void close() {
        expect(Kind.RPAREN);
    }

    /** Skips the rest of the form open at hand, up to and including its {@code )}. */
    private void skipToClose() {
        int depth = 1;
        while (depth > 0) {
            Token t = next();
            switch (t.kind()) {
                case LPAREN -> depth++;
                case RPAREN -> depth--;
                case EOF -> throw t.error("unexpected end of file: unbalanced parentheses");
                default -> { }
            }
        }
    }

    /** Notes that the command uses {@code what} of a later proposal, and skips the form open at hand. */
    private void unsupported(String what) {
        if (unsupported == null) unsupported = what;
        skipToClose();
    }

    // ---- commands

    private Script script() {
        List<Command> commands = new ArrayList<>();
        if (peek().kind() == Kind.LPAREN && in.peek(1).kind() == Kind.KEYWORD && MODULE_FIELDS.contains(in.peek(1).text())) {
            // the spec interpreter's inline module: a script of module fields is one module
            commands.add(new Command.ModuleCommand(in.peek(1).line(), null,
                    new ModuleSource.Text(new String(src, StandardCharsets.UTF_8), 1, 1)));
            return new Script(in.sourceName(), commands);
        }
        while (peek().kind() != Kind.EOF) {
            unsupported = null;
            Token paren = expect(Kind.LPAREN);
            Command c = command(paren);
            if (unsupported != null && !(c instanceof Command.Unsupported)) c = new Command.Unsupported(c.line(), c.kind() + " with " + unsupported);
            commands.add(c);
        }
        return new Script(in.sourceName(), commands);
    }

    /** A command whose {@code (} has been read. */
    private Command command(Token paren) {
        Token kw = keyword();
        int line = kw.line();
        switch (kw.text()) {
            case "module": {
                if (peek().is("definition")) {
                    Token definition = next();
                    ModuleSource m = moduleAfterKeyword(paren);
                    if (m instanceof ModuleSource.Text t) {
                        // the module's text without the keyword (blanked: errors keep their columns)
                        int at = definition.offset() - paren.offset();
                        String text = t.text().substring(0, at) + " ".repeat("definition".length())
                                + t.text().substring(at + "definition".length());
                        m = new ModuleSource.Text(text, t.line(), t.column());
                    }
                    return new Command.ModuleDefinition(line, moduleName, m);
                }
                if (peek().is("instance")) {
                    next();
                    String instance = in.acceptId();
                    String definition = in.acceptId();
                    close();
                    return new Command.ModuleInstance(line, instance, definition);
                }
                ModuleSource m = moduleAfterKeyword(paren);
                return new Command.ModuleCommand(line, moduleName, m);
            }
            case "register": {
                String as = string();
                String name = in.acceptId();
                close();
                return new Command.Register(line, as, name);
            }
            case "invoke":
            case "get":
                return new Command.Perform(line, actionAfterKeyword(kw));
            case "assert_return": {
                int at = in.peek(1).line();
                Action a = action();
                List<Expected> results = new ArrayList<>();
                while (peek().kind() == Kind.LPAREN) results.add(result());
                close();
                return new Command.AssertReturn(at, a, results);
            }
            case "assert_trap": {
                if (in.atParen("module")) return assertModule(Command.ModuleAssertion.TRAP);
                int at = in.peek(1).line();
                Action a = action();
                String message = string();
                close();
                return new Command.AssertTrap(at, a, message);
            }
            case "assert_exception": {
                int at = in.peek(1).line();
                Action a = action();
                close();
                return new Command.AssertException(at, a);
            }
            case "assert_exhaustion": {
                int at = in.peek(1).line();
                Action a = action();
                String message = string();
                close();
                return new Command.AssertExhaustion(at, a, message);
            }
            case "assert_malformed":
                return assertModule(Command.ModuleAssertion.MALFORMED);
            case "assert_invalid":
                return assertModule(Command.ModuleAssertion.INVALID);
            case "assert_unlinkable":
                return assertModule(Command.ModuleAssertion.UNLINKABLE);
            case "assert_uninstantiable":
                return assertModule(Command.ModuleAssertion.UNINSTANTIABLE);
            default:
                if (UNSUPPORTED.contains(kw.text())) {
                    unsupported(kw.text());
                    return new Command.Unsupported(line, kw.text());
                }
                throw kw.error("unknown command " + kw.text());
        }
    }

    /** The {@code $name} of the module {@link #moduleAfterKeyword} read last, or null. */
    private String moduleName;

    /**
     * The rest of a module after {@code (module}, whose {@code (} is {@code paren}: {@code $name?}
     * (left in {@link #moduleName}), then {@code binary "..."*}, {@code quote "..."*} or fields.
     */
    private ModuleSource moduleAfterKeyword(Token paren) {
        moduleName = null;
        if (peek().is("definition") || peek().is("instance")) {
            String what = "module " + peek().text();
            unsupported(what);
            return new ModuleSource.Binary(new byte[0]);
        }
        moduleName = in.acceptId();
        Token t = peek();
        if (t.is("binary") || t.is("quote")) {
            next();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            while (peek().kind() == Kind.STRING) bytes.writeBytes(next().bytes());
            close();
            return t.is("binary") ? new ModuleSource.Binary(bytes.toByteArray()) : new ModuleSource.Quote(bytes.toByteArray());
        }
        // a text module: only its extent, from its '(' to its ')' (one byte)
        skipToClose();
        int start = paren.offset();
        String text = new String(src, start, in.last().offset() + 1 - start, StandardCharsets.UTF_8);
        return new ModuleSource.Text(text, paren.line(), paren.column());
    }

    /** {@code (assert_... (module ...) "message")} after the keyword; its line is that of {@code module}. */
    private Command assertModule(Command.ModuleAssertion kind) {
        Token paren = expect(Kind.LPAREN);
        if (!peek().is("module")) throw unexpected(peek());
        int line = next().line();
        ModuleSource m = moduleAfterKeyword(paren); // a name means nothing here: the module never becomes an instance
        String message = string();
        close();
        return new Command.AssertModule(line, kind, m, message);
    }

    private Action action() {
        expect(Kind.LPAREN);
        return actionAfterKeyword(keyword());
    }

    /** {@code $name? "field" arg*)} after {@code (invoke} or {@code (get}. */
    private Action actionAfterKeyword(Token kw) {
        if (!kw.is("invoke") && !kw.is("get")) throw unexpected(kw);
        String module = in.acceptId();
        String field = string();
        if (kw.is("get")) {
            close();
            return new Action.Get(module, field);
        }
        List<Value> args = new ArrayList<>();
        while (peek().kind() == Kind.LPAREN) {
            Value v = constant();
            if (v != null) args.add(v);
        }
        close();
        return new Action.Invoke(module, field, args);
    }

    // ---- values

    /** An argument: {@code (T.const ...)}, {@code (ref.null HT)}, {@code (ref.extern N)}; null for a form of a later proposal. */
    private Value constant() {
        expect(Kind.LPAREN);
        Token kw = keyword();
        Value v = switch (kw.text()) {
            case "i32.const" -> new Value.I32(Constants.i32(next()));
            case "i64.const" -> new Value.I64(Constants.i64(next()));
            case "f32.const" -> new Value.F32(Constants.f32(next()));
            case "f64.const" -> new Value.F64(Constants.f64(next()));
            case "v128.const" -> new Value.V128(v128Bytes(keyword()));
            case "ref.null" -> new Value.RefNull(heapType());
            case "ref.extern", "ref.host" -> new Value.RefExtern(Constants.index(expect(Kind.NUMBER)));
            default -> null;
        };
        if (v == null) {
            if (!kw.text().startsWith("ref.")) throw kw.error("unknown operator " + kw.text());
            unsupported("argument (" + kw.text() + ")"); // (ref.struct) and the like of 3.0
            return null;
        }
        close();
        return v;
    }

    private String heapType() {
        Token t = next();
        if (t.kind() != Kind.KEYWORD && t.kind() != Kind.ID && t.kind() != Kind.NUMBER) throw unexpected(t);
        return t.text();
    }

    /** The 16 bytes of a {@code v128.const} of {@code shape} (its lanes in the script, lane 0 first). */
    private byte[] v128Bytes(Token shape) {
        int lanes = Constants.lanes(shape);
        byte[] bytes = new byte[16];
        int width = 16 / lanes;
        for (int i = 0; i < lanes; i++) {
            long lane = Constants.lane(shape, next());
            for (int b = 0; b < width; b++) bytes[i * width + b] = (byte) (lane >>> (8 * b));
        }
        return bytes;
    }

    /** An expected result: a constant, or a pattern ({@code nan:canonical}, {@code (ref.func)}, {@code (either ...)}). */
    private Expected result() {
        expect(Kind.LPAREN);
        Token kw = keyword();
        Expected e;
        switch (kw.text()) {
            case "f32.const", "f64.const" -> {
                int bits = kw.is("f32.const") ? 32 : 64;
                Token t = next();
                e = nanPattern(t, bits);
                if (e == null) e = new Expected.Exact(bits == 32 ? new Value.F32(Constants.f32(t)) : new Value.F64(Constants.f64(t)));
            }
            case "v128.const" -> e = v128Result();
            case "ref.extern", "ref.host" -> e = peek().kind() == Kind.RPAREN ? new Expected.AnyExtern()
                    : new Expected.Exact(new Value.RefExtern(Constants.index(expect(Kind.NUMBER))));
            case "ref.func" -> {
                if (peek().kind() != Kind.RPAREN) next(); // (ref.func N): no function identity to compare with from outside
                e = new Expected.AnyFunc();
            }
            case "ref.null" -> e = new Expected.Exact(new Value.RefNull(peek().kind() == Kind.RPAREN ? "" : heapType()));
            case "either" -> {
                // alternatives are plain results: no nesting, so no recursion a script could make deep
                List<Expected> alternatives = new ArrayList<>();
                while (peek().kind() == Kind.LPAREN) {
                    if (in.peek(1).is("either")) throw unexpected(in.peek(1));
                    alternatives.add(result());
                }
                e = new Expected.Either(alternatives);
            }
            case "i32.const" -> e = new Expected.Exact(new Value.I32(Constants.i32(next())));
            case "i64.const" -> e = new Expected.Exact(new Value.I64(Constants.i64(next())));
            default -> {
                if (!kw.text().startsWith("ref.")) throw kw.error("unknown operator " + kw.text());
                unsupported("result (" + kw.text() + ")"); // (ref.i31) and the like of 3.0
                return new Expected.AnyFunc();
            }
        }
        close();
        return e;
    }

    private static Expected nanPattern(Token t, int bits) {
        if (t.text() == null) return null;
        return switch (t.text()) {
            case "nan:canonical" -> new Expected.NaN(bits, true);
            case "nan:arithmetic" -> new Expected.NaN(bits, false);
            default -> null;
        };
    }

    private Expected v128Result() {
        Token shape = keyword();
        if (!shape.is("f32x4") && !shape.is("f64x2")) return new Expected.Exact(new Value.V128(v128Bytes(shape)));
        int bits = shape.is("f32x4") ? 32 : 64;
        List<Expected> lanes = new ArrayList<>();
        for (int i = 0; i < 128 / bits; i++) {
            Token t = next();
            Expected e = nanPattern(t, bits);
            lanes.add(e != null ? e : new Expected.Exact(bits == 32 ? new Value.F32(Constants.f32(t)) : new Value.F64(Constants.f64(t))));
        }
        return new Expected.Lanes(bits, lanes);
    }
}
