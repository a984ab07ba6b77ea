package dev.brook.protocol.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * Reads Kafka protocol primitive types from a {@link ByteBuffer}, big-endian, advancing its position.
 *
 * <p>Every read is bounds-checked against the bytes left in the buffer <em>before</em> anything is allocated, so a
 * hostile length field can never cause an allocation larger than the frame itself; every failure is a
 * {@link MalformedMessageException} naming the field, never a {@code BufferUnderflowException},
 * {@code IndexOutOfBoundsException}, {@code NegativeArraySizeException} or {@code OutOfMemoryError}.
 *
 * <p>Encodings (Kafka protocol guide): INT8/16/32/64 big-endian two's complement; UNSIGNED_VARINT is 7 bits per byte,
 * low group first, high bit = more (at most 5 bytes for 32 bits); VARINT/VARLONG are zigzag-encoded; STRING is an
 * int16 length then UTF-8 (-1 = null when nullable); COMPACT_STRING is uvarint (length+1) then UTF-8 (0 = null); BYTES
 * is an int32 length, COMPACT_BYTES uvarint (length+1); ARRAY is an int32 count (-1 = null), COMPACT_ARRAY uvarint
 * (count+1) (0 = null); UUID is two int64 (most significant first); RECORDS is BYTES/COMPACT_BYTES whose content is
 * record batches.
 */
public final class WireReader {
    private final ByteBuffer buf;

    /**
     * Reads one element of an array.
     *
     * @param <T> the element type
     */
    @FunctionalInterface
    public interface ElementReader<T> {
        /**
         * @param r the reader positioned at the element
         * @return the element
         */
        T read(WireReader r);
    }

    /**
     * @param buf the bytes to read, from position to limit; the reader advances its position. Its byte order is
     *            ignored (reads are always big-endian)
     */
    public WireReader(ByteBuffer buf) {
        this.buf = buf.slice().order(java.nio.ByteOrder.BIG_ENDIAN);
    }

    /** @return bytes not yet read */
    public int remaining() {
        return buf.remaining();
    }

    private void require(String field, long n) {
        if (n < 0) {
            throw new MalformedMessageException(field + ": negative length " + n);
        }
        if (n > buf.remaining()) {
            throw new MalformedMessageException(
                    field + ": needs " + n + " bytes but only " + buf.remaining() + " remain");
        }
    }

    /**
     * @param field the field name for errors
     * @return the next INT8
     */
    public byte readInt8(String field) {
        require(field, 1);
        return buf.get();
    }

    /**
     * @param field the field name for errors
     * @return the next BOOLEAN (any non-zero byte is true)
     */
    public boolean readBoolean(String field) {
        return readInt8(field) != 0;
    }

    /**
     * @param field the field name for errors
     * @return the next INT16
     */
    public short readInt16(String field) {
        require(field, 2);
        return buf.getShort();
    }

    /**
     * @param field the field name for errors
     * @return the next INT32
     */
    public int readInt32(String field) {
        require(field, 4);
        return buf.getInt();
    }

    /**
     * @param field the field name for errors
     * @return the next INT64
     */
    public long readInt64(String field) {
        require(field, 8);
        return buf.getLong();
    }

    /**
     * @param field the field name for errors
     * @return the next UUID (two INT64, most significant first)
     */
    public UUID readUuid(String field) {
        require(field, 16);
        return new UUID(buf.getLong(), buf.getLong());
    }

    /**
     * @param field the field name for errors
     * @return the next UNSIGNED_VARINT as an int (values above 2^31-1 come back negative; callers treat them as
     *         out of range)
     */
    public int readUnsignedVarint(String field) {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            byte b = readInt8(field);
            value |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                if (shift == 28 && (b & 0xf0) != 0) {
                    throw new MalformedMessageException(field + ": unsigned varint overflows 32 bits");
                }
                return value;
            }
        }
        throw new MalformedMessageException(field + ": unsigned varint longer than 5 bytes");
    }

    /**
     * @param field the field name for errors
     * @return the next zigzag VARINT
     */
    public int readVarint(String field) {
        int raw = readUnsignedVarint(field);
        return (raw >>> 1) ^ -(raw & 1);
    }

    /**
     * @param field the field name for errors
     * @return the next zigzag VARLONG
     */
    public long readVarlong(String field) {
        long raw = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            byte b = readInt8(field);
            raw |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new MalformedMessageException(field + ": varlong longer than 10 bytes");
    }

    /**
     * Reads a length that is -1 for null: an int16/int32, or a compact uvarint (length+1).
     *
     * @return the length, or -1 for null
     */
    private int readLength(String field, boolean compact, boolean int16) {
        if (compact) {
            int n = readUnsignedVarint(field);
            if (n < 0) {
                throw new MalformedMessageException(field + ": compact length " + Integer.toUnsignedString(n)
                        + " out of range");
            }
            return n - 1;
        }
        int n = int16 ? readInt16(field) : readInt32(field);
        if (n < -1) {
            throw new MalformedMessageException(field + ": negative length " + n);
        }
        return n;
    }

    private String readUtf8(String field, int len) {
        require(field, len);
        String s = new String(buf.array(), buf.arrayOffset() + buf.position(), len, StandardCharsets.UTF_8);
        buf.position(buf.position() + len);
        return s;
    }

    private String readUtf8Direct(String field, int len) {
        require(field, len);
        byte[] bytes = new byte[len];
        buf.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private String readStringBody(String field, int len) {
        return buf.hasArray() ? readUtf8(field, len) : readUtf8Direct(field, len);
    }

    /**
     * @param field   the field name for errors
     * @param compact true for COMPACT_NULLABLE_STRING (flexible versions), false for NULLABLE_STRING
     * @return the string, or null
     */
    public String readNullableString(String field, boolean compact) {
        int len = readLength(field, compact, true);
        return len < 0 ? null : readStringBody(field, len);
    }

    /**
     * @param field   the field name for errors
     * @param compact true for COMPACT_STRING (flexible versions), false for STRING
     * @return the string, never null
     */
    public String readString(String field, boolean compact) {
        String s = readNullableString(field, compact);
        if (s == null) {
            throw new MalformedMessageException(field + ": null in a non-nullable string");
        }
        return s;
    }

    /**
     * @param field the field name for errors
     * @return a STRING (int16 length)
     */
    public String readString(String field) {
        return readString(field, false);
    }

    /**
     * @param field the field name for errors
     * @return a NULLABLE_STRING (int16 length, -1 = null)
     */
    public String readNullableString(String field) {
        return readNullableString(field, false);
    }

    /**
     * @param field the field name for errors
     * @return a COMPACT_STRING
     */
    public String readCompactString(String field) {
        return readString(field, true);
    }

    /**
     * @param field the field name for errors
     * @return a COMPACT_NULLABLE_STRING, or null
     */
    public String readCompactNullableString(String field) {
        return readNullableString(field, true);
    }

    /**
     * @param field   the field name for errors
     * @param compact true for COMPACT_NULLABLE_BYTES, false for NULLABLE_BYTES
     * @return a copy of the bytes, or null
     */
    public byte[] readNullableBytes(String field, boolean compact) {
        int len = readLength(field, compact, false);
        if (len < 0) {
            return null;
        }
        require(field, len);
        byte[] out = new byte[len];
        buf.get(out);
        return out;
    }

    /**
     * @param field   the field name for errors
     * @param compact true for COMPACT_BYTES, false for BYTES
     * @return a copy of the bytes, never null
     */
    public byte[] readBytes(String field, boolean compact) {
        byte[] b = readNullableBytes(field, compact);
        if (b == null) {
            throw new MalformedMessageException(field + ": null in non-nullable bytes");
        }
        return b;
    }

    /**
     * @param field the field name for errors
     * @return BYTES (int32 length)
     */
    public byte[] readBytes(String field) {
        return readBytes(field, false);
    }

    /**
     * @param field the field name for errors
     * @return COMPACT_BYTES
     */
    public byte[] readCompactBytes(String field) {
        return readBytes(field, true);
    }

    /**
     * Reads a RECORDS field without copying: the result is a slice of the buffer this reader was built on.
     *
     * @param field   the field name for errors
     * @param compact true for the compact (flexible) length
     * @return the records, or null when the length is -1
     */
    public ByteBufferRecords readRecords(String field, boolean compact) {
        int len = readLength(field, compact, false);
        if (len < 0) {
            return null;
        }
        require(field, len);
        ByteBuffer slice = buf.slice(buf.position(), len);
        buf.position(buf.position() + len);
        return new ByteBufferRecords(slice);
    }

    /**
     * @param field the field name for errors
     * @param n     bytes to skip
     */
    public void skip(String field, int n) {
        require(field, n);
        buf.position(buf.position() + n);
    }

    /**
     * Reads an ARRAY (int32 count) or COMPACT_ARRAY; -1/0 (null) is an error here.
     *
     * @param <T>     element type
     * @param field   the field name for errors
     * @param compact true for COMPACT_ARRAY
     * @param element reads one element
     * @return the elements, unmodifiable
     */
    public <T> List<T> readArray(String field, boolean compact, ElementReader<T> element) {
        List<T> list = readNullableArray(field, compact, element);
        if (list == null) {
            throw new MalformedMessageException(field + ": null in a non-nullable array");
        }
        return list;
    }

    /**
     * Reads a nullable ARRAY or COMPACT_ARRAY. The count is checked against the bytes left (every element takes at
     * least one byte), so the list is never pre-sized from a hostile count.
     *
     * @param <T>     element type
     * @param field   the field name for errors
     * @param compact true for COMPACT_ARRAY
     * @param element reads one element
     * @return the elements (unmodifiable), or null
     */
    public <T> List<T> readNullableArray(String field, boolean compact, ElementReader<T> element) {
        int count = readLength(field, compact, false);
        if (count < 0) {
            return null;
        }
        if (count > buf.remaining()) {
            throw new MalformedMessageException(
                    field + ": array of " + count + " elements cannot fit in " + buf.remaining() + " bytes");
        }
        if (count == 0) {
            return List.of();
        }
        List<T> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(element.read(this));
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * @param field   the field name for errors
     * @param compact true for COMPACT_ARRAY
     * @return an array of INT32
     */
    public List<Integer> readInt32Array(String field, boolean compact) {
        return readArray(field, compact, r -> r.readInt32(field));
    }

    /** Skips a TAG_BUFFER; see {@link TaggedFields}. */
    public void readTaggedFields() {
        TaggedFields.skip(this);
    }
}
