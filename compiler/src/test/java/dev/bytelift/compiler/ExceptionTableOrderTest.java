package dev.bytelift.compiler;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;

/**
 * The JVM takes the first matching entry of a method's exception table, so an entry whose range
 * contains another's must come after it (innermost first, see {@code translate.ExceptionRanges}):
 * otherwise an outer catch-all would shadow the inner handler. Checked over every method generated
 * for the golden modules in every configuration; in split functions with fuel, the fuel meter's
 * handlers lie inside the frame-stack restore's. A typed (WebAssembly) handler may come before an
 * instrumentation catch-all inside its range: instrumentation is outer by design
 * ({@code ExceptionRanges}), and a typed entry shadows nothing but its type.
 */
class ExceptionTableOrderTest {
    @Test
    void noEntryPrecedesAnEntryItContains() throws IOException {
        int nested = 0;
        for (GoldenMethods.Generated g : GoldenMethods.all()) nested += check(g.where(), g.method());
        assertTrue(nested > 0, "no method had nested handlers: the check proved nothing");
    }

    /** Fails if an entry precedes one it contains; returns how many nested pairs are in the right order. */
    private static int check(String where, MethodNode m) {
        List<TryCatchBlockNode> table = m.tryCatchBlocks;
        int nested = 0;
        for (int i = 0; i < table.size(); i++) {
            for (int j = i + 1; j < table.size(); j++) {
                int si = start(m, table.get(i)), ei = end(m, table.get(i));
                int sj = start(m, table.get(j)), ej = end(m, table.get(j));
                boolean iContainsJ = si <= sj && ej <= ei && (si != sj || ei != ej);
                // a WebAssembly handler (typed) comes before instrumentation's catch-alls, which are
                // outer by design even where their range happens to lie inside its (both starting
                // where a region's code does): it does not shadow them, it takes only its own type
                boolean typedBeforeCatchAll = table.get(i).type != null && table.get(j).type == null;
                if (iContainsJ && !typedBeforeCatchAll) fail(where + ": exception table entry " + i + " contains entry " + j + " but comes first");
                if (sj <= si && ei <= ej) nested++;
            }
        }
        return nested;
    }

    private static int start(MethodNode m, TryCatchBlockNode t) {
        return m.instructions.indexOf(t.start);
    }

    private static int end(MethodNode m, TryCatchBlockNode t) {
        return m.instructions.indexOf(t.end);
    }
}
