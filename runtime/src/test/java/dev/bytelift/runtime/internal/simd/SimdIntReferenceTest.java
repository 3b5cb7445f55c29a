package dev.bytelift.runtime.internal.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Checks the integer instructions (mostly SWAR code) against straightforward lane-by-lane
 * reference implementations: exhaustively over all pairs of 8-bit lane values, and on many
 * random vectors biased towards boundary values for every shape.
 */
class SimdIntReferenceTest {

    private static final int RANDOM_VECTORS = 3000;
    private final SplittableRandom rnd = new SplittableRandom(0x5EED);

    /** A reference for one instruction: signed input lanes of a and b to result lanes. */
    interface Ref {
        long[] apply(long[] a, long[] b);
    }

    // ------------------------------------------------------------------ inputs

    private static long sext(long x, int bits) {
        return bits == 64 ? x : (x << (64 - bits)) >> (64 - bits);
    }

    private static long u(long x, int bits) {
        return bits == 64 ? x : x & ((1L << bits) - 1);
    }

    private static long[] signedLanes(long[] v, int bits) {
        long[] l = V.split(v, bits);
        for (int k = 0; k < l.length; k++) {
            l[k] = sext(l[k], bits);
        }
        return l;
    }

    private long randomLane(int bits) {
        long min = bits == 64 ? Long.MIN_VALUE : -(1L << (bits - 1));
        long max = bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
        switch (rnd.nextInt(12)) {
            case 0: return 0;
            case 1: return 1;
            case 2: return -1;
            case 3: return min;
            case 4: return max;
            case 5: return min + 1 + rnd.nextInt(3);
            case 6: return max - 1 - rnd.nextInt(3);
            case 7: return rnd.nextInt(-300, 300);
            case 8: return 1L << rnd.nextInt(bits); // a single bit
            case 9: return (1L << (bits / 2)) + rnd.nextInt(-2, 3); // around the square-root boundary
            default: return rnd.nextLong();
        }
    }

    private long[] randomVector(int bits) {
        long[] l = new long[128 / bits];
        for (int k = 0; k < l.length; k++) {
            l[k] = randomLane(bits);
        }
        return V.lanes(bits, l);
    }

    /** Input pairs: for 8-bit lanes all 65536 (a, b) pairs first; then random vectors. */
    private interface PairConsumer {
        void accept(long[] a, long[] b);
    }

    private void forInputs(int bits, PairConsumer c) {
        if (bits == 8) {
            for (int p = 0; p < 65536; p += 16) {
                long[] a = new long[16], b = new long[16];
                for (int k = 0; k < 16; k++) {
                    a[k] = (p + k) >>> 8;
                    b[k] = (p + k) & 0xFF;
                }
                c.accept(V.lanes(8, a), V.lanes(8, b));
                c.accept(V.lanes(8, b), V.lanes(8, a));
            }
        }
        for (int n = 0; n < RANDOM_VECTORS; n++) {
            c.accept(randomVector(bits), randomVector(bits));
        }
    }

    private void check(String name, int inBits, int outBits, int operands, Ref ref) {
        forInputs(inBits, (a, b) -> {
            long[] expected = V.lanes(outBits, ref.apply(signedLanes(a, inBits), signedLanes(b, inBits)));
            long[] actual = operands == 1 ? V.callV(name, a) : V.callV(name, a, b);
            V.assertV(expected, actual, name + "(" + V.hex(a) + (operands == 1 ? "" : ", " + V.hex(b)) + ")");
        });
    }

    private static Ref lanewise(LongBinaryOperator f) {
        return (a, b) -> {
            long[] r = new long[a.length];
            for (int k = 0; k < a.length; k++) {
                r[k] = f.applyAsLong(a[k], b[k]);
            }
            return r;
        };
    }

    private static Ref lanewise(LongUnaryOperator f) {
        return lanewise((x, y) -> f.applyAsLong(x));
    }

    private static long mask(boolean c) {
        return c ? -1 : 0;
    }

    private static long sat(long x, long lo, long hi) {
        return Math.max(lo, Math.min(hi, x));
    }

    // ------------------------------------------------------------------ tests

    private static final String[] SHAPES = {"i8x16", "i16x8", "i32x4", "i64x2"};

    private static int bits(String shape) {
        return 128 / Integer.parseInt(shape.substring(shape.indexOf('x') + 1));
    }

    @Test
    void addSubMulNegAbs() {
        for (String sh : SHAPES) {
            int b = bits(sh);
            check(sh + ".add", b, b, 2, lanewise((x, y) -> x + y));
            check(sh + ".sub", b, b, 2, lanewise((x, y) -> x - y));
            check(sh + ".neg", b, b, 1, lanewise(x -> -x));
            check(sh + ".abs", b, b, 1, lanewise(x -> Math.abs(x)));
            if (b != 8) {
                check(sh + ".mul", b, b, 2, lanewise((x, y) -> x * y));
            }
        }
        check("i8x16.popcnt", 8, 8, 1, lanewise(x -> Long.bitCount(x & 0xFF)));
    }

    @Test
    void comparisons() {
        for (String sh : SHAPES) {
            int b = bits(sh);
            check(sh + ".eq", b, b, 2, lanewise((x, y) -> mask(x == y)));
            check(sh + ".ne", b, b, 2, lanewise((x, y) -> mask(x != y)));
            check(sh + ".lt_s", b, b, 2, lanewise((x, y) -> mask(x < y)));
            check(sh + ".gt_s", b, b, 2, lanewise((x, y) -> mask(x > y)));
            check(sh + ".le_s", b, b, 2, lanewise((x, y) -> mask(x <= y)));
            check(sh + ".ge_s", b, b, 2, lanewise((x, y) -> mask(x >= y)));
            if (b != 64) {
                check(sh + ".lt_u", b, b, 2, lanewise((x, y) -> mask(u(x, b) < u(y, b))));
                check(sh + ".gt_u", b, b, 2, lanewise((x, y) -> mask(u(x, b) > u(y, b))));
                check(sh + ".le_u", b, b, 2, lanewise((x, y) -> mask(u(x, b) <= u(y, b))));
                check(sh + ".ge_u", b, b, 2, lanewise((x, y) -> mask(u(x, b) >= u(y, b))));
            }
        }
    }

    @Test
    void minMaxAvgr() {
        for (String sh : new String[] {"i8x16", "i16x8", "i32x4"}) {
            int b = bits(sh);
            check(sh + ".min_s", b, b, 2, lanewise(Math::min));
            check(sh + ".max_s", b, b, 2, lanewise(Math::max));
            check(sh + ".min_u", b, b, 2, lanewise((x, y) -> Math.min(u(x, b), u(y, b))));
            check(sh + ".max_u", b, b, 2, lanewise((x, y) -> Math.max(u(x, b), u(y, b))));
            if (b != 32) {
                check(sh + ".avgr_u", b, b, 2, lanewise((x, y) -> (u(x, b) + u(y, b) + 1) >>> 1));
            }
        }
    }

    @Test
    void saturatingArithmetic() {
        for (String sh : new String[] {"i8x16", "i16x8"}) {
            int b = bits(sh);
            long min = -(1L << (b - 1)), max = (1L << (b - 1)) - 1, umax = (1L << b) - 1;
            check(sh + ".add_sat_s", b, b, 2, lanewise((x, y) -> sat(x + y, min, max)));
            check(sh + ".sub_sat_s", b, b, 2, lanewise((x, y) -> sat(x - y, min, max)));
            check(sh + ".add_sat_u", b, b, 2, lanewise((x, y) -> sat(u(x, b) + u(y, b), 0, umax)));
            check(sh + ".sub_sat_u", b, b, 2, lanewise((x, y) -> sat(u(x, b) - u(y, b), 0, umax)));
        }
        check("i16x8.q15mulr_sat_s", 16, 16, 2, lanewise((x, y) -> sat((x * y + 0x4000) >> 15, -32768, 32767)));
    }

    @Test
    void shifts() {
        int[] counts = {0, 1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 255, 256, -1, -7, -8,
            -16, -31, -32, -33, -63, -64, Integer.MIN_VALUE, Integer.MAX_VALUE};
        for (String sh : SHAPES) {
            int b = bits(sh);
            for (int n : counts) {
                int k = n & (b - 1);
                for (int r = 0; r < 300; r++) {
                    long[] x = randomVector(b);
                    long[] lanes = signedLanes(x, b);
                    long[] shl = new long[lanes.length], shrS = new long[lanes.length], shrU = new long[lanes.length];
                    for (int i = 0; i < lanes.length; i++) {
                        shl[i] = lanes[i] << k;
                        shrS[i] = lanes[i] >> k;
                        shrU[i] = u(lanes[i], b) >>> k;
                    }
                    V.assertV(V.lanes(b, shl), V.callV(sh + ".shl", x, n), sh + ".shl " + n + " " + V.hex(x));
                    V.assertV(V.lanes(b, shrS), V.callV(sh + ".shr_s", x, n), sh + ".shr_s " + n + " " + V.hex(x));
                    V.assertV(V.lanes(b, shrU), V.callV(sh + ".shr_u", x, n), sh + ".shr_u " + n + " " + V.hex(x));
                }
            }
        }
    }

    /** The lanes {@code from..from+n-1} of {@code l}. */
    private static long[] part(long[] l, int from, int n) {
        long[] r = new long[n];
        System.arraycopy(l, from, r, 0, n);
        return r;
    }

    @Test
    void extendExtmulExtaddDotNarrow() {
        String[][] wide = {{"i16x8", "i8x16"}, {"i32x4", "i16x8"}, {"i64x2", "i32x4"}};
        for (String[] w : wide) {
            int ob = bits(w[0]), ib = bits(w[1]);
            int n = 128 / ob;
            for (String half : new String[] {"low", "high"}) {
                int from = half.equals("low") ? 0 : n;
                check(w[0] + ".extend_" + half + "_" + w[1] + "_s", ib, ob, 1, (a, b) -> part(a, from, n));
                check(w[0] + ".extend_" + half + "_" + w[1] + "_u", ib, ob, 1, (a, b) -> {
                    long[] r = part(a, from, n);
                    for (int k = 0; k < n; k++) {
                        r[k] = u(r[k], ib);
                    }
                    return r;
                });
                check(w[0] + ".extmul_" + half + "_" + w[1] + "_s", ib, ob, 2, (a, b) -> {
                    long[] r = new long[n];
                    for (int k = 0; k < n; k++) {
                        r[k] = a[from + k] * b[from + k];
                    }
                    return r;
                });
                check(w[0] + ".extmul_" + half + "_" + w[1] + "_u", ib, ob, 2, (a, b) -> {
                    long[] r = new long[n];
                    for (int k = 0; k < n; k++) {
                        r[k] = u(a[from + k], ib) * u(b[from + k], ib);
                    }
                    return r;
                });
            }
        }
        for (String[] w : new String[][] {{"i16x8", "i8x16"}, {"i32x4", "i16x8"}}) {
            int ob = bits(w[0]), ib = bits(w[1]);
            int n = 128 / ob;
            check(w[0] + ".extadd_pairwise_" + w[1] + "_s", ib, ob, 1, (a, b) -> {
                long[] r = new long[n];
                for (int k = 0; k < n; k++) {
                    r[k] = a[2 * k] + a[2 * k + 1];
                }
                return r;
            });
            check(w[0] + ".extadd_pairwise_" + w[1] + "_u", ib, ob, 1, (a, b) -> {
                long[] r = new long[n];
                for (int k = 0; k < n; k++) {
                    r[k] = u(a[2 * k], ib) + u(a[2 * k + 1], ib);
                }
                return r;
            });
        }
        check("i32x4.dot_i16x8_s", 16, 32, 2, (a, b) -> {
            long[] r = new long[4];
            for (int k = 0; k < 4; k++) {
                r[k] = a[2 * k] * b[2 * k] + a[2 * k + 1] * b[2 * k + 1];
            }
            return r;
        });
        for (String[] w : new String[][] {{"i8x16", "i16x8"}, {"i16x8", "i32x4"}}) {
            int ob = bits(w[0]), ib = bits(w[1]);
            int n = 128 / ib;
            long min = -(1L << (ob - 1)), max = (1L << (ob - 1)) - 1, umax = (1L << ob) - 1;
            check(w[0] + ".narrow_" + w[1] + "_s", ib, ob, 2, (a, b) -> {
                long[] r = new long[2 * n];
                for (int k = 0; k < n; k++) {
                    r[k] = sat(a[k], min, max);
                    r[n + k] = sat(b[k], min, max);
                }
                return r;
            });
            check(w[0] + ".narrow_" + w[1] + "_u", ib, ob, 2, (a, b) -> {
                long[] r = new long[2 * n];
                for (int k = 0; k < n; k++) {
                    r[k] = sat(a[k], 0, umax);
                    r[n + k] = sat(b[k], 0, umax);
                }
                return r;
            });
        }
    }

    @Test
    void bitwiseAndReductions() {
        forInputs(8, (a, b) -> {
            long[] c = randomVector(8);
            V.assertV(new long[] {~a[0], ~a[1]}, V.callV("v128.not", a));
            V.assertV(new long[] {a[0] & b[0], a[1] & b[1]}, V.callV("v128.and", a, b));
            V.assertV(new long[] {a[0] & ~b[0], a[1] & ~b[1]}, V.callV("v128.andnot", a, b));
            V.assertV(new long[] {a[0] | b[0], a[1] | b[1]}, V.callV("v128.or", a, b));
            V.assertV(new long[] {a[0] ^ b[0], a[1] ^ b[1]}, V.callV("v128.xor", a, b));
            V.assertV(new long[] {(a[0] & c[0]) | (b[0] & ~c[0]), (a[1] & c[1]) | (b[1] & ~c[1])},
                    V.callV("v128.bitselect", a, b, c));
            assertEquals((a[0] | a[1]) != 0 ? 1 : 0, V.call("v128.any_true", a));
            for (String sh : SHAPES) {
                int bits = bits(sh);
                long[] l = V.split(a, bits);
                int mask = 0, all = 1;
                for (int k = 0; k < l.length; k++) {
                    mask |= (int) ((l[k] >>> (bits - 1)) & 1) << k;
                    all &= l[k] != 0 ? 1 : 0;
                }
                assertEquals(mask, V.call(sh + ".bitmask", a), sh + ".bitmask " + V.hex(a));
                assertEquals(all, V.call(sh + ".all_true", a), sh + ".all_true " + V.hex(a));
            }
        });
        // all_true with exactly one zero lane, at every position and for every shape
        for (String sh : SHAPES) {
            int bits = bits(sh);
            for (int k = 0; k < 128 / bits; k++) {
                long[] l = new long[128 / bits];
                java.util.Arrays.fill(l, 1);
                assertEquals(1, V.call(sh + ".all_true", V.lanes(bits, l)));
                l[k] = 0;
                assertEquals(0, V.call(sh + ".all_true", V.lanes(bits, l)), sh + " zero lane " + k);
                java.util.Arrays.fill(l, -1L);
                l[k] = 0;
                assertEquals(0, V.call(sh + ".all_true", V.lanes(bits, l)), sh + " zero lane " + k);
                l[k] = 1L << (bits - 1);
                assertEquals(1, V.call(sh + ".all_true", V.lanes(bits, l)));
            }
        }
    }

    @Test
    void swizzleAndShuffle() {
        for (int n = 0; n < RANDOM_VECTORS; n++) {
            long[] a = randomVector(8), b = randomVector(8);
            long[] idx = new long[16];
            long[] sel = new long[16];
            for (int k = 0; k < 16; k++) {
                idx[k] = rnd.nextInt(4) == 0 ? rnd.nextInt(256) : rnd.nextInt(20);
                sel[k] = rnd.nextInt(32);
            }
            long[] av = V.split(a, 8), bv = V.split(b, 8);
            long[] sw = new long[16], sf = new long[16];
            for (int k = 0; k < 16; k++) {
                sw[k] = idx[k] < 16 ? av[(int) idx[k]] : 0;
                sf[k] = sel[k] < 16 ? av[(int) sel[k]] : bv[(int) sel[k] - 16];
            }
            long[] iv = V.lanes(8, idx), mv = V.lanes(8, sel);
            V.assertV(V.lanes(8, sw), V.callV("i8x16.swizzle", a, iv));
            V.assertV(V.lanes(8, sf), V.callV("i8x16.shuffle", a, b, mv[0], mv[1]));
        }
    }
}
