package dev.brook.compaction;

import dev.brook.log.CleanedSegment;
import dev.brook.log.Log;
import dev.brook.log.SealedSegment;
import dev.brook.log.SwapListener;
import dev.brook.log.record.CloseableIterator;
import dev.brook.log.record.Record;
import dev.brook.log.record.RecordBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * One cleaning of one log, on the calling thread:
 * <ol>
 *   <li>flush the log, so nothing the cleaner reads or replaces is past the recovery point;</li>
 *   <li>fill the offset map with the dirty records' keys, from the cleaner checkpoint on, until the cleanable
 *       range ends or the map is full (then only up to the last whole segment, or whole batch, it covered);</li>
 *   <li>rewrite every cleanable segment from the log start up to that point, in groups of consecutive segments
 *       whose total size fits {@code segment.bytes} (small segments merge), keeping a record unless the map holds
 *       a later offset for its key, or it is a tombstone whose batch's delete horizon has passed; a kept
 *       tombstone reached for the first time gets its batch stamped with now + {@code delete.retention.ms};</li>
 *   <li>swap each group's cleaned segment in ({@link Log#replaceSegments}), then move the cleaner checkpoint.</li>
 * </ol>
 * Offsets never change. Appends continue throughout; the log's lock is held only inside each swap.
 */
final class LogCompactor {
    private final Log log;
    private final CompactionConfig config;
    private final OffsetMap map;
    private final SwapListener listener;
    private final BooleanSupplier cancelled;
    private long earliestRetainedHorizon = Long.MAX_VALUE;

    LogCompactor(Log log, CompactionConfig config, OffsetMap map, SwapListener listener, BooleanSupplier cancelled) {
        this.log = log;
        this.config = config;
        this.map = map;
        this.listener = listener;
        this.cancelled = cancelled;
    }

    /** The earliest delete horizon among tombstones the last {@link #clean} kept, or Long.MAX_VALUE for none. */
    long earliestRetainedHorizon() {
        return earliestRetainedHorizon;
    }

    CleanResult clean(long nowMs, long upperBoundOffset) {
        log.flush();
        CleanableRange range = CleanableRange.of(log, config, nowMs, upperBoundOffset);
        long firstDirty = range.firstDirtyOffset();
        if (range.segments().isEmpty()) {
            return CleanResult.nothing(firstDirty);
        }
        long upTo = buildMap(range.segments(), firstDirty);
        List<SealedSegment> toRewrite = new ArrayList<>();
        for (SealedSegment segment : range.segments()) {
            if (segment.baseOffset() >= upTo && !toRewrite.isEmpty()) {
                break;
            }
            toRewrite.add(segment);
        }
        long horizon = saturatedAdd(nowMs, config.deleteRetentionMs());
        int segmentBytes = log.config().segmentBytes();
        int read = 0;
        int written = 0;
        long bytesRead = 0;
        long bytesWritten = 0;
        long removed = 0;
        int i = 0;
        while (i < toRewrite.size()) {
            List<SealedSegment> group = group(toRewrite, i, segmentBytes);
            i += group.size();
            CleanedSegment cleaned = log.newCleanedSegment(group.get(0).baseOffset());
            try {
                for (SealedSegment segment : group) {
                    checkCancelled();
                    bytesRead += segment.sizeInBytes();
                    removed += rewrite(segment, cleaned, upTo, nowMs, horizon);
                }
                long size = cleaned.sizeInBytes();
                if (!log.replaceSegments(group, cleaned, listener)) {
                    return new CleanResult(written > 0, firstDirty, firstDirty, read, written, bytesRead,
                            bytesWritten, removed);
                }
                bytesWritten += size;
            } catch (RuntimeException e) {
                cleaned.abort();
                throw e;
            }
            read += group.size();
            written++;
        }
        if (upTo > log.cleanerCheckpoint()) {
            log.writeCleanerCheckpoint(upTo);
        }
        return new CleanResult(true, firstDirty, upTo, read, written, bytesRead, bytesWritten, removed);
    }

    /**
     * Puts the keys of the dirty records into the map, oldest first.
     *
     * @return the end of what the map covers: every record below it was put
     */
    private long buildMap(List<SealedSegment> segments, long firstDirty) {
        map.clear();
        long covered = firstDirty;
        boolean anyWholeSegment = false;
        for (SealedSegment segment : segments) {
            if (segment.nextOffset() <= firstDirty) {
                continue;
            }
            try (CloseableIterator<RecordBatch> batches = segment.batches()) {
                while (batches.hasNext()) {
                    checkCancelled();
                    RecordBatch batch = batches.next();
                    if (batch.lastOffset() < firstDirty || batch.isControlBatch()) {
                        continue;
                    }
                    if (!map.hasRoomFor(batch.recordCount())) {
                        if (anyWholeSegment) {
                            return segment.baseOffset();
                        }
                        if (map.size() == 0) {
                            throw new CleanerException("log.cleaner.dedupe.buffer.size is too small: a batch of "
                                    + batch.recordCount() + " records at offset " + batch.baseOffset() + " of "
                                    + log.dir() + " does not fit a map of " + map.capacity() + " keys");
                        }
                        return batch.baseOffset();
                    }
                    try (CloseableIterator<Record> records = batch.records()) {
                        while (records.hasNext()) {
                            Record record = records.next();
                            if (record.hasKey() && record.offset() >= firstDirty) {
                                map.put(record.key(), record.offset());
                            }
                        }
                    }
                    covered = batch.nextOffset();
                }
            }
            covered = Math.max(covered, segment.nextOffset());
            anyWholeSegment = true;
        }
        return covered;
    }

    /** Rewrites one segment's batches into {@code cleaned}; returns the records removed. */
    private long rewrite(SealedSegment segment, CleanedSegment cleaned, long upTo, long nowMs, long horizon) {
        long removed = 0;
        BatchRewriter.RecordFilter filter = (record, batchHorizon) -> retain(record, batchHorizon, upTo, nowMs);
        try (CloseableIterator<RecordBatch> batches = segment.batches()) {
            while (batches.hasNext()) {
                RecordBatch batch = batches.next();
                if (batch.lastOffset() < log.logStartOffset()) {
                    continue; // below the log start: unreadable, and retention would delete it anyway
                }
                BatchRewriter.Result result = BatchRewriter.rewrite(batch, filter, horizon, upTo);
                removed += result.removed();
                if (result.retainedTombstoneHorizon() >= 0) {
                    earliestRetainedHorizon = Math.min(earliestRetainedHorizon, result.retainedTombstoneHorizon());
                }
                if (!result.isEmpty()) {
                    cleaned.append(result.batch());
                }
            }
        }
        return removed;
    }

    /**
     * Keeps a record unless a later record of its key lies below {@code upTo} (the map covers only that far), or it
     * is a tombstone whose batch's delete horizon has passed.
     */
    private boolean retain(Record record, long batchHorizon, long upTo, long nowMs) {
        if (!record.hasKey() || record.offset() >= upTo) {
            return true;
        }
        long latest = map.get(record.key());
        if (latest > record.offset()) {
            return false;
        }
        return !(record.isTombstone() && batchHorizon >= 0 && nowMs >= batchHorizon);
    }

    /** Consecutive segments from {@code from} whose total size fits {@code segmentBytes} (at least one). */
    private static List<SealedSegment> group(List<SealedSegment> segments, int from, int segmentBytes) {
        List<SealedSegment> group = new ArrayList<>();
        long size = 0;
        long base = segments.get(from).baseOffset();
        for (int i = from; i < segments.size(); i++) {
            SealedSegment segment = segments.get(i);
            if (!group.isEmpty() && (size + segment.sizeInBytes() > segmentBytes
                    || segment.nextOffset() - 1 - base > Integer.MAX_VALUE)) {
                break;
            }
            group.add(segment);
            size += segment.sizeInBytes();
        }
        return group;
    }

    private void checkCancelled() {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("the cleaner is stopping");
        }
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
