package dev.brook.log;

import dev.brook.log.record.CloseableIterator;
import dev.brook.log.record.RecordBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.NoSuchElementException;

/**
 * A read-only view of one sealed (non-active) segment of a {@link Log}, for the log cleaner: its offsets, size
 * and timestamps, and its batches in file order. Sealed segments never change, so the view needs no lock; a
 * segment removed meanwhile (retention, truncation, an earlier swap) stays readable for
 * {@code file.delete.delay.ms}, and {@link Log#replaceSegments} refuses to swap out a segment that is gone.
 */
public final class SealedSegment {
    private final LogSegment segment;

    SealedSegment(LogSegment segment) {
        this.segment = segment;
    }

    LogSegment segment() {
        return segment;
    }

    /** Offset of the segment's first batch, and the number in its file name. */
    public long baseOffset() {
        return segment.baseOffset();
    }

    /** The offset after the segment's last batch (its base offset when empty). */
    public long nextOffset() {
        return segment.nextOffset();
    }

    /** Bytes in the {@code .log} file. */
    public int sizeInBytes() {
        return segment.size();
    }

    /**
     * The largest record timestamp in the segment, or, when its batches carry none, the file's modification
     * time (as Kafka's cleaner and retention do).
     */
    public long largestTimestamp() {
        long max = segment.maxTimestamp();
        if (max >= 0) {
            return max;
        }
        try {
            return Files.getLastModifiedTime(segment.logFile()).toMillis();
        } catch (IOException e) {
            throw new LogStorageException("cannot read the modification time of " + segment.logFile(), e);
        }
    }

    /** The max timestamp of the segment's first batch, or -1 when it has none. */
    public long firstBatchTimestamp() {
        return segment.firstBatchMaxTimestamp();
    }

    /**
     * The batches in file order, each read whole and CRC-checked.
     *
     * <p>The iterator throws {@link CorruptLogException} (naming file and position) for a batch that fails its
     * checks and {@link UncheckedIOException} for a read error.
     */
    public CloseableIterator<RecordBatch> batches() {
        return new CloseableIterator<>() {
            private final ByteBuffer scratch = ByteBuffer.allocate(RecordBatch.HEADER_SIZE);
            private final long limit = segment.size();
            private long position;

            @Override
            public boolean hasNext() {
                return position < limit;
            }

            @Override
            public RecordBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                try {
                    FileBatchHeader header = FileBatchHeader.read(segment.channelForLoader(), segment.logFile(),
                            position, limit, scratch);
                    RecordBatch batch = segment.readBatch(header);
                    position = header.endPosition();
                    return batch;
                } catch (IOException e) {
                    throw new UncheckedIOException("reading " + segment.logFile() + " at " + position, e);
                }
            }

            @Override
            public void close() {
                // Nothing held: the segment's channel belongs to the log.
            }
        };
    }

    @Override
    public String toString() {
        return "SealedSegment(base=" + baseOffset() + ", next=" + nextOffset() + ", size=" + sizeInBytes() + ")";
    }
}
