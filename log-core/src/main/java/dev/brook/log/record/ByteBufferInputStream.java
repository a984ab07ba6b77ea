package dev.brook.log.record;

import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Reads a buffer's remaining bytes as a stream, heap or direct alike, so that batches mapped from a file feed the
 * JDK and lz4 decompressors without first being copied to an array.
 */
final class ByteBufferInputStream extends InputStream {
    private final ByteBuffer buffer;

    /** Reads from {@code buffer}'s position to its limit; the caller's buffer is not moved. */
    ByteBufferInputStream(ByteBuffer buffer) {
        this.buffer = buffer.duplicate();
    }

    @Override
    public int read() {
        return buffer.hasRemaining() ? buffer.get() & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (!buffer.hasRemaining()) {
            return -1;
        }
        int n = Math.min(len, buffer.remaining());
        buffer.get(b, off, n);
        return n;
    }

    @Override
    public long skip(long n) {
        int skipped = (int) Math.max(0, Math.min(n, buffer.remaining()));
        buffer.position(buffer.position() + skipped);
        return skipped;
    }

    @Override
    public int available() {
        return buffer.remaining();
    }
}
