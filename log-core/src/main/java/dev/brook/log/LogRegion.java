package dev.brook.log;

import dev.brook.log.record.CorruptRecordException;
import dev.brook.log.record.RecordBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A run of whole RecordBatch v2 batches in one segment file: what a read returns. The network layer sends it
 * with {@link #transferTo} (sendfile, zero copy); an in-process reader calls {@link #batches()}.
 *
 * <p>The region borrows the segment's file channel: it must not be closed by the user. It stays readable for
 * at least {@link LogConfig#fileDeleteDelayMs()} after its segment is deleted by retention. A truncation
 * ({@link Log#truncateTo}) may cut the file under a region; a read past the new end then fails with an
 * {@link java.io.EOFException} instead of returning other data.
 */
public final class LogRegion {
    private final FileChannel channel;
    private final Path file;
    private final long position;
    private final int sizeInBytes;
    private final long firstOffset;
    private final long lastOffset;

    LogRegion(FileChannel channel, Path file, long position, int sizeInBytes, long firstOffset, long lastOffset) {
        this.channel = channel;
        this.file = file;
        this.position = position;
        this.sizeInBytes = sizeInBytes;
        this.firstOffset = firstOffset;
        this.lastOffset = lastOffset;
    }

    /** The segment file the bytes are in. */
    public Path file() {
        return file;
    }

    /** Byte position of the first batch in {@link #file()}. */
    public long position() {
        return position;
    }

    /** Number of bytes, whole batches only. */
    public int sizeInBytes() {
        return sizeInBytes;
    }

    /** Base offset of the first batch (may be below the offset that was asked for). */
    public long firstOffset() {
        return firstOffset;
    }

    /** Last offset of the last batch. */
    public long lastOffset() {
        return lastOffset;
    }

    /**
     * Transfers {@code count} bytes starting {@code offsetInRegion} bytes into the region to {@code target}, with
     * the kernel's zero-copy path where the target allows it.
     *
     * @return the number of bytes transferred, possibly fewer than asked (call again)
     */
    public long transferTo(WritableByteChannel target, long offsetInRegion, long count) throws IOException {
        if (offsetInRegion < 0 || count < 0 || offsetInRegion + count > sizeInBytes) {
            throw new IllegalArgumentException("range [" + offsetInRegion + ", +" + count + ") outside region of "
                    + sizeInBytes + " bytes");
        }
        return channel.transferTo(position + offsetInRegion, count, target);
    }

    /** Copies the region's bytes into a new heap buffer (position 0, limit = size). */
    public ByteBuffer readAll() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(sizeInBytes);
        FileBatchHeader.readFully(channel, buffer, position);
        return buffer.flip();
    }

    /**
     * Reads the batches and verifies each one's CRC, so an in-process reader never sees corrupt bytes as data.
     *
     * @throws CorruptLogException naming the file and position of the first batch that fails its checks
     */
    public List<RecordBatch> batches() throws IOException {
        ByteBuffer all = readAll();
        List<RecordBatch> result = new ArrayList<>();
        while (all.hasRemaining()) {
            long at = position + all.position();
            try {
                RecordBatch batch = RecordBatch.wrap(all);
                batch.ensureValid();
                result.add(batch);
                all.position(all.position() + batch.sizeInBytes());
            } catch (CorruptRecordException e) {
                throw new CorruptLogException(file, at, e.getMessage(), e);
            }
        }
        return result;
    }

    @Override
    public String toString() {
        return "LogRegion(" + file.getFileName() + " @" + position + " +" + sizeInBytes + ", offsets " + firstOffset
                + ".." + lastOffset + ")";
    }
}
