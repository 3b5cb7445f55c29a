package dev.bytelift.compiler.decode;

/**
 * Reads the code section for {@link ModuleDecoder}: each body's extent, and what the skim learns
 * of it ({@link BodySkimmer}), into {@link ModuleInfo#bodies}, {@link ModuleInfo#tailCallers}
 * and {@link ModuleInfo#deepStackBodies}; a large section on several threads.
 */
final class CodeSectionReader {
    private final ByteReader in;
    private final ModuleInfo m;
    private final Features features;

    CodeSectionReader(ByteReader in, ModuleInfo m, Features features) {
        this.in = in;
        this.m = m;
        this.features = features;
    }

    /** A code section at least this long is skimmed on several threads, if the decode has them. */
    static final int PARALLEL_SKIM_MIN_BYTES = 1 << 20;

    /**
     * Reads the section's bodies: skimmed (told to {@code listener} if not null) or, without
     * {@code skimBodies}, stepped over; on {@code threads} threads if {@code large} and nothing
     * listens.
     */
    void read(boolean skimBodies, BodyListener listener, int threads, boolean large) {
        int n = in.u32Count();
        if (skimBodies && listener == null && threads > 1 && large) {
            skimInParallel(n, threads);
            return;
        }
        for (int i = 0; i < n; i++) {
            int sizeAt = in.pos();
            int size = in.u32Count();
            if (size > in.remaining()) throw in.malformed("length out of bounds", sizeAt);
            int start = in.pos();
            if (!skimBodies) {
                in.skip(size);
                m.bodies.add(new ModuleInfo.FunctionBody(start, start + size, true, 0, 0, 0, false));
                continue;
            }
            int f = m.importedFuncs + m.bodies.size();
            BodySkimmer.Counts c = BodySkimmer.skim(in, features, m, f < m.funcCount() ? m.funcType(f) : null, listener, f, size);
            if (in.pos() != start + size) throw in.malformed("section size mismatch", start);
            if (c.tailCalls()) m.tailCallers.set(m.bodies.size());
            if (c.deepStack()) m.deepStackBodies.set(m.bodies.size());
            m.bodies.add(body(start, size, c));
        }
    }

    /**
     * The code section's {@code n} bodies, skimmed in chunks on {@code threads} threads
     * ({@code emit.CompileTasks}, which fails with the lowest-numbered chunk's failure, as one
     * thread reading in file order would). The sizes are read first, in order; a size that is
     * malformed or out of bounds fails only if no body before it does (one thread would have
     * skimmed those first). A body is skimmed from its start, reading past its declared size if
     * its instructions say so, as in {@link #read}'s loop.
     */
    private void skimInParallel(int n, int threads) {
        int[] starts = new int[n];
        int[] sizes = new int[n];
        RuntimeException sizeError = null;
        int counted = 0;
        for (; counted < n; counted++) {
            int sizeAt = in.pos();
            int size;
            try {
                size = in.u32Count();
            } catch (RuntimeException e) {
                sizeError = e;
                break;
            }
            if (size > in.remaining()) {
                sizeError = in.malformed("length out of bounds", sizeAt);
                break;
            }
            starts[counted] = in.pos();
            sizes[counted] = size;
            in.skip(size);
        }
        int bodies = counted;
        BodySkimmer.Counts[] counts = new BodySkimmer.Counts[bodies];
        int perChunk = Math.max(1, (int) Math.ceil(bodies / (threads * 8.0))); // chunks in file order
        int chunks = (bodies + perChunk - 1) / perChunk;
        int[] order = new int[chunks];
        for (int c = 0; c < chunks; c++) order[c] = c;
        int limit = in.limit();
        dev.bytelift.compiler.emit.CompileTasks.run(threads, order, (tasks, c) -> {
            for (int i = c * perChunk; i < Math.min(bodies, (c + 1) * perChunk); i++) {
                ByteReader r = new ByteReader(in.bytes(), starts[i], limit);
                int f = m.importedFuncs + i;
                counts[i] = BodySkimmer.skim(r, features, m, f < m.funcCount() ? m.funcType(f) : null, null, f, sizes[i]);
                if (r.pos() != starts[i] + sizes[i]) throw r.malformed("section size mismatch", starts[i]);
            }
        });
        if (sizeError != null) throw sizeError;
        for (int i = 0; i < bodies; i++) {
            BodySkimmer.Counts c = counts[i];
            if (c.tailCalls()) m.tailCallers.set(i);
            if (c.deepStack()) m.deepStackBodies.set(i);
            m.bodies.add(body(starts[i], sizes[i], c));
        }
    }

    private static ModuleInfo.FunctionBody body(int start, int size, BodySkimmer.Counts c) {
        return new ModuleInfo.FunctionBody(start, start + size, c.usesMemory(), c.instructions(), c.byteAccesses(),
                c.wideAccesses(), !c.loopsOrCalls() && size <= ModuleInfo.FunctionBody.BOUNDED_MAX_BYTES);
    }
}
