package dev.brook.log;

import dev.brook.log.record.RecordBatch;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A segment the cleaner is writing, under the {@code .cleaned} file names, that will replace a run of sealed
 * segments through {@link Log#replaceSegments}. Batches are appended in increasing offset order and indexed as
 * an ordinary segment's are. Until the swap commits the files are scratch: {@link #abort()} deletes them, and
 * the log loader deletes any it finds on open. Used by one thread.
 */
public final class CleanedSegment implements AutoCloseable {
    private final LogSegment segment;
    private final long baseOffset;
    private long lastOffset = -1;
    private boolean finished;
    private boolean closed;

    CleanedSegment(LogSegment segment) {
        this.segment = segment;
        this.baseOffset = segment.baseOffset();
    }

    LogSegment segment() {
        return segment;
    }

    /** The base offset: that of the first segment it replaces. */
    public long baseOffset() {
        return baseOffset;
    }

    /** Bytes written so far. */
    public int sizeInBytes() {
        return segment.size();
    }

    /** The offset after the last batch written, or the base offset while empty. */
    public long nextOffset() {
        return segment.nextOffset();
    }

    /**
     * Appends one whole, valid batch.
     *
     * @throws IllegalArgumentException if the batch does not start above the previous one's last offset or below
     *     the base offset
     * @throws LogStorageException on a write error
     */
    public void append(RecordBatch batch) {
        if (finished) {
            throw new IllegalStateException("the cleaned segment " + baseOffset + " is already finished");
        }
        if (batch.baseOffset() < baseOffset || batch.baseOffset() <= lastOffset
                || batch.lastOffset() - baseOffset > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("batch " + batch.baseOffset() + ".." + batch.lastOffset()
                    + " does not follow offset " + Math.max(lastOffset, baseOffset - 1) + " in cleaned segment "
                    + baseOffset);
        }
        try {
            ByteBuffer bytes = batch.buffer();
            segment.append(bytes);
        } catch (IOException e) {
            throw new LogStorageException("write of cleaned segment " + baseOffset + " failed", e);
        }
        lastOffset = batch.lastOffset();
    }

    /** Trims the indexes, forces data and indexes to disk and closes the files; called once, by the swap. */
    void finish() throws IOException {
        if (!finished) {
            finished = true;
            segment.seal();
            segment.flush();
            segment.close();
        }
    }

    boolean isFinished() {
        return finished;
    }

    /** Closes and deletes the scratch files; the swap did not (or will not) happen. */
    public void abort() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (finished) {
                SegmentSwap.deleteScratch(segment.logFile().getParent(), baseOffset);
            } else {
                segment.closeAndDelete();
            }
        } catch (IOException e) {
            throw new LogStorageException("cannot delete cleaned segment files of " + baseOffset
                    + " (they are removed on the next open)", e);
        }
    }

    /** Marks the files as handed over to the log (after a committed swap). */
    void handedOver() {
        closed = true;
    }

    /** Same as {@link #abort()} unless the segment was swapped in. */
    @Override
    public void close() {
        abort();
    }
}
