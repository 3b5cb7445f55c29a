package dev.bytelift.testmodules.reliability;

import dev.bytelift.testmodules.reliability.Oracle.Kind;
import dev.bytelift.testmodules.reliability.Oracle.Outcome;
import dev.bytelift.testmodules.reliability.SeedCorpus.Seed;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A fuzzing campaign: inputs made from the seed corpus (a sweep of truncations of small modules at
 * every offset, then mutations, the unmutated seeds now and then, and fresh wasm-opt modules if
 * asked), each run through the {@link Oracle}; escapes are written as reproducers, minimised, and
 * reported once per signature.
 *
 * <p>Input {@code i} of a campaign with seed {@code s} depends only on {@code s}, {@code i} and the
 * corpus, never on earlier inputs, so any input can be made again alone:
 * {@code --seed s --replay-iteration i}. The long campaign's command is
 * {@code test-modules/src/fuzz/campaign.sh}; {@code FuzzCampaignTest} runs a short one in CI.
 */
public final class Campaign {
    /** What to run. {@code truncationSeeds}: how many small seeds are truncated at every offset first. */
    record Settings(long seed, long maxInputs, long seconds, long boundMillis, Path outDir, int truncationSeeds,
            int generateEvery, boolean minimize, long minimizeMillis, long stackBytes, boolean progress,
            java.util.Set<String> knownSignatures, boolean heavy) {}

    /** One input: where it came from, how it was made, and whether it runs with every function split. */
    record Input(String source, String origin, String mutation, byte[] bytes, boolean split) {}

    /** An escape, by signature: its first input, how often it was seen, and its reproducers. */
    static final class Finding {
        final String signature;
        final Outcome outcome;
        final Input input;
        final long iteration;
        int count = 1;
        Path reproducer, minimized;
        byte[] minimizedBytes;

        Finding(String signature, Outcome outcome, Input input, long iteration) {
            this.signature = signature;
            this.outcome = outcome;
            this.input = input;
            this.iteration = iteration;
        }
    }

    /** What a campaign did. */
    static final class Result {
        final Map<String, long[]> counts = new LinkedHashMap<>(); // source -> count by Kind
        final Map<String, Finding> findings = new LinkedHashMap<>();
        final Map<String, Long> nanosBySource = new LinkedHashMap<>();
        /** The implementation limits met (plain WasmExceptions), by message with numbers blanked. */
        final Map<String, Long> limits = new java.util.TreeMap<>();
        long inputs;
        long nanos;
        long harnessOutOfMemory;
        boolean stoppedByTime;
    }

    static final String[] SOURCES = {"truncation", "seed", "mutated", "generated", "generated+mutated"};

    private final Settings settings;
    private final List<Seed> corpus;
    private final Mutator mutator;
    private final List<Seed> smallSeeds = new ArrayList<>();
    private final long[] sweepStart; // cumulative offsets of the truncation sweep
    private final Generator generator;

    Campaign(Settings settings, List<Seed> corpus, Generator generator) {
        this.settings = settings;
        this.corpus = corpus;
        this.generator = generator;
        this.mutator = new Mutator(corpus.stream().map(Seed::bytes).toList(), settings.heavy());
        List<Seed> small = corpus.stream().filter(s -> s.bytes().length <= 400).toList();
        int n = Math.min(settings.truncationSeeds(), small.size());
        for (int i = 0; i < n; i++) smallSeeds.add(small.get((int) ((long) i * small.size() / n)));
        sweepStart = new long[smallSeeds.size() + 1];
        for (int i = 0; i < smallSeeds.size(); i++) sweepStart[i + 1] = sweepStart[i] + smallSeeds.get(i).bytes().length;
    }

    /** The random source of input {@code i}: a hash of the campaign seed and {@code i}. */
    private static Random random(long seed, long i) {
        long h = seed * 0x9E3779B97F4A7C15L + i;
        h = (h ^ (h >>> 33)) * 0xFF51AFD7ED558CCDL;
        h = (h ^ (h >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return new Random(h ^ (h >>> 33));
    }

    Input input(long i) {
        long sweep = sweepStart[sweepStart.length - 1];
        if (i < sweep) {
            int k = 0;
            while (sweepStart[k + 1] <= i) k++;
            int len = (int) (i - sweepStart[k]);
            Seed s = smallSeeds.get(k);
            return new Input("truncation", s.name(), "truncate@" + len, java.util.Arrays.copyOf(s.bytes(), len), false);
        }
        Random r = random(settings.seed(), i);
        boolean split = r.nextInt(4) == 0;
        if (generator != null && settings.generateEvery() > 0 && r.nextInt(settings.generateEvery()) == 0) {
            byte[] g = generator.generate(r);
            if (g != null) {
                if (r.nextBoolean()) return new Input("generated", "wasm-opt", "", g, split);
                Mutator.Mutation m = mutator.mutate(g, r);
                return new Input("generated+mutated", "wasm-opt", m.name(), m.bytes(), split);
            }
        }
        Seed s = corpus.get(r.nextInt(corpus.size()));
        if (r.nextInt(50) == 0) return new Input("seed", s.name(), "", s.bytes(), split);
        Mutator.Mutation m = mutator.mutate(s.bytes(), r);
        return new Input("mutated", s.name(), m.name(), m.bytes(), split);
    }

    Result run() {
        Result result = new Result();
        for (String s : SOURCES) result.counts.put(s, new long[Kind.values().length]);
        long start = System.nanoTime();
        long stopAt = start + settings.seconds() * 1_000_000_000L;
        long nextReport = start + 10_000_000_000L;
        try (Oracle oracle = new Oracle(settings.boundMillis(), settings.stackBytes())) {
            for (long i = 0; i < settings.maxInputs(); i++) {
                if (System.nanoTime() > stopAt) {
                    result.stoppedByTime = true;
                    break;
                }
                long t0 = System.nanoTime();
                Input in;
                Outcome o;
                try {
                    in = input(i);
                    o = oracle.run(in.bytes(), in.split());
                } catch (OutOfMemoryError e) {
                    // The guest may legitimately hold most of the heap (a 2 GiB memory): then the
                    // harness's own small allocations can fail. Not the guest's escape: the input
                    // is counted and skipped.
                    result.harnessOutOfMemory++;
                    continue;
                }
                result.nanosBySource.merge(in.source(), System.nanoTime() - t0, Long::sum);
                result.inputs++;
                result.counts.get(in.source())[o.kind().ordinal()]++;
                if (o.escaped()) record(result, oracle, in, i, o);
                if (o.kind() == Kind.LIMIT) result.limits.merge(o.stage() + ": " + o.error().getMessage().replaceAll("[0-9]+", "N"), 1L, Long::sum);
                if (settings.progress() && System.nanoTime() > nextReport) {
                    nextReport += 10_000_000_000L;
                    System.out.printf("[fuzz] %,d inputs, %d escape signatures, %.0f s%n", result.inputs,
                            result.findings.size(), (System.nanoTime() - start) / 1e9);
                }
            }
        }
        result.nanos = System.nanoTime() - start;
        return result;
    }

    private void record(Result result, Oracle oracle, Input in, long i, Outcome o) {
        Finding f = result.findings.get(o.signature());
        if (f != null) {
            f.count++;
            return;
        }
        f = new Finding(o.signature(), o, in, i);
        result.findings.put(o.signature(), f);
        boolean known = settings.knownSignatures().contains(o.signature());
        System.out.println("[fuzz] " + (known ? "known " : "") + "escape at " + replayOptions(settings) + " iteration " + i + " (" + in.source() + " "
                + in.origin() + " " + in.mutation() + (in.split() ? ", split" : "") + "): " + o.describe());
        try {
            Path dir = settings.outDir().resolve("escapes");
            Files.createDirectories(dir);
            String base = String.format("%08x-s%d-i%d", o.signature().hashCode(), settings.seed(), i);
            f.reproducer = dir.resolve(base + ".wasm");
            Files.write(f.reproducer, in.bytes());
            // a known escape has its minimised reproducer committed already
            if (settings.minimize() && o.kind() == Kind.ESCAPE && !known) {
                Minimizer min = new Minimizer(b -> o.signature().equals(oracle.run(b, in.split()).signature()), 1500,
                        settings.minimizeMillis());
                f.minimizedBytes = min.minimize(in.bytes());
                f.minimized = dir.resolve(base + ".min.wasm");
                Files.write(f.minimized, f.minimizedBytes);
                System.out.println("[fuzz]   minimised " + in.bytes().length + " -> " + f.minimizedBytes.length + " bytes in "
                        + min.tries() + " tries: " + f.minimized);
            }
            Files.writeString(dir.resolve(base + ".txt"), describe(f, settings));
            System.out.println("[fuzz]   reproducer: " + f.reproducer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The options that make the same inputs again: everything that input(i) depends on. */
    static String replayOptions(Settings s) {
        return "--seed " + s.seed() + " --truncation-seeds " + s.truncationSeeds()
                + (s.generateEvery() > 0 ? " --generate-every " + s.generateEvery() : "") + (s.heavy() ? "" : " --light");
    }

    static String describe(Finding f, Settings settings) {
        long seed = settings.seed();
        StringWriter s = new StringWriter();
        PrintWriter w = new PrintWriter(s);
        w.println("signature: " + f.signature);
        w.println("outcome:   " + f.outcome.describe());
        w.println("input:     seed " + seed + " iteration " + f.iteration + ", " + f.input.source() + " from "
                + f.input.origin() + " by " + f.input.mutation() + (f.input.split() ? ", functions split" : ""));
        w.println("replay:    test-modules/src/fuzz/campaign.sh " + replayOptions(settings) + " --replay-iteration " + f.iteration
                + "   or   --replay " + f.reproducer + (f.input.split() ? " --split" : ""));
        if (f.minimizedBytes != null) w.println("minimised: " + f.minimizedBytes.length + " bytes: " + hex(f.minimizedBytes));
        if (f.outcome.error() != null) f.outcome.error().printStackTrace(w);
        w.flush();
        return s.toString();
    }

    static String hex(byte[] b) {
        return b.length > 512 ? HexFormat.of().formatHex(b, 0, 512) + "... (" + b.length + " bytes)" : HexFormat.of().formatHex(b);
    }

    /** The report: inputs by source, outcomes by class, throughput, and every escape signature. */
    static String report(Settings settings, Result r) {
        StringBuilder s = new StringBuilder();
        double secs = r.nanos / 1e9;
        s.append(String.format("[fuzz] seed %d: %,d inputs in %.1f s (%.0f/s)%s%n", settings.seed(), r.inputs, secs,
                r.inputs / Math.max(secs, 1e-9), r.stoppedByTime ? ", stopped by the time budget" : ""));
        s.append(String.format("[fuzz] %-18s %9s %9s", "source", "inputs", "per s"));
        for (Kind k : Kind.values()) s.append(String.format(" %9s", k.name().toLowerCase()));
        s.append('\n');
        long[] total = new long[Kind.values().length];
        for (var e : r.counts.entrySet()) {
            long sum = 0;
            for (long c : e.getValue()) sum += c;
            if (sum == 0) continue;
            s.append(String.format("[fuzz] %-18s %,9d %,9.0f", e.getKey(), sum, sum / (r.nanosBySource.getOrDefault(e.getKey(), 1L) / 1e9)));
            for (int k = 0; k < total.length; k++) {
                s.append(String.format(" %,9d", e.getValue()[k]));
                total[k] += e.getValue()[k];
            }
            s.append('\n');
        }
        s.append(String.format("[fuzz] %-18s %,9d %,9.0f", "all", r.inputs, r.inputs / Math.max(secs, 1e-9)));
        for (long c : total) s.append(String.format(" %,9d", c));
        s.append('\n');
        if (r.harnessOutOfMemory > 0) s.append("[fuzz] ").append(r.harnessOutOfMemory).append(" input(s) skipped: the harness itself ran out of heap\n");
        for (var e : r.limits.entrySet()) s.append(String.format("[fuzz] limit %,7dx %s%n", e.getValue(), e.getKey()));
        s.append("[fuzz] ").append(r.findings.size()).append(" distinct escape signature(s)\n");
        for (Finding f : r.findings.values()) {
            boolean known = settings.knownSignatures().contains(f.signature);
            s.append("[fuzz]   ").append(f.count).append("x ").append(known ? "(known) " : "").append(f.signature).append('\n');
            s.append("[fuzz]      first: iteration ").append(f.iteration).append(" (").append(f.input.source()).append(' ')
                    .append(f.input.mutation()).append("): ").append(f.outcome.error()).append('\n');
            s.append("[fuzz]      reproducer: ").append(f.minimized != null ? f.minimized : f.reproducer).append('\n');
        }
        return s.toString();
    }

    // ---- the command line

    public static void main(String[] args) throws Exception {
        long seed = 1, seconds = 60, inputs = Long.MAX_VALUE, bound = 5000, replayIteration = -1;
        int truncation = 200, generateEvery = 0;
        boolean minimize = true, split = false, heavy = true;
        Path out = Path.of("test-modules/target/fuzz"), replay = null, minimizeFile = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--seconds" -> seconds = Long.parseLong(args[++i]);
                case "--inputs" -> inputs = Long.parseLong(args[++i]);
                case "--bound-ms" -> bound = Long.parseLong(args[++i]);
                case "--truncation-seeds" -> truncation = Integer.parseInt(args[++i]);
                case "--generate-every" -> generateEvery = Integer.parseInt(args[++i]);
                case "--no-minimize" -> minimize = false;
                case "--light" -> heavy = false;
                case "--out" -> out = Path.of(args[++i]);
                case "--replay" -> replay = Path.of(args[++i]);
                case "--replay-iteration" -> replayIteration = Long.parseLong(args[++i]);
                case "--split" -> split = true;
                case "--minimize" -> minimizeFile = Path.of(args[++i]);
                default -> {
                    System.err.println("unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        java.util.Set<String> known = new java.util.HashSet<>();
        for (EscapeList.Known k : EscapeList.known()) known.add(k.signature());
        Settings settings = new Settings(seed, inputs, seconds, bound, out, truncation, generateEvery, minimize, 30_000,
                16L << 20, true, known, heavy);
        if (minimizeFile != null) {
            minimizeFile(minimizeFile, split, bound);
            return;
        }
        if (replay != null) {
            replay(Files.readAllBytes(replay), split, bound);
            return;
        }
        Path suite = SeedCorpus.suiteDir();
        List<Seed> corpus = new ArrayList<>(SeedCorpus.specModules(suite));
        System.out.println("[fuzz] " + corpus.size() + " spec suite modules from " + suite);
        corpus.addAll(SeedCorpus.projectModules());
        System.out.println("[fuzz] " + corpus.size() + " seed modules in all");
        Generator generator = generateEvery > 0 ? Generator.create() : null;
        if (generateEvery > 0 && generator == null) System.out.println("[fuzz] wasm-opt not found: no generated modules");
        Campaign c = new Campaign(settings, corpus, generator);
        if (replayIteration >= 0) {
            Input in = c.input(replayIteration);
            System.out.println("[fuzz] iteration " + replayIteration + ": " + in.source() + " " + in.origin() + " " + in.mutation());
            Files.createDirectories(out);
            Path file = out.resolve("replay-s" + seed + "-i" + replayIteration + ".wasm");
            Files.write(file, in.bytes());
            System.out.println("[fuzz] written to " + file);
            replay(in.bytes(), in.split(), bound);
            return;
        }
        Result r = c.run();
        if (generator != null) generator.close();
        System.out.print(report(settings, r));
        System.exit(0); // a stopped compile thread may linger
    }

    /** Minimises the escape of one file, writing FILE.min.wasm beside it. */
    private static void minimizeFile(Path file, boolean split, long bound) throws IOException {
        byte[] wasm = Files.readAllBytes(file);
        try (Oracle oracle = new Oracle(bound, 16L << 20)) {
            Outcome o = oracle.run(wasm, split);
            System.out.println("[fuzz] " + o.describe());
            if (o.kind() == Kind.ESCAPE) {
                Minimizer min = new Minimizer(b -> o.signature().equals(oracle.run(b, split).signature()), 5000, 120_000);
                byte[] small = min.minimize(wasm);
                Path to = file.resolveSibling(file.getFileName().toString().replaceFirst("(\\.min)?\\.wasm$", "") + ".min.wasm");
                Files.write(to, small);
                System.out.println("[fuzz] " + o.signature() + ": " + wasm.length + " -> " + small.length + " bytes in "
                        + min.tries() + " tries: " + to + "\n" + hex(small));
            }
        }
        System.exit(0);
    }

    /** The line {@code --replay} ends with, for EscapeReproducersTest: kind | stage | signature | message. */
    static final String OUTCOME_LINE = "[fuzz] outcome ";

    private static void replay(byte[] wasm, boolean split, long bound) {
        try (Oracle oracle = new Oracle(bound, 16L << 20)) {
            Outcome o = oracle.run(wasm, split);
            System.out.println("[fuzz] " + o.describe());
            if (o.escaped() && o.error() != null) o.error().printStackTrace(System.out);
            String message = o.error() == null ? "" : String.valueOf(o.error().getMessage()).replaceAll("\\s+", " ");
            System.out.println(OUTCOME_LINE + o.kind() + " | " + o.stage() + " | " + (o.signature() == null ? "-" : o.signature())
                    + " | " + message);
        }
        System.exit(0);
    }
}
