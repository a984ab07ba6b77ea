package dev.brook.groups;

import java.util.Map;

/**
 * The coordinator's settings, with Kafka's broker config names and defaults.
 *
 * @param minSessionTimeoutMs {@code group.min.session.timeout.ms} (6000): shorter session timeouts are refused
 *     with {@link GroupError#INVALID_SESSION_TIMEOUT}
 * @param maxSessionTimeoutMs {@code group.max.session.timeout.ms} (1800000): longer ones likewise
 * @param initialRebalanceDelayMs {@code group.initial.rebalance.delay.ms} (3000): how long the first rebalance of
 *     an empty group waits for more members, extended by as much again (up to the rebalance timeout) while new
 *     members keep arriving in a brand-new group; tests set 0
 * @param maxSize {@code group.max.size} (unbounded): more members are refused with
 *     {@link GroupError#GROUP_MAX_SIZE_REACHED}
 * @param offsetsRetentionMinutes {@code offsets.retention.minutes} (10080, 7 days): how long the offsets of an
 *     empty group are kept after it became empty (or, for a group that never had members, after each commit)
 * @param offsetsRetentionCheckIntervalMs {@code offsets.retention.check.interval.ms} (600000): how often expiry
 *     runs
 * @param offsetsTopicNumPartitions {@code offsets.topic.num.partitions}: partitions of {@code __consumer_offsets}
 *     when the coordinator creates it. Kafka's default is 50 so that coordinator load spreads over brokers; Brook
 *     runs on one node, where more partitions only cost files and a longer load, so the default here is 1. Only
 *     used at creation: an existing topic keeps its count, because a group's partition is chosen by hashing its
 *     id modulo the count
 * @param offsetMetadataMaxBytes {@code offset.metadata.max.bytes} (4096): longer commit metadata is refused with
 *     {@link GroupError#OFFSET_METADATA_TOO_LARGE}
 * @param timerTickMs Brook's own: how often the timer thread checks session, join and sync deadlines (100 ms); 0
 *     starts no timer thread, and the caller drives {@link GroupCoordinator#runTimers()} and
 *     {@link GroupCoordinator#expireOffsets()} itself (deterministic tests)
 */
public record GroupConfig(int minSessionTimeoutMs, int maxSessionTimeoutMs, int initialRebalanceDelayMs,
        int maxSize, int offsetsRetentionMinutes, long offsetsRetentionCheckIntervalMs,
        int offsetsTopicNumPartitions, int offsetMetadataMaxBytes, long timerTickMs) {
    public static final String MIN_SESSION_TIMEOUT_MS = "group.min.session.timeout.ms";
    public static final String MAX_SESSION_TIMEOUT_MS = "group.max.session.timeout.ms";
    public static final String INITIAL_REBALANCE_DELAY_MS = "group.initial.rebalance.delay.ms";
    public static final String MAX_SIZE = "group.max.size";
    public static final String OFFSETS_RETENTION_MINUTES = "offsets.retention.minutes";
    public static final String OFFSETS_RETENTION_CHECK_INTERVAL_MS = "offsets.retention.check.interval.ms";
    public static final String OFFSETS_TOPIC_NUM_PARTITIONS = "offsets.topic.num.partitions";
    public static final String OFFSET_METADATA_MAX_BYTES = "offset.metadata.max.bytes";

    /** Checks the ranges Kafka enforces, naming the setting. */
    public GroupConfig {
        require(minSessionTimeoutMs >= 0, MIN_SESSION_TIMEOUT_MS, "must be at least 0");
        require(maxSessionTimeoutMs >= minSessionTimeoutMs, MAX_SESSION_TIMEOUT_MS,
                "must be at least " + MIN_SESSION_TIMEOUT_MS);
        require(initialRebalanceDelayMs >= 0, INITIAL_REBALANCE_DELAY_MS, "must be at least 0");
        require(maxSize >= 1, MAX_SIZE, "must be at least 1");
        require(offsetsRetentionMinutes >= 1, OFFSETS_RETENTION_MINUTES, "must be at least 1");
        require(offsetsRetentionCheckIntervalMs >= 1, OFFSETS_RETENTION_CHECK_INTERVAL_MS, "must be at least 1");
        require(offsetsTopicNumPartitions >= 1, OFFSETS_TOPIC_NUM_PARTITIONS, "must be at least 1");
        require(offsetMetadataMaxBytes >= 0, OFFSET_METADATA_MAX_BYTES, "must be at least 0");
        require(timerTickMs >= 0, "timerTickMs", "must be at least 0");
    }

    private static void require(boolean ok, String name, String what) {
        if (!ok) {
            throw new IllegalArgumentException("Invalid value for " + name + ": " + what);
        }
    }

    /** Kafka's defaults (with one {@code __consumer_offsets} partition) and a 100 ms timer tick. */
    public static GroupConfig defaults() {
        return new GroupConfig(6000, 1800000, 3000, Integer.MAX_VALUE, 10080, 600000, 1, 4096, 100);
    }

    /**
     * Reads the settings above from broker configs by their Kafka names; absent ones take the defaults and other
     * keys are ignored (the map is the whole broker config).
     *
     * @throws IllegalArgumentException naming the setting for a value that is not a number or out of range
     */
    public static GroupConfig of(Map<String, String> configs) {
        GroupConfig d = defaults();
        return new GroupConfig(
                intValue(configs, MIN_SESSION_TIMEOUT_MS, d.minSessionTimeoutMs),
                intValue(configs, MAX_SESSION_TIMEOUT_MS, d.maxSessionTimeoutMs),
                intValue(configs, INITIAL_REBALANCE_DELAY_MS, d.initialRebalanceDelayMs),
                intValue(configs, MAX_SIZE, d.maxSize),
                intValue(configs, OFFSETS_RETENTION_MINUTES, d.offsetsRetentionMinutes),
                longValue(configs, OFFSETS_RETENTION_CHECK_INTERVAL_MS, d.offsetsRetentionCheckIntervalMs),
                intValue(configs, OFFSETS_TOPIC_NUM_PARTITIONS, d.offsetsTopicNumPartitions),
                intValue(configs, OFFSET_METADATA_MAX_BYTES, d.offsetMetadataMaxBytes),
                d.timerTickMs);
    }

    private static int intValue(Map<String, String> configs, String name, int fallback) {
        long value = longValue(configs, name, fallback);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Invalid value " + configs.get(name) + " for " + name
                    + ": not a 32-bit integer");
        }
        return (int) value;
    }

    private static long longValue(Map<String, String> configs, String name, long fallback) {
        String raw = configs.get(name);
        if (raw == null) {
            return fallback;
        }
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid value " + raw + " for " + name + ": not a number", e);
        }
    }

    /** {@code offsets.retention.minutes} in milliseconds. */
    public long offsetsRetentionMs() {
        return offsetsRetentionMinutes * 60_000L;
    }

    /** A copy with another {@code group.min.session.timeout.ms}. */
    public GroupConfig withMinSessionTimeoutMs(int value) {
        return new GroupConfig(value, maxSessionTimeoutMs, initialRebalanceDelayMs, maxSize,
                offsetsRetentionMinutes, offsetsRetentionCheckIntervalMs, offsetsTopicNumPartitions,
                offsetMetadataMaxBytes, timerTickMs);
    }

    /** A copy with another {@code group.initial.rebalance.delay.ms}. */
    public GroupConfig withInitialRebalanceDelayMs(int value) {
        return new GroupConfig(minSessionTimeoutMs, maxSessionTimeoutMs, value, maxSize, offsetsRetentionMinutes,
                offsetsRetentionCheckIntervalMs, offsetsTopicNumPartitions, offsetMetadataMaxBytes, timerTickMs);
    }

    /** A copy with another {@code group.max.size}. */
    public GroupConfig withMaxSize(int value) {
        return new GroupConfig(minSessionTimeoutMs, maxSessionTimeoutMs, initialRebalanceDelayMs, value,
                offsetsRetentionMinutes, offsetsRetentionCheckIntervalMs, offsetsTopicNumPartitions,
                offsetMetadataMaxBytes, timerTickMs);
    }

    /** A copy with another {@code offsets.retention.minutes}. */
    public GroupConfig withOffsetsRetentionMinutes(int value) {
        return new GroupConfig(minSessionTimeoutMs, maxSessionTimeoutMs, initialRebalanceDelayMs, maxSize, value,
                offsetsRetentionCheckIntervalMs, offsetsTopicNumPartitions, offsetMetadataMaxBytes, timerTickMs);
    }

    /** A copy with another {@code offsets.topic.num.partitions}. */
    public GroupConfig withOffsetsTopicNumPartitions(int value) {
        return new GroupConfig(minSessionTimeoutMs, maxSessionTimeoutMs, initialRebalanceDelayMs, maxSize,
                offsetsRetentionMinutes, offsetsRetentionCheckIntervalMs, value, offsetMetadataMaxBytes,
                timerTickMs);
    }

    /** A copy with another timer tick (0: no timer thread). */
    public GroupConfig withTimerTickMs(long value) {
        return new GroupConfig(minSessionTimeoutMs, maxSessionTimeoutMs, initialRebalanceDelayMs, maxSize,
                offsetsRetentionMinutes, offsetsRetentionCheckIntervalMs, offsetsTopicNumPartitions,
                offsetMetadataMaxBytes, value);
    }
}
