package dev.brook.protocol.wire;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * The result of encoding a message: an ordered list of chunks whose concatenation is the bytes to send. Plain bytes
 * and {@link RecordsPayload}s alternate so that a Fetch response can go out as header bytes followed by zero-copy file
 * regions, without ever copying the records into a heap buffer.
 *
 * @param chunks      the chunks in wire order (unmodifiable)
 * @param sizeInBytes the sum of the chunk sizes
 */
public record EncodedMessage(List<Chunk> chunks, int sizeInBytes) {

    /** One piece of an encoded message. */
    public sealed interface Chunk permits Bytes, Records {
        /** @return the number of bytes this chunk contributes */
        int sizeInBytes();
    }

    /**
     * Bytes produced by the encoder.
     *
     * @param buffer the bytes from position to limit; callers must not modify it
     */
    public record Bytes(ByteBuffer buffer) implements Chunk {
        @Override
        public int sizeInBytes() {
            return buffer.remaining();
        }
    }

    /**
     * A records payload passed through untouched.
     *
     * @param payload the records supplied by the caller of the encoder
     */
    public record Records(RecordsPayload payload) implements Chunk {
        @Override
        public int sizeInBytes() {
            return payload.sizeInBytes();
        }
    }

    /**
     * @param chunks      the chunks in wire order
     * @param sizeInBytes the sum of the chunk sizes
     */
    public EncodedMessage {
        chunks = List.copyOf(chunks);
        long sum = 0;
        for (Chunk c : chunks) {
            sum += c.sizeInBytes();
        }
        if (sum != sizeInBytes) {
            throw new IllegalArgumentException("chunks hold " + sum + " bytes, not " + sizeInBytes);
        }
    }

    /**
     * Copies the whole message into one heap buffer. Meant for tests and small messages; it only works when every
     * records chunk is a {@link ByteBufferRecords}, because other payloads (file regions) are opaque here.
     *
     * @return a buffer positioned at 0 holding {@link #sizeInBytes()} bytes
     * @throws IllegalStateException if a records chunk is not a {@link ByteBufferRecords}
     */
    public ByteBuffer toByteBuffer() {
        ByteBuffer out = ByteBuffer.allocate(sizeInBytes);
        for (Chunk c : chunks) {
            if (c instanceof Bytes b) {
                out.put(b.buffer().duplicate());
            } else if (((Records) c).payload() instanceof ByteBufferRecords r) {
                out.put(r.buffer());
            } else {
                throw new IllegalStateException("cannot copy a " + ((Records) c).payload().getClass().getName());
            }
        }
        return out.flip();
    }

    /**
     * @param chunks the chunks in wire order
     * @return a message whose size is the sum of the chunks'
     */
    public static EncodedMessage of(List<Chunk> chunks) {
        long sum = 0;
        for (Chunk c : Objects.requireNonNull(chunks, "chunks")) {
            sum += c.sizeInBytes();
        }
        if (sum > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("message of " + sum + " bytes does not fit an int32 size");
        }
        return new EncodedMessage(chunks, (int) sum);
    }
}
