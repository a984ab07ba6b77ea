package dev.brook.broker.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.broker.Broker;
import dev.brook.broker.RawKafkaClient;
import dev.brook.broker.TestBrokers;
import dev.brook.log.record.Compression;
import dev.brook.log.record.RecordBatchBuilder;
import dev.brook.partition.topic.TopicPartition;
import dev.brook.protocol.ErrorCode;
import dev.brook.protocol.message.InitProducerIdResponse;
import dev.brook.protocol.message.ProduceResponse.PartitionResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Idempotent Produce over the wire: producer ids from InitProducerId, batches built with log-core's builder. */
class IdempotentProduceTest {
    private static final String TOPIC = "idem";

    @TempDir
    Path dir;

    static ByteBuffer batch(long producerId, short epoch, int sequence, int records) {
        RecordBatchBuilder b = new RecordBatchBuilder(Compression.NONE).producer(producerId, epoch, sequence);
        // Current timestamps: a producer whose last batch is older than producer.id.expiration.ms is forgotten.
        long now = System.currentTimeMillis();
        for (int i = 0; i < records; i++) {
            b.append(now + i, ("k" + (sequence + i)).getBytes(StandardCharsets.UTF_8),
                    ("v" + (sequence + i)).getBytes(StandardCharsets.UTF_8));
        }
        return b.build();
    }

    private static long highWatermark(Broker broker) {
        return broker.partitions().partition(new TopicPartition(TOPIC, 0)).highWatermark();
    }

    @Test
    void aRetriedBatchIsStoredOnceAndAnsweredWithItsOriginalOffset() throws Exception {
        try (Broker broker = TestBrokers.start(dir); RawKafkaClient c = RawKafkaClient.connect(broker)) {
            broker.partitions().createTopic(TOPIC, 1, 1, Map.of());
            InitProducerIdResponse pid = c.initProducerId();
            assertThat(pid.errorCode()).isZero();
            assertThat(pid.producerId()).isNotNegative();
            ByteBuffer first = batch(pid.producerId(), pid.producerEpoch(), 0, 3);
            PartitionResponse a = c.produce(TOPIC, 0, first);
            PartitionResponse b = c.produce(TOPIC, 0, first);
            assertThat(a.errorCode()).isZero();
            assertThat(b.errorCode()).isZero();
            assertThat(b.baseOffset()).isEqualTo(a.baseOffset());
            assertThat(highWatermark(broker)).isEqualTo(3);
            assertThat(RawKafkaClient.records(c.fetch(TOPIC, 0, 0, 0, 1, 1 << 20)))
                    .extracting(RawKafkaClient.Fetched::value).containsExactly("v0", "v1", "v2");
        }
    }

    @Test
    void aSequenceGapIsOutOfOrderAndAnOldEpochIsFenced() throws Exception {
        try (Broker broker = TestBrokers.start(dir); RawKafkaClient c = RawKafkaClient.connect(broker)) {
            broker.partitions().createTopic(TOPIC, 1, 1, Map.of());
            long pid = c.initProducerId().producerId();
            assertThat(c.produce(TOPIC, 0, batch(pid, (short) 0, 0, 2)).errorCode()).isZero();
            assertThat(c.produce(TOPIC, 0, batch(pid, (short) 0, 5, 1)).errorCode())
                    .isEqualTo(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER.code());
            // A bumped epoch starts again at sequence 0; the old epoch is then fenced.
            assertThat(c.produce(TOPIC, 0, batch(pid, (short) 1, 0, 1)).errorCode()).isZero();
            assertThat(c.produce(TOPIC, 0, batch(pid, (short) 0, 2, 1)).errorCode())
                    .isEqualTo(ErrorCode.INVALID_PRODUCER_EPOCH.code());
            assertThat(highWatermark(broker)).isEqualTo(3);
        }
    }

    @Test
    void theDuplicateIsRecognisedAfterACleanRestart() throws Exception {
        long pid;
        ByteBuffer first;
        long base;
        try (Broker broker = TestBrokers.start(dir); RawKafkaClient c = RawKafkaClient.connect(broker)) {
            broker.partitions().createTopic(TOPIC, 1, 1, Map.of());
            pid = c.initProducerId().producerId();
            first = batch(pid, (short) 0, 0, 4);
            base = c.produce(TOPIC, 0, first).baseOffset();
        }
        try (Broker broker = TestBrokers.start(dir); RawKafkaClient c = RawKafkaClient.connect(broker)) {
            PartitionResponse again = c.produce(TOPIC, 0, first);
            assertThat(again.errorCode()).isZero();
            assertThat(again.baseOffset()).isEqualTo(base);
            assertThat(highWatermark(broker)).isEqualTo(4);
            assertThat(c.produce(TOPIC, 0, batch(pid, (short) 0, 4, 1)).baseOffset()).isEqualTo(4);
            assertThat(c.initProducerId().producerId()).as("producer ids are not reused").isNotEqualTo(pid);
        }
    }

    @Test
    void theDuplicateIsRecognisedAfterAnUncleanRestart(@TempDir Path crashCopy) throws Exception {
        ByteBuffer first;
        long base;
        try (Broker broker = TestBrokers.start(dir); RawKafkaClient c = RawKafkaClient.connect(broker)) {
            broker.partitions().createTopic(TOPIC, 1, 1, Map.of());
            long pid = c.initProducerId().producerId();
            assertThat(c.produce(TOPIC, 0, batch(pid, (short) 0, 0, 2)).errorCode()).isZero();
            first = batch(pid, (short) 0, 2, 3);
            base = c.produce(TOPIC, 0, first).baseOffset();
            copyTree(dir, crashCopy); // what a crash right now would leave: no clean-shutdown markers
        }
        try (Broker broker = TestBrokers.start(crashCopy); RawKafkaClient c = RawKafkaClient.connect(broker)) {
            assertThat(highWatermark(broker)).isEqualTo(5);
            PartitionResponse again = c.produce(TOPIC, 0, first);
            assertThat(again.errorCode()).isZero();
            assertThat(again.baseOffset()).isEqualTo(base);
            assertThat(highWatermark(broker)).isEqualTo(5);
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(d).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                Files.copy(f, to.resolve(from.relativize(f).toString()));
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
