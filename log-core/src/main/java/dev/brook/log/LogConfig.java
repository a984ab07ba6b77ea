package dev.brook.log;

import dev.brook.log.record.TimestampType;

/**
 * Settings of one log. Names and defaults follow Kafka's topic configs ({@code segment.bytes},
 * {@code retention.ms}, ...), so the broker can map them one to one.
 *
 * @param segmentBytes roll the active segment before it would grow past this size ({@code segment.bytes}, 1 GiB)
 * @param segmentMs roll when the active segment's first batch is this old ({@code segment.ms}, 7 days)
 * @param segmentIndexBytes preallocated size of each index file; a full index rolls ({@code segment.index.bytes},
 *     10 MiB)
 * @param indexIntervalBytes bytes appended between two index entries ({@code index.interval.bytes}, 4096)
 * @param retentionMs delete sealed segments whose newest timestamp is older than this; -1 keeps them
 *     ({@code retention.ms}, 7 days)
 * @param retentionBytes delete the oldest sealed segments while the log is larger than this; -1 = no limit
 *     ({@code retention.bytes})
 * @param maxMessageBytes largest batch accepted by an append ({@code max.message.bytes}, 1 MiB + 12)
 * @param timestampType {@code message.timestamp.type}: keep the producer's CreateTime or stamp LogAppendTime
 * @param flushPolicy {@code flush.messages} / {@code flush.ms}
 * @param fileDeleteDelayMs how long deleted segments stay open for readers that still hold regions of them
 *     ({@code file.delete.delay.ms}, 60 s)
 * @param recoveryPointCheckpointIntervalMs how often the maintenance agent persists the recovery point
 *     ({@code log.flush.offset.checkpoint.interval.ms}, 60 s); it is also persisted on roll and close
 */
public record LogConfig(
        int segmentBytes,
        long segmentMs,
        int segmentIndexBytes,
        int indexIntervalBytes,
        long retentionMs,
        long retentionBytes,
        int maxMessageBytes,
        TimestampType timestampType,
        FlushPolicy flushPolicy,
        long fileDeleteDelayMs,
        long recoveryPointCheckpointIntervalMs) {

    /** Smallest accepted {@code segment.bytes}: room for at least a header-sized batch. */
    public static final int MIN_SEGMENT_BYTES = 1024;

    public LogConfig {
        require(segmentBytes >= MIN_SEGMENT_BYTES, "segment.bytes", segmentBytes);
        require(segmentMs >= 1, "segment.ms", segmentMs);
        require(segmentIndexBytes >= 64, "segment.index.bytes", segmentIndexBytes);
        require(indexIntervalBytes >= 0, "index.interval.bytes", indexIntervalBytes);
        require(retentionMs >= -1, "retention.ms", retentionMs);
        require(retentionBytes >= -1, "retention.bytes", retentionBytes);
        require(maxMessageBytes >= 0, "max.message.bytes", maxMessageBytes);
        require(fileDeleteDelayMs >= 0, "file.delete.delay.ms", fileDeleteDelayMs);
        require(recoveryPointCheckpointIntervalMs >= 1, "log.flush.offset.checkpoint.interval.ms",
                recoveryPointCheckpointIntervalMs);
        if (timestampType == null || flushPolicy == null) {
            throw new IllegalArgumentException("message.timestamp.type and the flush policy must be set");
        }
    }

    private static void require(boolean ok, String name, long value) {
        if (!ok) {
            throw new IllegalArgumentException("invalid value " + value + " for " + name);
        }
    }

    /** Kafka's defaults. */
    public static LogConfig defaults() {
        return new LogConfig(1 << 30, 7L * 24 * 3600 * 1000, 10 * 1024 * 1024, 4096, 7L * 24 * 3600 * 1000, -1,
                1024 * 1024 + 12, TimestampType.CREATE_TIME, FlushPolicy.os(), 60_000, 60_000);
    }

    public LogConfig withSegmentBytes(int value) {
        return new LogConfig(value, segmentMs, segmentIndexBytes, indexIntervalBytes, retentionMs, retentionBytes,
                maxMessageBytes, timestampType, flushPolicy, fileDeleteDelayMs, recoveryPointCheckpointIntervalMs);
    }

    public LogConfig withSegmentMs(long value) {
        return new LogConfig(segmentBytes, value, segmentIndexBytes, indexIntervalBytes, retentionMs, retentionBytes,
                maxMessageBytes, timestampType, flushPolicy, fileDeleteDelayMs, recoveryPointCheckpointIntervalMs);
    }

    public LogConfig withSegmentIndexBytes(int value) {
        return new LogConfig(segmentBytes, segmentMs, value, indexIntervalBytes, retentionMs, retentionBytes,
                maxMessageBytes, timestampType, flushPolicy, fileDeleteDelayMs, recoveryPointCheckpointIntervalMs);
    }

    public LogConfig withIndexIntervalBytes(int value) {
        return new LogConfig(segmentBytes, segmentMs, segmentIndexBytes, value, retentionMs, retentionBytes,
                maxMessageBytes, timestampType, flushPolicy, fileDeleteDelayMs, recoveryPointCheckpointIntervalMs);
    }

    public LogConfig withRetentionMs(long value) {
        return new LogConfig(segmentBytes, segmentMs, segmentIndexBytes, indexIntervalBytes, value, retentionBytes,
                maxMessageBytes, timestampType, flushPolicy, fileDeleteDelayMs, recoveryPointCheckpointIntervalMs);
    }

    public LogConfig withRetentionBytes(long value) {
        return new LogConfig(segmentBytes, segmentMs, segmentIndexBytes, indexIntervalBytes, retentionMs, value,
                maxMessageBytes, timestampType, flushPolicy, fileDeleteDelayMs, recoveryPointCheckpointIntervalMs);
    }

    public LogConfig withMaxMessageBytes(int value) {
        return new LogConfig(segmentBytes, segmentMs, segmentIndexBytes, indexIntervalBytes, retentionMs,
                retentionBytes, value, timestampType, flushPolicy, fileDeleteDelayMs,
                recoveryPointCheckpointIntervalMs);
    }

    public LogConfig withTimestampType(TimestampType value) {
        return new LogConfig(segmentBytes, segmentMs, segmentIndexBytes, indexIntervalBytes, retentionMs,
                retentionBytes, maxMessageBytes, value, flushPolicy, fileDeleteDelayMs,
                recoveryPointCheckpointIntervalMs);
    }

    public LogConfig withFlushPolicy(FlushPolicy value) {
        return new LogConfig(segmentBytes, segmentMs, segmentIndexBytes, indexIntervalBytes, retentionMs,
                retentionBytes, maxMessageBytes, timestampType, value, fileDeleteDelayMs,
                recoveryPointCheckpointIntervalMs);
    }

    public LogConfig withFileDeleteDelayMs(long value) {
        return new LogConfig(segmentBytes, segmentMs, segmentIndexBytes, indexIntervalBytes, retentionMs,
                retentionBytes, maxMessageBytes, timestampType, flushPolicy, value, recoveryPointCheckpointIntervalMs);
    }
}
