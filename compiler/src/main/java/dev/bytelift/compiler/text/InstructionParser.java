package dev.bytelift.compiler.text;

import dev.bytelift.compiler.decode.Op;
import dev.bytelift.compiler.text.Token.Kind;
import java.util.ArrayList;
import java.util.Arrays;

/**
 * Instructions in the text format, plain and folded, into their binary encoding. Nesting is kept
 * on an explicit stack of open constructs (not the Java stack), so any depth parses in constant
 * stack space: a folded instruction's own encoding waits on a second buffer while its operands
 * are written, then follows them.
 */
final class InstructionParser {
    // what an open construct is
    private static final int PLAIN_BLOCK = 0; // block or loop ... end
    private static final int PLAIN_IF = 1; // if ... (before else)
    private static final int PLAIN_ELSE = 2; // if ... else ... end
    private static final int FOLDED_PLAIN = 3; // (op operands...)
    private static final int FOLDED_BLOCK = 4; // (block ...) or (loop ...)
    private static final int FOLDED_IF_COND = 5; // (if label bt condition... before (then
    private static final int FOLDED_THEN = 6;
    private static final int FOLDED_ELSE = 7;
    // exception handling's legacy try: before its first catch (or delegate), after one
    private static final int PLAIN_TRY = 8;
    private static final int PLAIN_CATCH = 9;
    private static final int FOLDED_TRY = 10; // (try label bt (do ...) (catch ...)*...: in (do or a (catch
    private static final int PLAIN_CATCH_ALL = 11;

    private final TextModule m;
    private final TokenCursor c;
    private final Space locals;
    private final SourceMap map; // null: positions not recorded
    private ByteBuf out;
    private final ByteBuf deferred = new ByteBuf();
    private final ArrayList<String> labels = new ArrayList<>();

    private int[] kind = new int[16];
    private int[] mark = new int[16];
    private String[] frameLabel = new String[16];
    private Token[] frameToken = new Token[16];
    private int depth;

    /** A parser for the instructions of one function ({@code locals} its locals) or of constant expressions (null). */
    InstructionParser(TextModule m, TokenCursor c, Space locals) {
        this.m = m;
        this.c = c;
        this.locals = locals;
        this.map = locals != null ? m.sourceMap : null;
    }

    /** Notes that the instruction written next into {@code out} comes from {@code t}. */
    private void at(Token t) {
        if (map != null) map.add(out.size(), t);
    }

    /** Parses {@code instr*} up to a {@code )} or the end of the text (not consumed) into {@code dst}. */
    void instrs(ByteBuf dst) {
        run(dst, false);
    }

    /** Parses exactly one folded instruction {@code (...)} into {@code dst}. */
    void folded(ByteBuf dst) {
        if (!c.at(Kind.LPAREN)) throw c.unexpected(c.peek());
        run(dst, true);
    }

    private void run(ByteBuf dst, boolean single) {
        this.out = dst;
        depth = 0;
        labels.clear();
        deferred.clear();
        while (true) {
            Token t = c.peek();
            int top = depth > 0 ? kind[depth - 1] : -1;
            switch (t.kind()) {
                case LPAREN -> {
                    if (top == FOLDED_IF_COND && c.peek(1).is("then")) {
                        c.next();
                        c.next();
                        at(frameToken[depth - 1]);
                        out.moveFrom(deferred, mark[depth - 1]);
                        labels.add(frameLabel[depth - 1]);
                        kind[depth - 1] = FOLDED_THEN;
                    } else {
                        openFolded();
                    }
                }
                case RPAREN -> {
                    if (top < 0) return;
                    closeFolded(t, top);
                    if (single && depth == 0) return;
                }
                case KEYWORD -> {
                    if (top == FOLDED_IF_COND) throw c.unexpected(t);
                    keyword(t, top);
                }
                default -> {
                    if (top < 0) return;
                    throw c.unexpected(t);
                }
            }
        }
    }

    private void keyword(Token t, int top) {
        String k = t.text();
        switch (k) {
            case "end" -> {
                if (top != PLAIN_BLOCK && top != PLAIN_IF && top != PLAIN_ELSE && top != PLAIN_TRY && top != PLAIN_CATCH
                        && top != PLAIN_CATCH_ALL) {
                    throw c.unexpected(t);
                }
                c.next();
                endLabel();
                if (top == PLAIN_ELSE) dropEmptyElse();
                at(t);
                out.byte1(0x0B);
                labels.remove(labels.size() - 1);
                depth--;
            }
            case "else" -> {
                if (top != PLAIN_IF) throw c.unexpected(t);
                c.next();
                endLabel();
                at(t);
                out.byte1(0x05);
                kind[depth - 1] = PLAIN_ELSE;
                mark[depth - 1] = out.size();
            }
            case "block", "loop", "if" -> {
                c.next();
                at(t);
                out.byte1(k.equals("block") ? 0x02 : k.equals("loop") ? 0x03 : 0x04);
                String label = c.acceptId();
                blockType(out);
                labels.add(label);
                push(k.equals("if") ? PLAIN_IF : PLAIN_BLOCK, 0, label, t);
            }
            case "try_table" -> {
                c.next();
                at(t);
                String label = tryTable(out);
                push(PLAIN_BLOCK, 0, label, t);
            }
            case "try" -> {
                c.next();
                at(t);
                out.byte1(0x06);
                String label = c.acceptId();
                blockType(out);
                labels.add(label);
                push(PLAIN_TRY, 0, label, t);
            }
            case "catch", "catch_all" -> {
                if (top != PLAIN_TRY && top != PLAIN_CATCH) throw c.unexpected(t);
                c.next();
                at(t);
                plain(t, out);
                kind[depth - 1] = k.equals("catch") ? PLAIN_CATCH : PLAIN_CATCH_ALL;
            }
            case "delegate" -> {
                if (top != PLAIN_TRY) throw c.unexpected(t);
                c.next();
                at(t);
                labels.remove(labels.size() - 1); // its label is outside the try
                plain(t, out);
                depth--;
            }
            default -> {
                c.next();
                at(t);
                plain(t, out);
            }
        }
    }

    /**
     * {@code try_table}'s opcode, label, block type and catch clauses (whose labels are outside the
     * block); returns the label, which it adds.
     */
    private String tryTable(ByteBuf dst) {
        dst.byte1(Op.TRY_TABLE.code());
        String label = c.acceptId();
        blockType(dst);
        ByteBuf clauses = new ByteBuf(16);
        int n = 0;
        while (c.at(Kind.LPAREN) && (c.peek(1).is("catch") || c.peek(1).is("catch_ref") || c.peek(1).is("catch_all")
                || c.peek(1).is("catch_all_ref"))) {
            c.next();
            Token k = c.next();
            int kindByte = k.is("catch") ? 0 : k.is("catch_ref") ? 1 : k.is("catch_all") ? 2 : 3;
            clauses.byte1(kindByte);
            if (kindByte < 2) {
                Token tag = c.next();
                if (!Space.isIndex(tag)) throw c.unexpected(tag);
                clauses.u32(m.tags.resolve(tag) & 0xFFFFFFFFL);
            }
            Token l = c.next();
            if (!Space.isIndex(l)) throw c.unexpected(l);
            clauses.u32(label(l));
            c.rparen();
            n++;
        }
        dst.u32(n);
        dst.append(clauses);
        labels.add(label);
        return label;
    }

    /** {@code end $l} or {@code else $l}: the identifier, if any, must be the block's label. */
    private void endLabel() {
        if (!c.at(Kind.ID)) return;
        Token id = c.next();
        String label = labels.get(labels.size() - 1);
        if (!id.text().equals(label)) throw c.fail(id, "mismatching label");
    }

    private void openFolded() {
        c.next();
        Token t = c.next();
        if (t.kind() != Kind.KEYWORD) throw c.unexpected(t);
        switch (t.text()) {
            case "block", "loop" -> {
                at(t);
                out.byte1(t.is("block") ? 0x02 : 0x03);
                String label = c.acceptId();
                blockType(out);
                labels.add(label);
                push(FOLDED_BLOCK, 0, label, t);
            }
            case "if" -> {
                int at = deferred.size();
                deferred.byte1(0x04);
                String label = c.acceptId();
                blockType(deferred);
                push(FOLDED_IF_COND, at, label, t);
            }
            case "try_table" -> {
                at(t);
                String label = tryTable(out);
                push(FOLDED_BLOCK, 0, label, t);
            }
            case "try" -> {
                at(t);
                out.byte1(0x06);
                String label = c.acceptId();
                blockType(out);
                labels.add(label);
                if (!c.acceptParen("do")) throw c.unexpected(c.peek());
                push(FOLDED_TRY, 0, label, t); // mark: 0 in (do, 1 after a (catch, 2 after (catch_all
            }
            case "param", "result", "type", "local", "then", "else", "do", "catch", "catch_all", "delegate",
                    "catch_ref", "catch_all_ref" -> throw c.unexpected(t); // out of place
            default -> {
                int at = deferred.size();
                plain(t, deferred);
                push(FOLDED_PLAIN, at, null, t);
            }
        }
    }

    private void closeFolded(Token t, int top) {
        switch (top) {
            case FOLDED_PLAIN -> {
                c.next();
                at(frameToken[depth - 1]);
                out.moveFrom(deferred, mark[depth - 1]);
                depth--;
            }
            case FOLDED_BLOCK -> {
                c.next();
                at(t);
                out.byte1(0x0B);
                labels.remove(labels.size() - 1);
                depth--;
            }
            case FOLDED_THEN -> {
                c.next();
                if (c.atParen("else")) {
                    c.next();
                    at(c.next());
                    out.byte1(0x05);
                    kind[depth - 1] = FOLDED_ELSE;
                    mark[depth - 1] = out.size();
                } else {
                    at(c.peek());
                    c.rparen();
                    out.byte1(0x0B);
                    labels.remove(labels.size() - 1);
                    depth--;
                }
            }
            case FOLDED_ELSE -> {
                c.next();
                Token close = c.peek();
                c.rparen();
                dropEmptyElse();
                at(close);
                out.byte1(0x0B);
                labels.remove(labels.size() - 1);
                depth--;
            }
            case FOLDED_TRY -> {
                c.next(); // the ) of (do ...) or (catch ...)
                if (c.atParen("catch") || c.atParen("catch_all")) {
                    c.next();
                    Token k = c.next();
                    if (mark[depth - 1] == 2) throw c.unexpected(k); // nothing after a catch_all
                    at(k);
                    plain(k, out);
                    mark[depth - 1] = k.is("catch") ? 1 : 2;
                } else if (c.atParen("delegate") && mark[depth - 1] == 0) {
                    c.next();
                    Token k = c.next();
                    at(k);
                    labels.remove(labels.size() - 1); // its label is outside the try
                    plain(k, out);
                    c.rparen();
                    c.rparen();
                    depth--;
                } else {
                    at(c.peek());
                    c.rparen();
                    out.byte1(0x0B);
                    labels.remove(labels.size() - 1);
                    depth--;
                }
            }
            default -> throw c.unexpected(t); // a plain block without its end, or an if without (then
        }
    }

    /**
     * An {@code else} with nothing after it is left out, as wast2json does: {@code if bt ... end}
     * validates and runs exactly as {@code if bt ... else end} (both need the type's results to
     * equal its parameters).
     */
    private void dropEmptyElse() {
        if (out.size() == mark[depth - 1]) out.truncate(out.size() - 1);
    }

    private void push(int k, int at, String label, Token token) {
        if (depth == kind.length) {
            kind = Arrays.copyOf(kind, depth * 2);
            mark = Arrays.copyOf(mark, depth * 2);
            frameLabel = Arrays.copyOf(frameLabel, depth * 2);
            frameToken = Arrays.copyOf(frameToken, depth * 2);
        }
        kind[depth] = k;
        mark[depth] = at;
        frameLabel[depth] = label;
        frameToken[depth] = token;
        depth++;
    }

    private void blockType(ByteBuf dst) {
        if (!c.atParen("type") && !c.atParen("param") && !c.atParen("result")) {
            dst.byte1(0x40);
            return;
        }
        TypeUse u = TypeUse.parse(c, m, false);
        int index = u.isShortBlockType() ? -1 : u.index(m);
        FuncType t = u.type(m);
        if (t != null && t.params().length == 0 && t.results().length <= 1) {
            // no parameters and at most one result: written without a type index, also for (type $t)
            if (t.results().length == 0) dst.byte1(0x40);
            else ValTypes.encode(dst, t.results()[0]);
        } else {
            dst.s64(index);
        }
    }

    /** A plain instruction (its name {@code t} consumed) with its immediates, into {@code dst}. */
    private void plain(Token t, ByteBuf dst) {
        Op op = OpNames.get(t.text());
        if (op == null) throw c.fail(t, "unknown operator " + t.text());
        if (op == Op.SELECT && c.atParen("result")) {
            dst.byte1(Op.SELECT_TYPED.code());
            ArrayList<Integer> types = new ArrayList<>();
            while (c.acceptParen("result")) {
                while (!c.at(Kind.RPAREN)) types.add(ValTypes.parse(c, m));
                c.rparen();
            }
            dst.u32(types.size());
            for (int v : types) ValTypes.encode(dst, v);
            return;
        }
        if (op.prefix() == 0) {
            dst.byte1(op.code());
        } else {
            dst.byte1(op.prefix());
            dst.u32(op.code());
        }
        Immediates.parse(op, c, m, this, dst);
    }

    /** The label depth {@code t} stands for: a number, or the innermost label of that name. */
    int label(Token t) {
        if (t.kind() == Kind.ID) {
            int i = labels.lastIndexOf(t.text());
            if (i < 0) throw c.fail(t, "unknown label");
            return labels.size() - 1 - i;
        }
        return Space.u32(t);
    }

    /** The local {@code t} stands for. */
    int local(Token t) {
        if (locals == null) {
            if (t.kind() == Kind.ID) throw c.fail(t, "unknown local " + t.text());
            return Space.u32(t);
        }
        return locals.resolve(t);
    }
}
