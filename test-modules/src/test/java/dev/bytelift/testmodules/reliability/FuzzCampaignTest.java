package dev.bytelift.testmodules.reliability;

import static org.junit.jupiter.api.Assertions.fail;

import dev.bytelift.testmodules.reliability.SeedCorpus.Seed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A short fuzzing campaign with a fixed seed (the long one is test-modules/src/fuzz/campaign.sh):
 * a few thousand inputs from the spec suite's modules and the project's own, truncated and mutated,
 * each compiled, instantiated and run under the project's rule that nothing a module does may
 * surface as anything but Bytelift's own exceptions, within a time bound. Fails on any escape whose
 * signature is not a known one (known-escapes.txt), naming the reproducer written under
 * target/fuzz-ci/escapes.
 *
 * <p>Without the resource-heavy modules (gigabytes of tables, tens of thousands of functions),
 * which the long campaign makes and whose escapes have reproducers in EscapeReproducersTest.
 *
 * <p>Deterministic: input {@code i} depends only on the seed, {@code i} and the corpus; the time
 * budget only cuts the run short on a very slow machine (then the remaining inputs are skipped,
 * and the output says so).
 */
class FuzzCampaignTest {
    private static final long SEED = 20;
    private static final long INPUTS = 5_000;
    private static final long SECONDS = 60;

    @Test
    void aShortSeededCampaignFindsNoUnknownEscape() throws Exception {
        Path suite = SeedCorpus.suiteDir();
        List<Seed> corpus = new ArrayList<>(SeedCorpus.specModules(suite));
        if (corpus.isEmpty()) {
            if (SeedCorpus.suiteRequired()) fail("the spec test suite is required but not found at " + suite);
            System.out.println("[fuzz] spec test suite not found at " + suite + " (set -Dbytelift.testsuite=DIR); skipping");
            Assumptions.abort("spec test suite not found at " + suite);
        }
        corpus.addAll(SeedCorpus.projectModules());
        Path out = Path.of("target", "fuzz-ci");
        Set<String> known = EscapeList.known().stream().map(EscapeList.Known::signature).collect(Collectors.toSet());
        Campaign.Settings settings = new Campaign.Settings(SEED, INPUTS, SECONDS, 10_000, out, 15, 0, true, 10_000,
                16L << 20, false, known, false);
        Campaign.Result r = new Campaign(settings, corpus, null).run();
        String report = Campaign.report(settings, r);
        System.out.print(report);
        Files.createDirectories(out);
        Files.writeString(out.resolve("report.txt"), report);
        StringBuilder unknown = new StringBuilder();
        for (Campaign.Finding f : r.findings.values()) {
            if (known.contains(f.signature)) {
                System.out.println("[fuzz] known escape (known-escapes.txt): " + f.signature);
                continue;
            }
            unknown.append("\n").append(Campaign.describe(f, settings));
        }
        if (unknown.length() > 0) fail("the campaign found escapes:" + unknown);
    }
}
