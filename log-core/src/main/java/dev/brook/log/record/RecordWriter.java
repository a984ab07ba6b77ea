package dev.brook.log.record;

import java.nio.ByteBuffer;

/**
 * Encodes one record, the inverse of {@link RecordParser}:
 *
 * <pre>
 * Length         varint   size of everything below
 * Attributes     int8     0
 * TimestampDelta varlong  timestamp - batch BaseTimestamp
 * OffsetDelta    varint   offset - batch BaseOffset
 * KeyLen         varint   -1 for a null key
 * Key            bytes
 * ValueLen       varint   -1 for a null value (tombstone)
 * Value          bytes
 * HeadersCount   varint
 * Headers        [HeaderKeyLen varint, HeaderKey UTF-8, HeaderValueLen varint (-1 = null), HeaderValue]
 * </pre>
 */
final class RecordWriter {
    private RecordWriter() {
    }

    /** Bytes {@link #write} produces for these fields, Length varint included. */
    static int sizeInBytes(int offsetDelta, long timestampDelta, ByteBuffer key, ByteBuffer value,
            Header[] headers) {
        int body = bodySize(offsetDelta, timestampDelta, key, value, headers);
        return Varints.sizeOfVarint(body) + body;
    }

    /**
     * Writes the record at {@code out}'s position. Key and value are written from their position to their limit;
     * neither buffer is moved.
     *
     * @throws java.nio.BufferOverflowException if {@code out} has fewer than {@link #sizeInBytes} bytes left
     */
    static void write(ByteBuffer out, int offsetDelta, long timestampDelta, ByteBuffer key, ByteBuffer value,
            Header[] headers) {
        Varints.writeVarint(bodySize(offsetDelta, timestampDelta, key, value, headers), out);
        out.put((byte) 0);
        Varints.writeVarlong(timestampDelta, out);
        Varints.writeVarint(offsetDelta, out);
        writeNullable(out, key);
        writeNullable(out, value);
        Varints.writeVarint(headers.length, out);
        for (Header header : headers) {
            byte[] headerKey = header.keyBytes();
            Varints.writeVarint(headerKey.length, out);
            out.put(headerKey);
            byte[] headerValue = header.valueBytes();
            if (headerValue == null) {
                Varints.writeVarint(-1, out);
            } else {
                Varints.writeVarint(headerValue.length, out);
                out.put(headerValue);
            }
        }
    }

    private static int bodySize(int offsetDelta, long timestampDelta, ByteBuffer key, ByteBuffer value,
            Header[] headers) {
        long size = 1 + Varints.sizeOfVarlong(timestampDelta) + Varints.sizeOfVarint(offsetDelta)
                + nullableSize(key) + nullableSize(value) + Varints.sizeOfVarint(headers.length);
        for (Header header : headers) {
            int keyLength = header.keyBytes().length;
            byte[] headerValue = header.valueBytes();
            size += Varints.sizeOfVarint(keyLength) + (long) keyLength
                    + (headerValue == null ? Varints.sizeOfVarint(-1)
                            : Varints.sizeOfVarint(headerValue.length) + (long) headerValue.length);
        }
        if (size > Integer.MAX_VALUE - Varints.MAX_VARINT_SIZE) {
            throw new IllegalArgumentException("record of " + size + " bytes cannot be encoded");
        }
        return (int) size;
    }

    private static long nullableSize(ByteBuffer bytes) {
        return bytes == null ? Varints.sizeOfVarint(-1)
                : Varints.sizeOfVarint(bytes.remaining()) + (long) bytes.remaining();
    }

    private static void writeNullable(ByteBuffer out, ByteBuffer bytes) {
        if (bytes == null) {
            Varints.writeVarint(-1, out);
        } else {
            Varints.writeVarint(bytes.remaining(), out);
            out.put(bytes.duplicate());
        }
    }
}
