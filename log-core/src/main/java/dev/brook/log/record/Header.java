package dev.brook.log.record;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One record header: a non-null string key and a nullable byte value. Immutable: the value is copied in and out.
 *
 * <p>On the wire (inside a record) a header is
 * {@code KeyLen varint, Key UTF-8 bytes, ValueLen varint (-1 = null), Value bytes}; a null key cannot be encoded.
 */
public final class Header {
    private final String key;
    private final byte[] keyUtf8;
    private final byte[] value;

    /**
     * Creates a header.
     *
     * @param key the key, never null
     * @param value the value, or {@code null}; copied
     */
    public Header(String key, byte[] value) {
        this(Objects.requireNonNull(key, "header key"), key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.clone());
    }

    /**
     * Takes ownership of the arrays as they are. Decoding uses it to keep the key's wire bytes, so that a decoded
     * header encodes back to the same bytes even if they were not valid UTF-8.
     */
    private Header(String key, byte[] keyUtf8, byte[] value) {
        this.key = key;
        this.keyUtf8 = keyUtf8;
        this.value = value;
    }

    /** Builds a header from freshly decoded arrays that nobody else references. */
    static Header decoded(byte[] keyUtf8, byte[] value) {
        // Lenient decoding (malformed bytes become U+FFFD), as Kafka's clients do: the batch bytes are stored
        // unchanged, so refusing odd keys would only break compatibility.
        return new Header(new String(keyUtf8, StandardCharsets.UTF_8), keyUtf8, value);
    }

    /** The key. */
    public String key() {
        return key;
    }

    /** A copy of the value, or {@code null}. */
    public byte[] value() {
        return value == null ? null : value.clone();
    }

    /** The value as a read-only buffer without copying, or {@code null}. */
    public ByteBuffer valueBuffer() {
        return value == null ? null : ByteBuffer.wrap(value).asReadOnlyBuffer();
    }

    /** The key's encoded bytes; never modified, not to be leaked outside the package. */
    byte[] keyBytes() {
        return keyUtf8;
    }

    /** The value's bytes or null; never modified, not to be leaked outside the package. */
    byte[] valueBytes() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Header other && key.equals(other.key) && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return 31 * key.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "Header(" + key + "=" + (value == null ? "null" : value.length + " bytes") + ")";
    }
}
