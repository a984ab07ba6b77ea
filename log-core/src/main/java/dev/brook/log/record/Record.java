package dev.brook.log.record;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * One decoded record: its absolute offset and timestamp, a nullable key, a nullable value (null = a tombstone, the
 * delete marker of compacted topics) and its headers.
 *
 * <p>Immutable: key and value are handed out as read-only buffers. Records decoded from an uncompressed batch
 * share the batch's bytes instead of copying them, so they stay valid only while those bytes are not overwritten
 * (Brook never rewrites the records section of a stored batch). Records made with {@link #of} own a private
 * copy.
 */
public final class Record {
    private final long offset;
    private final long timestamp;
    private final ByteBuffer key;
    private final ByteBuffer value;
    private final List<Header> headers;

    /**
     * Creates a record, copying the remaining bytes of key and value.
     *
     * @param offset the absolute offset
     * @param timestamp the timestamp in ms, or {@link RecordBatch#NO_TIMESTAMP}
     * @param key the key between position and limit, or {@code null}
     * @param value the value between position and limit, or {@code null} for a tombstone
     * @param headers the headers, in order
     */
    public static Record of(long offset, long timestamp, ByteBuffer key, ByteBuffer value, List<Header> headers) {
        return new Record(offset, timestamp, copyOf(key), copyOf(value), List.copyOf(headers));
    }

    private Record(long offset, long timestamp, ByteBuffer key, ByteBuffer value, List<Header> headers) {
        this.offset = offset;
        this.timestamp = timestamp;
        this.key = key;
        this.value = value;
        this.headers = headers;
    }

    /**
     * Wraps decoded fields without copying.
     *
     * @param key a read-only buffer spanning exactly the key, or null
     * @param value a read-only buffer spanning exactly the value, or null
     * @param headers an unmodifiable list
     */
    static Record decoded(long offset, long timestamp, ByteBuffer key, ByteBuffer value, List<Header> headers) {
        return new Record(offset, timestamp, key, value, headers);
    }

    /** The absolute offset: the batch's base offset plus this record's offset delta. */
    public long offset() {
        return offset;
    }

    /**
     * The timestamp: the batch's base timestamp plus this record's delta, or for LogAppendTime batches the
     * batch's max timestamp (the broker's append time), as Kafka's clients report it.
     */
    public long timestamp() {
        return timestamp;
    }

    /** Whether the key is non-null. */
    public boolean hasKey() {
        return key != null;
    }

    /** The key as a read-only buffer (position 0), or {@code null}. */
    public ByteBuffer key() {
        return key == null ? null : key.duplicate();
    }

    /** Key length in bytes, or -1 for a null key. */
    public int keySize() {
        return key == null ? -1 : key.remaining();
    }

    /** Whether the value is null, which marks a delete in compacted topics. */
    public boolean isTombstone() {
        return value == null;
    }

    /** The value as a read-only buffer (position 0), or {@code null} for a tombstone. */
    public ByteBuffer value() {
        return value == null ? null : value.duplicate();
    }

    /** Value length in bytes, or -1 for a tombstone. */
    public int valueSize() {
        return value == null ? -1 : value.remaining();
    }

    /** The headers in wire order; unmodifiable. */
    public List<Header> headers() {
        return headers;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Record other && offset == other.offset && timestamp == other.timestamp
                && Objects.equals(key, other.key) && Objects.equals(value, other.value)
                && headers.equals(other.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(offset, timestamp, key, value, headers);
    }

    @Override
    public String toString() {
        return "Record(offset=" + offset + ", timestamp=" + timestamp + ", key=" + sizeText(key) + ", value="
                + sizeText(value) + ", headers=" + headers + ")";
    }

    private static String sizeText(ByteBuffer buffer) {
        return buffer == null ? "null" : buffer.remaining() + " bytes";
    }

    private static ByteBuffer copyOf(ByteBuffer source) {
        if (source == null) {
            return null;
        }
        ByteBuffer copy = ByteBuffer.allocate(source.remaining());
        copy.put(source.duplicate()).flip();
        return copy.asReadOnlyBuffer();
    }
}
