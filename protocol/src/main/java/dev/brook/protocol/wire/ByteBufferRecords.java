package dev.brook.protocol.wire;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A {@link RecordsPayload} held in a heap or direct {@link ByteBuffer}: the bytes between the buffer's position and
 * limit. Produce requests decode their records as one of these, a zero-copy slice of the request frame.
 */
public final class ByteBufferRecords implements RecordsPayload {
    private final ByteBuffer buffer;

    /**
     * @param buffer the records bytes, from position to limit; kept (not copied), so callers must not change it
     */
    public ByteBufferRecords(ByteBuffer buffer) {
        this.buffer = Objects.requireNonNull(buffer, "buffer").slice();
    }

    /**
     * @return a read-only view of the bytes, positioned at 0; each call returns an independent view
     */
    public ByteBuffer buffer() {
        return buffer.asReadOnlyBuffer();
    }

    /**
     * A writable view of the bytes, positioned at 0. The broker stamps base offsets into a Produce request's
     * batches in place (the frame is the broker's own buffer), so a request need not be copied to be stored.
     *
     * @return an independent view sharing the bytes; writes through it change this payload
     * @throws java.nio.ReadOnlyBufferException if the payload was created over a read-only buffer
     */
    public ByteBuffer writableBuffer() {
        if (buffer.isReadOnly()) {
            throw new java.nio.ReadOnlyBufferException();
        }
        return buffer.duplicate();
    }

    @Override
    public int sizeInBytes() {
        return buffer.remaining();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ByteBufferRecords other && buffer.equals(other.buffer);
    }

    @Override
    public int hashCode() {
        return buffer.hashCode();
    }

    @Override
    public String toString() {
        return "ByteBufferRecords[" + buffer.remaining() + " bytes]";
    }
}
