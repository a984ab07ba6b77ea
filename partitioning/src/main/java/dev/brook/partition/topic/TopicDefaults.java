package dev.brook.partition.topic;

import dev.brook.log.FlushPolicy;
import dev.brook.log.LogConfig;
import dev.brook.log.record.TimestampType;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The broker-level defaults every topic starts from: a value for every {@link TopicConfigKey}, each either
 * Kafka's default ({@link ConfigSource#DEFAULT_CONFIG}) or set by the broker's static configuration
 * ({@link ConfigSource#STATIC_BROKER_CONFIG}), plus the two broker-only log settings that are no topic config
 * ({@code file.delete.delay.ms} and the recovery-point checkpoint interval).
 */
public final class TopicDefaults {
    private final Map<TopicConfigKey, String> values;
    private final Map<TopicConfigKey, ConfigSource> sources;
    private final long fileDeleteDelayMs;
    private final long recoveryPointCheckpointIntervalMs;

    private TopicDefaults(Map<TopicConfigKey, String> values, Map<TopicConfigKey, ConfigSource> sources,
            long fileDeleteDelayMs, long recoveryPointCheckpointIntervalMs) {
        this.values = values;
        this.sources = sources;
        this.fileDeleteDelayMs = fileDeleteDelayMs;
        this.recoveryPointCheckpointIntervalMs = recoveryPointCheckpointIntervalMs;
    }

    /** Kafka's defaults for everything. */
    public static TopicDefaults kafkaDefaults() {
        return of(Map.of());
    }

    /**
     * Kafka's defaults overridden by the broker's static settings, given by their topic-level names (the broker
     * maps {@code log.retention.ms} to {@code retention.ms} and so on).
     *
     * @throws InvalidConfigException naming the setting if a name is unknown or a value invalid
     */
    public static TopicDefaults of(Map<String, String> staticBrokerValues) {
        LogConfig kafka = LogConfig.defaults();
        Map<TopicConfigKey, String> values = new EnumMap<>(TopicConfigKey.class);
        Map<TopicConfigKey, ConfigSource> sources = new EnumMap<>(TopicConfigKey.class);
        for (TopicConfigKey key : TopicConfigKey.values()) {
            values.put(key, key.kafkaDefault());
            sources.put(key, ConfigSource.DEFAULT_CONFIG);
        }
        staticBrokerValues.forEach((name, value) -> {
            TopicConfigKey key = TopicConfigKey.forName(name);
            values.put(key, key.normalize(value));
            sources.put(key, ConfigSource.STATIC_BROKER_CONFIG);
        });
        TopicDefaults defaults = new TopicDefaults(values, sources, kafka.fileDeleteDelayMs(),
                kafka.recoveryPointCheckpointIntervalMs());
        TopicConfig.checkConsistent(values);
        defaults.toLogConfig(values);
        return defaults;
    }

    /**
     * Defaults taken from a whole log-core {@link LogConfig}, for embedders that configure logs directly (tests
     * use it for segments smaller than Kafka allows per topic). A value counts as broker-set when it differs from
     * Kafka's default.
     */
    public static TopicDefaults fromLogConfig(LogConfig config) {
        Map<TopicConfigKey, String> values = new EnumMap<>(TopicConfigKey.class);
        Map<TopicConfigKey, ConfigSource> sources = new EnumMap<>(TopicConfigKey.class);
        for (TopicConfigKey key : TopicConfigKey.values()) {
            values.put(key, key.kafkaDefault());
        }
        values.put(TopicConfigKey.SEGMENT_BYTES, Integer.toString(config.segmentBytes()));
        values.put(TopicConfigKey.SEGMENT_MS, Long.toString(config.segmentMs()));
        values.put(TopicConfigKey.SEGMENT_INDEX_BYTES, Integer.toString(config.segmentIndexBytes()));
        values.put(TopicConfigKey.INDEX_INTERVAL_BYTES, Integer.toString(config.indexIntervalBytes()));
        values.put(TopicConfigKey.RETENTION_MS, Long.toString(config.retentionMs()));
        values.put(TopicConfigKey.RETENTION_BYTES, Long.toString(config.retentionBytes()));
        values.put(TopicConfigKey.MAX_MESSAGE_BYTES, Integer.toString(config.maxMessageBytes()));
        values.put(TopicConfigKey.MESSAGE_TIMESTAMP_TYPE,
                config.timestampType() == TimestampType.LOG_APPEND_TIME ? "LogAppendTime" : "CreateTime");
        values.put(TopicConfigKey.FLUSH_MESSAGES, Long.toString(config.flushPolicy().messages()));
        values.put(TopicConfigKey.FLUSH_MS, Long.toString(config.flushPolicy().intervalMs()));
        for (TopicConfigKey key : TopicConfigKey.values()) {
            sources.put(key, values.get(key).equals(key.kafkaDefault())
                    ? ConfigSource.DEFAULT_CONFIG : ConfigSource.STATIC_BROKER_CONFIG);
        }
        return new TopicDefaults(values, sources, config.fileDeleteDelayMs(),
                config.recoveryPointCheckpointIntervalMs());
    }

    /** The default value of a setting, canonical. */
    public String value(TopicConfigKey key) {
        return values.get(key);
    }

    /** Where the default of a setting comes from. */
    public ConfigSource source(TopicConfigKey key) {
        return sources.get(key);
    }

    /** {@code file.delete.delay.ms} of every log (a broker setting in Brook). */
    public long fileDeleteDelayMs() {
        return fileDeleteDelayMs;
    }

    /** How often logs persist their recovery point. */
    public long recoveryPointCheckpointIntervalMs() {
        return recoveryPointCheckpointIntervalMs;
    }

    /** A copy with another file delete delay. */
    public TopicDefaults withFileDeleteDelayMs(long value) {
        return new TopicDefaults(values, sources, value, recoveryPointCheckpointIntervalMs);
    }

    /** A copy with another recovery-point checkpoint interval. */
    public TopicDefaults withRecoveryPointCheckpointIntervalMs(long value) {
        return new TopicDefaults(values, sources, fileDeleteDelayMs, value);
    }

    /** Builds the log config of the given effective values. */
    LogConfig toLogConfig(Map<TopicConfigKey, String> effective) {
        CleanupPolicy cleanup = CleanupPolicy.fromConfigValue(effective.get(TopicConfigKey.CLEANUP_POLICY));
        // A compact-only topic is never trimmed by time or size; log-core knows only delete retention.
        long retentionMs = cleanup.deletes() ? Long.parseLong(effective.get(TopicConfigKey.RETENTION_MS)) : -1;
        long retentionBytes = cleanup.deletes() ? Long.parseLong(effective.get(TopicConfigKey.RETENTION_BYTES)) : -1;
        try {
            return new LogConfig(
                    Integer.parseInt(effective.get(TopicConfigKey.SEGMENT_BYTES)),
                    Long.parseLong(effective.get(TopicConfigKey.SEGMENT_MS)),
                    Integer.parseInt(effective.get(TopicConfigKey.SEGMENT_INDEX_BYTES)),
                    Integer.parseInt(effective.get(TopicConfigKey.INDEX_INTERVAL_BYTES)),
                    retentionMs,
                    retentionBytes,
                    Integer.parseInt(effective.get(TopicConfigKey.MAX_MESSAGE_BYTES)),
                    effective.get(TopicConfigKey.MESSAGE_TIMESTAMP_TYPE).equals("LogAppendTime")
                            ? TimestampType.LOG_APPEND_TIME : TimestampType.CREATE_TIME,
                    new FlushPolicy(Long.parseLong(effective.get(TopicConfigKey.FLUSH_MESSAGES)),
                            Long.parseLong(effective.get(TopicConfigKey.FLUSH_MS))),
                    fileDeleteDelayMs,
                    recoveryPointCheckpointIntervalMs);
        } catch (IllegalArgumentException e) {
            // Every value was range-checked already; reaching this means the two checks disagree.
            throw new InvalidConfigException("", "Invalid topic configuration: " + e.getMessage());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TopicDefaults other && values.equals(other.values) && sources.equals(other.sources)
                && fileDeleteDelayMs == other.fileDeleteDelayMs
                && recoveryPointCheckpointIntervalMs == other.recoveryPointCheckpointIntervalMs;
    }

    @Override
    public int hashCode() {
        return Objects.hash(values, sources, fileDeleteDelayMs, recoveryPointCheckpointIntervalMs);
    }
}
