package dev.brook.log.record;

import static dev.brook.log.record.RandomizedRoundTripTest.withSeed;
import static dev.brook.log.record.RecordBatchBuilderTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.EndTransactionMarker;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.utils.ByteBufferOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Brook's codec against kafka-clients' own record classes, both ways: Kafka-built batches must validate and decode
 * to the records Kafka reads from them, and Brook-built batches must pass Kafka's {@code ensureValid()} and read
 * back identically. Seeded; rerun a failure with {@code -Dbrook.seed=<seed>}.
 */
class KafkaCompatibilityTest {
    private static final byte MAGIC_V2 = org.apache.kafka.common.record.internal.RecordBatch.MAGIC_VALUE_V2;
    private static final long T0 = 1_700_000_000_000L;
    private static final int ITERATIONS = 40;

    @ParameterizedTest
    @EnumSource(names = {"NONE", "GZIP", "LZ4"})
    void kafkaBuiltBatchesValidateAndDecodeIdentically(Compression codec) {
        long seed = Long.getLong("brook.seed", System.nanoTime());
        Random random = new Random(seed);
        RandomRecords generator = new RandomRecords(random);
        for (int i = 0; i < ITERATIONS; i++) {
            withSeed(seed, i, () -> {
                boolean logAppendTime = random.nextInt(3) == 0;
                boolean idempotent = random.nextBoolean();
                boolean transactional = idempotent && random.nextBoolean();
                long producerId = idempotent ? random.nextLong() >>> 1 : RecordBatch.NO_PRODUCER_ID;
                short epoch = idempotent ? (short) random.nextInt(Short.MAX_VALUE) : RecordBatch.NO_PRODUCER_EPOCH;
                int sequence = idempotent ? random.nextInt(Integer.MAX_VALUE) : RecordBatch.NO_SEQUENCE;
                long baseOffset = random.nextBoolean() ? 0 : random.nextLong() >>> 4;
                MemoryRecordsBuilder builder = MemoryRecords.builder(ByteBuffer.allocate(256), MAGIC_V2,
                        kafkaCompression(codec),
                        logAppendTime ? org.apache.kafka.common.record.TimestampType.LOG_APPEND_TIME
                                : org.apache.kafka.common.record.TimestampType.CREATE_TIME,
                        baseOffset, logAppendTime ? T0 + 12_345 : RecordBatch.NO_TIMESTAMP, producerId, epoch,
                        sequence, transactional, random.nextInt(50));
                List<RandomRecords.Spec> specs = generator.specs(1 + random.nextInt(30));
                for (RandomRecords.Spec spec : specs) {
                    builder.append(spec.timestamp(), spec.key(), spec.value(), kafkaHeaders(spec.headers()));
                }
                assertKafkaBatchMatches(builder.build(), specs.size());
            });
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"NONE", "GZIP", "LZ4"})
    void kafkaConvenienceBuildersAreAccepted(Compression codec) {
        SimpleRecord[] records = {
            new SimpleRecord(T0, utf8("k1"), utf8("v1")),
            new SimpleRecord(T0 + 1, null, utf8("v2")),
            new SimpleRecord(T0 + 2, utf8("k3"), null,
                    new org.apache.kafka.common.header.Header[] {new RecordHeader("h", null)}),
        };
        assertKafkaBatchMatches(MemoryRecords.withRecords(kafkaCompression(codec), records), 3);
        assertKafkaBatchMatches(MemoryRecords.withRecords(1234L, kafkaCompression(codec), records), 3);
        assertKafkaBatchMatches(MemoryRecords.withIdempotentRecords(kafkaCompression(codec), 77L, (short) 2, 40,
                records), 3);
        assertKafkaBatchMatches(MemoryRecords.withTransactionalRecords(kafkaCompression(codec), 78L, (short) 3, 0,
                records), 3);
    }

    @Test
    void kafkaTransactionMarkersAreValidControlBatches() {
        for (var type : List.of(org.apache.kafka.common.record.internal.ControlRecordType.COMMIT,
                org.apache.kafka.common.record.internal.ControlRecordType.ABORT)) {
            MemoryRecords marker = MemoryRecords.withEndTransactionMarker(500L, T0, 4, 99L, (short) 1,
                    new EndTransactionMarker(type, 17));
            RecordBatch batch = RecordBatch.wrap(marker.buffer());
            BatchSummary summary = BatchValidator.validate(batch);
            assertThat(summary.recordCount()).isEqualTo(1);
            assertThat(batch.isControlBatch()).isTrue();
            assertThat(batch.isTransactional()).isTrue();
            Record record = TestBatches.decode(marker.buffer()).get(0);
            assertThat(ControlRecordType.parseKey(record.key()).id()).isEqualTo(type.type());
            assertThat(record.value().getInt(2)).isEqualTo(17);
        }
    }

    @Test
    void brookBuiltBatchesAreReadByKafka() {
        long seed = Long.getLong("brook.seed", System.nanoTime());
        Random random = new Random(seed);
        RandomRecords generator = new RandomRecords(random);
        for (int i = 0; i < 3 * ITERATIONS; i++) {
            withSeed(seed, i, () -> {
                Compression codec = generator.codec();
                List<RandomRecords.Spec> specs = generator.specs(1 + random.nextInt(30));
                RecordBatchBuilder builder = generator.builder(codec, specs);
                ByteBuffer built = builder.build();
                assertBrookBatchMatches(built, specs);
            });
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"NONE", "GZIP", "LZ4"})
    void brookLogAppendTimeTransactionalAndDeleteHorizonBatchesAreReadByKafka(Compression codec) {
        ByteBuffer appendTime = new RecordBatchBuilder(codec).baseOffset(9).logAppendTime(T0 + 500)
                .producer(5L, (short) 1, 3).transactional(true)
                .append(T0, utf8("a"), utf8("1")).append(T0 + 2, null, utf8("2")).build();
        MutableRecordBatch kafka = onlyBatch(MemoryRecords.readableRecords(appendTime));
        kafka.ensureValid();
        assertThat(kafka.timestampType()).isEqualTo(org.apache.kafka.common.record.TimestampType.LOG_APPEND_TIME);
        assertThat(kafka.maxTimestamp()).isEqualTo(T0 + 500);
        assertThat(kafka.isTransactional()).isTrue();
        assertThat(kafka.lastSequence()).isEqualTo(4);
        assertThat(kafkaRecords(kafka)).extracting(Record::timestamp).containsExactly(T0 + 500, T0 + 500);

        long horizon = T0 + 86_400_000L;
        ByteBuffer withHorizon = new RecordBatchBuilder(codec).deleteHorizon(horizon)
                .append(T0, utf8("gone"), (byte[]) null).append(T0 + 3, utf8("kept"), utf8("v")).build();
        MutableRecordBatch kafkaHorizon = onlyBatch(MemoryRecords.readableRecords(withHorizon));
        kafkaHorizon.ensureValid();
        assertThat(kafkaHorizon.deleteHorizonMs()).isEqualTo(OptionalLong.of(horizon));
        assertThat(kafkaRecords(kafkaHorizon)).isEqualTo(TestBatches.decode(withHorizon));
        assertThat(kafkaRecords(kafkaHorizon)).extracting(Record::timestamp).containsExactly(T0, T0 + 3);
    }

    @ParameterizedTest
    @EnumSource(names = {"NONE", "GZIP", "LZ4"})
    void kafkaDeleteHorizonBatchesDecodeIdentically(Compression codec) {
        long horizon = T0 + 3_600_000L;
        MemoryRecordsBuilder builder = new MemoryRecordsBuilder(new ByteBufferOutputStream(ByteBuffer.allocate(256)),
                MAGIC_V2, kafkaCompression(codec), org.apache.kafka.common.record.TimestampType.CREATE_TIME, 70L,
                RecordBatch.NO_TIMESTAMP, RecordBatch.NO_PRODUCER_ID, RecordBatch.NO_PRODUCER_EPOCH,
                RecordBatch.NO_SEQUENCE, false, false, 0, Integer.MAX_VALUE, horizon);
        builder.append(T0, utf8("a"), null);
        builder.append(T0 + 9, utf8("b"), utf8("v"));
        MemoryRecords records = builder.build();
        RecordBatch batch = RecordBatch.wrap(records.buffer());
        assertThat(batch.hasDeleteHorizon()).isTrue();
        assertThat(batch.deleteHorizonMs()).isEqualTo(horizon);
        assertKafkaBatchMatches(records, 2);
    }

    @ParameterizedTest
    @EnumSource(names = {"NONE", "GZIP", "LZ4"})
    void brookControlBatchesAreKafkaTransactionMarkers(Compression codec) {
        ByteBuffer value = ByteBuffer.allocate(6).putShort((short) 0).putInt(23).flip();
        ByteBuffer built = new RecordBatchBuilder(codec).baseOffset(40).producer(8L, (short) 2, RecordBatch.NO_SEQUENCE)
                .transactional(true).appendControl(ControlRecordType.ABORT, T0, value).build();
        MutableRecordBatch kafka = onlyBatch(MemoryRecords.readableRecords(built));
        kafka.ensureValid();
        assertThat(kafka.isControlBatch()).isTrue();
        org.apache.kafka.common.record.internal.Record record = kafka.iterator().next();
        EndTransactionMarker marker = EndTransactionMarker.deserialize(record);
        assertThat(marker.controlType()).isEqualTo(org.apache.kafka.common.record.internal.ControlRecordType.ABORT);
        assertThat(marker.coordinatorEpoch()).isEqualTo(23);
    }

    @ParameterizedTest
    @EnumSource(names = {"SNAPPY", "ZSTD"})
    void kafkaSnappyAndZstdBatchesAreRefusedAsUnsupported(Compression codec) {
        MemoryRecords records = MemoryRecords.withRecords(kafkaCompression(codec),
                new SimpleRecord(T0, utf8("k"), utf8("a value worth compressing, a value worth compressing")));
        MutableRecordBatch kafka = onlyBatch(records);
        kafka.ensureValid();
        assertThat(kafka.compressionType().id).isEqualTo((byte) codec.id());

        RecordBatch batch = RecordBatch.wrap(records.buffer());
        batch.ensureValid();
        assertThat(batch.compression()).isEqualTo(codec);
        assertThatThrownBy(() -> BatchValidator.validate(batch))
                .isInstanceOf(UnsupportedCompressionException.class)
                .hasMessageContaining(codec.codecName());
        assertThatThrownBy(batch::records).isInstanceOf(UnsupportedCompressionException.class);
    }

    private static void assertKafkaBatchMatches(MemoryRecords records, int expectedCount) {
        MutableRecordBatch kafka = onlyBatch(records);
        RecordBatch batch = RecordBatch.wrap(records.buffer());
        BatchSummary summary = BatchValidator.validate(batch);
        assertThat(summary.recordCount()).isEqualTo(expectedCount);
        assertHeadersAgree(batch, kafka);
        List<Record> expected = kafkaRecords(kafka);
        assertThat(TestBatches.decode(records.buffer())).isEqualTo(expected);
        long expectedMax = expected.stream().mapToLong(Record::timestamp).max().orElseThrow();
        assertThat(summary.maxTimestamp()).isEqualTo(expectedMax);
        assertThat(summary.hasNullKey()).isEqualTo(expected.stream().anyMatch(r -> !r.hasKey()));
    }

    private static void assertBrookBatchMatches(ByteBuffer built, List<RandomRecords.Spec> specs) {
        MemoryRecords records = MemoryRecords.readableRecords(built.duplicate());
        MutableRecordBatch kafka = onlyBatch(records);
        kafka.ensureValid();
        assertThat(kafka.isValid()).isTrue();
        assertHeadersAgree(RecordBatch.wrap(built), kafka);
        assertThat(kafka.countOrNull()).isEqualTo(specs.size());
        List<Record> kafkaRecords = kafkaRecords(kafka);
        assertThat(kafkaRecords).isEqualTo(TestBatches.decode(built));
        for (int i = 0; i < specs.size(); i++) {
            assertThat(TestBatches.bytes(kafkaRecords.get(i).value())).isEqualTo(specs.get(i).value());
            assertThat(kafkaRecords.get(i).headers()).containsExactly(specs.get(i).headers());
        }
    }

    private static void assertHeadersAgree(RecordBatch batch, MutableRecordBatch kafka) {
        assertThat(batch.sizeInBytes()).isEqualTo(kafka.sizeInBytes());
        assertThat(batch.checksum()).isEqualTo(kafka.checksum());
        assertThat(batch.baseOffset()).isEqualTo(kafka.baseOffset());
        assertThat(batch.lastOffset()).isEqualTo(kafka.lastOffset());
        assertThat(batch.nextOffset()).isEqualTo(kafka.nextOffset());
        assertThat(batch.recordCount()).isEqualTo(kafka.countOrNull());
        assertThat(batch.compressionId()).isEqualTo(kafka.compressionType().id);
        assertThat(batch.timestampType().name()).isEqualTo(kafka.timestampType().name());
        assertThat(batch.maxTimestamp()).isEqualTo(kafka.maxTimestamp());
        assertThat(batch.producerId()).isEqualTo(kafka.producerId());
        assertThat(batch.producerEpoch()).isEqualTo(kafka.producerEpoch());
        assertThat(batch.baseSequence()).isEqualTo(kafka.baseSequence());
        assertThat(batch.lastSequence()).isEqualTo(kafka.lastSequence());
        assertThat(batch.partitionLeaderEpoch()).isEqualTo(kafka.partitionLeaderEpoch());
        assertThat(batch.isTransactional()).isEqualTo(kafka.isTransactional());
        assertThat(batch.isControlBatch()).isEqualTo(kafka.isControlBatch());
        OptionalLong horizon = kafka.deleteHorizonMs();
        assertThat(batch.deleteHorizonMs()).isEqualTo(horizon.orElse(RecordBatch.NO_TIMESTAMP));
    }

    private static MutableRecordBatch onlyBatch(MemoryRecords records) {
        Iterator<MutableRecordBatch> batches = records.batches().iterator();
        MutableRecordBatch batch = batches.next();
        assertThat(batches.hasNext()).isFalse();
        return batch;
    }

    /** Kafka's reading of a batch, as Brook records. */
    private static List<Record> kafkaRecords(MutableRecordBatch batch) {
        List<Record> records = new ArrayList<>();
        for (org.apache.kafka.common.record.internal.Record record : batch) {
            List<Header> headers = new ArrayList<>();
            for (org.apache.kafka.common.header.Header header : record.headers()) {
                headers.add(new Header(header.key(), header.value()));
            }
            records.add(Record.of(record.offset(), record.timestamp(), record.key(), record.value(), headers));
        }
        return records;
    }

    private static org.apache.kafka.common.compress.Compression kafkaCompression(Compression codec) {
        return org.apache.kafka.common.compress.Compression.of(CompressionType.forId(codec.id())).build();
    }

    private static org.apache.kafka.common.header.Header[] kafkaHeaders(Header[] headers) {
        org.apache.kafka.common.header.Header[] converted = new org.apache.kafka.common.header.Header[headers.length];
        for (int i = 0; i < headers.length; i++) {
            converted[i] = new RecordHeader(headers[i].key(), headers[i].value());
        }
        return converted;
    }
}
