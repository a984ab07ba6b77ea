package dev.brook.partition.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.log.LogConfig;
import dev.brook.log.record.TimestampType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TopicConfigTest {
    private final TopicDefaults kafka = TopicDefaults.kafkaDefaults();

    @Test
    void defaultsAreKafkasAndMapToLogCoreDefaults() {
        TopicConfig config = TopicConfig.of(kafka, Map.of());
        assertThat(config.logConfig()).isEqualTo(LogConfig.defaults());
        assertThat(config.cleanupPolicy()).isEqualTo(CleanupPolicy.DELETE);
        assertThat(config.minInsyncReplicas()).isEqualTo(1);
        assertThat(config.deleteRetentionMs()).isEqualTo(86_400_000L);
        assertThat(config.minCleanableDirtyRatio()).isEqualTo(0.5);
        assertThat(config.minCompactionLagMs()).isZero();
        assertThat(config.maxCompactionLagMs()).isEqualTo(Long.MAX_VALUE);
        assertThat(config.compressionType()).isEqualTo("producer");
        assertThat(config.overrides()).isEmpty();
    }

    @Test
    void everyOverrideReachesTheLogConfig() {
        TopicConfig config = TopicConfig.of(kafka, Map.ofEntries(
                Map.entry("retention.ms", "1000"),
                Map.entry("retention.bytes", " 5000 "),
                Map.entry("segment.bytes", "2097152"),
                Map.entry("segment.ms", "60000"),
                Map.entry("segment.index.bytes", "4096"),
                Map.entry("index.interval.bytes", "100"),
                Map.entry("max.message.bytes", "2000"),
                Map.entry("message.timestamp.type", "LogAppendTime"),
                Map.entry("flush.messages", "10"),
                Map.entry("flush.ms", "500"),
                Map.entry("min.insync.replicas", "2"),
                Map.entry("delete.retention.ms", "7"),
                Map.entry("min.cleanable.dirty.ratio", "0.25"),
                Map.entry("min.compaction.lag.ms", "3"),
                Map.entry("max.compaction.lag.ms", "4"),
                Map.entry("compression.type", "Producer")));
        LogConfig log = config.logConfig();
        assertThat(log.retentionMs()).isEqualTo(1000);
        assertThat(log.retentionBytes()).isEqualTo(5000);
        assertThat(log.segmentBytes()).isEqualTo(2097152);
        assertThat(log.segmentMs()).isEqualTo(60000);
        assertThat(log.segmentIndexBytes()).isEqualTo(4096);
        assertThat(log.indexIntervalBytes()).isEqualTo(100);
        assertThat(log.maxMessageBytes()).isEqualTo(2000);
        assertThat(log.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
        assertThat(log.flushPolicy().messages()).isEqualTo(10);
        assertThat(log.flushPolicy().intervalMs()).isEqualTo(500);
        assertThat(config.minInsyncReplicas()).isEqualTo(2);
        assertThat(config.deleteRetentionMs()).isEqualTo(7);
        assertThat(config.minCleanableDirtyRatio()).isEqualTo(0.25);
        assertThat(config.minCompactionLagMs()).isEqualTo(3);
        assertThat(config.maxCompactionLagMs()).isEqualTo(4);
        assertThat(config.overrides()).containsEntry("retention.bytes", "5000").containsEntry("compression.type",
                "producer");
    }

    @Test
    void cleanupPolicyIsNormalisedAndCompactOnlyTurnsRetentionOff() {
        assertThat(TopicConfig.of(kafka, Map.of("cleanup.policy", "delete, compact")).cleanupPolicy())
                .isEqualTo(CleanupPolicy.COMPACT_DELETE);
        TopicConfig compact = TopicConfig.of(kafka, Map.of("cleanup.policy", "compact", "retention.ms", "5"));
        assertThat(compact.overrides()).containsEntry("cleanup.policy", "compact");
        assertThat(compact.logConfig().retentionMs()).isEqualTo(-1);
        assertThat(compact.logConfig().retentionBytes()).isEqualTo(-1);
        TopicConfig both = TopicConfig.of(kafka, Map.of("cleanup.policy", "compact,delete", "retention.ms", "5"));
        assertThat(both.logConfig().retentionMs()).isEqualTo(5);
        assertThatThrownBy(() -> TopicConfig.of(kafka, Map.of("cleanup.policy", "shred")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("cleanup.policy");
        assertThatThrownBy(() -> TopicConfig.of(kafka, Map.of("cleanup.policy", "")))
                .isInstanceOf(InvalidConfigException.class);
    }

    @Test
    void unknownKeyIsTypedAndNamed() {
        assertThatThrownBy(() -> TopicConfig.of(kafka, Map.of("retention.msx", "1")))
                .isInstanceOfSatisfying(UnknownConfigException.class,
                        e -> assertThat(e.configName()).isEqualTo("retention.msx"))
                .hasMessageContaining("retention.msx");
    }

    @Test
    void invalidValuesNameTheSetting() {
        Map<String, String> bad = Map.ofEntries(
                Map.entry("retention.ms", "-2"),
                Map.entry("retention.bytes", "lots"),
                Map.entry("segment.bytes", "1024"),
                Map.entry("segment.bytes ", "1"),
                Map.entry("segment.ms", "0"),
                Map.entry("segment.index.bytes", "4"),
                Map.entry("index.interval.bytes", "-1"),
                Map.entry("max.message.bytes", "3000000000"),
                Map.entry("message.timestamp.type", "createtime"),
                Map.entry("flush.messages", "0"),
                Map.entry("flush.ms", "-1"),
                Map.entry("min.insync.replicas", "0"),
                Map.entry("delete.retention.ms", "-1"),
                Map.entry("min.cleanable.dirty.ratio", "1.5"),
                Map.entry("min.compaction.lag.ms", "x"),
                Map.entry("max.compaction.lag.ms", "0"));
        bad.forEach((name, value) -> assertThatThrownBy(() -> TopicConfig.of(kafka, Map.of(name, value)))
                .as("%s=%s", name, value)
                .isInstanceOfSatisfying(InvalidConfigException.class,
                        e -> assertThat(e.configName()).isEqualTo(name))
                .hasMessageContaining(name));
        assertThatThrownBy(() -> TopicConfig.of(kafka, Map.of("min.compaction.lag.ms", "10",
                "max.compaction.lag.ms", "5"))).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("min.compaction.lag.ms");
    }

    @Test
    void onlyProducerCompressionIsAccepted() {
        for (String codec : List.of("gzip", "snappy", "lz4", "zstd", "uncompressed")) {
            assertThatThrownBy(() -> TopicConfig.of(kafka, Map.of("compression.type", codec)))
                    .isInstanceOf(InvalidConfigException.class)
                    .hasMessageContaining("compression.type").hasMessageContaining("only \"producer\"");
        }
        assertThatThrownBy(() -> TopicConfig.of(kafka, Map.of("compression.type", "brotli")))
                .hasMessageContaining("String must be one of");
    }

    @Test
    void describeReportsSourcesForEverySetting() {
        TopicDefaults defaults = TopicDefaults.of(Map.of("retention.ms", "1000", "segment.bytes", "2097152"));
        TopicConfig config = TopicConfig.of(defaults, Map.of("segment.bytes", "4194304"));
        List<ConfigEntry> entries = config.describe();
        assertThat(entries).hasSize(TopicConfigKey.values().length);
        assertThat(entries).contains(
                new ConfigEntry("retention.ms", "1000", ConfigSource.STATIC_BROKER_CONFIG, false, false),
                new ConfigEntry("segment.bytes", "4194304", ConfigSource.DYNAMIC_TOPIC_CONFIG, false, false),
                new ConfigEntry("cleanup.policy", "delete", ConfigSource.DEFAULT_CONFIG, false, false),
                new ConfigEntry("min.cleanable.dirty.ratio", "0.5", ConfigSource.DEFAULT_CONFIG, false, false));
        assertThat(entries).allSatisfy(e -> assertThat(e.sensitive()).isFalse());
    }

    @Test
    void defaultsFromALogConfigMarkDifferencesAsBrokerSet() {
        TopicDefaults defaults = TopicDefaults.fromLogConfig(LogConfig.defaults().withSegmentBytes(4096)
                .withFileDeleteDelayMs(5));
        TopicConfig config = TopicConfig.of(defaults, Map.of());
        assertThat(config.logConfig().segmentBytes()).isEqualTo(4096);
        assertThat(config.logConfig().fileDeleteDelayMs()).isEqualTo(5);
        assertThat(config.describe()).contains(
                new ConfigEntry("segment.bytes", "4096", ConfigSource.STATIC_BROKER_CONFIG, false, false),
                new ConfigEntry("retention.ms", "604800000", ConfigSource.DEFAULT_CONFIG, false, false));
    }

    @Test
    void brokerDefaultsAreValidatedToo() {
        assertThatThrownBy(() -> TopicDefaults.of(Map.of("no.such", "1"))).isInstanceOf(UnknownConfigException.class);
        assertThatThrownBy(() -> TopicDefaults.of(Map.of("retention.ms", "x")))
                .isInstanceOf(InvalidConfigException.class);
    }

    @Test
    void alterReplacesOrChangesOverrides() {
        TopicConfig config = TopicConfig.of(kafka, Map.of("retention.ms", "1000", "flush.ms", "5"));
        assertThat(config.withOverrides(Map.of("segment.ms", "9")).overrides()).containsOnlyKeys("segment.ms");
        TopicConfig changed = config.withChanges(Map.of("retention.ms", "2000"), Set.of("flush.ms"));
        assertThat(changed.overrides()).containsExactlyEntriesOf(Map.of("retention.ms", "2000"));
        assertThat(changed.logConfig().flushPolicy().intervalMs()).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> config.withChanges(Map.of(), Set.of("bogus")))
                .isInstanceOf(UnknownConfigException.class);
        assertThat(config.withOverrides(config.overrides())).isEqualTo(config);
    }
}
