package dev.brook.partition;

import static dev.brook.partition.producer.ProducerBatches.idempotent;
import static dev.brook.partition.producer.ProducerBatches.plain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.log.LogConfig;
import dev.brook.partition.topic.ConfigEntry;
import dev.brook.partition.topic.ConfigSource;
import dev.brook.partition.topic.CorruptTopicFileException;
import dev.brook.partition.topic.InvalidConfigException;
import dev.brook.partition.topic.InvalidTopicException;
import dev.brook.partition.topic.TopicDefaults;
import dev.brook.partition.topic.TopicMetadata;
import dev.brook.partition.topic.TopicPartition;
import dev.brook.partition.topic.UnknownConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionStoreTest {
    private static final long NOW = 1_767_225_600_000L;
    private static final short ACKS_ALL = -1;

    @TempDir
    Path logDir;
    private PartitionStoreConfig config;
    private PartitionStore store;

    @BeforeEach
    void open() {
        config = PartitionStoreConfig.of(logDir).withTopicDefaults(TopicDefaults.fromLogConfig(
                LogConfig.defaults().withSegmentBytes(1024).withSegmentIndexBytes(1024))).withMaintenanceIdleMs(10)
                // Producer expiration compares batch timestamps with this clock, as Kafka does.
                .withClock(new MutableClock(NOW));
        store = PartitionStore.open(config);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private PartitionStore reopen() {
        store.close();
        store = PartitionStore.open(config);
        return store;
    }

    private static TopicPartition tp(String topic, int partition) {
        return new TopicPartition(topic, partition);
    }

    @Test
    void createTopicLaysOutPartitionDirectoriesAndMetadata() {
        TopicMetadata created = store.createTopic("orders", 3, 1, Map.of("retention.ms", "1000"));
        assertThat(created.partitionCount()).isEqualTo(3);
        assertThat(created.configOverrides()).containsExactlyEntriesOf(Map.of("retention.ms", "1000"));
        for (int p = 0; p < 3; p++) {
            assertThat(logDir.resolve("orders-" + p)).isDirectory();
            assertThat(store.partition(tp("orders", p)).config().logConfig().retentionMs()).isEqualTo(1000);
        }
        assertThat(logDir.resolve("brook-metadata/topics/orders.topic")).exists();
        assertThat(store.topicNames()).containsExactly("orders");
        assertThat(store.describeTopic("orders")).isEqualTo(created);
        assertThat(store.topicById(created.topicId())).contains(created);
        assertThat(store.describeConfigs("orders")).contains(
                new ConfigEntry("retention.ms", "1000", ConfigSource.DYNAMIC_TOPIC_CONFIG, false, false),
                new ConfigEntry("segment.bytes", "1024", ConfigSource.STATIC_BROKER_CONFIG, false, false));
        assertThat(store.partitions()).hasSize(3);
        assertThatThrownBy(() -> store.partition(tp("orders", 3))).isInstanceOf(UnknownTopicOrPartitionException.class);
        assertThat(store.findPartition(tp("nope", 0))).isEmpty();
    }

    @Test
    void createTopicValidatesLikeKafka() {
        store.createTopic("a.b", 1, 1, Map.of());
        assertThatThrownBy(() -> store.createTopic("bad name", 1, 1, Map.of())).isInstanceOf(InvalidTopicException.class);
        assertThatThrownBy(() -> store.createTopic("a.b", 1, 1, Map.of())).isInstanceOf(TopicExistsException.class);
        assertThatThrownBy(() -> store.createTopic("a_b", 1, 1, Map.of())).isInstanceOf(InvalidTopicException.class)
                .hasMessageContaining("collides with existing topic: a.b");
        assertThatThrownBy(() -> store.createTopic("t", 0, 1, Map.of())).isInstanceOf(InvalidPartitionsException.class);
        assertThatThrownBy(() -> store.createTopic("t", -2, 1, Map.of())).isInstanceOf(InvalidPartitionsException.class);
        assertThatThrownBy(() -> store.createTopic("t", 1, 0, Map.of()))
                .isInstanceOf(InvalidReplicationFactorException.class);
        assertThatThrownBy(() -> store.createTopic("t", 1, 3, Map.of()))
                .isInstanceOf(InvalidReplicationFactorException.class).hasMessageContaining("only 1 broker(s)");
        assertThatThrownBy(() -> store.createTopic("t", 1, 1, Map.of("nope", "1")))
                .isInstanceOf(UnknownConfigException.class);
        assertThatThrownBy(() -> store.createTopic("t", 1, 1, Map.of("retention.ms", "x")))
                .isInstanceOf(InvalidConfigException.class);
        assertThat(store.topicNames()).containsExactly("a.b");
        assertThat(logDir.resolve("t-0")).doesNotExist();
        TopicMetadata defaulted = store.createTopic("t", -1, -1, Map.of());
        assertThat(defaulted.partitionCount()).isEqualTo(1);
        assertThat(defaulted.replicationFactor()).isEqualTo(1);
        TopicMetadata validated = store.validateCreateTopic("u", 2, 1, Map.of());
        assertThat(validated.partitionCount()).isEqualTo(2);
        assertThat(store.topic("u")).isEmpty();
    }

    @Test
    void topicsDataHighWatermarkAndProducerStateSurviveRestart() {
        TopicMetadata created = store.createTopic("orders", 2, 1, Map.of("flush.messages", "1"));
        store.partition(tp("orders", 0)).appendAsLeader(idempotent(9, (short) 0, 0, 3, NOW), ACKS_ALL);
        store.partition(tp("orders", 1)).appendAsLeader(plain(2, NOW), ACKS_ALL);
        reopen();
        assertThat(store.describeTopic("orders")).isEqualTo(created);
        Partition p0 = store.partition(tp("orders", 0));
        assertThat(p0.highWatermark()).isEqualTo(3);
        assertThat(p0.config().logConfig().flushPolicy().messages()).isEqualTo(1);
        assertThat(p0.appendAsLeader(idempotent(9, (short) 0, 0, 3, NOW), ACKS_ALL).duplicate()).isTrue();
        assertThat(store.partition(tp("orders", 1)).logEndOffset()).isEqualTo(2);
    }

    @Test
    void crashKeepsTopicsDataAndProducerState() throws IOException {
        store.createTopic("orders", 1, 1, Map.of());
        store.partition(tp("orders", 0)).appendAsLeader(idempotent(9, (short) 0, 0, 3, NOW), ACKS_ALL);
        Path crashed = logDir.resolve("..").resolve(logDir.getFileName() + "-crashed").normalize();
        Dirs.copyTree(logDir, crashed);
        PartitionStore recovered = PartitionStore.open(new PartitionStoreConfig(crashed, config.topicDefaults(), 1,
                config.producerIdExpirationMs(), 10, config.clock()));
        try {
            Partition p0 = recovered.partition(tp("orders", 0));
            assertThat(p0.logEndOffset()).isEqualTo(3);
            assertThat(p0.appendAsLeader(idempotent(9, (short) 0, 0, 3, NOW), ACKS_ALL).duplicate()).isTrue();
        } finally {
            recovered.close();
            Directories.deleteRecursively(crashed);
        }
    }

    @Test
    void deleteTopicRemovesItsFileAndDirectoriesAndTheNameCanBeReused() {
        store.createTopic("orders", 2, 1, Map.of());
        Partition old = store.partition(tp("orders", 0));
        old.appendAsLeader(plain(5, NOW), ACKS_ALL);
        store.deleteTopic("orders");
        assertThat(store.topicNames()).isEmpty();
        assertThat(logDir.resolve("brook-metadata/topics/orders.topic")).doesNotExist();
        assertThat(logDir.resolve("orders-0")).doesNotExist();
        assertThatThrownBy(() -> old.appendAsLeader(plain(1, NOW), ACKS_ALL))
                .isInstanceOf(UnknownTopicOrPartitionException.class);
        assertThatThrownBy(() -> store.partition(tp("orders", 0))).isInstanceOf(UnknownTopicOrPartitionException.class);
        assertThatThrownBy(() -> store.deleteTopic("orders")).isInstanceOf(UnknownTopicOrPartitionException.class);
        store.createTopic("orders", 1, 1, Map.of());
        assertThat(store.partition(tp("orders", 0)).logEndOffset()).isZero();
        reopen();
        assertThat(store.topicNames()).containsExactly("orders");
        assertThat(logDir.resolve("brook-metadata/deleting")).isEmptyDirectory();
        assertThat(logDir.resolve("orders-1")).doesNotExist();
    }

    @Test
    void alterConfigsIsValidatedPersistedAndApplied() {
        store.createTopic("orders", 2, 1, Map.of("retention.ms", "1000"));
        assertThatThrownBy(() -> store.alterConfigs("orders", Map.of("segment.ms", "0")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("segment.ms");
        assertThatThrownBy(() -> store.alterConfigs("nope", Map.of()))
                .isInstanceOf(UnknownTopicOrPartitionException.class);
        store.alterConfigs("orders", Map.of("segment.ms", "5000"));
        assertThat(store.partition(tp("orders", 1)).config().logConfig().segmentMs()).isEqualTo(5000);
        assertThat(store.partition(tp("orders", 1)).config().logConfig().retentionMs())
                .isEqualTo(LogConfig.defaults().retentionMs());
        store.incrementalAlterConfigs("orders", Map.of("retention.bytes", "4096"), Set.of("segment.ms"));
        reopen();
        assertThat(store.describeTopic("orders").configOverrides())
                .containsExactlyEntriesOf(Map.of("retention.bytes", "4096"));
        assertThat(store.partition(tp("orders", 0)).config().logConfig().retentionBytes()).isEqualTo(4096);
    }

    @Test
    void createPartitionsOnlyIncreases() {
        store.createTopic("orders", 2, 1, Map.of());
        assertThatThrownBy(() -> store.createPartitions("orders", 1)).isInstanceOf(InvalidPartitionsException.class);
        assertThatThrownBy(() -> store.createPartitions("orders", 2)).isInstanceOf(InvalidPartitionsException.class);
        assertThatThrownBy(() -> store.createPartitions("nope", 5))
                .isInstanceOf(UnknownTopicOrPartitionException.class);
        assertThat(store.createPartitions("orders", 4).partitionCount()).isEqualTo(4);
        store.partition(tp("orders", 3)).appendAsLeader(plain(1, NOW), ACKS_ALL);
        reopen();
        assertThat(store.describeTopic("orders").partitionCount()).isEqualTo(4);
        assertThat(store.partition(tp("orders", 3)).logEndOffset()).isEqualTo(1);
    }

    @Test
    void orphanPartitionDirectoriesAreRemovedOnStartAndOtherDirectoriesKept() throws IOException {
        store.createTopic("orders", 1, 1, Map.of());
        store.close();
        Files.createDirectories(logDir.resolve("ghost-0"));
        Files.writeString(logDir.resolve("ghost-0/00000000000000000000.log"), "");
        Files.createDirectories(logDir.resolve("orders-7"));
        Files.createDirectories(logDir.resolve("not a partition"));
        Files.createDirectories(logDir.resolve("brook-metadata/deleting/abc-0"));
        Files.writeString(logDir.resolve("brook-metadata/deleting/abc-0/x.log"), "x");
        store = PartitionStore.open(config);
        assertThat(logDir.resolve("ghost-0")).doesNotExist();
        assertThat(logDir.resolve("orders-7")).doesNotExist();
        assertThat(logDir.resolve("orders-0")).isDirectory();
        assertThat(logDir.resolve("not a partition")).isDirectory();
        reopen();
        assertThat(logDir.resolve("brook-metadata/deleting/abc-0")).doesNotExist();
    }

    @Test
    void corruptTopicFileStopsTheStartNamingTheFile() throws IOException {
        store.createTopic("orders", 1, 1, Map.of());
        store.close();
        Path file = logDir.resolve("brook-metadata/topics/orders.topic");
        Files.writeString(file, Files.readString(file).replace("partitions 1", "partitions 9"));
        assertThatThrownBy(() -> PartitionStore.open(config)).isInstanceOfSatisfying(CorruptTopicFileException.class,
                e -> assertThat(e.file()).isEqualTo(file)).hasMessageContaining("orders.topic");
        Files.delete(file);
        store = PartitionStore.open(config);
        assertThat(store.topicNames()).isEmpty();
    }

    @Test
    void missingPartitionDirectoryOfAKnownTopicIsCreatedEmpty() throws IOException {
        store.createTopic("orders", 2, 1, Map.of());
        store.close();
        Directories.deleteRecursively(logDir.resolve("orders-1"));
        store = PartitionStore.open(config);
        assertThat(store.partition(tp("orders", 1)).logEndOffset()).isZero();
    }

    @Test
    void oneMaintenanceThreadAppliesRetentionAcrossPartitions() {
        store.createTopic("orders", 2, 1, Map.of("retention.bytes", "2048"));
        for (int p = 0; p < 2; p++) {
            for (int i = 0; i < 100; i++) {
                store.partition(tp("orders", p)).appendAsLeader(plain(1, NOW), ACKS_ALL);
            }
        }
        store.runMaintenanceNow();
        for (int p = 0; p < 2; p++) {
            assertThat(store.partition(tp("orders", p)).logStartOffset()).as("partition %d", p).isPositive();
        }
        assertThat(store.maintenanceHealth().values()).allSatisfy(h -> assertThat(h.failures()).isZero());
    }

    @Test
    void cleanCloseWritesMarkersAndSnapshotsAndRefusesAdminAfterwards() {
        store.createTopic("orders", 1, 1, Map.of());
        store.partition(tp("orders", 0)).appendAsLeader(idempotent(1, (short) 0, 0, 1, NOW), ACKS_ALL);
        store.close();
        assertThat(logDir.resolve("orders-0/.clean-shutdown")).exists();
        assertThat(logDir.resolve("orders-0/producer-state.snapshot")).exists();
        assertThatThrownBy(() -> store.createTopic("x", 1, 1, Map.of())).isInstanceOf(IllegalStateException.class);
        store = PartitionStore.open(config);
    }

    @Test
    void listsSortedTopics() {
        for (String name : List.of("c", "a", "b")) {
            store.createTopic(name, 1, 1, Map.of());
        }
        assertThat(store.topicNames()).containsExactly("a", "b", "c");
    }

    @Test
    void lifecycleListenersHearOfOpensConfigChangesAndClosesIncludingPartitionsOpenBeforeThey() {
        store.createTopic("early", 1, 1, Map.of());
        List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        store.addLifecycleListener(new PartitionLifecycleListener() {
            @Override
            public void partitionOpened(Partition partition) {
                events.add("open " + partition.topicPartition());
            }

            @Override
            public void partitionConfigChanged(Partition partition, dev.brook.partition.topic.TopicConfig before,
                    dev.brook.partition.topic.TopicConfig after) {
                events.add("config " + partition.topicPartition() + " " + before.cleanupPolicy().configValue()
                        + "->" + after.cleanupPolicy().configValue());
            }

            @Override
            public void partitionClosing(Partition partition) {
                events.add("close " + partition.topicPartition());
            }
        });
        store.createTopic("later", 2, 1, Map.of());
        store.incrementalAlterConfigs("later", Map.of("cleanup.policy", "compact"), List.of());
        store.createPartitions("later", 3);
        store.deleteTopic("early");
        assertThat(events).containsExactly("open early-0", "open later-0", "open later-1",
                "config later-0 delete->compact", "config later-1 delete->compact", "open later-2", "close early-0");
        events.clear();
        store.close();
        assertThat(events).containsExactlyInAnyOrder("close later-0", "close later-1", "close later-2");
    }
}
