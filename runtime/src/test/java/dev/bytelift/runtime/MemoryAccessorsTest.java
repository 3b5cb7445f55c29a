package dev.bytelift.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * The host's accessors of a memory (what Chicory's {@code Memory} offers): every width, signed and
 * unsigned, floats with their bits, UTF-8 and C strings, ranges, fill, overlapping copy and a
 * {@code ByteBuffer} view; all little-endian as WebAssembly, all bounds-checked with the memory trap.
 */
class MemoryAccessorsTest {
    private final Memory m = new Memory(new MemoryType(new Limits(1, 2)));
    private final int size = m.byteSize();

    @Test
    void numbersOfEveryWidthAreLittleEndian() {
        m.writeShort(10, (short) 0xFEDC);
        assertEquals((byte) 0xDC, m.readByte(10));
        assertEquals((short) 0xFEDC, m.readShort(10));
        assertEquals(0xFEDC, m.readUnsignedShort(10));
        assertEquals(0xDC, m.readUnsignedByte(10));
        m.writeInt(20, 0xF1020304);
        assertEquals(0xF1020304L, m.readUnsignedInt(20));
        assertEquals(0x0304, m.readShort(20));
        m.writeFloat(30, -1.5f);
        assertEquals(0xBFC00000, m.readInt(30));
        assertEquals(-1.5f, m.readFloat(30));
        m.writeInt(34, 0x7FA00001); // a signalling NaN: its bits come back as stored
        assertEquals(0x7FA00001, Float.floatToRawIntBits(m.readFloat(34)));
        m.writeDouble(40, Math.PI);
        assertEquals(Double.doubleToRawLongBits(Math.PI), m.readLong(40));
        assertEquals(Math.PI, m.readDouble(40));
        m.writeLong(size - 8, -2L);
        assertEquals(Double.doubleToRawLongBits(Double.longBitsToDouble(-2L)), Double.doubleToRawLongBits(m.readDouble(size - 8)));
    }

    @Test
    void stringsUtf8AndC() {
        assertEquals(6, m.writeString(100, "héllo"));
        assertEquals("héllo", m.readString(100, 6));
        assertEquals(4, m.writeCString(200, "abc"));
        assertEquals("abc", m.readCString(200));
        assertEquals(0, m.readByte(203));
        assertEquals("", m.readCString(203));
        // no NUL before the end of memory
        m.fill(size - 4, 4, (byte) 'x');
        assertEquals(TrapCode.MEMORY_OUT_OF_BOUNDS, assertThrows(Trap.class, () -> m.readCString(size - 4)).code());
        assertEquals(TrapCode.MEMORY_OUT_OF_BOUNDS, assertThrows(Trap.class, () -> m.writeCString(size - 3, "abc")).code());
        assertEquals((byte) 'x', m.readByte(size - 3), "a failed write changes nothing");
    }

    @Test
    void rangesFillAndOverlappingCopy() {
        byte[] src = {1, 2, 3, 4, 5, 6};
        m.write(300, src, 1, 4);
        byte[] dst = new byte[6];
        m.read(300, dst, 2, 4);
        assertArrayEquals(new byte[] {0, 0, 2, 3, 4, 5}, dst);
        m.copy(301, 300, 4); // overlapping, forwards
        assertArrayEquals(new byte[] {2, 2, 3, 4, 5}, m.read(300, 5));
        m.copy(300, 301, 4); // overlapping, backwards
        assertArrayEquals(new byte[] {2, 3, 4, 5, 5}, m.read(300, 5));
        m.fill(300, 3, (byte) 9);
        assertArrayEquals(new byte[] {9, 9, 9, 5}, m.read(300, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> m.read(0, dst, 4, 3)); // the host's array
    }

    @Test
    void aByteBufferViewSharesTheContents() {
        ByteBuffer b = m.asByteBuffer();
        b.putInt(400, 0x01020304);
        assertEquals(0x04, m.readByte(400));
        m.writeLong(408, 77);
        assertEquals(77, b.getLong(408));
        assertEquals(size, b.capacity());
    }

    @Test
    void everyAccessorChecksBounds() {
        byte[] four = new byte[4];
        Runnable[] bad = {
            () -> m.readShort(size - 1), () -> m.writeShort(-1, (short) 0), () -> m.readUnsignedShort(size),
            () -> m.readUnsignedByte(size), () -> m.readUnsignedInt(size - 3), () -> m.readFloat(size - 2),
            () -> m.writeFloat(size, 0), () -> m.readDouble(size - 4), () -> m.writeDouble(-8, 0),
            () -> m.writeString(size - 2, "abc"), () -> m.readCString(size), () -> m.readCString(-1),
            () -> m.read(size - 2, four, 0, 4), () -> m.write(size - 1, four, 0, 2), () -> m.fill(size - 1, 2, (byte) 0),
            () -> m.fill(0, -1, (byte) 0), () -> m.copy(size - 1, 0, 2), () -> m.copy(0, size - 1, 2), () -> m.copy(0, 0, -1),
        };
        for (Runnable r : bad) assertEquals(TrapCode.MEMORY_OUT_OF_BOUNDS, assertThrows(Trap.class, r::run).code());
    }
}
