package dev.brook.compaction;

import dev.brook.partition.topic.CleanupPolicy;
import dev.brook.partition.topic.TopicConfig;

/**
 * The per-log settings the cleaner follows; names and meaning are Kafka's topic configs.
 *
 * @param cleanupPolicy {@code cleanup.policy}: {@code delete} logs are never compacted; {@code compact,delete}
 *     logs are compacted and their retention still applies (the cleaner runs it before each cleaning)
 * @param minCleanableDirtyRatio {@code min.cleanable.dirty.ratio}: clean a log once its dirty bytes reach this
 *     fraction of its cleanable bytes (0.5)
 * @param minCompactionLagMs {@code min.compaction.lag.ms}: a segment is cleaned only once its newest record is
 *     at least this old (0)
 * @param maxCompactionLagMs {@code max.compaction.lag.ms}: a record is cleaned at the latest this long after it
 *     was written, whatever the dirty ratio; the active segment is rolled for it (Long.MAX_VALUE = never)
 * @param deleteRetentionMs {@code delete.retention.ms}: a tombstone is kept this long after the cleaner first
 *     reaches it (24 h)
 */
public record CompactionConfig(CleanupPolicy cleanupPolicy, double minCleanableDirtyRatio, long minCompactionLagMs,
        long maxCompactionLagMs, long deleteRetentionMs) {

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException for a ratio outside [0, 1], a negative lag or retention, or a minimum lag
     *     above the maximum
     */
    public CompactionConfig {
        if (cleanupPolicy == null) {
            throw new IllegalArgumentException("cleanup.policy must be set");
        }
        if (!(minCleanableDirtyRatio >= 0 && minCleanableDirtyRatio <= 1)) {
            throw new IllegalArgumentException("min.cleanable.dirty.ratio must be in [0, 1]: " + minCleanableDirtyRatio);
        }
        if (minCompactionLagMs < 0 || maxCompactionLagMs < 1 || deleteRetentionMs < 0) {
            throw new IllegalArgumentException("invalid lag or retention: min.compaction.lag.ms=" + minCompactionLagMs
                    + ", max.compaction.lag.ms=" + maxCompactionLagMs + ", delete.retention.ms=" + deleteRetentionMs);
        }
        if (minCompactionLagMs > maxCompactionLagMs) {
            throw new IllegalArgumentException("min.compaction.lag.ms " + minCompactionLagMs
                    + " exceeds max.compaction.lag.ms " + maxCompactionLagMs);
        }
    }

    /** Kafka's defaults with {@code cleanup.policy=compact}. */
    public static CompactionConfig compactDefaults() {
        return new CompactionConfig(CleanupPolicy.COMPACT, 0.5, 0, Long.MAX_VALUE, 24L * 3600 * 1000);
    }

    /** The settings of a topic's effective configuration. */
    public static CompactionConfig of(TopicConfig topic) {
        return new CompactionConfig(topic.cleanupPolicy(), topic.minCleanableDirtyRatio(), topic.minCompactionLagMs(),
                topic.maxCompactionLagMs(), topic.deleteRetentionMs());
    }

    /** Whether the cleaner compacts the log. */
    public boolean compacts() {
        return cleanupPolicy.compacts();
    }

    public CompactionConfig withMinCleanableDirtyRatio(double value) {
        return new CompactionConfig(cleanupPolicy, value, minCompactionLagMs, maxCompactionLagMs, deleteRetentionMs);
    }

    public CompactionConfig withMinCompactionLagMs(long value) {
        return new CompactionConfig(cleanupPolicy, minCleanableDirtyRatio, value, maxCompactionLagMs, deleteRetentionMs);
    }

    public CompactionConfig withMaxCompactionLagMs(long value) {
        return new CompactionConfig(cleanupPolicy, minCleanableDirtyRatio, minCompactionLagMs, value, deleteRetentionMs);
    }

    public CompactionConfig withDeleteRetentionMs(long value) {
        return new CompactionConfig(cleanupPolicy, minCleanableDirtyRatio, minCompactionLagMs, maxCompactionLagMs, value);
    }

    public CompactionConfig withCleanupPolicy(CleanupPolicy value) {
        return new CompactionConfig(value, minCleanableDirtyRatio, minCompactionLagMs, maxCompactionLagMs,
                deleteRetentionMs);
    }
}
