package dev.bytelift.compiler.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bytelift.runtime.MalformedModuleException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * LEB128 decoding of 32-bit integers: values, lengths and errors (with their offsets) for every
 * encoding length, the one-byte fast path included, at every distance from the end of the input.
 */
class ByteReaderTest {

    /** Every value of interest in every encoding length from its minimal one to five bytes. */
    @Test
    void u32AgreesWithTheSpecAtEveryLengthAndPosition() {
        for (long v : interestingUnsigned()) {
            for (int len = minLength(v, false); len <= 5; len++) {
                byte[] enc = encode(v, len, false);
                for (int slack = 0; slack <= 5; slack++) {
                    ByteReader r = reader(enc, slack);
                    assertEquals((int) v, r.u32(), () -> hex(enc));
                    assertEquals(1 + enc.length, r.pos(), () -> "length of " + hex(enc));
                }
            }
        }
    }

    @Test
    void s32AgreesWithTheSpecAtEveryLengthAndPosition() {
        for (long v : interestingSigned()) {
            for (int len = minLength(v, true); len <= 5; len++) {
                byte[] enc = encode(v, len, true);
                for (int slack = 0; slack <= 5; slack++) {
                    ByteReader r = reader(enc, slack);
                    assertEquals((int) v, r.s32(), () -> hex(enc));
                    assertEquals(1 + enc.length, r.pos(), () -> "length of " + hex(enc));
                }
            }
        }
    }

    @Test
    void badFifthBytesFailAtTheirOffsetWhateverFollows() {
        for (int slack = 0; slack <= 5; slack++) {
            // u32: a continuation bit, or bits beyond 32
            expectMalformed(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0x80, 0}, slack, false, "integer representation too long");
            expectMalformed(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x10}, slack, false, "integer too large");
            // s32: unused bits that do not repeat bit 3
            expectMalformed(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x70}, slack, true, "integer too large");
            expectMalformed(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08}, slack, true, "integer too large");
            expectMalformed(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0}, slack, true, "integer representation too long");
        }
    }

    @Test
    void truncatedEncodingsAreUnexpectedEnd() {
        byte[] enc = {(byte) 0x80, (byte) 0x80};
        ByteReader r = new ByteReader(enc);
        assertThrows(MalformedModuleException.class, r::u32);
        assertThrows(MalformedModuleException.class, new ByteReader(enc)::s32);
    }

    @Test
    void randomValuesRoundTrip() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            int v = random.nextInt() >> random.nextInt(32);
            byte[] enc = encode(v, minLength(v, true) + random.nextInt(6 - minLength(v, true)), true);
            assertEquals(v, reader(enc, random.nextInt(6)).s32());
            long u = Integer.toUnsignedLong(v);
            byte[] uenc = encode(u, minLength(u, false) + random.nextInt(6 - minLength(u, false)), false);
            assertEquals(v, reader(uenc, random.nextInt(6)).u32());
        }
    }

    private static void expectMalformed(byte[] enc, int slack, boolean signed, String message) {
        ByteReader r = reader(enc, slack);
        MalformedModuleException e = assertThrows(MalformedModuleException.class, signed ? r::s32 : r::u32);
        assertEquals(message, e.specMessage());
        assertEquals(5, e.offset(), "the fifth byte's offset"); // after one byte of padding
    }

    /** A reader over one byte of padding, the encoding, then {@code slack} bytes of 0xFF, positioned at the encoding. */
    private static ByteReader reader(byte[] enc, int slack) {
        byte[] all = new byte[1 + enc.length + slack];
        java.util.Arrays.fill(all, (byte) 0xFF);
        System.arraycopy(enc, 0, all, 1, enc.length);
        ByteReader r = new ByteReader(all);
        r.pos(1);
        return r;
    }

    private static int minLength(long v, boolean signed) {
        for (int len = 1; len < 5; len++) {
            int bits = 7 * len;
            if (signed ? v >= -(1L << (bits - 1)) && v < 1L << (bits - 1) : v < 1L << bits) return len;
        }
        return 5;
    }

    /** {@code v} in exactly {@code len} bytes (padded with continuation bytes as the spec allows). */
    private static byte[] encode(long v, int len, boolean signed) {
        byte[] out = new byte[len];
        for (int i = 0; i < len; i++) {
            // the fifth byte holds bits 28-31; a signed one repeats bit 31 in its bits 4-6
            int b = (int) (v >> (7 * i)) & (i == 4 && !signed ? 0x0F : 0x7F);
            out[i] = (byte) (i < len - 1 ? b | 0x80 : b);
        }
        return out;
    }

    private static List<Long> interestingUnsigned() {
        List<Long> out = new ArrayList<>();
        for (int bits = 0; bits <= 32; bits++) {
            long p = 1L << bits;
            for (long d = -2; d <= 2; d++) if (p + d >= 0 && p + d <= 0xFFFF_FFFFL) out.add(p + d);
        }
        out.add(0xFFFF_FFFFL);
        return out;
    }

    private static List<Long> interestingSigned() {
        List<Long> out = new ArrayList<>();
        for (int bits = 0; bits <= 31; bits++) {
            long p = 1L << bits;
            for (long d = -2; d <= 2; d++) {
                for (long v : new long[] {p + d, -(p + d)}) if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) out.add(v);
            }
        }
        out.add((long) Integer.MIN_VALUE);
        out.add((long) Integer.MAX_VALUE);
        return out;
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) s.append(String.format("%02x ", x));
        return s.toString().trim();
    }
}
