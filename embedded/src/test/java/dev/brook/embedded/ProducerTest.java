package dev.brook.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.log.RecordBatchTooLargeException;
import dev.brook.log.record.Header;
import dev.brook.log.record.RecordBatch;
import dev.brook.partition.FetchIsolation;
import dev.brook.partition.Partition;
import dev.brook.partition.UnknownTopicOrPartitionException;
import dev.brook.partition.partitioner.DefaultPartitioner;
import dev.brook.partition.partitioner.Partitioner;
import dev.brook.partition.topic.TopicPartition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProducerTest {
    private Brook brook;

    @BeforeEach
    void open() throws IOException {
        brook = Brook.openTemporary();
    }

    @AfterEach
    void close() {
        brook.close();
    }

    private List<RecordBatch> batches(String topic, int partition) throws IOException {
        Partition p = brook.partitionStore().partition(new TopicPartition(topic, partition));
        return p.read(0, Integer.MAX_VALUE, true, FetchIsolation.HIGH_WATERMARK).data().batches();
    }

    @Test
    void keysLandWhereKafkaPutsThemWithIncreasingOffsets() {
        brook.topics().create("t", 5);
        Producer<String, String> producer = brook.producer(Serdes.string(), Serdes.string());
        long[] next = new long[5];
        for (int i = 0; i < 200; i++) {
            String key = "key-" + i;
            RecordMetadata md = producer.sendSync("t", key, "v");
            int expected = DefaultPartitioner.forKey(key.getBytes(StandardCharsets.UTF_8), 5);
            assertThat(md.partition()).isEqualTo(expected);
            assertThat(md.offset()).isEqualTo(next[expected]++);
            assertThat(md.topic()).isEqualTo("t");
        }
    }

    @Test
    void headersTimestampsAndNullsAreKept() {
        brook.topics().create("t", 1);
        Producer<String, String> producer = brook.producer(Serdes.string(), Serdes.string());
        List<Header> headers = List.of(new Header("trace", new byte[] {7}), new Header("empty", null));
        long timestamp = System.currentTimeMillis() - 1000;
        RecordMetadata md = producer.sendSync("t", null, null, headers, timestamp);
        assertThat(md.timestamp()).isEqualTo(timestamp);
        try (Reader<String, String> reader = brook.reader("t", Serdes.string(), Serdes.string(),
                StartPosition.earliest())) {
            BrookRecord<String, String> record = reader.poll(Duration.ofSeconds(5)).get(0);
            assertThat(record.key()).isNull();
            assertThat(record.value()).isNull();
            assertThat(record.timestamp()).isEqualTo(timestamp);
            assertThat(record.headers()).isEqualTo(headers);
        }
    }

    @Test
    void logAppendTimeTopicsReportTheAppendTime() {
        brook.topics().create("t", 1, Map.of("message.timestamp.type", "LogAppendTime"));
        RecordMetadata md = brook.producer(Serdes.string(), Serdes.string()).sendSync("t", "k", "v", List.of(), 5L);
        // The append time replaces the 5 ms sent (which retention would also consider expired).
        assertThat(md.timestamp()).isGreaterThan(5L);
    }

    @Test
    void lingerGathersRecordsIntoOneBatchUntilFlush() throws Exception {
        brook.topics().create("t", 1);
        List<String> completed = new CopyOnWriteArrayList<>();
        Partitioner counting = new Partitioner() {
            @Override
            public int partition(String topic, byte[] serializedKey, int partitionCount) {
                return 0;
            }

            @Override
            public void batchCompleted(String topic, int partition) {
                completed.add(topic + "-" + partition);
            }
        };
        Producer<String, String> producer = brook.producer(Serdes.string(), Serdes.string(),
                ProducerOptions.defaults().linger(Duration.ofHours(1)).partitioner(counting));
        List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            futures.add(producer.send("t", "k", "v" + i));
        }
        assertThat(futures).noneMatch(CompletableFuture::isDone);
        producer.flush();
        assertThat(futures).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
        assertThat(futures.get(9).get().offset()).isEqualTo(9);
        assertThat(batches("t", 0)).hasSize(1).allMatch(b -> b.recordCount() == 10);
        assertThat(completed).containsExactly("t-0");
    }

    @Test
    void aShortLingerAppendsWithoutFlush() throws Exception {
        brook.topics().create("t", 1);
        Producer<String, String> producer = brook.producer(Serdes.string(), Serdes.string(),
                ProducerOptions.defaults().linger(Duration.ofMillis(5)));
        assertThat(producer.send("t", "k", "v").get().offset()).isZero();
    }

    @Test
    void fullBatchesGoAtOnceAndStayUnderTheBatchSize() throws Exception {
        brook.topics().create("t", 1);
        Producer<byte[], byte[]> producer = brook.producer(Serdes.bytes(), Serdes.bytes(),
                ProducerOptions.defaults().linger(Duration.ofHours(1)).batchSize(1024));
        for (int i = 0; i < 20; i++) {
            producer.send("t", null, new byte[100]);
        }
        producer.flush();
        List<RecordBatch> batches = batches("t", 0);
        assertThat(batches.size()).isGreaterThan(1);
        assertThat(batches).allMatch(b -> b.sizeInBytes() <= 1024);
        assertThat(batches.stream().mapToInt(RecordBatch::recordCount).sum()).isEqualTo(20);
    }

    @Test
    void compressedBatchesReadBack() {
        for (CompressionType type : CompressionType.values()) {
            String topic = "t-" + type;
            brook.topics().create(topic, 1);
            Producer<String, String> producer = brook.producer(Serdes.string(), Serdes.string(),
                    ProducerOptions.defaults().compression(type).linger(Duration.ofHours(1)));
            for (int i = 0; i < 50; i++) {
                producer.send(topic, "k" + i, "value " + i);
            }
            producer.flush();
            try (Reader<String, String> reader = brook.reader(topic, Serdes.string(), Serdes.string(),
                    StartPosition.earliest())) {
                assertThat(ReaderTest.readAll(reader, 50)).extracting(BrookRecord::value)
                        .startsWith("value 0").endsWith("value 49");
            }
        }
    }

    @Test
    void failuresReachTheFutureAndSendSync() {
        brook.topics().create("small", 1, Map.of("max.message.bytes", "100"));
        Producer<byte[], byte[]> producer = brook.producer(Serdes.bytes(), Serdes.bytes());
        assertThatThrownBy(() -> producer.sendSync("small", null, new byte[1000]))
                .isInstanceOf(RecordBatchTooLargeException.class);
        assertThatThrownBy(() -> producer.send("small", null, new byte[1000]).get())
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(RecordBatchTooLargeException.class);
    }

    @Test
    void unknownTopicsAreCreatedUnlessAutoCreateIsOff() throws IOException {
        brook.producer(Serdes.string(), Serdes.string()).sendSync("fresh", "k", "v");
        assertThat(brook.topics().exists("fresh")).isTrue();
        try (Brook strict = Brook.openTemporary(BrookOptions.defaults().with("auto.create.topics.enable", "false"))) {
            assertThatThrownBy(() -> strict.producer(Serdes.string(), Serdes.string()).send("fresh", "k", "v"))
                    .isInstanceOf(UnknownTopicOrPartitionException.class);
        }
    }

    @Test
    void closedProducerRefusesSends() {
        Producer<String, String> producer = brook.producer(Serdes.string(), Serdes.string());
        producer.close();
        producer.close();
        assertThatThrownBy(() -> producer.send("t", "k", "v")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void copartitionedTopicsRefuseACustomPartitioner() throws Exception {
        brook.topics().create("left", 2);
        brook.topics().create("right", 2);
        brook.topics().declareCopartitioned("pair", "left", "right");
        Partitioner custom = (topic, key, count) -> 0;
        try (Producer<String, String> producer = brook.producer(Serdes.string(), Serdes.string(),
                ProducerOptions.defaults().partitioner(custom))) {
            assertThatThrownBy(() -> producer.send("left", "k", "v")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("copartitioned");
        }
        try (Producer<String, String> producer = brook.producer(Serdes.string(), Serdes.string())) {
            assertThat(producer.sendSync("left", "k", "v").partition())
                    .isEqualTo(DefaultPartitioner.forKey("k".getBytes(StandardCharsets.UTF_8), 2));
        }
    }
}
