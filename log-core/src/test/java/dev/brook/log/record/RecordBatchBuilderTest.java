package dev.brook.log.record;

import static dev.brook.log.record.TestBatches.bytes;
import static dev.brook.log.record.TestBatches.decode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RecordBatchBuilderTest {
    private static final long T0 = 1_700_000_000_000L;

    @ParameterizedTest
    @EnumSource(names = {"NONE", "GZIP", "LZ4"})
    void roundTripsRecordsAndHeaderFields(Compression codec) {
        ByteBuffer built = new RecordBatchBuilder(codec)
                .baseOffset(1000)
                .partitionLeaderEpoch(7)
                .producer(42L, (short) 3, 17)
                .append(T0, utf8("k1"), utf8("v1"))
                .append(T0 + 5, utf8("k2"), utf8("v2"), new Header("h", utf8("x")), new Header("n", null))
                .append(T0 - 3, null, utf8("v3"))
                .build();

        assertThat(built.position()).isZero();
        assertThat(built.limit()).isEqualTo(built.capacity());
        RecordBatch batch = RecordBatch.wrap(built);
        batch.ensureValid();
        assertThat(batch.sizeInBytes()).isEqualTo(built.limit());
        assertThat(batch.length()).isEqualTo(built.limit() - RecordBatch.LOG_OVERHEAD);
        assertThat(batch.compression()).isEqualTo(codec);
        assertThat(batch.baseOffset()).isEqualTo(1000);
        assertThat(batch.lastOffset()).isEqualTo(1002);
        assertThat(batch.lastOffsetDelta()).isEqualTo(2);
        assertThat(batch.recordCount()).isEqualTo(3);
        assertThat(batch.partitionLeaderEpoch()).isEqualTo(7);
        assertThat(batch.baseTimestamp()).isEqualTo(T0);
        assertThat(batch.maxTimestamp()).isEqualTo(T0 + 5);
        assertThat(batch.timestampType()).isEqualTo(TimestampType.CREATE_TIME);
        assertThat(batch.producerId()).isEqualTo(42L);
        assertThat(batch.producerEpoch()).isEqualTo((short) 3);
        assertThat(batch.baseSequence()).isEqualTo(17);
        assertThat(batch.isTransactional()).isFalse();
        assertThat(batch.isControlBatch()).isFalse();
        assertThat(batch.hasDeleteHorizon()).isFalse();
        assertThat(batch.deleteHorizonMs()).isEqualTo(RecordBatch.NO_TIMESTAMP);

        List<Record> records = decode(built);
        assertThat(records).containsExactly(
                Record.of(1000, T0, buf("k1"), buf("v1"), List.of()),
                Record.of(1001, T0 + 5, buf("k2"), buf("v2"), List.of(new Header("h", utf8("x")), new Header("n", null))),
                Record.of(1002, T0 - 3, null, buf("v3"), List.of()));
        assertThat(records.get(1).headers().get(1).value()).isNull();
        assertThat(records.get(2).hasKey()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(names = {"NONE", "GZIP", "LZ4"})
    void tombstonesAndEmptyValuesStayDistinct(Compression codec) {
        ByteBuffer built = new RecordBatchBuilder(codec)
                .append(T0, utf8("deleted"), (byte[]) null)
                .append(T0, utf8("empty"), new byte[0])
                .append(T0, new byte[0], utf8("empty key"))
                .build();
        List<Record> records = decode(built);
        assertThat(records.get(0).isTombstone()).isTrue();
        assertThat(records.get(0).value()).isNull();
        assertThat(records.get(0).valueSize()).isEqualTo(-1);
        assertThat(records.get(1).isTombstone()).isFalse();
        assertThat(records.get(1).valueSize()).isZero();
        assertThat(records.get(2).hasKey()).isTrue();
        assertThat(records.get(2).keySize()).isZero();
    }

    @Test
    void uncompressedRecordsAreReadOnlyViewsOfTheBatch() {
        ByteBuffer built = new RecordBatchBuilder(Compression.NONE).append(T0, utf8("k"), utf8("v")).build();
        Record record = decode(built).get(0);
        assertThat(record.key().isReadOnly()).isTrue();
        assertThat(record.value().isReadOnly()).isTrue();
        assertThat(bytes(record.value())).isEqualTo(utf8("v"));
    }

    @Test
    void keyAndValueBuffersAreNotMovedAndOnlyTheirRemainingBytesAreWritten() {
        ByteBuffer key = ByteBuffer.wrap(utf8("xxKEYxx")).position(2).limit(5);
        ByteBuffer value = ByteBuffer.wrap(utf8("value"));
        ByteBuffer built = new RecordBatchBuilder(Compression.NONE).append(T0, key, value).build();
        assertThat(key.position()).isEqualTo(2);
        assertThat(value.position()).isZero();
        Record record = decode(built).get(0);
        assertThat(bytes(record.key())).isEqualTo(utf8("KEY"));
    }

    @ParameterizedTest
    @EnumSource(names = {"NONE", "GZIP", "LZ4"})
    void transactionMarkerControlBatch(Compression codec) {
        ByteBuffer value = ByteBuffer.allocate(6).putShort((short) 0).putInt(12).flip();
        ByteBuffer built = new RecordBatchBuilder(codec)
                .baseOffset(50)
                .producer(9L, (short) 1, RecordBatch.NO_SEQUENCE)
                .transactional(true)
                .appendControl(ControlRecordType.COMMIT, T0, value)
                .build();
        RecordBatch batch = RecordBatch.wrap(built);
        assertThat(batch.isControlBatch()).isTrue();
        assertThat(batch.isTransactional()).isTrue();
        assertThat(batch.recordCount()).isEqualTo(1);
        Record record = decode(built).get(0);
        assertThat(record.offset()).isEqualTo(50);
        assertThat(ControlRecordType.parseKey(record.key())).isEqualTo(ControlRecordType.COMMIT);
        assertThat(bytes(record.key())).containsExactly(0, 0, 0, 1);
        assertThat(record.value().getInt(2)).isEqualTo(12);
    }

    @Test
    void controlRecordMustBeAlone() {
        RecordBatchBuilder withData = new RecordBatchBuilder(Compression.NONE).append(T0, null, utf8("v"));
        assertThatThrownBy(() -> withData.appendControl(ControlRecordType.ABORT, T0, null))
                .isInstanceOf(IllegalStateException.class);
        RecordBatchBuilder control = new RecordBatchBuilder(Compression.NONE)
                .appendControl(ControlRecordType.ABORT, T0, null);
        assertThatThrownBy(() -> control.append(T0, null, utf8("v"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new RecordBatchBuilder(Compression.NONE)
                .appendControl(ControlRecordType.UNKNOWN, T0, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(names = {"NONE", "GZIP", "LZ4"})
    void deleteHorizonIsStoredAsBaseTimestampAndRecordTimestampsSurvive(Compression codec) {
        long horizon = T0 + 86_400_000L;
        ByteBuffer built = new RecordBatchBuilder(codec)
                .deleteHorizon(horizon)
                .append(T0, utf8("a"), null)
                .append(T0 + 10, utf8("b"), utf8("v"))
                .build();
        RecordBatch batch = RecordBatch.wrap(built);
        assertThat(batch.hasDeleteHorizon()).isTrue();
        assertThat(batch.attributes() & 0x40).isEqualTo(0x40);
        assertThat(batch.baseTimestamp()).isEqualTo(horizon);
        assertThat(batch.deleteHorizonMs()).isEqualTo(horizon);
        assertThat(batch.maxTimestamp()).isEqualTo(T0 + 10);
        assertThat(decode(built)).extracting(Record::timestamp).containsExactly(T0, T0 + 10);
        BatchValidator.validate(batch);
    }

    @Test
    void logAppendTimeReportsTheAppendTimeForEveryRecord() {
        ByteBuffer built = new RecordBatchBuilder(Compression.LZ4)
                .logAppendTime(T0 + 999)
                .append(T0, null, utf8("a"))
                .append(T0 + 1, null, utf8("b"))
                .build();
        RecordBatch batch = RecordBatch.wrap(built);
        assertThat(batch.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
        assertThat(batch.maxTimestamp()).isEqualTo(T0 + 999);
        assertThat(decode(built)).extracting(Record::timestamp).containsExactly(T0 + 999, T0 + 999);
    }

    @Test
    void appendWithOffsetKeepsGapsAsCompactionDoes() {
        ByteBuffer built = new RecordBatchBuilder(Compression.GZIP)
                .baseOffset(100)
                .appendWithOffset(100, T0, buf("a"), buf("1"))
                .appendWithOffset(104, T0, buf("b"), buf("2"))
                .append(T0, buf("c"), buf("3"))
                .build();
        RecordBatch batch = RecordBatch.wrap(built);
        assertThat(batch.lastOffsetDelta()).isEqualTo(5);
        assertThat(batch.recordCount()).isEqualTo(3);
        assertThat(decode(built)).extracting(Record::offset).containsExactly(100L, 104L, 105L);
        assertThatThrownBy(() -> BatchValidator.validate(batch))
                .isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("last offset delta 5");
    }

    @Test
    void rejectsOffsetsThatDoNotIncreaseOrLeaveTheIntRange() {
        RecordBatchBuilder builder = new RecordBatchBuilder(Compression.NONE).baseOffset(10)
                .appendWithOffset(12, T0, null, buf("x"));
        assertThatThrownBy(() -> builder.appendWithOffset(12, T0, null, buf("y")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecordBatchBuilder(Compression.NONE).baseOffset(10)
                .appendWithOffset(9, T0, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecordBatchBuilder(Compression.NONE)
                .appendWithOffset(1L << 31, T0, null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsInvalidNegativeTimestamps() {
        assertThatThrownBy(() -> new RecordBatchBuilder(Compression.NONE).append(-2, null, utf8("v")))
                .isInstanceOf(IllegalArgumentException.class);
        ByteBuffer noTimestamp = new RecordBatchBuilder(Compression.NONE)
                .append(RecordBatch.NO_TIMESTAMP, null, utf8("v")).build();
        assertThat(RecordBatch.wrap(noTimestamp).maxTimestamp()).isEqualTo(RecordBatch.NO_TIMESTAMP);
        assertThat(decode(noTimestamp).get(0).timestamp()).isEqualTo(RecordBatch.NO_TIMESTAMP);
    }

    @Test
    void configurationIsFrozenAfterTheFirstAppendAndBuildHappensOnce() {
        RecordBatchBuilder builder = new RecordBatchBuilder(Compression.NONE).append(T0, null, utf8("v"));
        assertThatThrownBy(() -> builder.baseOffset(5)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> builder.deleteHorizon(5)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> builder.producer(1, (short) 0, 0)).isInstanceOf(IllegalStateException.class);
        builder.build();
        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> builder.append(T0, null, utf8("v"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesEmptyBatchesUnsupportedCodecsAndTransactionsWithoutProducer() {
        assertThatThrownBy(() -> new RecordBatchBuilder(Compression.NONE).build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new RecordBatchBuilder(Compression.SNAPPY))
                .isInstanceOf(UnsupportedCompressionException.class);
        assertThatThrownBy(() -> new RecordBatchBuilder(Compression.ZSTD))
                .isInstanceOf(UnsupportedCompressionException.class);
        assertThatThrownBy(() -> new RecordBatchBuilder(Compression.NONE).transactional(true)
                .append(T0, null, utf8("v")).build()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void estimatedSizeIsExactWithoutCompressionAndAnUpperBoundForCompressibleData() {
        RecordBatchBuilder plain = new RecordBatchBuilder(Compression.NONE);
        RecordBatchBuilder lz4 = new RecordBatchBuilder(Compression.LZ4);
        assertThat(plain.estimatedSizeInBytes()).isEqualTo(RecordBatch.HEADER_SIZE);
        byte[] value = new byte[10_000];
        for (int i = 0; i < 20; i++) {
            plain.append(T0, null, value, new Header("h", value));
            lz4.append(T0, null, value, new Header("h", value));
        }
        assertThat(plain.recordCount()).isEqualTo(20);
        int estimate = plain.estimatedSizeInBytes();
        assertThat(plain.build().limit()).isEqualTo(estimate);
        assertThat(lz4.estimatedSizeInBytes()).isEqualTo(estimate);
        assertThat(lz4.build().limit()).isLessThan(estimate / 10);
    }

    @Test
    void growsPastItsInitialBuffer() {
        RecordBatchBuilder builder = new RecordBatchBuilder(Compression.NONE);
        byte[] big = new byte[300_000];
        big[299_999] = 7;
        builder.append(T0, null, new byte[10]).append(T0, null, big).append(T0, null, new byte[3]);
        List<Record> records = decode(builder.build());
        assertThat(records).hasSize(3);
        assertThat(bytes(records.get(1).value())).isEqualTo(big);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static ByteBuffer buf(String s) {
        return ByteBuffer.wrap(utf8(s));
    }
}
