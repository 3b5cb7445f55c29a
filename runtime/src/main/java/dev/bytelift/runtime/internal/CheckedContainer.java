package dev.bytelift.runtime.internal;

import dev.bytelift.runtime.DeserializeException;
import dev.bytelift.runtime.DeserializeException.Reason;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The envelope of Bytelift's own binary formats (serialised modules, ahead-of-time metadata):
 * magic, a 16-bit format version, the content's length (64 bits) and its CRC-32C, then the content.
 * Checking it gives each format's {@link DeserializeException}s in its own words.
 *
 * @param magic the format's first bytes
 * @param format the format version this Bytelift writes and reads
 * @param what the content's name in messages ("serialised module")
 * @param formatName the name before "format N" in the version message
 * @param notOurs the message for bytes with another magic
 * @param lengthUnit what the truncation message counts ("bytes")
 */
public record CheckedContainer(byte[] magic, int format, String what, String formatName, String notOurs, String lengthUnit) {
    /** Header bytes before the content. */
    public int headerLength() {
        return magic.length + 2 + 8 + 4;
    }

    /** {@code content} in the envelope. */
    public byte[] wrap(byte[] content) {
        CRC32C crc = new CRC32C();
        crc.update(content);
        ByteBuffer all = ByteBuffer.allocate(headerLength() + content.length);
        all.put(magic).putShort((short) format).putLong(content.length).putInt((int) crc.getValue()).put(content);
        return all.array();
    }

    /** The exception for damaged content. */
    public DeserializeException corrupted(String detail) {
        return new DeserializeException(Reason.CORRUPTED, "corrupted " + what + ": " + detail);
    }

    /**
     * Checks the envelope of {@code b}: magic, version, length and checksum; returns where the
     * content starts (it runs to the end of {@code b}).
     */
    public int open(byte[] b) {
        return open(ByteBuffer.wrap(b));
    }

    /**
     * Checks the envelope of {@code b} (from index 0 to its limit, big-endian): magic, version,
     * length and checksum; returns where the content starts (it runs to the limit).
     */
    public int open(ByteBuffer b) {
        int m = magic.length;
        int size = b.limit();
        byte[] start = new byte[Math.min(m, size)];
        b.get(0, start);
        if (size < m || !Arrays.equals(start, magic)) {
            if (size < m && Arrays.equals(start, 0, size, magic, 0, size)) {
                throw new DeserializeException(Reason.TRUNCATED, "truncated " + what + " (" + size + " bytes)");
            }
            throw new DeserializeException(Reason.NOT_SERIALIZED, notOurs);
        }
        int header = headerLength();
        if (size < header) throw new DeserializeException(Reason.TRUNCATED, "truncated " + what + " (" + size + " bytes)");
        int version = b.getShort(m) & 0xFFFF;
        if (version != format) {
            throw new DeserializeException(Reason.OTHER_VERSION, formatName + " format " + version + " is not the one this Bytelift reads ("
                    + format + "): compile it again");
        }
        long length = b.getLong(m + 2);
        int crc = b.getInt(m + 10);
        long have = size - header;
        if (length > have) throw new DeserializeException(Reason.TRUNCATED, "truncated " + what + " (" + have + " of " + length + " " + lengthUnit + ")");
        if (length < have) throw corrupted((have - length) + " bytes after the end");
        CRC32C c = new CRC32C();
        c.update(b.duplicate().position(header).limit(size));
        if ((int) c.getValue() != crc) throw corrupted("checksum mismatch");
        return header;
    }
}
