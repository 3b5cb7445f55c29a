package dev.bytelift.wast;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import dev.bytelift.compiler.text.Lexer;
import dev.bytelift.compiler.text.Token;
import dev.bytelift.compiler.text.Token.Kind;
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
            "assert_exception", "assert_suspension", "assert_malformed_custom", "assert_invalid_custom",
            "thread", "wait", "script", "input", "output");

    private final byte[] src;
    private final Lexer lexer;
    private final ArrayDeque<Token> ahead = new ArrayDeque<>();
    private Token last;
    private int depth;

    private ScriptParser(byte[] utf8, String sourceName) {
        this.src = utf8;
        this.lexer = new Lexer(utf8, sourceName);
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

    private Token peek(int n) {
        while (ahead.size() <= n) ahead.addLast(lexer.next());
        if (n == 0) return ahead.peekFirst();
        return ahead.stream().skip(n).findFirst().orElseThrow();
    }

    private Token peek() {
        return peek(0);
    }

    private Token next() {
        Token t = peek();
        if (t.kind() != Kind.EOF) ahead.removeFirst();
        if (t.kind() == Kind.LPAREN) depth++;
        else if (t.kind() == Kind.RPAREN) depth--;
        last = t;
        return t;
    }

    private Token expect(Kind kind) {
        Token t = peek();
        if (t.kind() != kind) throw unexpected(t);
        return next();
    }

    private static TextFormatException unexpected(Token t) {
        return t.error(t.kind() == Kind.EOF ? "unexpected end of script" : "unexpected token " + t);
    }

    private Token keyword() {
        return expect(Kind.KEYWORD);
    }

    private String optionalId() {
        return peek().kind() == Kind.ID ? next().text() : null;
    }

    private String string() {
        Token t = expect(Kind.STRING);
        String s = t.utf8();
        if (s == null) throw t.error("malformed UTF-8 encoding");
        return s;
    }

    /** Whether the next tokens are {@code (} and the keyword {@code kw}. */
    private boolean atParen(String kw) {
        return peek().kind() == Kind.LPAREN && peek(1).is(kw);
    }

    private void close() {
        expect(Kind.RPAREN);
    }

    /** Reads up to and including the {@code )} that brings the nesting back to {@code outer}. */
    private void skipTo(int outer) {
        while (depth > outer) {
            Token t = next();
            if (t.kind() == Kind.EOF) throw t.error("unexpected end of script: unbalanced parentheses");
        }
    }

    // ---- commands

    private Script script() {
        List<Command> commands = new ArrayList<>();
        while (peek().kind() != Kind.EOF) commands.add(command());
        return new Script(lexer.sourceName(), commands);
    }

    private Command command() {
        int outer = depth;
        Token paren = expect(Kind.LPAREN);
        Token kw = peek();
        if (kw.kind() != Kind.KEYWORD) throw unexpected(kw);
        int line = paren.line();
        String k = kw.text();
        if (UNSUPPORTED.contains(k)) {
            skipTo(outer);
            return new Command.Unsupported(line, k);
        }
        try {
            return switch (k) {
                case "module" -> {
                    next();
                    unsupportedModuleForm();
                    String name = optionalId();
                    yield new Command.ModuleCommand(line, name, moduleBody(paren, outer));
                }
                case "register" -> {
                    next();
                    String as = string();
                    String name = optionalId();
                    close();
                    yield new Command.Register(line, as, name);
                }
                case "invoke", "get" -> {
                    Action a = actionBody();
                    yield new Command.Perform(line, a);
                }
                case "assert_return" -> {
                    next();
                    Action a = action();
                    List<Expected> results = new ArrayList<>();
                    while (peek().kind() == Kind.LPAREN) results.add(result());
                    close();
                    yield new Command.AssertReturn(line, a, results);
                }
                case "assert_trap" -> assertTrap(line);
                case "assert_exhaustion" -> {
                    next();
                    Action a = action();
                    String message = string();
                    close();
                    yield new Command.AssertExhaustion(line, a, message);
                }
                case "assert_malformed" -> assertModule(line, Command.ModuleAssertion.MALFORMED);
                case "assert_invalid" -> assertModule(line, Command.ModuleAssertion.INVALID);
                case "assert_unlinkable" -> assertModule(line, Command.ModuleAssertion.UNLINKABLE);
                case "assert_uninstantiable" -> assertModule(line, Command.ModuleAssertion.UNINSTANTIABLE);
                default -> throw kw.error("unknown command " + k);
            };
        } catch (UnsupportedForm u) {
            skipTo(outer);
            return new Command.Unsupported(line, k + " with " + u.getMessage());
        }
    }

    /** A form of a later proposal inside a command otherwise supported ({@code (ref.i31)} results, ...). */
    private static final class UnsupportedForm extends RuntimeException {
        UnsupportedForm(String what) {
            super(what, null, false, false);
        }
    }

    /** After {@code (module}: 3.0's module definitions and instances are not run. */
    private void unsupportedModuleForm() {
        Token t = peek();
        if (t.is("definition") || t.is("instance")) throw new UnsupportedForm("module " + t.text());
    }

    /**
     * The rest of a module whose {@code (} is {@code paren}, opened at nesting {@code outer}, after
     * {@code module $id?}.
     */
    private ModuleSource moduleBody(Token paren, int outer) {
        Token t = peek();
        if (t.is("binary") || t.is("quote")) {
            next();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            while (peek().kind() == Kind.STRING) bytes.writeBytes(next().bytes());
            close();
            return t.is("binary") ? new ModuleSource.Binary(bytes.toByteArray()) : new ModuleSource.Quote(bytes.toByteArray());
        }
        // a text module: its extent only, from its '(' to its ')', which is one byte
        skipTo(outer);
        int start = paren.offset();
        String text = new String(src, start, last.offset() + 1 - start, StandardCharsets.UTF_8);
        return new ModuleSource.Text(text, paren.line(), paren.column());
    }

    private Command assertTrap(int line) {
        next();
        if (atParen("module")) {
            int outer = depth;
            Token paren = next();
            next();
            unsupportedModuleForm();
            optionalId();
            ModuleSource m = moduleBody(paren, outer);
            String message = string();
            close();
            return new Command.AssertModule(line, Command.ModuleAssertion.TRAP, m, message);
        }
        Action a = action();
        String message = string();
        close();
        return new Command.AssertTrap(line, a, message);
    }

    private Command assertModule(int line, Command.ModuleAssertion kind) {
        next();
        if (!atParen("module")) throw unexpected(peek().kind() == Kind.LPAREN ? peek(1) : peek());
        int outer = depth;
        Token paren = next();
        next();
        unsupportedModuleForm();
        optionalId(); // a name means nothing here: the module never becomes an instance
        ModuleSource m = moduleBody(paren, outer);
        String message = string();
        close();
        return new Command.AssertModule(line, kind, m, message);
    }

    private Action action() {
        expect(Kind.LPAREN);
        return actionBody();
    }

    /** An action whose {@code (} has been read. */
    private Action actionBody() {
        Token kw = keyword();
        if (!kw.is("invoke") && !kw.is("get")) throw unexpected(kw);
        String module = optionalId();
        String field = string();
        if (kw.is("get")) {
            close();
            return new Action.Get(module, field);
        }
        List<Value> args = new ArrayList<>();
        while (peek().kind() == Kind.LPAREN) args.add(constant());
        close();
        return new Action.Invoke(module, field, args);
    }

    // ---- values

    /** An argument: {@code (T.const ...)}, {@code (ref.null HT)}, {@code (ref.extern N)}. */
    private Value constant() {
        expect(Kind.LPAREN);
        Token kw = keyword();
        Value v = switch (kw.text()) {
            case "i32.const" -> new Value.I32(Constants.i32(next()));
            case "i64.const" -> new Value.I64(Constants.i64(next()));
            case "f32.const" -> new Value.F32(Constants.f32(next()));
            case "f64.const" -> new Value.F64(Constants.f64(next()));
            case "v128.const" -> new Value.V128(v128Bytes());
            case "ref.null" -> new Value.RefNull(heapType());
            case "ref.extern", "ref.host" -> new Value.RefExtern(Constants.index(expect(Kind.NUMBER)));
            default -> throw new UnsupportedForm("argument (" + kw.text() + ")");
        };
        close();
        return v;
    }

    private String heapType() {
        Token t = next();
        if (t.kind() != Kind.KEYWORD && t.kind() != Kind.ID && t.kind() != Kind.NUMBER) throw unexpected(t);
        return t.text();
    }

    private byte[] v128Bytes() {
        Token shape = keyword();
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
            case "ref.extern" -> e = peek().kind() == Kind.RPAREN ? new Expected.AnyExtern()
                    : new Expected.Exact(new Value.RefExtern(Constants.index(expect(Kind.NUMBER))));
            case "ref.func" -> {
                if (peek().kind() != Kind.RPAREN) next(); // (ref.func N): no function identity to compare with from outside
                e = new Expected.AnyFunc();
            }
            case "ref.null" -> e = new Expected.Exact(new Value.RefNull(peek().kind() == Kind.RPAREN ? "" : heapType()));
            case "either" -> {
                List<Expected> alternatives = new ArrayList<>();
                while (peek().kind() == Kind.LPAREN) alternatives.add(result());
                e = new Expected.Either(alternatives);
            }
            case "i32.const" -> e = new Expected.Exact(new Value.I32(Constants.i32(next())));
            case "i64.const" -> e = new Expected.Exact(new Value.I64(Constants.i64(next())));
            default -> throw new UnsupportedForm("result (" + kw.text() + ")");
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
        if (!shape.is("f32x4") && !shape.is("f64x2")) {
            byte[] bytes = new byte[16];
            int lanes = Constants.lanes(shape);
            int width = 16 / lanes;
            for (int i = 0; i < lanes; i++) {
                long lane = Constants.lane(shape, next());
                for (int b = 0; b < width; b++) bytes[i * width + b] = (byte) (lane >>> (8 * b));
            }
            return new Expected.Exact(new Value.V128(bytes));
        }
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
