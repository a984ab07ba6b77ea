package dev.brook.broker.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.broker.Broker;
import dev.brook.broker.RawKafkaClient;
import dev.brook.broker.TestBrokers;
import dev.brook.log.record.Compression;
import dev.brook.log.record.RecordBatch;
import dev.brook.log.record.RecordBatchBuilder;
import dev.brook.partition.topic.TopicPartition;
import dev.brook.protocol.ErrorCode;
import dev.brook.protocol.message.FetchResponse;
import dev.brook.protocol.message.ProduceResponse.PartitionResponse;
import dev.brook.protocol.wire.ByteBufferRecords;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Produce-time batch validation and compression, over the wire. */
class ProduceValidationTest {
    @TempDir
    static Path dir;
    static Broker broker;
    static int topics;

    @BeforeAll
    static void start() throws Exception {
        broker = TestBrokers.start(dir);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static String newTopic() {
        String name = "validate-" + topics++;
        broker.partitions().createTopic(name, 1, 1, Map.of());
        return name;
    }

    private static ByteBuffer batch(Compression compression, int records) {
        RecordBatchBuilder b = new RecordBatchBuilder(compression);
        for (int i = 0; i < records; i++) {
            // Repetitive values so the codecs really compress.
            b.append(System.currentTimeMillis(), ("key-" + i).getBytes(StandardCharsets.UTF_8),
                    ("value-" + i + "-" + "x".repeat(200)).getBytes(StandardCharsets.UTF_8));
        }
        return b.build();
    }

    private static long highWatermark(String topic) {
        return broker.partitions().partition(new TopicPartition(topic, 0)).highWatermark();
    }

    @Test
    void aBatchWithAFlippedByteIsCorruptAndNothingIsStored() throws Exception {
        String topic = newTopic();
        try (RawKafkaClient c = RawKafkaClient.connect(broker)) {
            ByteBuffer b = batch(Compression.NONE, 5);
            int pos = RecordBatch.HEADER_SIZE + 10;
            b.put(pos, (byte) (b.get(pos) ^ 0x40));
            PartitionResponse r = c.produce(topic, 0, b);
            assertThat(r.errorCode()).isEqualTo(ErrorCode.CORRUPT_MESSAGE.code());
            assertThat(highWatermark(topic)).isZero();
            assertThat(broker.partitions().partition(new TopicPartition(topic, 0)).logEndOffset()).isZero();
            // The partition still takes good batches.
            assertThat(c.produce(topic, 0, batch(Compression.NONE, 2)).baseOffset()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"GZIP", "LZ4"})
    void compressedBatchesRoundTripWithTheirCodec(Compression compression) throws Exception {
        String topic = newTopic();
        try (RawKafkaClient c = RawKafkaClient.connect(broker)) {
            assertThat(c.produce(topic, 0, batch(compression, 20)).errorCode()).isZero();
            FetchResponse.PartitionData data = c.fetch(topic, 0, 0, 0, 1, 1 << 20);
            ByteBuffer fetched = ((ByteBufferRecords) data.records()).buffer();
            RecordBatch stored = RecordBatch.wrap(fetched);
            assertThat(stored.compression()).isEqualTo(compression);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                expected.add("value-" + i + "-" + "x".repeat(200));
            }
            assertThat(RawKafkaClient.records(data)).extracting(RawKafkaClient.Fetched::value)
                    .containsExactlyElementsOf(expected);
            assertThat(RawKafkaClient.records(data)).extracting(RawKafkaClient.Fetched::offset)
                    .containsExactly(java.util.stream.LongStream.range(0, 20).boxed().toArray(Long[]::new));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"SNAPPY", "ZSTD"})
    void snappyAndZstdAreRefused(Compression compression) throws Exception {
        String topic = newTopic();
        try (RawKafkaClient c = RawKafkaClient.connect(broker)) {
            // log-core cannot write these codecs: label an uncompressed batch with the codec id (valid CRC).
            ByteBuffer b = batch(Compression.NONE, 3);
            short attributes = b.getShort(RecordBatch.ATTRIBUTES_OFFSET);
            b.putShort(RecordBatch.ATTRIBUTES_OFFSET, (short) (attributes | compression.id()));
            RecordBatch.wrap(b).updateChecksum();
            PartitionResponse r = c.produce(topic, 0, b);
            assertThat(r.errorCode()).isEqualTo(ErrorCode.UNSUPPORTED_COMPRESSION_TYPE.code());
            assertThat(highWatermark(topic)).isZero();
        }
    }
}
