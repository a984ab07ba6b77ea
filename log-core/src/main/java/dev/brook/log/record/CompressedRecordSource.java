package dev.brook.log.record;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Record bodies of a compressed batch, decompressed one record at a time so that iterating a large batch holds one
 * record in memory, not the whole section.
 *
 * <p>The compressed bytes are untrusted, so this class is the guard around the decompressor: any
 * {@link IOException} or unchecked exception the codec library throws (truncated stream, bad checksum, malformed
 * block) becomes a {@link CorruptRecordException}. A record's length is never allocated up front: bytes are read
 * as the stream yields them, and the total is capped at {@code maxUncompressedBytes}, so a forged length or a
 * decompression bomb fails with an exception instead of exhausting the heap.
 */
final class CompressedRecordSource implements RecordSource {
    private final Compression compression;
    private final long maxUncompressedBytes;
    private final InputStream in;
    private final byte[] lengthBytes = new byte[Varints.MAX_VARINT_SIZE];
    private long bytesRead;

    /**
     * Opens the decompressor over {@code compressed}'s remaining bytes (the caller's buffer is not moved).
     *
     * @throws CorruptRecordException if the stream header is already malformed
     */
    CompressedRecordSource(Compression compression, ByteBuffer compressed, long maxUncompressedBytes) {
        this.compression = compression;
        this.maxUncompressedBytes = maxUncompressedBytes;
        try {
            this.in = compression.codec().decompress(new ByteBufferInputStream(compressed));
        } catch (IOException | RuntimeException e) {
            throw corrupt(e);
        }
    }

    @Override
    public ByteBuffer nextBody() {
        int n = 0;
        while (true) {
            int b = read();
            if (b < 0) {
                if (n == 0) {
                    return null;
                }
                throw new CorruptRecordException(compression.codecName() + " records end inside a record length at"
                        + " byte " + bytesRead + " of the uncompressed records");
            }
            lengthBytes[n++] = (byte) b;
            // Stop at the last byte or at 5: Varints rejects a fifth byte that still claims a continuation.
            if ((b & 0x80) == 0 || n == Varints.MAX_VARINT_SIZE) {
                break;
            }
        }
        long at = bytesRead;
        int length = Varints.readVarint(ByteBuffer.wrap(lengthBytes, 0, n));
        bytesRead += n;
        if (length < 0) {
            throw new CorruptRecordException("negative record length " + length + " at byte " + at
                    + " of the uncompressed records");
        }
        if (length > maxUncompressedBytes - bytesRead) {
            throw new CorruptRecordException("record length " + length + " at byte " + at + " would take the "
                    + compression.codecName() + " records past the decompression limit of " + maxUncompressedBytes
                    + " bytes");
        }
        byte[] body = readFully(length);
        if (body.length < length) {
            throw new CorruptRecordException("record length " + length + " at byte " + at + ", but the "
                    + compression.codecName() + " records end after " + body.length + " more bytes");
        }
        bytesRead += length;
        return ByteBuffer.wrap(body);
    }

    @Override
    public boolean hasTrailingBytes() {
        return read() >= 0;
    }

    @Override
    public long bytesRead() {
        return bytesRead;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException | RuntimeException e) {
            // Closing only frees the decompressor; the data was already read or already refused.
        }
    }

    private int read() {
        try {
            return in.read();
        } catch (IOException | RuntimeException e) {
            throw corrupt(e);
        }
    }

    private byte[] readFully(int length) {
        try {
            // readNBytes grows its result as bytes arrive, so a forged length costs only the bytes that exist.
            return in.readNBytes(length);
        } catch (IOException | RuntimeException e) {
            throw corrupt(e);
        }
    }

    private CorruptRecordException corrupt(Exception e) {
        return new CorruptRecordException("corrupt " + compression.codecName() + " records after " + bytesRead
                + " uncompressed bytes: " + e, e);
    }
}
