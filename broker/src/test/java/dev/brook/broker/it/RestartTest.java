package dev.brook.broker.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What survives a broker restart, clean or not, as kafka-clients see it. */
class RestartTest {
    private static final int PARTITIONS = 3;

    @TempDir
    Path dir;

    @Test
    void aCleanRestartKeepsTopicsConfigsAndDataAndProducesContinueAtTheEnd() throws Exception {
        String topic = "kept";
        Map<TopicPartition, List<String>> sent = new HashMap<>();
        try (TestBroker broker = TestBroker.start(dir)) {
            try (Admin admin = broker.admin()) {
                admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1).configs(Map.of(
                        "retention.ms", "123456789", "segment.bytes", "1048576")))).all().get(15, TimeUnit.SECONDS);
            }
            produce(broker, topic, 0, 600, sent);
            // A second topic altered after creation: trimmed by deleteRecords, then grown.
            TopicPartition trimmed = new TopicPartition("altered", 0);
            try (Admin admin = broker.admin()) {
                admin.createTopics(List.of(new NewTopic("altered", 1, (short) 1))).all().get(15, TimeUnit.SECONDS);
                produce(broker, "altered", 0, 10, new HashMap<>());
                admin.deleteRecords(Map.of(trimmed, RecordsToDelete.beforeOffset(5))).all().get(15, TimeUnit.SECONDS);
                admin.createPartitions(Map.of("altered", NewPartitions.increaseTo(2))).all()
                        .get(15, TimeUnit.SECONDS);
            }

            broker.restart();

            try (Admin admin = broker.admin()) {
                assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get(15, TimeUnit.SECONDS)
                        .get(topic).partitions()).hasSize(PARTITIONS);
                assertThat(admin.describeTopics(List.of("altered")).allTopicNames().get(15, TimeUnit.SECONDS)
                        .get("altered").partitions()).as("createPartitions survives").hasSize(2);
                assertThat(admin.listOffsets(Map.of(trimmed, OffsetSpec.earliest())).all().get(15, TimeUnit.SECONDS)
                        .get(trimmed).offset()).as("deleteRecords survives").isEqualTo(5);
                assertThat(admin.listOffsets(Map.of(trimmed, OffsetSpec.latest())).all().get(15, TimeUnit.SECONDS)
                        .get(trimmed).offset()).isEqualTo(10);
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
                Map<String, ConfigEntry> config = new HashMap<>();
                admin.describeConfigs(List.of(resource)).all().get(15, TimeUnit.SECONDS).get(resource).entries()
                        .forEach(e -> config.put(e.name(), e));
                assertThat(config.get("retention.ms").value()).isEqualTo("123456789");
                assertThat(config.get("retention.ms").source())
                        .isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
                assertThat(config.get("segment.bytes").value()).isEqualTo("1048576");
            }
            assertThat(readAll(broker, topic, 600)).isEqualTo(sent);

            produce(broker, topic, 600, 300, sent); // asserts the new offsets follow the old ones
            assertThat(readAll(broker, topic, 900)).isEqualTo(sent);
        }
    }

    @Test
    void aCopyOfARunningBrokersDirectoryRecoversToAPrefixOfWhatWasProduced(@TempDir Path copy) throws Exception {
        long seed = Long.getLong("brook.seed", System.nanoTime());
        String topic = "copied";
        Map<TopicPartition, List<String>> sent = new ConcurrentHashMap<>();
        Map<TopicPartition, Long> ackedBeforeCopy = new HashMap<>();
        try (TestBroker broker = TestBroker.start(dir)) {
            try (Admin admin = broker.admin()) {
                admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1).configs(Map.of(
                        "segment.bytes", "1048576")))).all().get(15, TimeUnit.SECONDS);
            }
            produce(broker, topic, 0, 3_000, sent);
            // Keep appending while the files are copied, so the copy catches torn tails and half-written indexes.
            AtomicBoolean stop = new AtomicBoolean();
            List<Future<RecordMetadata>> late = new ArrayList<>();
            List<String> lateValues = new ArrayList<>();
            Random random = new Random(seed);
            try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of(ProducerConfig.LINGER_MS_CONFIG,
                    0))) {
                Thread writer = new Thread(() -> {
                    for (int i = 3_000; !stop.get() && i < 50_000; i++) {
                        String value = "v" + i + "-" + "y".repeat(random.nextInt(1_500));
                        synchronized (late) {
                            lateValues.add(value);
                            late.add(producer.send(new ProducerRecord<>(topic, bytes("k" + i), bytes(value))));
                        }
                    }
                }, "writer-during-copy");
                writer.start();
                waitUntilWriting(late);
                sent.forEach((tp, values) -> ackedBeforeCopy.put(tp, (long) values.size()));
                copyTree(broker.dataDir(), copy);
                stop.set(true);
                writer.join();
                producer.flush();
            }
            synchronized (late) {
                for (int i = 0; i < late.size(); i++) {
                    RecordMetadata m = late.get(i).get(15, TimeUnit.SECONDS);
                    List<String> values = sent.computeIfAbsent(new TopicPartition(topic, m.partition()),
                            tp -> new ArrayList<>());
                    // Acks of one partition complete in offset order; other partitions interleave.
                    while (values.size() <= m.offset()) {
                        values.add(null);
                    }
                    values.set((int) m.offset(), lateValues.get(i));
                }
            }
        }

        try (TestBroker recovered = TestBroker.start(copy)) {
            Map<TopicPartition, List<String>> read = readAll(recovered, topic, 0);
            for (int p = 0; p < PARTITIONS; p++) {
                TopicPartition tp = new TopicPartition(topic, p);
                List<String> got = read.getOrDefault(tp, List.of());
                List<String> all = sent.get(tp);
                assertThat(got.size()).as("%s keeps what was acknowledged before the copy, seed %d", tp, seed)
                        .isGreaterThanOrEqualTo(ackedBeforeCopy.get(tp).intValue());
                assertThat(got).as("%s is a prefix of what was produced, seed %d", tp, seed)
                        .isEqualTo(all.subList(0, got.size()));
            }
            // The recovered broker takes new records after what it kept.
            try (KafkaProducer<byte[], byte[]> producer = recovered.producer(Map.of())) {
                TopicPartition tp0 = new TopicPartition(topic, 0);
                RecordMetadata m = producer.send(new ProducerRecord<>(topic, 0, null, bytes("after"))).get(15,
                        TimeUnit.SECONDS);
                assertThat(m.offset()).as("seed %d", seed).isEqualTo(read.getOrDefault(tp0, List.of()).size());
            }
        }
    }

    /** Waits until the writer is well under way: hundreds of sends queued and the first acknowledged. */
    private static void waitUntilWriting(List<Future<RecordMetadata>> late) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            synchronized (late) {
                if (late.size() >= 300 && late.get(0).isDone()) {
                    return;
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the writer did not get going");
    }

    /**
     * Sends {@code count} keyed records (values {@code value(first)..value(first + count - 1)}) and records each value under its
     * partition and offset in {@code sent}, checking that every partition's new offsets follow its old ones.
     */
    private static void produce(TestBroker broker, String topic, int first, int count,
                                Map<TopicPartition, List<String>> sent) throws Exception {
        List<Future<RecordMetadata>> acks = new ArrayList<>(count);
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
            for (int i = first; i < first + count; i++) {
                acks.add(producer.send(new ProducerRecord<>(topic, bytes("k" + i), bytes(value(i)))));
            }
        }
        for (int i = 0; i < count; i++) {
            RecordMetadata m = acks.get(i).get(15, TimeUnit.SECONDS);
            List<String> values = sent.computeIfAbsent(new TopicPartition(topic, m.partition()),
                    tp -> new ArrayList<>());
            assertThat(m.offset()).as("offset of v%d in partition %d", first + i, m.partition())
                    .isEqualTo(values.size());
            values.add(value(first + i));
        }
    }

    /**
     * Reads every partition of {@code topic} from the beginning to its end offset; returns the values by partition,
     * indexed by offset. {@code expected} > 0 also checks the total.
     */
    static Map<TopicPartition, List<String>> readAll(TestBroker broker, String topic, int expected) {
        List<TopicPartition> tps = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            tps.add(new TopicPartition(topic, p));
        }
        Map<TopicPartition, List<String>> out = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = broker.consumer()) {
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps);
            int total = end.values().stream().mapToInt(Long::intValue).sum();
            if (expected > 0) {
                assertThat(total).isEqualTo(expected);
            }
            for (ConsumerRecord<byte[], byte[]> r : TestBroker.pollUntil(consumer, total)) {
                List<String> values = out.computeIfAbsent(new TopicPartition(topic, r.partition()),
                        tp -> new ArrayList<>());
                assertThat(r.offset()).as("offset order in %d", r.partition()).isEqualTo(values.size());
                values.add(new String(r.value(), StandardCharsets.UTF_8));
            }
            assertThat(out.values().stream().mapToInt(List::size).sum()).isEqualTo(total);
        }
        return out;
    }

    /** Copies a live directory tree file by file; a file that vanishes mid-copy is skipped, as a crash would. */
    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(source -> {
                Path target = to.resolve(from.relativize(source).toString());
                try {
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(source, target);
                    }
                } catch (NoSuchFileException e) {
                    // Deleted or renamed between listing and copying.
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** Record i's value: its number and up to 1.5 KB of padding, so a few thousand records span segments. */
    private static String value(int i) {
        return "v" + i + "-" + "x".repeat(i * 37 % 1_500);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
