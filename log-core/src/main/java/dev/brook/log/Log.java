package dev.brook.log;

import dev.brook.log.checkpoint.SegmentSwapPlan;
import dev.brook.log.epoch.LeaderEpochCache;
import dev.brook.log.record.BatchValidator;
import dev.brook.log.record.CloseableIterator;
import dev.brook.log.record.InvalidBatchException;
import dev.brook.log.record.Record;
import dev.brook.log.record.RecordBatch;
import dev.brook.log.record.TimestampType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of one partition: a directory of {@link LogSegment}s named by base offset, holding Kafka RecordBatch v2
 * batches back to back, with dense, increasing offsets.
 *
 * <p>Invariants kept here:
 * <ol>
 *   <li>Offsets are assigned densely and increase; an offset never changes once written.</li>
 *   <li>A batch becomes visible to readers only when all its bytes are written (the end point is published
 *       after the write).</li>
 *   <li>Bytes that fail validation are never stored; bytes found corrupt on disk are reported with file and
 *       position, truncated away by recovery when past the recovery point, and never returned as data.</li>
 *   <li>Nothing below the log start offset is readable; retention never deletes the active segment.</li>
 * </ol>
 *
 * <p>Threading: appends, truncation, roll and retention are serialised by one lock per log; readers take no
 * lock. Flushing (fsync) happens under a separate lock so appends continue while a flush runs, and concurrent
 * flushes coalesce (group commit).
 *
 * <p>Files of the log directory: see {@code docs/storage-format.md}.
 */
public final class Log implements AutoCloseable, LogMaintenanceAgent.Maintainable {
    private static final Logger LOG = LoggerFactory.getLogger(Log.class);

    private final Path dir;
    private final Clock clock;
    private final LogFiles files;
    private final LeaderEpochCache epochCache;
    private final ConcurrentNavigableMap<Long, LogSegment> segments;
    private final SegmentDeleter deleter = new SegmentDeleter();
    private final ReentrantLock appendLock = new ReentrantLock();
    private final ReentrantLock flushLock = new ReentrantLock();
    private volatile LogConfig config;
    private volatile LogSegment active;
    private volatile LogEndPoint end;
    private volatile LogEndPoint recoveryPoint;
    /** The start of the newest active segment: everything before it is sealed and due for a background flush. */
    private volatile LogEndPoint sealedUpTo;
    private volatile long logStartOffset;
    private volatile long lastFlushMs;
    private volatile long lastRecoveryCheckpointMs;
    private volatile LogEndPoint checkpointedRecoveryPoint;
    private volatile boolean closed;
    /** First offset the cleaner has not cleaned; persisted in {@code cleaner-offset.checkpoint}. */
    private volatile long cleanerOffset;

    private Log(Path dir, LogConfig config, Clock clock, LogFiles files, LogLoader.Loaded loaded) {
        this.dir = dir;
        this.config = config;
        this.clock = clock;
        this.files = files;
        this.epochCache = loaded.epochCache();
        this.segments = loaded.segments();
        this.active = segments.lastEntry().getValue();
        this.logStartOffset = loaded.logStartOffset();
        this.end = new LogEndPoint(active.nextOffset(), active.baseOffset(), active.size(), 0);
        this.recoveryPoint = loaded.recoveryPoint();
        this.checkpointedRecoveryPoint = loaded.recoveryPoint();
        this.lastFlushMs = clock.millis();
        this.lastRecoveryCheckpointMs = lastFlushMs;
        this.cleanerOffset = loaded.cleanerOffset();
    }

    /**
     * Opens the log in {@code dir}, creating it if needed. After an unclean shutdown, recovers everything past
     * the recovery point (see {@link LogLoader}).
     *
     * @throws LogStorageException if the directory cannot be read or written
     */
    public static Log open(Path dir, LogConfig config, Clock clock) {
        try {
            LogFiles files = new LogFiles(dir);
            LogLoader.Loaded loaded = new LogLoader(dir, config, files, clock).load();
            return new Log(dir, config, clock, files, loaded);
        } catch (IOException e) {
            throw new LogStorageException("cannot open log " + dir, e);
        }
    }

    /** Opens with the system clock. */
    public static Log open(Path dir, LogConfig config) {
        return open(dir, config, Clock.systemUTC());
    }

    public Path dir() {
        return dir;
    }

    public LogConfig config() {
        return config;
    }

    /** Replaces the configuration; takes effect for the next append, roll and retention run. */
    public void updateConfig(LogConfig newConfig) {
        this.config = newConfig;
    }

    /** First readable offset. */
    public long logStartOffset() {
        return logStartOffset;
    }

    /** The offset the next appended record gets. */
    public long logEndOffset() {
        return end.offset();
    }

    /** Offset up to which every batch is known to be fsynced. */
    public long recoveryPoint() {
        return recoveryPoint.offset();
    }

    /** Bytes in all segments. */
    public long sizeInBytes() {
        long total = 0;
        for (LogSegment segment : segments.values()) {
            total += segment.size();
        }
        return total;
    }

    public int segmentCount() {
        return segments.size();
    }

    /** Base offsets of the segments, oldest first. */
    public List<Long> segmentBaseOffsets() {
        return List.copyOf(segments.keySet());
    }

    /**
     * The cleaner checkpoint: the first offset the log cleaner has not cleaned yet (0 if it never ran). Everything
     * below it has been through the cleaner at least once; segments there may end before the next one starts.
     */
    public long cleanerCheckpoint() {
        return cleanerOffset;
    }

    /**
     * Moves the cleaner checkpoint to {@code offset} (clamped to the log end offset) and persists it durably.
     *
     * @throws LogStorageException if the checkpoint cannot be written
     */
    public void writeCleanerCheckpoint(long offset) {
        appendLock.lock();
        try {
            ensureOpen();
            setCleanerOffsetLocked(Math.min(offset, end.offset()));
        } catch (IOException e) {
            throw new LogStorageException("cleaner checkpoint of " + dir + " failed", e);
        } finally {
            appendLock.unlock();
        }
    }

    private void setCleanerOffsetLocked(long offset) throws IOException {
        if (offset != cleanerOffset) {
            files.writeCleanerOffset(offset);
            cleanerOffset = offset;
        }
    }

    /**
     * The segments other than the active one, oldest first, as read-only views for the log cleaner. The list is
     * a snapshot: a roll, retention or a swap after the call is not reflected in it.
     */
    public List<SealedSegment> sealedSegments() {
        LogSegment current = active;
        List<SealedSegment> sealed = new ArrayList<>();
        for (LogSegment segment : segments.values()) {
            if (segment == current || segment.baseOffset() >= current.baseOffset()) {
                break;
            }
            sealed.add(new SealedSegment(segment));
        }
        return sealed;
    }

    /**
     * The max timestamp of the active segment's first batch (what {@code segment.ms} and
     * {@code max.compaction.lag.ms} age it by), the time the segment was opened when its batches carry no
     * timestamp, or -1 when the active segment is empty.
     */
    public long activeSegmentFirstTimestamp() {
        LogSegment current = active;
        if (current.isEmpty()) {
            return -1;
        }
        long first = current.firstBatchMaxTimestamp();
        return first >= 0 ? first : current.openedAtMs();
    }

    /**
     * Starts a cleaned segment with base offset {@code baseOffset}, written under the {@code .cleaned} file names,
     * to be swapped in with {@link #replaceSegments}.
     *
     * @throws LogStorageException if its files cannot be created
     */
    public CleanedSegment newCleanedSegment(long baseOffset) {
        ensureOpen();
        try {
            return new CleanedSegment(LogSegment.createCleaned(dir, baseOffset, config, clock.millis()));
        } catch (IOException e) {
            throw new LogStorageException("cannot create a cleaned segment " + baseOffset + " in " + dir, e);
        }
    }

    /**
     * Replaces the consecutive sealed segments {@code replaced} by {@code cleaned} (whose base offset must be the
     * first one's), crash-safely: see {@link SegmentSwap} for the protocol, {@link SwapStep} for its steps. The
     * cleaned files are forced to disk before the append lock is taken; the lock is held only for the swap itself
     * (a plan file, renames and directory fsyncs), so appends and reads go on while the cleaner writes. Readers
     * never see a mix: until the new segment is in the map they read the old ones, whose files stay open for
     * {@code file.delete.delay.ms}.
     *
     * <p>If the cleaned segment ends before the segment after the run starts (its last records were cleaned
     * away), the cleaner checkpoint is raised to that next segment's base offset before the commit, so that
     * recovery accepts the gap.
     *
     * @return false, with the cleaned files deleted, if the log changed under the cleaner (a replaced segment was
     *     deleted by retention or truncation, or another segment appeared in the run); the caller may clean again
     * @throws LogStorageException on an I/O failure; the log should then be reopened, which completes or drops the
     *     swap
     */
    public boolean replaceSegments(List<SealedSegment> replaced, CleanedSegment cleaned, SwapListener listener) {
        if (replaced.isEmpty() || replaced.get(0).baseOffset() != cleaned.baseOffset()) {
            cleaned.abort();
            throw new IllegalArgumentException("the cleaned segment " + cleaned.baseOffset()
                    + " must start where the first replaced segment does: " + replaced);
        }
        try {
            cleaned.finish();
        } catch (IOException e) {
            cleaned.abort();
            throw new LogStorageException("cannot finish cleaned segment " + cleaned.baseOffset() + " of " + dir, e);
        }
        listener.afterStep(SwapStep.CLEANED_WRITTEN);
        appendLock.lock();
        try {
            ensureOpen();
            List<LogSegment> old = new ArrayList<>();
            Long expectedBase = replaced.get(0).baseOffset();
            for (SealedSegment view : replaced) {
                LogSegment segment = view.segment();
                if (expectedBase == null || segment.baseOffset() != expectedBase
                        || segments.get(segment.baseOffset()) != segment || segment == active) {
                    LOG.info("{}: segments changed while cleaning {}, dropping the cleaned segment", dir, replaced);
                    cleaned.abort();
                    return false;
                }
                old.add(segment);
                expectedBase = segments.higherKey(segment.baseOffset());
            }
            long to = expectedBase; // the run ends before a later segment: the active one at least
            if (cleaned.nextOffset() > to) {
                cleaned.abort();
                throw new IllegalArgumentException("cleaned segment " + cleaned.baseOffset() + " runs to offset "
                        + cleaned.nextOffset() + ", past the replaced run's end " + to);
            }
            if (cleaned.nextOffset() < to && cleanerOffset < to) {
                setCleanerOffsetLocked(to);
            }
            long base = cleaned.baseOffset();
            long now = clock.millis();
            SegmentSwap.commit(dir, files, new SegmentSwapPlan(base, to), old, listener,
                    () -> {
                        cleaned.handedOver();
                        LogSegment fresh = LogSegment.open(dir, base, config, now);
                        fresh.loadTail();
                        fresh.seal();
                        segments.put(base, fresh);
                        for (LogSegment segment : old) {
                            if (segment.baseOffset() != base) {
                                segments.remove(segment.baseOffset());
                            }
                            deleter.schedule(segment, now + config.fileDeleteDelayMs());
                        }
                    });
            LOG.debug("{}: swapped cleaned segment {} in for {} segment(s) up to {}", dir, base, old.size(), to);
            return true;
        } catch (IOException e) {
            throw new LogStorageException("segment swap in " + dir + " failed; reopen the log to complete it", e);
        } finally {
            appendLock.unlock();
        }
    }

    /** The leader-epoch lineage of this log, for replication. */
    public LeaderEpochCache leaderEpochCache() {
        return epochCache;
    }

    /**
     * Appends batches as the leader: validates each one (format, CRC, offset deltas, codec, size), assigns
     * offsets from the log end offset by rewriting each base offset in place, stamps {@code leaderEpoch} and,
     * for LogAppendTime logs, the append time. Nothing is written if any batch is invalid.
     *
     * @param records one or more v2 batches, back to back; rewritten in place
     * @throws InvalidBatchException if a batch is malformed or uses an unsupported codec
     * @throws RecordBatchTooLargeException if a batch exceeds {@code max.message.bytes}
     * @throws LogStorageException on an I/O failure (nothing becomes visible)
     */
    public LogAppendInfo append(ByteBuffer records, int leaderEpoch) {
        return append(records, leaderEpoch, AppendHook.NONE);
    }

    /**
     * Appends as {@link #append(ByteBuffer, int)} does, calling {@code hook} under the log's append lock: after
     * offsets are assigned and before the bytes are written (it may reject the append by throwing; nothing is
     * written then), and after the write succeeded. The partition layer keeps idempotent-producer state this
     * way, in the same critical section as the append, while the fsync still runs outside it.
     */
    public LogAppendInfo append(ByteBuffer records, int leaderEpoch, AppendHook hook) {
        List<RecordBatch> batches = validate(records);
        LogAppendInfo info;
        appendLock.lock();
        try {
            ensureOpen();
            LogConfig cfg = config;
            long now = clock.millis();
            long appendTime = cfg.timestampType() == TimestampType.LOG_APPEND_TIME ? now : -1;
            long next = end.offset();
            long first = next;
            long maxTimestamp = RecordBatch.NO_TIMESTAMP;
            long recordCount = 0;
            for (RecordBatch batch : batches) {
                batch.setBaseOffset(next);
                batch.setPartitionLeaderEpoch(leaderEpoch);
                if (appendTime >= 0) {
                    batch.setMaxTimestamp(TimestampType.LOG_APPEND_TIME, appendTime);
                }
                maxTimestamp = Math.max(maxTimestamp, batch.maxTimestamp());
                recordCount += batch.recordCount();
                next = batch.nextOffset();
            }
            hook.beforeWrite(batches);
            write(records, next - 1, recordCount, maxTimestamp);
            if (leaderEpoch >= 0) {
                assignEpoch(leaderEpoch, first);
            }
            hook.afterWrite(batches);
            info = new LogAppendInfo(first, next - 1, maxTimestamp, appendTime, batches.size(), recordCount,
                    records.remaining());
        } finally {
            appendLock.unlock();
        }
        afterAppend();
        return info;
    }

    /**
     * Appends batches that already carry offsets, as a follower copying its leader: each batch's header and CRC
     * are checked and its base offset must be at or past the log end offset. Leader epochs found in the batches
     * extend the epoch cache.
     */
    public LogAppendInfo appendAsFollower(ByteBuffer records) {
        List<RecordBatch> batches = new ArrayList<>();
        ByteBuffer walk = records.duplicate();
        while (walk.hasRemaining()) {
            RecordBatch batch = RecordBatch.wrap(walk);
            batch.ensureValid();
            batches.add(batch);
            walk.position(walk.position() + batch.sizeInBytes());
        }
        if (batches.isEmpty()) {
            throw new InvalidBatchException("no batches to append");
        }
        LogAppendInfo info;
        appendLock.lock();
        try {
            ensureOpen();
            long expected = end.offset();
            long maxTimestamp = RecordBatch.NO_TIMESTAMP;
            long recordCount = 0;
            for (RecordBatch batch : batches) {
                if (batch.baseOffset() < expected) {
                    throw new InvalidBatchException("follower batch at offset " + batch.baseOffset()
                            + " is below the log end offset " + expected);
                }
                maxTimestamp = Math.max(maxTimestamp, batch.maxTimestamp());
                recordCount += batch.recordCount();
                expected = batch.nextOffset();
            }
            write(records, expected - 1, recordCount, maxTimestamp);
            for (RecordBatch batch : batches) {
                if (batch.partitionLeaderEpoch() >= 0) {
                    assignEpoch(batch.partitionLeaderEpoch(), batch.baseOffset());
                }
            }
            info = new LogAppendInfo(batches.get(0).baseOffset(), expected - 1, maxTimestamp, -1, batches.size(),
                    recordCount, records.remaining());
        } finally {
            appendLock.unlock();
        }
        afterAppend();
        return info;
    }

    /** Records that {@code epoch} started at {@code startOffset}, after the batch is written. */
    private void assignEpoch(int epoch, long startOffset) {
        try {
            epochCache.assign(epoch, startOffset);
        } catch (IOException e) {
            throw new LogStorageException("leader epoch checkpoint of " + dir + " failed", e);
        }
    }

    private List<RecordBatch> validate(ByteBuffer records) {
        int maxMessageBytes = config.maxMessageBytes();
        List<RecordBatch> batches = new ArrayList<>();
        ByteBuffer walk = records.duplicate();
        while (walk.hasRemaining()) {
            RecordBatch batch = RecordBatch.wrap(walk);
            if (batch.sizeInBytes() > maxMessageBytes) {
                throw new RecordBatchTooLargeException("batch of " + batch.sizeInBytes()
                        + " bytes exceeds max.message.bytes " + maxMessageBytes);
            }
            BatchValidator.validate(batch);
            batches.add(batch);
            walk.position(walk.position() + batch.sizeInBytes());
        }
        if (batches.isEmpty()) {
            throw new InvalidBatchException("no batches to append");
        }
        return batches;
    }

    /** Writes validated batches to the active segment, rolling first when needed. Caller holds appendLock. */
    private void write(ByteBuffer records, long lastOffset, long recordCount, long maxTimestamp) {
        try {
            LogSegment segment = maybeRoll(records.remaining(), lastOffset, maxTimestamp);
            segment.append(records);
            LogEndPoint previous = end;
            end = new LogEndPoint(lastOffset + 1, segment.baseOffset(), segment.size(),
                    previous.appendedRecords() + recordCount);
        } catch (IOException e) {
            throw new LogStorageException("append to " + dir + " failed, nothing was written", e);
        }
    }

    private void afterAppend() {
        FlushPolicy policy = config.flushPolicy();
        if (policy.isEveryAppend() || end.appendedRecords() - recoveryPoint.appendedRecords() >= policy.messages()) {
            flush();
        }
    }

    /**
     * Rolls before an append when the active segment is full, its index is full, the offsets would overflow its
     * 32-bit relative offsets, or it has aged past {@code segment.ms}. Age follows Kafka: the appended batches'
     * max timestamp minus the segment's first batch's (so replayed old data does not roll per batch), or wall
     * time since the segment was opened when it has no timestamps.
     */
    private LogSegment maybeRoll(int appendSize, long lastOffset, long appendMaxTimestamp) throws IOException {
        LogSegment segment = active;
        LogConfig cfg = config;
        if (segment.isEmpty()) {
            return segment;
        }
        boolean full = (long) segment.size() + appendSize > cfg.segmentBytes();
        long first = segment.firstBatchMaxTimestamp();
        long age = first >= 0 && appendMaxTimestamp >= 0
                ? appendMaxTimestamp - first
                : clock.millis() - segment.openedAtMs();
        boolean offsetOverflow = lastOffset - segment.baseOffset() > Integer.MAX_VALUE;
        if (full || age > cfg.segmentMs() || offsetOverflow || segment.isIndexFull()) {
            return rollLocked();
        }
        return segment;
    }

    /** Seals the active segment and starts a new one at the log end offset, if the active one has data. */
    public void roll() {
        appendLock.lock();
        try {
            ensureOpen();
            if (!active.isEmpty()) {
                rollLocked();
            }
        } catch (IOException e) {
            throw new LogStorageException("roll of " + dir + " failed", e);
        } finally {
            appendLock.unlock();
        }
    }

    private LogSegment rollLocked() throws IOException {
        long base = end.offset();
        LogSegment old = active;
        old.seal();
        LogSegment fresh = LogSegment.open(dir, base, config, clock.millis());
        if (!fresh.isEmpty()) {
            throw new LogStorageException("cannot roll " + dir, new IOException("segment file for " + base
                    + " already has " + fresh.size() + " bytes"));
        }
        fresh.loadTail();
        files.syncDirectory();
        segments.put(base, fresh);
        active = fresh;
        end = new LogEndPoint(base, base, 0, end.appendedRecords());
        // As Kafka does, a sealed segment is flushed soon after the roll (by the maintenance agent, off the append
        // path), so the recovery point keeps up with the log even under the OS flush policy and a crash rescans
        // at most the active segment.
        sealedUpTo = end;
        LOG.debug("rolled {} at offset {}", dir, base);
        return fresh;
    }

    /**
     * Reads whole batches from the one holding {@code startOffset}, up to {@code maxBytes} (but at least one
     * batch when {@code minOneBatch}), never including a batch that reaches {@code maxOffsetExclusive} (the high
     * watermark) or the log end.
     *
     * @throws OffsetOutOfRangeException if {@code startOffset} is below the log start or above the log end
     */
    public LogReadResult read(long startOffset, int maxBytes, long maxOffsetExclusive, boolean minOneBatch) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative: " + maxBytes);
        }
        long start = logStartOffset;
        LogEndPoint endPoint = end;
        if (startOffset < start || startOffset > endPoint.offset()) {
            throw new OffsetOutOfRangeException("offset " + startOffset + " is outside [" + start + ", "
                    + endPoint.offset() + "] of " + dir);
        }
        long maxOffset = Math.min(maxOffsetExclusive, endPoint.offset());
        if (startOffset >= maxOffset) {
            return new LogReadResult(List.of(), start, endPoint.offset());
        }
        Map.Entry<Long, LogSegment> floor = segments.floorEntry(startOffset);
        Iterator<LogSegment> candidates = (floor == null ? segments : segments.tailMap(floor.getKey(), true))
                .values().iterator();
        try {
            while (candidates.hasNext()) {
                LogSegment segment = candidates.next();
                if (segment.baseOffset() >= maxOffset) {
                    break;
                }
                if (segment.nextOffset() <= startOffset || segment.isEmpty()) {
                    // Every batch of this segment is below the start (or the cleaner emptied it): the one we want
                    // is later.
                    continue;
                }
                // This segment holds the start offset's batch. If that batch does not fit (maxBytes without
                // minOneBatch, or the max offset), the answer is nothing: never a later segment's batch.
                LogRegion region = segment.read(startOffset, maxBytes, maxOffset, minOneBatch);
                return new LogReadResult(region == null ? List.of() : List.of(region), start, endPoint.offset());
            }
        } catch (IOException e) {
            throw new LogStorageException("read of " + dir + " at offset " + startOffset + " failed", e);
        }
        return new LogReadResult(List.of(), start, endPoint.offset());
    }

    /** Reads up to the log end offset, at least one batch. */
    public LogReadResult read(long startOffset, int maxBytes) {
        return read(startOffset, maxBytes, Long.MAX_VALUE, true);
    }

    /**
     * Finds the first record whose timestamp is at or after {@code timestamp} (Kafka's ListOffsets by time).
     *
     * @return its timestamp and offset, or empty when every record is older
     */
    public Optional<TimestampAndOffset> offsetForTimestamp(long timestamp) {
        long start = logStartOffset;
        try {
            for (LogSegment segment : segments.values()) {
                if (segment.maxTimestamp() < timestamp || segment.nextOffset() <= start) {
                    continue;
                }
                // A batch whose max timestamp qualifies may hold no readable match: the records that reach the
                // timestamp can lie below the log start offset. The search then goes on after that batch, in
                // this segment first.
                long from = start;
                FileBatchHeader header;
                while ((header = segment.findBatchByTimestamp(timestamp, from)) != null) {
                    Optional<TimestampAndOffset> found = firstRecordAtOrAfter(segment.readBatch(header), timestamp,
                            start);
                    if (found.isPresent()) {
                        return found;
                    }
                    from = header.nextOffset();
                }
            }
        } catch (IOException e) {
            throw new LogStorageException("timestamp lookup in " + dir + " failed", e);
        }
        return Optional.empty();
    }

    /** The first record of {@code batch} at or above {@code start} with a timestamp at or after {@code timestamp}. */
    private static Optional<TimestampAndOffset> firstRecordAtOrAfter(RecordBatch batch, long timestamp, long start) {
        if (batch.timestampType() == TimestampType.LOG_APPEND_TIME) {
            // Every record carries the append time; maxTimestamp >= timestamp, or the batch was not chosen.
            return Optional.of(new TimestampAndOffset(batch.maxTimestamp(), Math.max(start, batch.baseOffset())));
        }
        try (CloseableIterator<Record> records = batch.records()) {
            while (records.hasNext()) {
                Record record = records.next();
                if (record.timestamp() >= timestamp && record.offset() >= start) {
                    return Optional.of(new TimestampAndOffset(record.timestamp(), record.offset()));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Removes every batch from the one holding {@code offset} on, as a follower does when its log diverged from
     * the leader's. A batch is never cut in two, so the new log end offset may be below {@code offset}. A
     * no-op when {@code offset} is at or past the log end. Below the log start offset, the log restarts empty at
     * {@code offset} (as Kafka's follower does); when the batch to remove starts below the log start offset, the
     * log restarts empty at the log start offset, so the log end never falls below the log start.
     */
    public void truncateTo(long offset) {
        appendLock.lock();
        try {
            ensureOpen();
            if (offset >= end.offset()) {
                return;
            }
            if (offset <= segments.firstKey() || offset < logStartOffset) {
                truncateFullyAndStartAtLocked(offset);
                return;
            }
            LogSegment holding = segments.floorEntry(offset).getValue();
            FileBatchHeader cut = holding.translateOffset(offset, holding.size());
            if (cut != null && cut.baseOffset() < logStartOffset) {
                // The batch to remove starts below the log start offset, so it holds every readable offset: cutting
                // it would leave the log end below the log start. Nothing readable remains; restart there.
                truncateFullyAndStartAtLocked(logStartOffset);
                return;
            }
            long now = clock.millis();
            for (LogSegment segment : List.copyOf(segments.tailMap(offset, false).values())) {
                removeSegment(segment, now);
            }
            LogSegment last = segments.lastEntry().getValue();
            last.truncateTo(offset);
            if (last != active) {
                last.offsetIndex().resize(config.segmentIndexBytes());
                last.timeIndex().resize(config.segmentIndexBytes());
                active = last;
            }
            end = new LogEndPoint(last.nextOffset(), last.baseOffset(), last.size(), end.appendedRecords());
            if (cleanerOffset > end.offset()) {
                setCleanerOffsetLocked(end.offset());
            }
            epochCache.truncateFromEnd(end.offset());
            lowerRecoveryPointTo(end);
            LOG.info("truncated {} to offset {}", dir, end.offset());
        } catch (IOException e) {
            throw new LogStorageException("truncation of " + dir + " failed", e);
        } finally {
            appendLock.unlock();
        }
    }

    /** Deletes every segment and restarts the log, empty, at {@code offset} (a follower far behind its leader). */
    public void truncateFullyAndStartAt(long offset) {
        appendLock.lock();
        try {
            ensureOpen();
            truncateFullyAndStartAtLocked(offset);
        } catch (IOException e) {
            throw new LogStorageException("truncation of " + dir + " failed", e);
        } finally {
            appendLock.unlock();
        }
    }

    private void truncateFullyAndStartAtLocked(long offset) throws IOException {
        long now = clock.millis();
        logStartOffset = offset;
        files.writeLogStartOffset(offset);
        for (LogSegment segment : List.copyOf(segments.values())) {
            removeSegment(segment, now);
        }
        LogSegment fresh = LogSegment.open(dir, offset, config, clock.millis());
        fresh.loadTail();
        files.syncDirectory();
        segments.put(offset, fresh);
        active = fresh;
        end = new LogEndPoint(offset, offset, 0, end.appendedRecords());
        setCleanerOffsetLocked(offset);
        epochCache.clearAndFlush();
        lowerRecoveryPointTo(end);
        LOG.info("truncated {} fully, restarting at offset {}", dir, offset);
    }

    /** Takes a segment out of the log: renamed at once, closed and deleted after the file delete delay. */
    private void removeSegment(LogSegment segment, long now) throws IOException {
        segments.remove(segment.baseOffset());
        segment.markDeleted();
        deleter.schedule(segment, now + config.fileDeleteDelayMs());
    }

    private void lowerRecoveryPointTo(LogEndPoint point) throws IOException {
        flushLock.lock();
        try {
            if (recoveryPoint.offset() > point.offset() || recoveryPoint.segmentBaseOffset() > point.segmentBaseOffset()) {
                recoveryPoint = point;
            }
            LogEndPoint sealed = sealedUpTo;
            if (sealed != null && (sealed.offset() > point.offset() || sealed.segmentBaseOffset() > point.segmentBaseOffset())) {
                sealedUpTo = null;
            }
            files.writeRecoveryPoint(recoveryPoint);
            checkpointedRecoveryPoint = recoveryPoint;
        } finally {
            flushLock.unlock();
        }
    }

    /**
     * Moves the log start offset up (Kafka's DeleteRecords): offsets below it become unreadable and segments
     * wholly below it are deleted. The new start is persisted before any file is removed.
     *
     * @throws OffsetOutOfRangeException if {@code offset} is past the log end offset
     */
    public void advanceLogStartOffset(long offset) {
        appendLock.lock();
        try {
            ensureOpen();
            if (offset > end.offset()) {
                throw new OffsetOutOfRangeException("cannot move the log start offset of " + dir + " to " + offset
                        + ", past the log end offset " + end.offset());
            }
            if (offset <= logStartOffset) {
                return;
            }
            setLogStartOffset(offset);
            deleteSegmentsBelowStart(clock.millis());
        } catch (IOException e) {
            throw new LogStorageException("advancing the log start offset of " + dir + " failed", e);
        } finally {
            appendLock.unlock();
        }
    }

    private void setLogStartOffset(long offset) throws IOException {
        files.writeLogStartOffset(offset);
        logStartOffset = offset;
        epochCache.truncateFromStart(offset);
    }

    /**
     * Applies {@code retention.ms} and {@code retention.bytes}: deletes the oldest sealed segments that are too
     * old or beyond the size limit, and any wholly below the log start offset. Never the active segment.
     *
     * @return the number of segments deleted
     */
    public int deleteRetainedSegments() {
        appendLock.lock();
        try {
            ensureOpen();
            long now = clock.millis();
            List<LogSegment> doomed = RetentionPolicy.select(segments, active, config, now, sizeInBytes());
            if (!doomed.isEmpty()) {
                long newStart = segments.higherKey(doomed.get(doomed.size() - 1).baseOffset());
                if (newStart > logStartOffset) {
                    setLogStartOffset(newStart);
                }
            }
            return deleteSegmentsBelowStart(now);
        } catch (IOException e) {
            throw new LogStorageException("retention of " + dir + " failed", e);
        } finally {
            appendLock.unlock();
        }
    }

    private int deleteSegmentsBelowStart(long now) throws IOException {
        int deleted = 0;
        for (LogSegment segment : List.copyOf(segments.values())) {
            Long next = segments.higherKey(segment.baseOffset());
            if (segment == active || next == null || next > logStartOffset) {
                break;
            }
            removeSegment(segment, now);
            deleted++;
        }
        if (deleted > 0) {
            LOG.info("deleted {} segment(s) of {}, log start offset {}", deleted, dir, logStartOffset);
        }
        return deleted;
    }

    /**
     * Forces everything appended so far to stable storage and advances the recovery point. Concurrent callers
     * share the work: a caller whose data a running flush already covers returns without a second fsync.
     */
    public void flush() {
        flushTo(end, true);
    }

    /**
     * Flushes the segments up to {@code target} and moves the recovery point there.
     *
     * @param latest whether to flush up to the log end at the time the flush lock is held, rather than exactly to
     *               {@code target} (a flush of sealed segments stops at the segment boundary)
     */
    private void flushTo(LogEndPoint target, boolean latest) {
        flushLock.lock();
        try {
            if (recoveryPoint.offset() >= target.offset()) {
                return;
            }
            if (!latest && sealedUpTo != target) {
                return; // a truncation replaced the sealed point while this flush waited for the lock
            }
            if (latest) {
                target = end;
            }
            LogEndPoint from = recoveryPoint;
            for (LogSegment segment : segments.tailMap(from.segmentBaseOffset(), true).values()) {
                if (segment.baseOffset() > target.segmentBaseOffset()) {
                    break;
                }
                segment.flush();
            }
            recoveryPoint = target;
            lastFlushMs = clock.millis();
            if (target.segmentBaseOffset() != checkpointedRecoveryPoint.segmentBaseOffset()) {
                checkpointRecoveryPointLocked();
            }
        } catch (IOException e) {
            throw new LogStorageException("flush of " + dir + " failed", e);
        } finally {
            flushLock.unlock();
        }
    }

    /** Persists the recovery point, so that recovery after a crash starts there. */
    public void checkpointRecoveryPoint() {
        flushLock.lock();
        try {
            checkpointRecoveryPointLocked();
        } catch (IOException e) {
            throw new LogStorageException("recovery point checkpoint of " + dir + " failed", e);
        } finally {
            flushLock.unlock();
        }
    }

    private void checkpointRecoveryPointLocked() throws IOException {
        if (!recoveryPoint.equals(checkpointedRecoveryPoint)) {
            files.writeRecoveryPoint(recoveryPoint);
            checkpointedRecoveryPoint = recoveryPoint;
        }
        lastRecoveryCheckpointMs = clock.millis();
    }

    /**
     * One duty cycle of background upkeep, run by {@link LogMaintenanceAgent}: a time-based flush when due, the
     * periodic recovery-point checkpoint, retention, and closing segments deleted long enough ago.
     *
     * @return the amount of work done (0 = idle)
     */
    @Override
    public int runMaintenance() {
        if (closed) {
            return 0;
        }
        int work = 0;
        long now = clock.millis();
        LogConfig cfg = config;
        if (end.offset() > recoveryPoint.offset() && now - lastFlushMs >= cfg.flushPolicy().intervalMs()) {
            flush();
            work++;
        }
        LogEndPoint sealed = sealedUpTo;
        if (sealed != null && sealed.offset() > recoveryPoint.offset()) {
            flushTo(sealed, false);
            work++;
        }
        if (now - lastRecoveryCheckpointMs >= cfg.recoveryPointCheckpointIntervalMs()) {
            checkpointRecoveryPoint();
            work++;
        }
        work += deleteRetainedSegments();
        work += deleter.closeDue(now);
        return work;
    }

    private void ensureOpen() {
        if (closed) {
            throw new LogException("log " + dir + " is closed");
        }
    }

    /**
     * Closes cleanly: flushes, persists the recovery point, trims the active segment's indexes and writes the
     * clean-shutdown marker, so the next open skips recovery.
     */
    @Override
    public void close() {
        appendLock.lock();
        try {
            if (closed) {
                return;
            }
            flush();
            checkpointRecoveryPoint();
            active.seal();
            closeSegments();
            files.writeCleanShutdown(end.offset());
        } catch (IOException e) {
            throw new LogStorageException("close of " + dir + " failed", e);
        } finally {
            closed = true;
            appendLock.unlock();
        }
    }

    /** Closes the files with no flush, checkpoint or marker: what a killed process leaves (for crash tests). */
    void closeUncleanly() throws IOException {
        appendLock.lock();
        try {
            closed = true;
            closeSegments();
        } finally {
            appendLock.unlock();
        }
    }

    private void closeSegments() throws IOException {
        IOException failure = null;
        for (LogSegment segment : segments.values()) {
            try {
                segment.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        deleter.closeAll();
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "Log(" + dir + ", start=" + logStartOffset + ", end=" + end.offset() + ", segments=" + segments.size()
                + ")";
    }
}
