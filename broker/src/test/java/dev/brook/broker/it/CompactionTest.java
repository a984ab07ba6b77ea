package dev.brook.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.compaction.CleanResult;
import dev.brook.compaction.LogCleaner;
import dev.brook.partition.Partition;
import dev.brook.partition.topic.TopicPartition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compacted topics through Kafka's own clients: configs, the key requirement, and what the cleaner leaves. */
class CompactionTest {
    @TempDir
    Path dir;
    private TestBroker broker;
    private Admin admin;

    @BeforeEach
    void start() {
        // No cleaner threads: the tests clean on demand, so what was cleaned when is theirs to say.
        broker = TestBroker.start(dir, Map.of("log.cleaner.enable", "false"));
        admin = broker.admin();
    }

    @AfterEach
    void stop() {
        admin.close();
        broker.close();
    }

    private void createCompacted(String topic, Map<String, String> configs) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(configs))).all()
                .get(30, TimeUnit.SECONDS);
    }

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void describeConfigsShowsTheCompactPolicy() throws Exception {
        createCompacted("table", Map.of("cleanup.policy", "compact", "delete.retention.ms", "1000"));
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "table");
        Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
        assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        assertThat(config.get("cleanup.policy").source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
        assertThat(config.get("delete.retention.ms").value()).isEqualTo("1000");
        assertThat(config.get("min.cleanable.dirty.ratio").value()).isEqualTo("0.5");
    }

    @Test
    void theJavaProducerGetsInvalidRecordForAKeylessRecordOnACompactedTopic() throws Exception {
        createCompacted("table", Map.of("cleanup.policy", "compact"));
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
            // Produce v7 carries no error message, so the client's own text for INVALID_RECORD (87) is all it shows.
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("table", null, utf8("no key"))).get())
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(InvalidRecordException.class);
            // The partition still takes keyed records, and nothing of the refused one was stored.
            assertThat(producer.send(new ProducerRecord<>("table", utf8("k"), utf8("v"))).get().offset()).isZero();
        }
    }

    /** Latest record the test wrote per key: its offset and value (null = tombstone). */
    private record Latest(long offset, String value) {
    }

    private Map<String, Latest> produceUpdates(String topic, long seed, int records, int keys) throws Exception {
        Random random = new Random(seed);
        Map<String, Latest> model = new TreeMap<>();
        Partition partition = broker.broker().partitions().partition(new TopicPartition(topic, 0));
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
            for (int i = 0; i < records; i++) {
                String key = "key-" + random.nextInt(keys);
                String value = random.nextInt(6) == 0 ? null : "value-" + i;
                long offset = producer.send(new ProducerRecord<>(topic, utf8(key), utf8(value))).get().offset();
                model.put(key, new Latest(offset, value));
                if (random.nextInt(40) == 0) {
                    partition.log().roll(); // several sealed segments, so merging and per-segment work happen
                }
            }
        }
        partition.log().roll(); // everything sealed: the active segment is never cleaned
        return model;
    }

    private List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        org.apache.kafka.common.TopicPartition tp = new org.apache.kafka.common.TopicPartition(topic, 0);
        try (KafkaConsumer<byte[], byte[]> consumer = broker.consumer()) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            int emptyPolls = 0;
            // Cleaning may have removed the last offsets before the end, so a run of empty polls ends it too.
            while (consumer.position(tp) < end && emptyPolls < 5 && System.nanoTime() < deadline) {
                var records = consumer.poll(Duration.ofMillis(200));
                emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
                records.forEach(out::add);
            }
            return out;
        }
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void afterCleaningAFreshConsumerSeesExactlyTheLatestRecordPerKeyAtItsOriginalOffset() throws Exception {
        long seed = Long.getLong("brook.seed", System.nanoTime());
        createCompacted("table", Map.of("cleanup.policy", "compact"));
        Map<String, Latest> model = produceUpdates("table", seed, 600, 40);
        LogCleaner cleaner = broker.broker().logCleaner();
        TopicPartition tp = new TopicPartition("table", 0);
        CleanResult result = cleaner.clean(tp);
        assertThat(result.cleaned()).as("seed %d: %s", seed, result).isTrue();
        assertThat(result.recordsRemoved()).as("seed %d", seed).isPositive();
        assertThat(cleaner.health(tp).healthy()).as("seed %d: %s", seed, cleaner.health(tp)).isTrue();

        List<ConsumerRecord<byte[], byte[]>> read = readAll("table");
        Map<String, Latest> seen = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : read) {
            Latest previous = seen.put(text(r.key()), new Latest(r.offset(), text(r.value())));
            assertThat(previous).as("seed %d: key %s appears twice after cleaning", seed, text(r.key())).isNull();
        }
        // Deletes are still visible (tombstones live delete.retention.ms, 24 h by default).
        assertThat(seen).as("seed %d", seed).isEqualTo(model);
    }

    @Test
    void tombstonesAreRemovedOnceDeleteRetentionHasPassed() throws Exception {
        long seed = Long.getLong("brook.seed", System.nanoTime());
        createCompacted("table", Map.of("cleanup.policy", "compact", "delete.retention.ms", "0"));
        Map<String, Latest> model = produceUpdates("table", seed, 300, 30);
        LogCleaner cleaner = broker.broker().logCleaner();
        TopicPartition tp = new TopicPartition("table", 0);
        cleaner.clean(tp); // stamps the delete horizon (now + 0 ms) on the tombstones it keeps
        Thread.sleep(5);
        cleaner.clean(tp); // past the horizon: the tombstones go
        Map<String, Latest> live = new TreeMap<>(model);
        live.values().removeIf(latest -> latest.value() == null);
        Map<String, Latest> seen = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : readAll("table")) {
            seen.put(text(r.key()), new Latest(r.offset(), text(r.value())));
        }
        assertThat(seen).as("seed %d: %s", seed, cleaner.health(tp)).isEqualTo(live);
    }

    @Test
    void theCleanerThreadsCompactOnTheirOwn() throws Exception {
        broker.close();
        broker = TestBroker.start(dir, Map.of("log.cleaner.backoff.ms", "50"));
        admin.close();
        admin = broker.admin();
        createCompacted("auto", Map.of("cleanup.policy", "compact", "min.cleanable.dirty.ratio", "0.01"));
        long seed = Long.getLong("brook.seed", System.nanoTime());
        Map<String, Latest> model = produceUpdates("auto", seed, 300, 10);
        LogCleaner cleaner = broker.broker().logCleaner();
        TopicPartition tp = new TopicPartition("auto", 0);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<ConsumerRecord<byte[], byte[]>> read = readAll("auto");
        while (read.size() > model.size() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            read = readAll("auto");
        }
        assertThat(cleaner.health(tp).cleanings()).as("seed %d: %s", seed, cleaner.health(tp)).isPositive();
        Map<String, Latest> seen = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : read) {
            seen.put(text(r.key()), new Latest(r.offset(), text(r.value())));
        }
        assertThat(seen).as("seed %d", seed).isEqualTo(model);
        assertThat(read).as("seed %d", seed).hasSize(model.size());
    }

    @Test
    void onlyCompactedPartitionsAreRegisteredAndTheyFollowConfigChangesAndDeletes() throws Exception {
        createCompacted("table", Map.of("cleanup.policy", "compact"));
        admin.createTopics(List.of(new NewTopic("events", 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        LogCleaner cleaner = broker.broker().logCleaner();
        assertThat(userPartitions(cleaner)).containsExactly(new TopicPartition("table", 0));
        broker.broker().partitions().incrementalAlterConfigs("events", Map.of("cleanup.policy", "compact,delete"),
                List.of());
        assertThat(userPartitions(cleaner)).containsExactlyInAnyOrder(new TopicPartition("table", 0),
                new TopicPartition("events", 0), new TopicPartition("events", 1));
        broker.broker().partitions().incrementalAlterConfigs("table", Map.of("cleanup.policy", "delete"),
                List.of());
        admin.deleteTopics(List.of("events")).all().get(30, TimeUnit.SECONDS);
        assertThat(userPartitions(cleaner)).isEmpty();
        // A restart registers what is compacted from the stored configs.
        createCompacted("again", Map.of("cleanup.policy", "compact"));
        broker.restart();
        assertThat(userPartitions(broker.broker().logCleaner())).containsExactly(new TopicPartition("again", 0));
    }

    /** The registered partitions without {@code __consumer_offsets}, which is compacted and always registered. */
    private static java.util.Set<TopicPartition> userPartitions(LogCleaner cleaner) {
        java.util.Set<TopicPartition> out = new java.util.HashSet<>(cleaner.health().keySet());
        assertThat(out).as("the group offsets topic is compacted").contains(new TopicPartition("__consumer_offsets", 0));
        out.removeIf(tp -> tp.topic().equals("__consumer_offsets"));
        return out;
    }
}
