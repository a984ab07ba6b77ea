package dev.brook.protocol.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * Writes Kafka protocol primitive types (same encodings as {@link WireReader}) into a growable heap buffer.
 * {@link #writeRecords} does not copy: it closes the current bytes chunk, appends the payload as its own chunk and
 * continues in a fresh buffer, so {@link #toEncodedMessage()} yields header bytes and records payloads in order.
 */
public final class WireWriter {
    private final List<EncodedMessage.Chunk> chunks = new ArrayList<>();
    private byte[] buf;
    private int pos;
    private long total;

    /** Starts with a small buffer that grows as needed. */
    public WireWriter() {
        this(256);
    }

    /**
     * @param initialCapacity starting capacity in bytes
     */
    public WireWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
        total += n;
    }

    /**
     * @return bytes written so far, including records payloads
     */
    public long sizeInBytes() {
        return total;
    }

    /** @param v the INT8 */
    public void writeInt8(byte v) {
        ensure(1);
        buf[pos++] = v;
    }

    /** @param v the BOOLEAN, written as 1 or 0 */
    public void writeBoolean(boolean v) {
        writeInt8(v ? (byte) 1 : (byte) 0);
    }

    /** @param v the INT16 */
    public void writeInt16(short v) {
        ensure(2);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
    }

    /** @param v the INT32 */
    public void writeInt32(int v) {
        ensure(4);
        buf[pos++] = (byte) (v >>> 24);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
    }

    /** @param v the INT64 */
    public void writeInt64(long v) {
        writeInt32((int) (v >>> 32));
        writeInt32((int) v);
    }

    /** @param v the UUID, most significant INT64 first */
    public void writeUuid(UUID v) {
        writeInt64(v.getMostSignificantBits());
        writeInt64(v.getLeastSignificantBits());
    }

    /** @param v the UNSIGNED_VARINT (the int's bits read as unsigned) */
    public void writeUnsignedVarint(int v) {
        while ((v & 0xffffff80) != 0) {
            writeInt8((byte) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        writeInt8((byte) v);
    }

    /** @param v the zigzag VARINT */
    public void writeVarint(int v) {
        writeUnsignedVarint((v << 1) ^ (v >> 31));
    }

    /** @param v the zigzag VARLONG */
    public void writeVarlong(long v) {
        long z = (v << 1) ^ (v >> 63);
        while ((z & 0xffffffffffffff80L) != 0) {
            writeInt8((byte) ((z & 0x7f) | 0x80));
            z >>>= 7;
        }
        writeInt8((byte) z);
    }

    private void writeLength(int len, boolean compact, boolean int16) {
        if (compact) {
            writeUnsignedVarint(len + 1);
        } else if (int16) {
            writeInt16((short) len);
        } else {
            writeInt32(len);
        }
    }

    private void writeRaw(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    /**
     * @param s       the string, or null
     * @param compact true for COMPACT_NULLABLE_STRING, false for NULLABLE_STRING
     */
    public void writeNullableString(String s, boolean compact) {
        if (s == null) {
            writeLength(-1, compact, true);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (!compact && b.length > Short.MAX_VALUE) {
            throw new IllegalArgumentException("string of " + b.length + " UTF-8 bytes exceeds the int16 length");
        }
        writeLength(b.length, compact, true);
        writeRaw(b);
    }

    /**
     * @param s       the string, not null
     * @param compact true for COMPACT_STRING, false for STRING
     */
    public void writeString(String s, boolean compact) {
        if (s == null) {
            throw new IllegalArgumentException("null written to a non-nullable string");
        }
        writeNullableString(s, compact);
    }

    /** @param s a STRING, not null */
    public void writeString(String s) {
        writeString(s, false);
    }

    /** @param s a NULLABLE_STRING */
    public void writeNullableString(String s) {
        writeNullableString(s, false);
    }

    /** @param s a COMPACT_STRING, not null */
    public void writeCompactString(String s) {
        writeString(s, true);
    }

    /** @param s a COMPACT_NULLABLE_STRING */
    public void writeCompactNullableString(String s) {
        writeNullableString(s, true);
    }

    /**
     * @param b       the bytes, or null
     * @param compact true for COMPACT_NULLABLE_BYTES, false for NULLABLE_BYTES
     */
    public void writeNullableBytes(byte[] b, boolean compact) {
        if (b == null) {
            writeLength(-1, compact, false);
            return;
        }
        writeLength(b.length, compact, false);
        writeRaw(b);
    }

    /**
     * @param b       the bytes, not null
     * @param compact true for COMPACT_BYTES, false for BYTES
     */
    public void writeBytes(byte[] b, boolean compact) {
        if (b == null) {
            throw new IllegalArgumentException("null written to non-nullable bytes");
        }
        writeNullableBytes(b, compact);
    }

    /**
     * Writes a RECORDS field: the length prefix here, then the payload as its own chunk (not copied).
     *
     * @param records the records, or null (length -1)
     * @param compact true for the compact (flexible) length
     */
    public void writeRecords(RecordsPayload records, boolean compact) {
        if (records == null) {
            writeLength(-1, compact, false);
            return;
        }
        writeLength(records.sizeInBytes(), compact, false);
        writeRecords(records);
    }

    /**
     * Appends a records payload as its own chunk, with no length prefix.
     *
     * @param records the payload
     */
    public void writeRecords(RecordsPayload records) {
        closeBytesChunk();
        chunks.add(new EncodedMessage.Records(records));
        total += records.sizeInBytes();
    }

    private void closeBytesChunk() {
        if (pos > 0) {
            chunks.add(new EncodedMessage.Bytes(ByteBuffer.wrap(buf, 0, pos).slice().asReadOnlyBuffer()));
            buf = new byte[Math.max(16, buf.length - pos)];
            pos = 0;
        }
    }

    /**
     * Writes an ARRAY (int32 count) or COMPACT_ARRAY.
     *
     * @param <T>     element type
     * @param list    the elements, or null (count -1 / 0)
     * @param compact true for COMPACT_ARRAY
     * @param element writes one element
     */
    public <T> void writeArray(List<T> list, boolean compact, BiConsumer<WireWriter, T> element) {
        if (list == null) {
            writeLength(-1, compact, false);
            return;
        }
        writeLength(list.size(), compact, false);
        for (T t : list) {
            element.accept(this, t);
        }
    }

    /**
     * @param list    INT32 elements
     * @param compact true for COMPACT_ARRAY
     */
    public void writeInt32Array(List<Integer> list, boolean compact) {
        writeArray(list, compact, (w, v) -> w.writeInt32(v));
    }

    /** Writes an empty TAG_BUFFER. */
    public void writeTaggedFields() {
        TaggedFields.writeEmpty(this);
    }

    /**
     * Ends writing: the chunks written so far, in order. The writer must not be used afterwards.
     *
     * @return the encoded message
     */
    public EncodedMessage toEncodedMessage() {
        closeBytesChunk();
        return EncodedMessage.of(chunks);
    }
}
