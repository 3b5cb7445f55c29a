package dev.bytelift.bench;

import dev.bytelift.runtime.internal.MemoryAccess;
import dev.bytelift.runtime.internal.NumericOps;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The inner loop of the matmul kernel ({@code c[j] += a * b[j]} over 128 doubles, unrolled twice,
 * as clang emits it) in the shape Bytelift generates and in variants, to show what the effective
 * address computation and the {@code !=} loop exit cost (docs/performance.md §3). Not part of the
 * suite; run with {@code java -jar bench/target/benchmarks.jar LoopShapeBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
public class LoopShapeBench {
    private static final VarHandle F64 = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int ROWS = 128;

    private final byte[] mem = new byte[1 << 20];
    /** The memory's size, which generated code passes with the array (here all of it). */
    private final int size = mem.length;
    private final double[] doubles = new double[1 << 17];
    private final double a = 0.5;

    /** What Bytelift emits: MemoryAccess helpers with offset 8 (before the size check, the general ea formula), i32Ne exit. */
    @Benchmark
    public byte[] generatedWithOffsets() {
        for (int k = 0; k < ROWS; k++) {
            int c = 8192 - 8, b = 300000 + k * 1024 - 8;
            int j = 0;
            do {
                MemoryAccess.f64Store(c + j, MemoryAccess.f64Load(c + j, mem, size, 8) + a * MemoryAccess.f64Load(b + j, mem, size, 8), mem, size, 8);
                MemoryAccess.f64Store(c + j, MemoryAccess.f64Load(c + j, mem, size, 16) + a * MemoryAccess.f64Load(b + j, mem, size, 16), mem, size, 16);
                j += 16;
            } while (NumericOps.i32Ne(j, 1024) != 0);
        }
        return mem;
    }

    /** What Bytelift emits for matmul: helpers with offset 0, i32Ne exit. */
    @Benchmark
    public byte[] generated() {
        for (int k = 0; k < ROWS; k++) {
            int c = 8192, b = 300000 + k * 1024;
            int j = 0;
            do {
                MemoryAccess.f64Store(c + j, MemoryAccess.f64Load(c + j, mem, size, 0) + a * MemoryAccess.f64Load(b + j, mem, size, 0), mem, size, 0);
                MemoryAccess.f64Store(c + j + 8, MemoryAccess.f64Load(c + j + 8, mem, size, 0) + a * MemoryAccess.f64Load(b + j + 8, mem, size, 0), mem, size, 0);
                j += 16;
            } while (NumericOps.i32Ne(j, 1024) != 0);
        }
        return mem;
    }

    /** The same with a {@code <} exit. */
    @Benchmark
    public byte[] generatedLessThan() {
        for (int k = 0; k < ROWS; k++) {
            int c = 8192, b = 300000 + k * 1024;
            int j = 0;
            do {
                MemoryAccess.f64Store(c + j, MemoryAccess.f64Load(c + j, mem, size, 0) + a * MemoryAccess.f64Load(b + j, mem, size, 0), mem, size, 0);
                MemoryAccess.f64Store(c + j + 8, MemoryAccess.f64Load(c + j + 8, mem, size, 0) + a * MemoryAccess.f64Load(b + j + 8, mem, size, 0), mem, size, 0);
                j += 16;
            } while (j < 1024);
        }
        return mem;
    }

    /** Offsets through {@code Objects.checkIndex(addr, MAX_VALUE) + offset}, {@code <} exit. */
    @Benchmark
    public byte[] checkIndexLessThan() {
        for (int k = 0; k < ROWS; k++) {
            int c = 8192 - 8, b = 300000 + k * 1024 - 8;
            int j = 0;
            do {
                F64.set(mem, ci(c + j, 8), (double) F64.get(mem, ci(c + j, 8)) + a * (double) F64.get(mem, ci(b + j, 8)));
                F64.set(mem, ci(c + j, 16), (double) F64.get(mem, ci(c + j, 16)) + a * (double) F64.get(mem, ci(b + j, 16)));
                j += 16;
            } while (j < 1024);
        }
        return mem;
    }

    private static int ci(int addr, int offset) {
        return Objects.checkIndex(addr, Integer.MAX_VALUE) + offset;
    }

    /** The loop on a {@code double[]}: the JVM's best case. */
    @Benchmark
    public double[] doubleArray() {
        for (int k = 0; k < ROWS; k++) {
            int c = 1024, b = 37500 + k * 128;
            for (int j = 0; j < 128; j += 2) {
                doubles[c + j] += a * doubles[b + j];
                doubles[c + j + 1] += a * doubles[b + j + 1];
            }
        }
        return doubles;
    }
}
