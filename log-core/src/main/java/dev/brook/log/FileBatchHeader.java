package dev.brook.log;

import dev.brook.log.record.RecordBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * The header fields of one batch as found in a segment's {@code .log} file, read with one positional read of
 * the 61-byte RecordBatch v2 header (layout in {@link RecordBatch}). Used to walk a segment batch by batch
 * without reading record data.
 *
 * @param position byte position of the batch in the file
 * @param baseOffset the batch's first offset
 * @param lastOffset the batch's last offset
 * @param size total bytes of the batch
 * @param maxTimestamp the batch's max timestamp
 * @param partitionLeaderEpoch the epoch stamped by the leader that appended it
 */
record FileBatchHeader(long position, long baseOffset, long lastOffset, int size, long maxTimestamp,
        int partitionLeaderEpoch) {

    /** Offset following this batch. */
    long nextOffset() {
        return lastOffset + 1;
    }

    /** Position following this batch. */
    long endPosition() {
        return position + size;
    }

    /**
     * Reads the header of the batch at {@code position}, checking that it is a complete v2 batch that ends at or
     * before {@code limit}.
     *
     * @param scratch a buffer of at least {@link RecordBatch#HEADER_SIZE} bytes, owned by the caller's thread
     * @throws CorruptLogException if the bytes there cannot be a v2 batch, or the batch runs past {@code limit}
     */
    static FileBatchHeader read(FileChannel channel, Path file, long position, long limit, ByteBuffer scratch)
            throws IOException {
        if (limit - position < RecordBatch.HEADER_SIZE) {
            throw new CorruptLogException(file, position, "incomplete batch header (" + (limit - position)
                    + " bytes before the end)");
        }
        scratch.clear().limit(RecordBatch.HEADER_SIZE);
        readFully(channel, scratch, position);
        scratch.flip();
        int length = scratch.getInt(RecordBatch.LENGTH_OFFSET);
        long size = (long) length + RecordBatch.LOG_OVERHEAD;
        byte magic = scratch.get(RecordBatch.MAGIC_OFFSET);
        if (magic != RecordBatch.MAGIC_V2) {
            throw new CorruptLogException(file, position, "bad magic " + magic);
        }
        if (size < RecordBatch.HEADER_SIZE || position + size > limit) {
            throw new CorruptLogException(file, position, "batch size " + size + " does not fit (end of data at "
                    + limit + ")");
        }
        int lastOffsetDelta = scratch.getInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET);
        if (lastOffsetDelta < 0) {
            throw new CorruptLogException(file, position, "negative last offset delta " + lastOffsetDelta);
        }
        long baseOffset = scratch.getLong(RecordBatch.BASE_OFFSET_OFFSET);
        return new FileBatchHeader(position, baseOffset, baseOffset + lastOffsetDelta, (int) size,
                scratch.getLong(RecordBatch.MAX_TIMESTAMP_OFFSET),
                scratch.getInt(RecordBatch.PARTITION_LEADER_EPOCH_OFFSET));
    }

    /** Positional read of {@code dst.remaining()} bytes; fails on EOF rather than returning short. */
    static void readFully(FileChannel channel, ByteBuffer dst, long position) throws IOException {
        long pos = position;
        while (dst.hasRemaining()) {
            int n = channel.read(dst, pos);
            if (n < 0) {
                throw new java.io.EOFException("end of file at " + pos + " with " + dst.remaining()
                        + " bytes still to read");
            }
            pos += n;
        }
    }
}
