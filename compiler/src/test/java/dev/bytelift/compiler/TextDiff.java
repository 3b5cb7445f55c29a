package dev.bytelift.compiler;

import java.util.List;

/**
 * A short unified-style diff of two texts for a failure message: the lines from the first to the
 * last difference (common head and tail trimmed), with a little context, truncated when long.
 * Good enough to see what changed; {@code diff -u} on the files shows everything.
 */
final class TextDiff {
    private TextDiff() {}

    private static final int CONTEXT = 3;
    private static final int MAX_LINES = 80;

    static String describe(String expected, String actual) {
        List<String> a = expected.lines().toList();
        List<String> b = actual.lines().toList();
        int head = 0;
        while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) head++;
        int tail = 0;
        while (tail < a.size() - head && tail < b.size() - head
                && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) {
            tail++;
        }
        int from = Math.max(0, head - CONTEXT);
        int aTo = Math.min(a.size(), a.size() - tail + CONTEXT);
        int bTo = Math.min(b.size(), b.size() - tail + CONTEXT);
        StringBuilder sb = new StringBuilder();
        sb.append("@@ -").append(from + 1).append(',').append(aTo - from)
                .append(" +").append(from + 1).append(',').append(bTo - from).append(" @@\n");
        int shown = 0;
        for (int i = from; i < head; i++) shown += line(sb, ' ', a.get(i), shown);
        for (int i = head; i < a.size() - tail; i++) shown += line(sb, '-', a.get(i), shown);
        for (int i = head; i < b.size() - tail; i++) shown += line(sb, '+', b.get(i), shown);
        for (int i = a.size() - tail; i < aTo; i++) shown += line(sb, ' ', a.get(i), shown);
        if (shown > MAX_LINES) sb.append("... (").append(shown - MAX_LINES).append(" more lines)\n");
        return sb.toString();
    }

    private static int line(StringBuilder sb, char mark, String line, int shown) {
        if (shown < MAX_LINES) sb.append(mark).append(line).append('\n');
        return 1;
    }
}
