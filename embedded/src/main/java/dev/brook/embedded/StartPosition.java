package dev.brook.embedded;

import dev.brook.partition.FetchIsolation;
import dev.brook.partition.Partition;
import java.time.Instant;

/**
 * Where a reader starts in each partition: the earliest record still kept, the end (only records appended later),
 * an offset, or the first record at or after a time.
 */
public final class StartPosition {
    private enum Kind { EARLIEST, LATEST, OFFSET, TIMESTAMP }

    private static final StartPosition EARLIEST = new StartPosition(Kind.EARLIEST, 0);
    private static final StartPosition LATEST = new StartPosition(Kind.LATEST, 0);

    private final Kind kind;
    private final long value;

    private StartPosition(Kind kind, long value) {
        this.kind = kind;
        this.value = value;
    }

    /** The first record still in the log (after retention). */
    public static StartPosition earliest() {
        return EARLIEST;
    }

    /** The end of the log when the reader opens: only records committed afterwards are read. */
    public static StartPosition latest() {
        return LATEST;
    }

    /**
     * A given offset. Below the log start it starts at the log start; past the end the reader waits until records
     * reach it.
     *
     * @throws IllegalArgumentException if {@code offset} is negative
     */
    public static StartPosition offset(long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
        return new StartPosition(Kind.OFFSET, offset);
    }

    /**
     * The first record whose timestamp is at or after {@code epochMillis}, or the end if there is none yet.
     *
     * @throws IllegalArgumentException if {@code epochMillis} is negative
     */
    public static StartPosition timestamp(long epochMillis) {
        if (epochMillis < 0) {
            throw new IllegalArgumentException("timestamp must not be negative: " + epochMillis);
        }
        return new StartPosition(Kind.TIMESTAMP, epochMillis);
    }

    /** {@link #timestamp(long)} from an instant. */
    public static StartPosition timestamp(Instant time) {
        return timestamp(time.toEpochMilli());
    }

    /** The offset this position means in {@code partition} now. */
    long resolve(Partition partition) {
        return switch (kind) {
            case EARLIEST -> partition.earliestOffset();
            case LATEST -> partition.latestOffset(FetchIsolation.HIGH_WATERMARK);
            case OFFSET -> Math.max(value, partition.earliestOffset());
            case TIMESTAMP -> partition.offsetForTimestamp(value, FetchIsolation.HIGH_WATERMARK)
                    .map(found -> found.offset())
                    .orElseGet(() -> partition.latestOffset(FetchIsolation.HIGH_WATERMARK));
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case EARLIEST -> "earliest";
            case LATEST -> "latest";
            case OFFSET -> "offset " + value;
            case TIMESTAMP -> "timestamp " + value;
        };
    }
}
