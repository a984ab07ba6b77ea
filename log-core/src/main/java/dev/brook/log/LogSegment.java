package dev.brook.log;

import dev.brook.log.index.OffsetIndex;
import dev.brook.log.index.OffsetPosition;
import dev.brook.log.index.TimeIndex;
import dev.brook.log.index.TimestampOffset;
import dev.brook.log.record.CorruptRecordException;
import dev.brook.log.record.RecordBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * One segment of a log: a {@code .log} file of RecordBatch v2 batches stored back to back exactly as they
 * arrived (after offset assignment), plus its sparse {@link OffsetIndex} and {@link TimeIndex}. Files are named
 * by the segment's base offset, zero padded to 20 digits ({@code 00000000000000000042.log}).
 *
 * <p>Index entries are added for the first batch that starts after more than {@code index.interval.bytes} bytes
 * have been appended since the previous entry; the batch at position 0 is never indexed (a lookup below the
 * first entry falls back to position 0).
 *
 * <p>Threading: one writer at a time (the {@link Log} serialises appends, truncation and recovery); any number
 * of readers concurrently. The committed size is published through a volatile field after the bytes are
 * written, so readers never see a partly written batch.
 */
final class LogSegment {
    static final String LOG_SUFFIX = ".log";
    static final String INDEX_SUFFIX = ".index";
    static final String TIME_INDEX_SUFFIX = ".timeindex";
    static final String DELETED_SUFFIX = ".deleted";
    /** Suffix of a segment file being written by the cleaner; deleted on open (see {@link SegmentSwap}). */
    static final String CLEANED_SUFFIX = ".cleaned";
    /** Suffix of a cleaned segment file whose swap is committed; completed on open (see {@link SegmentSwap}). */
    static final String SWAP_SUFFIX = ".swap";

    private final long baseOffset;
    private final int indexIntervalBytes;
    private final FileChannel channel;
    private final OffsetIndex offsetIndex;
    private final TimeIndex timeIndex;
    private volatile Path logFile;
    private volatile int size;
    private volatile long nextOffset;
    private volatile long maxTimestamp = RecordBatch.NO_TIMESTAMP;
    private long firstBatchMaxTimestamp = RecordBatch.NO_TIMESTAMP;
    private int bytesSinceLastIndexEntry;
    private volatile boolean deleted;
    private Path deletedIndex;
    private Path deletedTimeIndex;
    private long openedAtMs;

    private LogSegment(Path logFile, long baseOffset, FileChannel channel, OffsetIndex offsetIndex,
            TimeIndex timeIndex, int indexIntervalBytes) {
        this.logFile = logFile;
        this.baseOffset = baseOffset;
        this.channel = channel;
        this.offsetIndex = offsetIndex;
        this.timeIndex = timeIndex;
        this.indexIntervalBytes = indexIntervalBytes;
        this.nextOffset = baseOffset;
    }

    /** File name stem of a segment: the base offset zero padded to 20 digits. */
    static String fileStem(long baseOffset) {
        return String.format("%020d", baseOffset);
    }

    /** Parses the base offset out of a segment file name such as {@code 00000000000000000042.log}. */
    static long parseBaseOffset(String fileName) {
        int dot = fileName.indexOf('.');
        String stem = dot < 0 ? fileName : fileName.substring(0, dot);
        if (stem.length() != 20 || !stem.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("not a segment file name: " + fileName);
        }
        return Long.parseLong(stem);
    }

    static Path logPath(Path dir, long baseOffset) {
        return dir.resolve(fileStem(baseOffset) + LOG_SUFFIX);
    }

    static Path indexPath(Path dir, long baseOffset) {
        return dir.resolve(fileStem(baseOffset) + INDEX_SUFFIX);
    }

    static Path timeIndexPath(Path dir, long baseOffset) {
        return dir.resolve(fileStem(baseOffset) + TIME_INDEX_SUFFIX);
    }

    /**
     * Opens (creating if absent) the segment with this base offset in {@code dir}. The committed size is the
     * file's size; call {@link #loadTail} or {@link #recover} before appending or reading.
     */
    static LogSegment open(Path dir, long baseOffset, LogConfig config, long nowMs) throws IOException {
        return open(logPath(dir, baseOffset), indexPath(dir, baseOffset), timeIndexPath(dir, baseOffset), baseOffset,
                config, nowMs);
    }

    /**
     * Creates an empty segment under the {@code .cleaned} names ({@code <base>.log.cleaned}, {@code .index.cleaned},
     * {@code .timeindex.cleaned}), removing any left by an earlier attempt, for the cleaner to write into.
     */
    static LogSegment createCleaned(Path dir, long baseOffset, LogConfig config, long nowMs) throws IOException {
        Path log = withSuffix(logPath(dir, baseOffset), CLEANED_SUFFIX);
        Path index = withSuffix(indexPath(dir, baseOffset), CLEANED_SUFFIX);
        Path timeIndex = withSuffix(timeIndexPath(dir, baseOffset), CLEANED_SUFFIX);
        for (Path file : List.of(log, index, timeIndex)) {
            Files.deleteIfExists(file);
        }
        LogSegment segment = open(log, index, timeIndex, baseOffset, config, nowMs);
        segment.loadTail();
        return segment;
    }

    /** {@code file} with {@code suffix} appended to its name. */
    static Path withSuffix(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    private static LogSegment open(Path log, Path indexFile, Path timeIndexFile, long baseOffset, LogConfig config,
            long nowMs) throws IOException {
        FileChannel channel = FileChannel.open(log, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            OffsetIndex offsetIndex = OffsetIndex.open(indexFile, baseOffset, config.segmentIndexBytes());
            TimeIndex timeIndex;
            try {
                timeIndex = TimeIndex.open(timeIndexFile, baseOffset, config.segmentIndexBytes());
            } catch (IOException | RuntimeException e) {
                offsetIndex.close();
                throw e;
            }
            LogSegment segment = new LogSegment(log, baseOffset, channel, offsetIndex, timeIndex,
                    config.indexIntervalBytes());
            long fileSize = channel.size();
            if (fileSize > Integer.MAX_VALUE) {
                segment.close();
                throw new CorruptLogException(log, Integer.MAX_VALUE, "segment larger than 2 GiB");
            }
            segment.size = (int) fileSize;
            segment.openedAtMs = nowMs;
            return segment;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    long baseOffset() {
        return baseOffset;
    }

    Path logFile() {
        return logFile;
    }

    /** Committed bytes in the {@code .log} file. */
    int size() {
        return size;
    }

    /** The offset after the last batch (the base offset while empty). */
    long nextOffset() {
        return nextOffset;
    }

    /** Largest batch max-timestamp in the segment, or -1 when empty. */
    long maxTimestamp() {
        return maxTimestamp;
    }

    /** Max timestamp of the first batch; {@code segment.ms} rolling counts from it. -1 when empty. */
    long firstBatchMaxTimestamp() {
        return firstBatchMaxTimestamp;
    }

    /** Wall-clock time the segment was opened; {@code segment.ms} counts from it when batches carry no time. */
    long openedAtMs() {
        return openedAtMs;
    }

    boolean isEmpty() {
        return size == 0;
    }

    boolean isIndexFull() {
        return offsetIndex.isFull() || timeIndex.isFull();
    }

    /** The data file's channel, for the loader's header walks. */
    FileChannel channelForLoader() {
        return channel;
    }

    OffsetIndex offsetIndex() {
        return offsetIndex;
    }

    TimeIndex timeIndex() {
        return timeIndex;
    }

    /**
     * Appends already validated, offset-assigned batches at the end of the file and indexes them. The new bytes
     * become visible to readers only once all are written; on an I/O error the file is cut back and nothing is
     * visible.
     */
    void append(ByteBuffer batches) throws IOException {
        int start = size;
        ByteBuffer data = batches.duplicate();
        long pos = start;
        try {
            while (data.hasRemaining()) {
                pos += channel.write(data, pos);
            }
        } catch (IOException e) {
            channel.truncate(start);
            throw e;
        }
        ByteBuffer walk = batches.duplicate();
        int position = start;
        long next = nextOffset;
        while (walk.hasRemaining()) {
            RecordBatch batch = RecordBatch.wrap(walk);
            onBatch(batch.baseOffset(), position, batch.sizeInBytes(), batch.maxTimestamp());
            position += batch.sizeInBytes();
            next = batch.nextOffset();
            walk.position(walk.position() + batch.sizeInBytes());
        }
        nextOffset = next;
        size = position; // publishes the batches to readers
    }

    /** Index bookkeeping for one batch appended or recovered at {@code position}. */
    private void onBatch(long batchBaseOffset, int position, int batchSize, long batchMaxTimestamp) {
        if (position == 0) {
            firstBatchMaxTimestamp = batchMaxTimestamp;
        }
        if (batchMaxTimestamp > maxTimestamp) {
            maxTimestamp = batchMaxTimestamp;
        }
        // A full index takes no more entries: one append of several batches can fill it midway (the log only
        // checks for room before the append, and rolls before the next one). The index is sparse, so batches
        // past its end are found by walking headers from its last entry.
        if (position > 0 && bytesSinceLastIndexEntry > indexIntervalBytes && !isIndexFull()) {
            offsetIndex.append(batchBaseOffset, position);
            timeIndex.maybeAppend(maxTimestamp, batchBaseOffset);
            bytesSinceLastIndexEntry = 0;
        }
        bytesSinceLastIndexEntry += batchSize;
    }

    /**
     * Finds the first batch whose last offset is at or above {@code offset}, reading at most up to
     * {@code limit} bytes of the file.
     *
     * @return its header, or null when no batch before {@code limit} reaches {@code offset}
     */
    FileBatchHeader translateOffset(long offset, long limit) throws IOException {
        OffsetPosition start = offsetIndex.lookup(offset);
        ByteBuffer scratch = ByteBuffer.allocate(RecordBatch.HEADER_SIZE);
        long pos = start.position();
        while (pos < limit) {
            FileBatchHeader header = FileBatchHeader.read(channel, logFile, pos, limit, scratch);
            if (header.lastOffset() >= offset) {
                return header;
            }
            pos = header.endPosition();
        }
        return null;
    }

    /**
     * Reads whole batches starting with the one holding {@code startOffset}: at most {@code maxBytes} bytes
     * (but at least one batch when {@code minOneBatch}), and only batches that end before
     * {@code maxOffsetExclusive}.
     *
     * @return the region, or null when no batch qualifies
     */
    LogRegion read(long startOffset, int maxBytes, long maxOffsetExclusive, boolean minOneBatch)
            throws IOException {
        long limit = size;
        FileBatchHeader first = translateOffset(startOffset, limit);
        if (first != null && first.lastOffset() >= nextOffset) {
            // Every batch in the file ends below the segment's next offset; a header claiming more is damaged.
            // Returning nothing would leave the reader stuck at this offset without saying why.
            throw new CorruptLogException(logFile, first.position(), "batch offsets " + first.baseOffset() + ".."
                    + first.lastOffset() + " run past the segment's end offset " + nextOffset);
        }
        if (first == null || first.lastOffset() >= maxOffsetExclusive) {
            return null;
        }
        ByteBuffer scratch = ByteBuffer.allocate(RecordBatch.HEADER_SIZE);
        long total = 0;
        long lastOffset = -1;
        FileBatchHeader header = first;
        while (true) {
            if (total + header.size() > maxBytes && !(total == 0 && minOneBatch)) {
                break;
            }
            total += header.size();
            lastOffset = header.lastOffset();
            long nextPos = header.endPosition();
            if (nextPos >= limit) {
                break;
            }
            header = FileBatchHeader.read(channel, logFile, nextPos, limit, scratch);
            if (header.baseOffset() <= lastOffset) {
                throw new CorruptLogException(logFile, nextPos, "offset " + header.baseOffset()
                        + " does not follow " + lastOffset);
            }
            if (header.lastOffset() >= maxOffsetExclusive) {
                break;
            }
        }
        if (total == 0) {
            return null;
        }
        return new LogRegion(channel, logFile, first.position(), (int) total, first.baseOffset(), lastOffset);
    }

    /**
     * The first batch at or after {@code startOffset} whose max timestamp is at or above {@code timestamp}.
     *
     * @return its header, or null when the segment has none
     */
    FileBatchHeader findBatchByTimestamp(long timestamp, long startOffset) throws IOException {
        long limit = size;
        TimestampOffset hint = timeIndex.lookup(timestamp);
        long from = Math.max(hint.offset(), startOffset);
        OffsetPosition start = offsetIndex.lookup(from);
        ByteBuffer scratch = ByteBuffer.allocate(RecordBatch.HEADER_SIZE);
        long pos = start.position();
        while (pos < limit) {
            FileBatchHeader header = FileBatchHeader.read(channel, logFile, pos, limit, scratch);
            if (header.lastOffset() >= startOffset && header.maxTimestamp() >= timestamp) {
                return header;
            }
            pos = header.endPosition();
        }
        return null;
    }

    /** Reads the whole batch described by {@code header} and checks its CRC. */
    RecordBatch readBatch(FileBatchHeader header) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(header.size());
        FileBatchHeader.readFully(channel, buffer, header.position());
        buffer.flip();
        try {
            RecordBatch batch = RecordBatch.wrap(buffer);
            batch.ensureValid();
            return batch;
        } catch (CorruptRecordException e) {
            throw new CorruptLogException(logFile, header.position(), e.getMessage(), e);
        }
    }

    /**
     * Rebuilds the in-memory tail state (next offset, max timestamp, bytes since the last index entry) of a
     * segment whose data and index are trusted, by walking batch headers from the last index entry.
     *
     * @throws CorruptLogException if a header there is inconsistent (the caller then recovers the segment)
     */
    void loadTail() throws IOException {
        offsetIndex.sanityCheck(size);
        timeIndex.sanityCheck();
        OffsetPosition last = offsetIndex.lastEntry();
        TimestampOffset lastTime = timeIndex.lastEntry();
        resetTailState(last, lastTime.timestamp());
        scan(last.position(), Integer.MAX_VALUE);
    }

    /**
     * Recovers the segment after an unclean shutdown: batches before {@code validateFrom} are trusted (flushed
     * before the crash); every batch from {@code validateFrom} on is read whole and its CRC and offsets
     * checked. The file is truncated at the first invalid byte and the indexes rebuilt from there.
     *
     * @return the number of bytes truncated
     * @throws dev.brook.log.index.CorruptIndexException if an index entry before {@code validateFrom} is invalid
     *     (the caller then recovers from 0, which rebuilds the indexes whole)
     */
    int recover(int validateFrom) throws IOException {
        if (validateFrom == 0) {
            // Nothing is trusted: rebuild both indexes from scratch, whatever a crash left in them.
            offsetIndex.reset();
            timeIndex.reset();
        } else {
            // The entries past the validated position may be garbage in any order; the kept ones are checked.
            offsetIndex.truncateForRecovery(validateFrom);
            OffsetPosition lastKept = offsetIndex.lastEntry();
            timeIndex.truncateForRecovery(lastKept.offset() + (lastKept.position() == 0 ? 0 : 1));
        }
        OffsetPosition last = offsetIndex.lastEntry();
        TimestampOffset lastTime = timeIndex.lastEntry();
        resetTailState(last, lastTime.timestamp());
        int before = size;
        int validEnd = scan(last.position(), validateFrom);
        if (validEnd < before) {
            channel.truncate(validEnd);
            size = validEnd;
        }
        return before - validEnd;
    }

    private void resetTailState(OffsetPosition lastEntry, long lastIndexedTimestamp) {
        maxTimestamp = lastIndexedTimestamp;
        bytesSinceLastIndexEntry = 0;
        nextOffset = lastEntry.offset();
        if (lastEntry.position() > 0) {
            firstBatchMaxTimestamp = readFirstBatchTimestamp();
        } else {
            firstBatchMaxTimestamp = RecordBatch.NO_TIMESTAMP;
        }
    }

    private long readFirstBatchTimestamp() {
        try {
            return FileBatchHeader.read(channel, logFile, 0, size, ByteBuffer.allocate(RecordBatch.HEADER_SIZE))
                    .maxTimestamp();
        } catch (IOException | CorruptLogException e) {
            return RecordBatch.NO_TIMESTAMP;
        }
    }

    /**
     * Walks batches from {@code from} to the end of the file, updating the tail state and the indexes for the
     * batches past the last index entry. Batches at or after {@code validateFrom} are fully validated; the walk
     * stops at the first invalid one there.
     *
     * @return the position where valid data ends
     * @throws CorruptLogException for an invalid batch before {@code validateFrom}
     */
    private int scan(int from, int validateFrom) throws IOException {
        ByteBuffer scratch = ByteBuffer.allocate(RecordBatch.HEADER_SIZE);
        long limit = size;
        long pos = from;
        long expectedNext = nextOffset;
        boolean first = true;
        while (pos < limit) {
            FileBatchHeader header;
            boolean validating = pos >= validateFrom;
            try {
                header = FileBatchHeader.read(channel, logFile, pos, limit, scratch);
                if (validating) {
                    readBatch(header);
                }
                if (header.baseOffset() < expectedNext || header.lastOffset() - baseOffset > Integer.MAX_VALUE
                        || header.baseOffset() < baseOffset) {
                    throw new CorruptLogException(logFile, pos, "batch offsets " + header.baseOffset() + ".."
                            + header.lastOffset() + " do not follow " + (expectedNext - 1));
                }
            } catch (CorruptLogException e) {
                if (validating) {
                    return (int) pos;
                }
                throw e;
            }
            if (first && pos > 0 && header.baseOffset() != nextOffset) {
                throw new CorruptLogException(logFile, pos, "offset index entry says offset " + nextOffset
                        + " but the batch there starts at " + header.baseOffset());
            }
            // The first batch walked from an index entry is already indexed.
            if (!(first && pos == from && pos > 0)) {
                onBatch(header.baseOffset(), (int) pos, header.size(), header.maxTimestamp());
            } else {
                bytesSinceLastIndexEntry = header.size();
                maxTimestamp = Math.max(maxTimestamp, header.maxTimestamp());
            }
            if (pos == 0) {
                firstBatchMaxTimestamp = header.maxTimestamp();
            }
            first = false;
            expectedNext = header.nextOffset();
            nextOffset = expectedNext;
            pos = header.endPosition();
        }
        return (int) pos;
    }

    /**
     * Removes every batch from the one holding {@code offset} on (a batch is never cut in two).
     *
     * @return the number of bytes removed
     */
    int truncateTo(long offset) throws IOException {
        FileBatchHeader header = translateOffset(offset, size);
        if (header == null) {
            return 0;
        }
        int position = (int) header.position();
        int removed = size - position;
        size = position;
        offsetIndex.truncateToPosition(position);
        timeIndex.truncateTo(header.baseOffset());
        channel.truncate(position);
        OffsetPosition last = offsetIndex.lastEntry();
        resetTailState(last, timeIndex.lastEntry().timestamp());
        scan(last.position(), Integer.MAX_VALUE);
        return removed;
    }

    /** Forces the data and both indexes to stable storage. */
    void flush() throws IOException {
        channel.force(false);
        offsetIndex.flush();
        timeIndex.flush();
    }

    /** Called when the segment stops being the active one: trims the preallocated indexes. */
    void seal() throws IOException {
        offsetIndex.trimToValidSize();
        timeIndex.trimToValidSize();
    }

    /**
     * Renames the files to {@code *.deleted} so that a restart never loads them, keeping them open for
     * readers that still hold regions; {@link #closeAndDelete} finishes the job later.
     */
    void markDeleted() throws IOException {
        Path dir = logFile.getParent();
        deletedIndex = moveToDeleted(indexPath(dir, baseOffset));
        deletedTimeIndex = moveToDeleted(timeIndexPath(dir, baseOffset));
        Path renamed = moveToDeleted(logFile);
        logFile = renamed;
        deleted = true;
    }

    /**
     * Renames {@code file} to a free {@code *.deleted} name: {@code <name>.deleted}, or {@code <name>.<n>.deleted}
     * when an earlier generation of the same base offset (a segment the cleaner replaced) is still waiting for its
     * delete delay under that name.
     *
     * @return the new name, or null when {@code file} does not exist
     */
    private static Path moveToDeleted(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        Path target = file.resolveSibling(file.getFileName() + DELETED_SUFFIX);
        for (int n = 1; Files.exists(target); n++) {
            target = file.resolveSibling(file.getFileName() + "." + n + DELETED_SUFFIX);
        }
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    /** Closes the files and deletes them (under their {@code .deleted} names once marked). */
    void closeAndDelete() throws IOException {
        close();
        Files.deleteIfExists(logFile);
        if (deleted) {
            for (Path index : new Path[] {deletedIndex, deletedTimeIndex}) {
                if (index != null) {
                    Files.deleteIfExists(index);
                }
            }
        } else {
            offsetIndex.deleteIfExists();
            timeIndex.deleteIfExists();
        }
    }

    void close() throws IOException {
        try {
            offsetIndex.close();
            timeIndex.close();
        } finally {
            channel.close();
        }
    }

    @Override
    public String toString() {
        return "LogSegment(" + logFile.getFileName() + ", size=" + size + ", nextOffset=" + nextOffset + ")";
    }
}
