package dev.brook.log.record;

import static dev.brook.log.record.RecordBatchBuilderTest.utf8;
import static dev.brook.log.record.RecordDecodingTest.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class BatchValidatorTest {
    private static final long T0 = 1_700_000_000_000L;

    @ParameterizedTest
    @EnumSource(names = {"NONE", "GZIP", "LZ4"})
    void summarisesAValidBatch(Compression codec) {
        ByteBuffer built = new RecordBatchBuilder(codec)
                .append(T0, utf8("a"), utf8("1"))
                .append(T0 + 50, null, utf8("2"))
                .append(T0 + 50, utf8("c"), null)
                .append(T0 + 10, utf8("d"), utf8("4"), new Header("h", null))
                .build();
        BatchSummary summary = BatchValidator.validate(RecordBatch.wrap(built));
        assertThat(summary.recordCount()).isEqualTo(4);
        assertThat(summary.maxTimestamp()).isEqualTo(T0 + 50);
        assertThat(summary.offsetDeltaOfMaxTimestamp()).isEqualTo(1);
        assertThat(summary.hasNullKey()).isTrue();
        int uncompressed = new RecordBatchBuilder(Compression.NONE)
                .append(T0, utf8("a"), utf8("1"))
                .append(T0 + 50, null, utf8("2"))
                .append(T0 + 50, utf8("c"), null)
                .append(T0 + 10, utf8("d"), utf8("4"), new Header("h", null))
                .build().limit();
        assertThat(summary.uncompressedSizeInBytes()).isEqualTo(uncompressed);
    }

    @Test
    void summaryOfKeyedLogAppendTimeBatch() {
        ByteBuffer built = new RecordBatchBuilder(Compression.NONE).logAppendTime(T0 + 7)
                .append(T0, utf8("a"), utf8("1")).append(T0 + 100, utf8("b"), utf8("2")).build();
        BatchSummary summary = BatchValidator.validate(RecordBatch.wrap(built));
        assertThat(summary.maxTimestamp()).isEqualTo(T0 + 7);
        assertThat(summary.offsetDeltaOfMaxTimestamp()).isZero();
        assertThat(summary.hasNullKey()).isFalse();
    }

    @Test
    void badChecksumIsCorrupt() {
        ByteBuffer built = valid();
        built.put(built.limit() - 1, (byte) (built.get(built.limit() - 1) + 1));
        assertInvalid(built, CorruptRecordException.class, "CRC mismatch");
    }

    @Test
    void wrongMagicIsCorrupt() {
        ByteBuffer built = valid();
        built.put(RecordBatch.MAGIC_OFFSET, (byte) 1);
        assertInvalid(built, CorruptRecordException.class, "unsupported magic 1");
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 5, 6, 7})
    void unsupportedCodecsAreRefusedWithTheirOwnException(int codecId) {
        ByteBuffer built = mutated(b -> b.putShort(RecordBatch.ATTRIBUTES_OFFSET, (short) codecId));
        assertInvalid(built, UnsupportedCompressionException.class, "codec");
    }

    @Test
    void unusedAttributeBitsAreCorrupt() {
        assertInvalid(mutated(b -> b.putShort(RecordBatch.ATTRIBUTES_OFFSET, (short) 0x80)),
                CorruptRecordException.class, "unused attribute bits");
    }

    @Test
    void emptyBatchIsRefusedOnProduce() {
        ByteBuffer empty = batch(Compression.NONE, 0, 0, new Wire());
        assertInvalid(empty, CorruptRecordException.class, "holds no records");
    }

    @Test
    void lastOffsetDeltaMustMatchTheCount() {
        assertInvalid(mutated(b -> b.putInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET, 5)), CorruptRecordException.class,
                "last offset delta 5 does not match 2 records");
        assertInvalid(mutated(b -> b.putInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET, -1)), CorruptRecordException.class,
                "negative");
    }

    @Test
    void offsetDeltasMustBeExactlyZeroToCountMinusOne() {
        Wire swapped = new Wire().record(Wire.body(1, null, null)).record(Wire.body(0, null, null));
        assertInvalid(batch(Compression.LZ4, 2, 1, swapped), CorruptRecordException.class, "offset delta");
        Wire gap = new Wire().record(Wire.body(0, null, null)).record(Wire.body(2, null, null))
                .record(Wire.body(3, null, null));
        assertInvalid(batch(Compression.NONE, 3, 2, gap), CorruptRecordException.class, "offset delta 2");
    }

    @Test
    void recordCountMustMatchTheRecords() {
        Wire two = new Wire().record(Wire.body(0, null, null)).record(Wire.body(1, null, null));
        assertInvalid(batch(Compression.GZIP, 3, 2, two), CorruptRecordException.class, "declares 3 records");
        assertInvalid(batch(Compression.GZIP, 1, 0, two), CorruptRecordException.class, "bytes follow");
    }

    @Test
    void idempotenceFieldsMustAgree() {
        assertInvalid(new RecordBatchBuilder(Compression.NONE).producer(5, (short) 0, -1)
                .append(T0, null, utf8("v")).build(), CorruptRecordException.class, "invalid base sequence -1");
        ByteBuffer noProducer = mutated(b -> b.putShort(RecordBatch.ATTRIBUTES_OFFSET,
                (short) RecordBatch.TRANSACTIONAL_MASK));
        assertInvalid(noProducer, CorruptRecordException.class, "transactional batch without a producer id");
    }

    @Test
    void controlBatchMustHoldOneRecordWithAControlKey() {
        ByteBuffer marker = new RecordBatchBuilder(Compression.NONE).producer(1, (short) 0, RecordBatch.NO_SEQUENCE)
                .transactional(true)
                .appendControl(ControlRecordType.ABORT, T0, ByteBuffer.allocate(6)).build();
        assertThat(BatchValidator.validate(RecordBatch.wrap(marker)).recordCount()).isEqualTo(1);

        ByteBuffer template = new RecordBatchBuilder(Compression.NONE).producer(1, (short) 0, 0).transactional(true)
                .appendControl(ControlRecordType.ABORT, T0, null).build();
        Wire twoKeys = new Wire().record(Wire.body(0, new byte[4], null)).record(Wire.body(1, new byte[4], null));
        ByteBuffer two = TestBatches.withRecordsSection(RecordBatch.wrap(withCount(template, 2)),
                twoKeys.toByteArray());
        assertInvalid(two, CorruptRecordException.class, "control batch holds 2 records");

        ByteBuffer shortKey = TestBatches.withRecordsSection(RecordBatch.wrap(template),
                new Wire().record(Wire.body(0, new byte[2], null)).toByteArray());
        assertInvalid(shortKey, CorruptRecordException.class, "control record key has 2 bytes");
        ByteBuffer nullKey = TestBatches.withRecordsSection(RecordBatch.wrap(template),
                new Wire().record(Wire.body(0, null, null)).toByteArray());
        assertInvalid(nullKey, CorruptRecordException.class, "control record has a null key");
    }

    @Test
    void truncatedOrOversizedLengthsNeverEscapeAsBufferErrors() {
        ByteBuffer built = valid();
        for (int size = RecordBatch.HEADER_SIZE; size < built.limit(); size++) {
            ByteBuffer truncated = TestBatches.copy(built.duplicate().limit(size));
            truncated.putInt(RecordBatch.LENGTH_OFFSET, size - RecordBatch.LOG_OVERHEAD);
            TestBatches.fixChecksum(truncated);
            assertThatThrownBy(() -> BatchValidator.validate(RecordBatch.wrap(truncated)))
                    .isInstanceOf(CorruptRecordException.class);
        }
    }

    private static ByteBuffer valid() {
        return new RecordBatchBuilder(Compression.NONE).append(T0, utf8("k"), utf8("v"))
                .append(T0 + 1, utf8("k2"), utf8("v2")).build();
    }

    /** A valid two-record batch changed by {@code change}, with its CRC fixed so the change is what fails. */
    private static ByteBuffer mutated(Consumer<ByteBuffer> change) {
        ByteBuffer built = valid();
        change.accept(built);
        return TestBatches.fixChecksum(built);
    }

    private static ByteBuffer withCount(ByteBuffer template, int count) {
        ByteBuffer copy = TestBatches.copy(template);
        copy.putInt(RecordBatch.RECORDS_COUNT_OFFSET, count);
        copy.putInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET, count - 1);
        return copy;
    }

    private static void assertInvalid(ByteBuffer batch, Class<? extends InvalidBatchException> type,
            String message) {
        assertThatThrownBy(() -> BatchValidator.validate(RecordBatch.wrap(batch)))
                .isInstanceOf(type)
                .hasMessageContaining(message);
    }
}
