package dev.brook.compaction;

import dev.brook.log.Log;
import dev.brook.log.SealedSegment;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of a log the cleaner may touch now, and how dirty it is: the sealed segments from the log start up to
 * the first one that {@code min.compaction.lag.ms} or the caller's upper bound (high watermark, last stable
 * offset) keeps out, split at the cleaner checkpoint into clean and dirty bytes.
 *
 * @param segments the cleanable segments, oldest first (never the active one)
 * @param firstDirtyOffset the cleaner checkpoint, raised to the log start offset
 * @param cleanBytes bytes of cleanable segments wholly below {@code firstDirtyOffset}
 * @param dirtyBytes bytes of the others
 * @param firstDirtyTimestamp the first-batch timestamp of the first dirty segment (its oldest write, for
 *     {@code max.compaction.lag.ms}), or -1 when nothing is dirty
 */
record CleanableRange(List<SealedSegment> segments, long firstDirtyOffset, long cleanBytes, long dirtyBytes,
        long firstDirtyTimestamp) {

    static CleanableRange of(Log log, CompactionConfig config, long nowMs, long upperBoundOffset) {
        long firstDirty = Math.max(log.cleanerCheckpoint(), log.logStartOffset());
        List<SealedSegment> cleanable = new ArrayList<>();
        long clean = 0;
        long dirty = 0;
        long firstDirtyTimestamp = -1;
        for (SealedSegment segment : log.sealedSegments()) {
            if (segment.baseOffset() < log.logStartOffset() && segment.nextOffset() <= log.logStartOffset()) {
                continue; // wholly below the log start: retention deletes it
            }
            if (segment.nextOffset() > upperBoundOffset) {
                break;
            }
            if (config.minCompactionLagMs() > 0
                    && segment.largestTimestamp() > nowMs - config.minCompactionLagMs()) {
                break;
            }
            cleanable.add(segment);
            if (segment.nextOffset() <= firstDirty) {
                clean += segment.sizeInBytes();
            } else {
                if (dirty == 0 && segment.sizeInBytes() > 0) {
                    long first = segment.firstBatchTimestamp();
                    firstDirtyTimestamp = first >= 0 ? first : segment.largestTimestamp();
                }
                dirty += segment.sizeInBytes();
            }
        }
        return new CleanableRange(List.copyOf(cleanable), firstDirty, clean, dirty, firstDirtyTimestamp);
    }

    /** Dirty bytes over cleanable bytes; 0 when nothing is cleanable. */
    double dirtyRatio() {
        long total = cleanBytes + dirtyBytes;
        return total == 0 ? 0 : (double) dirtyBytes / total;
    }
}
