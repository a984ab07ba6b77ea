package dev.brook.partition.topic;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The topic configs Brook knows, with Kafka's names, defaults and validity ranges (Kafka 4.x {@code LogConfig}).
 * Values are parsed as Kafka's {@code ConfigDef} does (surrounding whitespace trimmed) and turned into one
 * canonical spelling, which is what is stored and described.
 */
public enum TopicConfigKey {
    RETENTION_MS("retention.ms", Kind.LONG, -1, "604800000"),
    RETENTION_BYTES("retention.bytes", Kind.LONG, -1, "-1"),
    /** Kafka 4.0 raised the minimum to 1 MiB (KIP-1030). */
    SEGMENT_BYTES("segment.bytes", Kind.INT, 1024 * 1024, "1073741824"),
    SEGMENT_MS("segment.ms", Kind.LONG, 1, "604800000"),
    /** Kafka's minimum is 4; log-core's index needs at least 64 bytes. */
    SEGMENT_INDEX_BYTES("segment.index.bytes", Kind.INT, 64, "10485760"),
    INDEX_INTERVAL_BYTES("index.interval.bytes", Kind.INT, 0, "4096"),
    MAX_MESSAGE_BYTES("max.message.bytes", Kind.INT, 0, "1048588"),
    MESSAGE_TIMESTAMP_TYPE("message.timestamp.type", Kind.TIMESTAMP_TYPE, 0, "CreateTime"),
    FLUSH_MESSAGES("flush.messages", Kind.LONG, 1, "9223372036854775807"),
    FLUSH_MS("flush.ms", Kind.LONG, 0, "9223372036854775807"),
    CLEANUP_POLICY("cleanup.policy", Kind.CLEANUP_POLICY, 0, "delete"),
    MIN_INSYNC_REPLICAS("min.insync.replicas", Kind.INT, 1, "1"),
    DELETE_RETENTION_MS("delete.retention.ms", Kind.LONG, 0, "86400000"),
    MIN_CLEANABLE_DIRTY_RATIO("min.cleanable.dirty.ratio", Kind.RATIO, 0, "0.5"),
    MIN_COMPACTION_LAG_MS("min.compaction.lag.ms", Kind.LONG, 0, "0"),
    MAX_COMPACTION_LAG_MS("max.compaction.lag.ms", Kind.LONG, 1, "9223372036854775807"),
    /** Only {@code producer} (keep the producer's codec) until broker-side recompression exists. */
    COMPRESSION_TYPE("compression.type", Kind.COMPRESSION, 0, "producer");

    private enum Kind { LONG, INT, RATIO, TIMESTAMP_TYPE, CLEANUP_POLICY, COMPRESSION }

    private static final Set<String> COMPRESSION_TYPES_OF_KAFKA =
            Set.of("uncompressed", "zstd", "lz4", "snappy", "gzip", "producer");

    private final String configName;
    private final Kind kind;
    private final long min;
    private final String kafkaDefault;

    TopicConfigKey(String configName, Kind kind, long min, String kafkaDefault) {
        this.configName = configName;
        this.kind = kind;
        this.min = min;
        this.kafkaDefault = kafkaDefault;
    }

    /** The Kafka config name, for example {@code retention.ms}. */
    public String configName() {
        return configName;
    }

    /** Kafka's default value, canonical. */
    public String kafkaDefault() {
        return kafkaDefault;
    }

    /**
     * Looks a config up by its Kafka name.
     *
     * @throws UnknownConfigException naming the key when Brook does not know it
     */
    public static TopicConfigKey forName(String name) {
        for (TopicConfigKey key : values()) {
            if (key.configName.equals(name)) {
                return key;
            }
        }
        throw new UnknownConfigException(name);
    }

    /**
     * Parses and validates a value, returning its canonical spelling.
     *
     * @throws InvalidConfigException whose message names this setting when the value is malformed or out of range
     */
    public String normalize(String raw) {
        if (raw == null) {
            throw invalid(null, "a value is required");
        }
        String value = raw.trim();
        return switch (kind) {
            case LONG -> Long.toString(parseLong(value));
            case INT -> {
                long parsed = parseLong(value);
                if (parsed > Integer.MAX_VALUE) {
                    throw invalid(value, "Value must be at most " + Integer.MAX_VALUE);
                }
                yield Long.toString(parsed);
            }
            case RATIO -> Double.toString(parseRatio(value));
            case TIMESTAMP_TYPE -> {
                if (!value.equals("CreateTime") && !value.equals("LogAppendTime")) {
                    throw invalid(value, "String must be one of: CreateTime, LogAppendTime");
                }
                yield value;
            }
            case CLEANUP_POLICY -> normalizeCleanupPolicy(value);
            case COMPRESSION -> {
                String lower = value.toLowerCase(Locale.ROOT);
                if (!COMPRESSION_TYPES_OF_KAFKA.contains(lower)) {
                    throw invalid(value, "String must be one of: uncompressed, zstd, lz4, snappy, gzip, producer");
                }
                if (!lower.equals("producer")) {
                    throw invalid(value, "Brook does not recompress batches yet; only \"producer\" (keep the "
                            + "producer's codec) is supported");
                }
                yield lower;
            }
        };
    }

    private long parseLong(String value) {
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw invalid(value, "Expected value to be a " + (kind == Kind.INT ? "32-bit integer" : "64-bit integer")
                    + ", but it was a string");
        }
        if (parsed < min) {
            throw invalid(value, "Value must be at least " + min);
        }
        return parsed;
    }

    private double parseRatio(String value) {
        double parsed;
        try {
            parsed = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw invalid(value, "Expected value to be a double");
        }
        if (!(parsed >= 0 && parsed <= 1)) {
            throw invalid(value, "Value must be between 0 and 1");
        }
        return parsed;
    }

    private String normalizeCleanupPolicy(String value) {
        Set<String> items = new LinkedHashSet<>();
        for (String item : value.split(",", -1)) {
            String trimmed = item.trim();
            if (!trimmed.equals("delete") && !trimmed.equals("compact")) {
                throw invalid(value, "Invalid value " + trimmed + " for configuration cleanup.policy: String must "
                        + "be one of: compact, delete");
            }
            items.add(trimmed);
        }
        if (items.size() == 2) {
            return CleanupPolicy.COMPACT_DELETE.configValue();
        }
        return items.iterator().next();
    }

    private InvalidConfigException invalid(String value, String why) {
        return new InvalidConfigException(configName, "Invalid value " + value + " for configuration " + configName
                + ": " + why);
    }
}
