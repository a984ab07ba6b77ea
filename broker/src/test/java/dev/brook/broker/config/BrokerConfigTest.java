package dev.brook.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerConfigTest {

    @Test
    void defaultsAreKafkasExceptTheDataDirectoryAndLoopbackListener() {
        BrokerConfig c = BrokerConfig.defaults();
        assertThat(c.nodeId()).isEqualTo(1);
        assertThat(c.listeners()).containsExactly(new Listener("PLAINTEXT", "127.0.0.1", 9092));
        assertThat(c.advertisedListeners()).isEqualTo(c.listeners());
        assertThat(c.logDirs()).containsExactly(Path.of("./data"));
        assertThat(c.numPartitions()).isEqualTo(1);
        assertThat(c.autoCreateTopicsEnable()).isTrue();
        assertThat(c.socketRequestMaxBytes()).isEqualTo(104_857_600);
        assertThat(c.logRetentionMs()).isEqualTo(168 * 3_600_000L);
        assertThat(c.topicConfigDefaults()).containsEntry("segment.bytes", "1073741824")
                .containsEntry("retention.ms", Long.toString(168 * 3_600_000L))
                .containsEntry("cleanup.policy", "delete")
                .containsEntry("max.message.bytes", "1048588");
        assertThat(c.explicitTopicDefaults()).isEmpty();
    }

    @Test
    void unknownSettingFailsNamingItWithASuggestion() {
        assertThatThrownBy(() -> BrokerConfig.of(Map.of("log.retention.hour", "1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("log.retention.hour")
                .hasMessageContaining("did you mean log.retention.hours");
    }

    @Test
    void badValuesFailNamingTheSetting() {
        assertThatThrownBy(() -> BrokerConfig.of(Map.of("num.partitions", "zero")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("num.partitions:");
        assertThatThrownBy(() -> BrokerConfig.of(Map.of("num.partitions", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(">= 1");
        assertThatThrownBy(() -> BrokerConfig.of(Map.of("auto.create.topics.enable", "yes")))
                .hasMessageStartingWith("auto.create.topics.enable:");
        assertThatThrownBy(() -> BrokerConfig.of(Map.of("log.message.timestamp.type", "Now")))
                .hasMessageContaining("CreateTime or LogAppendTime");
        assertThatThrownBy(() -> BrokerConfig.of(Map.of("listeners", "SSL://127.0.0.1:9093")))
                .hasMessageStartingWith("listeners:").hasMessageContaining("only PLAINTEXT");
        assertThatThrownBy(() -> BrokerConfig.of(Map.of("listeners", "PLAINTEXT://127.0.0.1:70000")))
                .hasMessageContaining("outside 0-65535");
        assertThatThrownBy(() -> BrokerConfig.of(Map.of("log.dirs", "/a,/b")))
                .hasMessageStartingWith("log.dirs:");
        assertThatThrownBy(() -> BrokerConfig.of(Map.of("message.max.bytes", "2000", "socket.request.max.bytes",
                "1000"))).hasMessageStartingWith("message.max.bytes:");
    }

    @Test
    void wildcardListenerNeedsAnAdvertisedHost() {
        assertThatThrownBy(() -> BrokerConfig.of(Map.of("listeners", "PLAINTEXT://0.0.0.0:9092")))
                .hasMessageContaining("advertised.listeners");
        BrokerConfig c = BrokerConfig.of(Map.of("listeners", "PLAINTEXT://0.0.0.0:9092",
                "advertised.listeners", "PLAINTEXT://broker1.example:9092"));
        assertThat(c.advertisedListeners()).containsExactly(new Listener("PLAINTEXT", "broker1.example", 9092));
    }

    @Test
    void retentionPrecedenceFollowsKafka() {
        assertThat(BrokerConfig.of(Map.of("log.retention.hours", "1", "log.retention.minutes", "2"))
                .logRetentionMs()).isEqualTo(120_000L);
        assertThat(BrokerConfig.of(Map.of("log.retention.minutes", "2", "log.retention.ms", "5"))
                .logRetentionMs()).isEqualTo(5L);
        BrokerConfig forever = BrokerConfig.of(Map.of("log.retention.ms", "-1"));
        assertThat(forever.logRetentionMs()).isEqualTo(-1L);
        assertThat(forever.explicitTopicDefaults()).contains("retention.ms");
    }

    @Test
    void brokerIdIsAnAliasOfNodeId() {
        assertThat(BrokerConfig.of(Map.of("broker.id", "7")).nodeId()).isEqualTo(7);
        assertThatThrownBy(() -> BrokerConfig.of(Map.of("broker.id", "7", "node.id", "8")))
                .hasMessageStartingWith("broker.id:");
    }

    @Test
    void fileIsReadAndOverridesWin(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broker.properties");
        Files.writeString(file, "# comment\nnode.id=3\nlog.dirs=" + dir.resolve("d") + "\nnum.partitions=4\n");
        BrokerConfig c = BrokerConfig.load(file, Map.of("num.partitions", "6"));
        assertThat(c.nodeId()).isEqualTo(3);
        assertThat(c.numPartitions()).isEqualTo(6);
        assertThat(c.logDirs()).containsExactly(dir.resolve("d"));
        assertThatThrownBy(() -> BrokerConfig.load(dir.resolve("missing"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("missing");
    }

    @Test
    void listenerPortZeroAndIpv6Parse() {
        BrokerConfig c = BrokerConfig.of(Map.of("listeners", "PLAINTEXT://[::1]:0"));
        assertThat(c.listeners()).containsExactly(new Listener("PLAINTEXT", "::1", 0));
        assertThat(c.listeners().get(0).withPort(9).toString()).isEqualTo("PLAINTEXT://[::1]:9");
        assertThat(BrokerConfig.of(Map.of("log.cleanup.policy", "compact, delete")).topicConfigDefaults())
                .containsEntry("cleanup.policy", "compact,delete");
    }

    @Test
    void logCleanerSettingsHaveKafkasNamesAndDefaults() {
        BrokerConfig c = BrokerConfig.defaults();
        assertThat(c.logCleanerEnable()).isTrue();
        assertThat(c.logCleanerThreads()).isEqualTo(1);
        assertThat(c.logCleanerDedupeBufferSize()).isEqualTo(128L * 1024 * 1024);
        assertThat(c.logCleanerBackoffMs()).isEqualTo(15_000L);
        assertThat(c.topicConfigDefaults()).containsEntry("delete.retention.ms", "86400000")
                .containsEntry("min.cleanable.dirty.ratio", "0.5")
                .containsEntry("min.compaction.lag.ms", "0")
                .containsEntry("max.compaction.lag.ms", Long.toString(Long.MAX_VALUE));

        BrokerConfig set = BrokerConfig.of(Map.of("log.cleaner.enable", "false", "log.cleaner.threads", "2",
                "log.cleaner.dedupe.buffer.size", "4194304", "log.cleaner.backoff.ms", "100",
                "log.cleaner.delete.retention.ms", "1000", "log.cleaner.min.cleanable.ratio", "0.25"));
        assertThat(set.logCleanerEnable()).isFalse();
        assertThat(set.logCleanerThreads()).isEqualTo(2);
        assertThat(set.logCleanerDedupeBufferSize()).isEqualTo(4_194_304L);
        assertThat(set.logCleanerBackoffMs()).isEqualTo(100L);
        assertThat(set.explicitTopicConfigDefaults()).containsEntry("delete.retention.ms", "1000")
                .containsEntry("min.cleanable.dirty.ratio", "0.25");
    }

    @Test
    void logCleanerSettingsAreChecked() {
        assertThatThrownBy(() -> BrokerConfig.of(Map.of("log.cleaner.threads", "-1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("log.cleaner.threads");
        assertThatThrownBy(() -> BrokerConfig.of(Map.of("log.cleaner.threads", "4",
                "log.cleaner.dedupe.buffer.size", "2097152")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("log.cleaner.dedupe.buffer.size")
                .hasMessageContaining("1 MiB per cleaner thread");
        assertThatThrownBy(() -> BrokerConfig.of(Map.of("log.cleaner.min.cleanable.ratio", "1.5")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("log.cleaner.min.cleanable.ratio");
        assertThatThrownBy(() -> BrokerConfig.of(Map.of("log.cleaner.min.cleanable.ratio", "NaN")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("decimal");
    }
}
