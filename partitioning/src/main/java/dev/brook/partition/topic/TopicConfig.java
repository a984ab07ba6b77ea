package dev.brook.partition.topic;

import dev.brook.log.LogConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The effective configuration of one topic: broker {@link TopicDefaults} with the topic's own overrides on top,
 * validated as Kafka validates topic configs, and mapped onto the log-core {@link LogConfig} of each partition.
 *
 * <p>Mapping notes: {@code cleanup.policy=compact} (without {@code delete}) turns log-core retention off, since a
 * compacted topic is never trimmed by time or size; the compaction settings are stored and described but used
 * only once compaction exists. Immutable.
 */
public final class TopicConfig {
    private final TopicDefaults defaults;
    private final Map<String, String> overrides;
    private final Map<TopicConfigKey, String> effective;
    private final LogConfig logConfig;

    private TopicConfig(TopicDefaults defaults, Map<String, String> overrides, Map<TopicConfigKey, String> effective) {
        this.defaults = defaults;
        this.overrides = overrides;
        this.effective = effective;
        this.logConfig = defaults.toLogConfig(effective);
    }

    /**
     * Validates topic overrides against Kafka's rules and resolves them over the defaults.
     *
     * @param overrides config name to value, as given by CreateTopics or AlterConfigs
     * @throws UnknownConfigException naming the key for a name Brook does not know
     * @throws InvalidConfigException naming the setting for a malformed, out-of-range or conflicting value
     */
    public static TopicConfig of(TopicDefaults defaults, Map<String, String> overrides) {
        Map<String, String> canonical = new TreeMap<>();
        Map<TopicConfigKey, String> effective = new EnumMap<>(TopicConfigKey.class);
        for (TopicConfigKey key : TopicConfigKey.values()) {
            effective.put(key, defaults.value(key));
        }
        overrides.forEach((name, value) -> {
            if (name == null) {
                throw new UnknownConfigException("null");
            }
            TopicConfigKey key = TopicConfigKey.forName(name);
            String normalized = key.normalize(value);
            canonical.put(name, normalized);
            effective.put(key, normalized);
        });
        checkConsistent(effective);
        return new TopicConfig(defaults, Collections.unmodifiableMap(canonical), effective);
    }

    /** Cross-setting checks Kafka makes ({@code LogConfig.validateValues}). */
    static void checkConsistent(Map<TopicConfigKey, String> effective) {
        long minLag = Long.parseLong(effective.get(TopicConfigKey.MIN_COMPACTION_LAG_MS));
        long maxLag = Long.parseLong(effective.get(TopicConfigKey.MAX_COMPACTION_LAG_MS));
        if (minLag > maxLag) {
            throw new InvalidConfigException(TopicConfigKey.MIN_COMPACTION_LAG_MS.configName(),
                    "conflict topic config setting min.compaction.lag.ms (" + minLag + ") > max.compaction.lag.ms ("
                            + maxLag + ")");
        }
    }

    /** The same defaults with these overrides instead (AlterConfigs replaces the whole set). */
    public TopicConfig withOverrides(Map<String, String> newOverrides) {
        return of(defaults, newOverrides);
    }

    /**
     * The overrides changed as IncrementalAlterConfigs does: {@code set} values replace or add overrides, names in
     * {@code delete} fall back to the default.
     */
    public TopicConfig withChanges(Map<String, String> set, Collection<String> delete) {
        Map<String, String> changed = new TreeMap<>(overrides);
        for (String name : delete) {
            TopicConfigKey.forName(name);
            changed.remove(name);
        }
        changed.putAll(set);
        return of(defaults, changed);
    }

    /** With other broker defaults (the broker's static config changed), keeping the overrides. */
    public TopicConfig withDefaults(TopicDefaults newDefaults) {
        return of(newDefaults, overrides);
    }

    /** The topic's own settings, canonical, sorted by name. */
    public Map<String, String> overrides() {
        return overrides;
    }

    /** The effective value of a setting, canonical. */
    public String value(TopicConfigKey key) {
        return effective.get(key);
    }

    /** The log-core configuration of each partition of the topic. */
    public LogConfig logConfig() {
        return logConfig;
    }

    /** {@code cleanup.policy}. */
    public CleanupPolicy cleanupPolicy() {
        return CleanupPolicy.fromConfigValue(effective.get(TopicConfigKey.CLEANUP_POLICY));
    }

    /** {@code min.insync.replicas}: replicas that must be in sync for acks=all. */
    public int minInsyncReplicas() {
        return Integer.parseInt(effective.get(TopicConfigKey.MIN_INSYNC_REPLICAS));
    }

    /** {@code delete.retention.ms}: how long compaction keeps tombstones. */
    public long deleteRetentionMs() {
        return Long.parseLong(effective.get(TopicConfigKey.DELETE_RETENTION_MS));
    }

    /** {@code min.cleanable.dirty.ratio}. */
    public double minCleanableDirtyRatio() {
        return Double.parseDouble(effective.get(TopicConfigKey.MIN_CLEANABLE_DIRTY_RATIO));
    }

    /** {@code min.compaction.lag.ms}. */
    public long minCompactionLagMs() {
        return Long.parseLong(effective.get(TopicConfigKey.MIN_COMPACTION_LAG_MS));
    }

    /** {@code max.compaction.lag.ms}. */
    public long maxCompactionLagMs() {
        return Long.parseLong(effective.get(TopicConfigKey.MAX_COMPACTION_LAG_MS));
    }

    /** {@code compression.type}; always {@code producer} for now. */
    public String compressionType() {
        return effective.get(TopicConfigKey.COMPRESSION_TYPE);
    }

    /** DescribeConfigs rows for every setting Brook knows, in {@link TopicConfigKey} order. */
    public List<ConfigEntry> describe() {
        List<ConfigEntry> entries = new ArrayList<>();
        for (TopicConfigKey key : TopicConfigKey.values()) {
            ConfigSource source = overrides.containsKey(key.configName())
                    ? ConfigSource.DYNAMIC_TOPIC_CONFIG : defaults.source(key);
            entries.add(new ConfigEntry(key.configName(), effective.get(key), source, false, false));
        }
        return entries;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TopicConfig other && defaults.equals(other.defaults) && overrides.equals(other.overrides);
    }

    @Override
    public int hashCode() {
        return defaults.hashCode() * 31 + overrides.hashCode();
    }

    @Override
    public String toString() {
        return "TopicConfig" + overrides;
    }
}
