package dev.brook.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The obviously correct in-memory log that {@link LogModelTest} checks {@link Log} against: a list of batches
 * with dense offsets, a log start offset and a log end offset. Each record is identified by a unique id written
 * into the first 8 bytes of its value.
 */
final class LogModel {
    /** One record: offset, timestamp as a reader sees it (the append time for LogAppendTime), id, value size. */
    record Rec(long offset, long timestamp, long id, int valueSize) {
    }

    /** One batch as stored. */
    record Batch(long baseOffset, int sizeInBytes, boolean logAppendTime, List<Rec> records) {
        long lastOffset() {
            return baseOffset + records.size() - 1;
        }
    }

    private final List<Batch> batches = new ArrayList<>();
    private long logStartOffset;
    private long logEndOffset;

    long logStartOffset() {
        return logStartOffset;
    }

    long logEndOffset() {
        return logEndOffset;
    }

    List<Batch> batches() {
        return batches;
    }

    /** Appends a batch at the log end; {@code timestamps} are the records' as a reader will see them. */
    void append(int sizeInBytes, boolean logAppendTime, long[] timestamps, long[] ids, int[] valueSizes) {
        List<Rec> records = new ArrayList<>();
        for (int i = 0; i < timestamps.length; i++) {
            records.add(new Rec(logEndOffset + i, timestamps[i], ids[i], valueSizes[i]));
        }
        batches.add(new Batch(logEndOffset, sizeInBytes, logAppendTime, List.copyOf(records)));
        logEndOffset += timestamps.length;
    }

    /** Index of the first batch whose last offset is at or above {@code offset}, or -1. */
    int batchIndexHolding(long offset) {
        for (int i = 0; i < batches.size(); i++) {
            if (batches.get(i).lastOffset() >= offset) {
                return i;
            }
        }
        return -1;
    }

    /** Kafka's ListOffsets by time: the first readable record with a timestamp at or after {@code target}. */
    Optional<TimestampAndOffset> offsetForTimestamp(long target) {
        for (Batch batch : batches) {
            for (Rec rec : batch.records()) {
                if (rec.offset() >= logStartOffset && rec.timestamp() >= target) {
                    return Optional.of(new TimestampAndOffset(rec.timestamp(), rec.offset()));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * {@link Log#truncateTo}: removes every batch from the one holding {@code offset} on. Below the log start
     * offset, or when the cut would leave nothing readable, the log restarts empty at the lower of
     * {@code offset} and the log start offset.
     */
    void truncateTo(long offset) {
        if (offset >= logEndOffset) {
            return;
        }
        if (offset < logStartOffset) {
            restartAt(offset);
            return;
        }
        int cut = batchIndexHolding(offset);
        long newEnd = batches.get(cut).baseOffset();
        if (newEnd < logStartOffset) {
            restartAt(logStartOffset);
            return;
        }
        batches.subList(cut, batches.size()).clear();
        logEndOffset = newEnd;
    }

    void restartAt(long offset) {
        batches.clear();
        logStartOffset = offset;
        logEndOffset = offset;
    }

    /** Moves the log start offset up; batches wholly below it are forgotten (they are unreadable). */
    void advanceLogStartOffset(long offset) {
        if (offset <= logStartOffset) {
            return;
        }
        logStartOffset = offset;
        batches.removeIf(b -> b.lastOffset() < offset);
    }
}
