package dev.brook.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnsupportedCompressionTypeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Producer → broker → consumer round trips with the real Java clients: every record back once, byte-equal. */
class ProduceConsumeTest {
    private static final int PARTITIONS = 4;
    private static final int RECORDS = 2_000;

    @TempDir
    static Path dir;
    private static TestBroker broker;
    private static Admin admin;

    @BeforeAll
    static void startBroker() {
        broker = TestBroker.start(dir);
        admin = broker.admin();
    }

    @AfterAll
    static void stopBroker() {
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @ParameterizedTest(name = "acks={0} compression={1}")
    @CsvSource({"all,none", "all,gzip", "all,lz4", "1,none", "1,gzip", "1,lz4"})
    void everyRecordComesBackOnceInOrderAndByteEqual(String acks, String compression) throws Exception {
        long seed = Long.getLong("brook.seed", System.nanoTime());
        Random random = new Random(seed);
        String topic = "round-trip-" + acks + "-" + compression;
        admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get(15, TimeUnit.SECONDS);

        List<ProducerRecord<byte[], byte[]>> sent = new ArrayList<>(RECORDS);
        List<Future<RecordMetadata>> acked = new ArrayList<>(RECORDS);
        long now = System.currentTimeMillis();
        Map<String, Object> producerSettings = Map.of(ProducerConfig.ACKS_CONFIG, acks,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, compression, ProducerConfig.BATCH_SIZE_CONFIG, 16_384);
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(producerSettings)) {
            for (int i = 0; i < RECORDS; i++) {
                ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, null,
                        now - random.nextInt(86_400_000), randomKey(random), randomBytes(random, 1_500),
                        randomHeaders(random));
                sent.add(r);
                acked.add(producer.send(r));
            }
            producer.flush();
        }

        Map<TopicPartition, Map<Long, ProducerRecord<byte[], byte[]>>> expected = new HashMap<>();
        for (int i = 0; i < RECORDS; i++) {
            RecordMetadata m = acked.get(i).get(15, TimeUnit.SECONDS);
            ProducerRecord<byte[], byte[]> r = sent.get(i);
            if (r.key() != null) {
                assertThat(m.partition()).as("keyed record %d partition, seed %d", i, seed)
                        .isEqualTo(Utils.toPositive(Utils.murmur2(r.key())) % PARTITIONS);
            }
            assertThat(m.timestamp()).as("seed %d", seed).isEqualTo(r.timestamp());
            ProducerRecord<byte[], byte[]> previous = expected
                    .computeIfAbsent(new TopicPartition(topic, m.partition()), tp -> new HashMap<>())
                    .put(m.offset(), r);
            assertThat(previous).as("two records acknowledged at %s offset %d, seed %d", m.partition(), m.offset(),
                    seed).isNull();
        }

        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            partitions.add(new TopicPartition(topic, p));
        }
        List<ConsumerRecord<byte[], byte[]>> received;
        try (KafkaConsumer<byte[], byte[]> consumer = broker.consumer()) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            received = TestBroker.pollUntil(consumer, RECORDS);
            assertThat(consumer.poll(Duration.ofMillis(200))).as("nothing beyond what was sent, seed %d", seed)
                    .isEmpty();
        }

        assertThat(received).as("seed %d", seed).hasSize(RECORDS);
        Map<Integer, Long> nextOffset = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> c : received) {
            long want = nextOffset.getOrDefault(c.partition(), 0L);
            assertThat(c.offset()).as("offset order in partition %d, seed %d", c.partition(), seed).isEqualTo(want);
            nextOffset.put(c.partition(), want + 1);
            ProducerRecord<byte[], byte[]> r = expected.get(new TopicPartition(topic, c.partition())).get(c.offset());
            assertThat(r).as("record at %d@%d was acknowledged, seed %d", c.partition(), c.offset(), seed)
                    .isNotNull();
            String where = c.partition() + "@" + c.offset() + ", seed " + seed;
            assertThat(c.key()).as("key " + where).isEqualTo(r.key());
            assertThat(c.value()).as("value " + where).isEqualTo(r.value());
            assertThat(c.timestamp()).as("timestamp " + where).isEqualTo(r.timestamp());
            assertThat(c.timestampType()).as(where).isEqualTo(TimestampType.CREATE_TIME);
            assertThat(headerList(c.headers().toArray())).as("headers " + where)
                    .isEqualTo(headerList(r.headers().toArray()));
        }
    }

    @Test
    void aWaitingConsumerReceivesARecordProducedWhileItPolls() throws Exception {
        String topic = "long-poll";
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(15, TimeUnit.SECONDS);
        TopicPartition tp = new TopicPartition(topic, 0);
        // A long max wait, so the record arrives while the consumer's fetch is parked at the broker.
        KafkaConsumer<byte[], byte[]> consumer = broker.consumer(Map.of("fetch.max.wait.ms", 5_000));
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            assertThat(consumer.poll(Duration.ofMillis(300))).isEmpty();
            assertThat(consumer.position(tp)).isZero();

            Thread late = new Thread(() -> {
                try {
                    Thread.sleep(500);
                    producer.send(new ProducerRecord<>(topic, "late".getBytes(StandardCharsets.UTF_8))).get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e);
                }
            }, "late-producer");
            late.start();
            List<ConsumerRecord<byte[], byte[]>> got = TestBroker.pollUntil(consumer, 1);
            late.join();
            assertThat(got).hasSize(1);
            assertThat(new String(got.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("late");
            assertThat(got.get(0).offset()).isZero();
        } finally {
            // The next fetch is parked for the full wait and close would wait for it; the test needs no answer.
            consumer.close(CloseOptions.timeout(Duration.ofMillis(200)));
        }
    }

    @Test
    void aLogAppendTimeTopicHandsOutTheBrokersTimestamps() throws Exception {
        String topic = "log-append-time";
        admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1)
                .configs(Map.of("message.timestamp.type", "LogAppendTime")))).all().get(15, TimeUnit.SECONDS);
        long before = System.currentTimeMillis();
        List<RecordMetadata> acks = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of(ProducerConfig.COMPRESSION_TYPE_CONFIG,
                "lz4"))) {
            for (int i = 0; i < 50; i++) {
                acks.add(producer.send(new ProducerRecord<>(topic, i % 2, 1_000L + i, null,
                        ("v" + i).getBytes(StandardCharsets.UTF_8))).get(15, TimeUnit.SECONDS));
            }
        }
        long after = System.currentTimeMillis();
        assertThat(acks).allSatisfy(m -> assertThat(m.timestamp()).isBetween(before, after));

        List<TopicPartition> tps = List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
        try (KafkaConsumer<byte[], byte[]> consumer = broker.consumer()) {
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            List<ConsumerRecord<byte[], byte[]>> got = TestBroker.pollUntil(consumer, 50);
            assertThat(got).hasSize(50).allSatisfy(c -> {
                assertThat(c.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
                assertThat(c.timestamp()).isBetween(before, after);
            });
        }
    }

    @Test
    void batchesLargerThanTheConsumersFetchLimitsStillComeBack() throws Exception {
        String topic = "big-batches";
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(15, TimeUnit.SECONDS);
        TopicPartition tp = new TopicPartition(topic, 0);
        List<byte[]> values = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of(ProducerConfig.BATCH_SIZE_CONFIG,
                100_000, ProducerConfig.LINGER_MS_CONFIG, 50))) {
            Random random = new Random(42);
            for (int i = 0; i < 20; i++) {
                byte[] v = new byte[20_000];
                random.nextBytes(v);
                values.add(v);
                producer.send(new ProducerRecord<>(topic, 0, null, v));
            }
        }
        // Both limits far below one batch: the broker must still hand out a whole batch per fetch.
        try (KafkaConsumer<byte[], byte[]> consumer = broker.consumer(Map.of("max.partition.fetch.bytes", 1_024,
                "fetch.max.bytes", 1_024))) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            List<ConsumerRecord<byte[], byte[]>> got = TestBroker.pollUntil(consumer, values.size());
            assertThat(got).hasSize(values.size());
            for (int i = 0; i < values.size(); i++) {
                assertThat(got.get(i).offset()).isEqualTo(i);
                assertThat(got.get(i).value()).as("value %d", i).isEqualTo(values.get(i));
            }
        }
    }

    @Test
    void codecsTheBrokerDoesNotStoreAreRefusedWithUnsupportedCompressionType() throws Exception {
        String topic = "no-zstd";
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(15, TimeUnit.SECONDS);
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of(ProducerConfig.COMPRESSION_TYPE_CONFIG,
                "zstd"))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "x".getBytes(StandardCharsets.UTF_8)))
                    .get(15, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOf(UnsupportedCompressionTypeException.class);
        }
    }

    private static byte[] randomKey(Random random) {
        int kind = random.nextInt(10);
        if (kind == 0) {
            return null; // sticky partitioning
        }
        return kind == 1 ? new byte[0] : randomBytes(random, 40);
    }

    private static byte[] randomBytes(Random random, int maxLength) {
        if (random.nextInt(50) == 0) {
            return null;
        }
        byte[] b = new byte[random.nextInt(maxLength + 1)];
        // Half the values are compressible text-like bytes so the codecs do real work.
        if (random.nextBoolean()) {
            random.nextBytes(b);
        } else {
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) ('a' + random.nextInt(4));
            }
        }
        return b;
    }

    private static List<Header> randomHeaders(Random random) {
        int n = random.nextInt(4);
        List<Header> headers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            headers.add(new RecordHeader("h" + random.nextInt(1_000), randomBytes(random, 30)));
        }
        return headers;
    }

    /** Headers as comparable (key, value-as-list) pairs: RecordHeader arrays compare by identity. */
    private static List<List<Object>> headerList(Header[] headers) {
        List<List<Object>> out = new ArrayList<>();
        for (Header h : headers) {
            out.add(Arrays.asList(h.key(), h.value() == null ? null : Arrays.toString(h.value())));
        }
        return out;
    }
}
