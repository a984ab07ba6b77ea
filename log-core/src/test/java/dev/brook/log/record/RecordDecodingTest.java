package dev.brook.log.record;

import static dev.brook.log.record.RecordBatchBuilderTest.utf8;
import static dev.brook.log.record.TestBatches.decode;
import static dev.brook.log.record.TestBatches.withRecordsSection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Decoding of records sections, well formed or not, for every supported codec. */
class RecordDecodingTest {
    private static final long T0 = 1_700_000_000_000L;

    @ParameterizedTest
    @EnumSource(names = {"NONE", "GZIP", "LZ4"})
    void decodesHandWrittenRecords(Compression codec) {
        Wire records = new Wire()
                .record(Wire.body(0, utf8("k"), utf8("v")))
                .record(new Wire().int8(0).varlong(-7).varint(1).varint(-1).varint(-1)
                        .varint(2).varint(1).raw(utf8("a")).varint(-1).varint(0).varint(0));
        List<Record> decoded = decode(batch(codec, 2, 1, records));
        assertThat(decoded).hasSize(2);
        assertThat(decoded.get(1).timestamp()).isEqualTo(T0 - 7);
        assertThat(decoded.get(1).isTombstone()).isTrue();
        assertThat(decoded.get(1).headers()).containsExactly(new Header("a", null), new Header("", new byte[0]));
    }

    @ParameterizedTest
    @EnumSource(names = {"NONE", "GZIP", "LZ4"})
    void trailingBytesAfterTheLastRecordAreCorrupt(Compression codec) {
        Wire records = new Wire().record(Wire.body(0, null, utf8("v"))).int8(0);
        assertCorrupt(batch(codec, 1, 0, records)).hasMessageContaining("bytes follow the last of 1 records");
    }

    @ParameterizedTest
    @EnumSource(names = {"NONE", "GZIP", "LZ4"})
    void moreRecordsThanDeclaredAreCorrupt(Compression codec) {
        Wire records = new Wire().record(Wire.body(0, null, utf8("v"))).record(Wire.body(1, null, utf8("w")));
        assertCorrupt(batch(codec, 1, 1, records)).hasMessageContaining("bytes follow the last of 1 records");
    }

    @ParameterizedTest
    @EnumSource(names = {"NONE", "GZIP", "LZ4"})
    void fewerRecordsThanDeclaredAreCorrupt(Compression codec) {
        Wire records = new Wire().record(Wire.body(0, null, utf8("v")));
        assertCorrupt(batch(codec, 3, 2, records)).hasMessageContaining("declares 3 records")
                .hasMessageContaining("ends after 1");
    }

    @ParameterizedTest
    @EnumSource(names = {"NONE", "GZIP", "LZ4"})
    void recordLengthBeyondTheSectionIsCorrupt(Compression codec) {
        byte[] body = Wire.body(0, null, utf8("value")).toByteArray();
        Wire records = new Wire().varint(body.length + 1).raw(body);
        assertCorrupt(batch(codec, 1, 0, records)).hasMessageContaining("record length " + (body.length + 1));
    }

    @ParameterizedTest
    @EnumSource(names = {"NONE", "GZIP", "LZ4"})
    void negativeRecordLengthIsCorrupt(Compression codec) {
        assertCorrupt(batch(codec, 1, 0, new Wire().varint(-5).raw(new byte[10])))
                .hasMessageContaining("record length -5");
    }

    @ParameterizedTest
    @EnumSource(names = {"NONE", "GZIP", "LZ4"})
    void recordLengthLongerThanItsFieldsIsCorrupt(Compression codec) {
        Wire records = new Wire().record(Wire.body(0, null, utf8("v")).int8(9));
        assertCorrupt(batch(codec, 1, 0, records)).hasMessageContaining("record 0 of 1")
                .hasMessageContaining("1 trailing bytes");
    }

    @Test
    void nonZeroRecordAttributesAreCorrupt() {
        Wire records = new Wire().record(new Wire().int8(1).varlong(0).varint(0).varint(-1).varint(-1).varint(0));
        assertCorrupt(batch(Compression.NONE, 1, 0, records)).hasMessageContaining("record attributes must be 0");
    }

    @Test
    void emptyRecordBodyIsCorrupt() {
        assertCorrupt(batch(Compression.NONE, 1, 0, new Wire().varint(0))).hasMessageContaining("empty record body");
    }

    @Test
    void keyOrValueLengthsOutOfBoundsAreCorrupt() {
        Wire longKey = new Wire().int8(0).varlong(0).varint(0).varint(100).raw(new byte[3]).varint(-1).varint(0);
        assertCorrupt(batch(Compression.NONE, 1, 0, new Wire().record(longKey)))
                .hasMessageContaining("key length 100");
        Wire minusTwo = new Wire().int8(0).varlong(0).varint(0).varint(-1).varint(-2).varint(0);
        assertCorrupt(batch(Compression.NONE, 1, 0, new Wire().record(minusTwo)))
                .hasMessageContaining("value length -2");
        Wire hugeValue = new Wire().int8(0).varlong(0).varint(0).varint(-1).varint(Integer.MAX_VALUE).varint(0);
        assertCorrupt(batch(Compression.LZ4, 1, 0, new Wire().record(hugeValue)))
                .hasMessageContaining("value length " + Integer.MAX_VALUE);
    }

    @Test
    void headerWithNullKeyIsCorrupt() {
        Wire body = new Wire().int8(0).varlong(0).varint(0).varint(-1).varint(-1).varint(1).varint(-1).varint(-1);
        assertCorrupt(batch(Compression.GZIP, 1, 0, new Wire().record(body)))
                .hasMessageContaining("header 0 has a null key");
    }

    @Test
    void impossibleHeaderCountsAreCorrupt() {
        Wire huge = new Wire().int8(0).varlong(0).varint(0).varint(-1).varint(-1).varint(Integer.MAX_VALUE);
        assertCorrupt(batch(Compression.NONE, 1, 0, new Wire().record(huge))).hasMessageContaining("header count");
        Wire negative = new Wire().int8(0).varlong(0).varint(0).varint(-1).varint(-1).varint(-1);
        assertCorrupt(batch(Compression.NONE, 1, 0, new Wire().record(negative)))
                .hasMessageContaining("header count -1");
        Wire headerValueTooLong = new Wire().int8(0).varlong(0).varint(0).varint(-1).varint(-1)
                .varint(1).varint(1).raw(utf8("k")).varint(5).raw(new byte[2]);
        assertCorrupt(batch(Compression.NONE, 1, 0, new Wire().record(headerValueTooLong)))
                .hasMessageContaining("header value length 5");
    }

    @Test
    void truncatedVarintInsideARecordIsCorrupt() {
        Wire body = new Wire().int8(0).varlong(0).raw(new byte[] {(byte) 0x80});
        assertCorrupt(batch(Compression.NONE, 1, 0, new Wire().record(body)))
                .hasMessageContaining("offset delta: varint truncated");
    }

    @Test
    void offsetDeltasMustIncreaseAndStayWithinTheLastOffsetDelta() {
        Wire repeated = new Wire().record(Wire.body(0, null, null)).record(Wire.body(0, null, null));
        assertCorrupt(batch(Compression.NONE, 2, 1, repeated)).hasMessageContaining("record 1 has offset delta 0");
        Wire beyond = new Wire().record(Wire.body(0, null, null)).record(Wire.body(5, null, null));
        assertCorrupt(batch(Compression.NONE, 2, 1, beyond)).hasMessageContaining("offset delta 5");
        Wire negative = new Wire().record(Wire.body(-1, null, null));
        assertCorrupt(batch(Compression.NONE, 1, 0, negative)).hasMessageContaining("offset delta -1");
        Wire gap = new Wire().record(Wire.body(0, null, null)).record(Wire.body(3, null, null));
        assertThat(decode(batch(Compression.NONE, 2, 3, gap))).extracting(Record::offset).containsExactly(0L, 3L);
    }

    @Test
    void decodingIsLazyAndStopsAtTheFirstCorruptRecord() {
        Wire records = new Wire()
                .record(Wire.body(0, null, utf8("a")))
                .record(Wire.body(1, null, utf8("b")))
                .record(new Wire().int8(7));
        RecordBatch batch = RecordBatch.wrap(batch(Compression.LZ4, 3, 2, records));
        try (CloseableIterator<Record> it = batch.records()) {
            assertThat(it.next().offset()).isZero();
            assertThat(it.next().offset()).isEqualTo(1);
            assertThat(it.hasNext()).isTrue();
            assertThatThrownBy(it::next).isInstanceOf(CorruptRecordException.class)
                    .hasMessageContaining("record 2 of 3");
        }
    }

    @Test
    void iteratorEndsCleanlyAndCanBeClosedEarlyOrTwice() {
        ByteBuffer built = new RecordBatchBuilder(Compression.GZIP).append(T0, null, utf8("a"))
                .append(T0, null, utf8("b")).build();
        CloseableIterator<Record> early = RecordBatch.wrap(built).records();
        early.next();
        early.close();
        early.close();
        try (CloseableIterator<Record> it = RecordBatch.wrap(built).records()) {
            it.next();
            it.next();
            assertThat(it.hasNext()).isFalse();
            assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"GZIP", "LZ4"})
    void decompressionCapStopsOversizedAndForgedRecords(Compression codec) {
        ByteBuffer bomb = new RecordBatchBuilder(codec).append(T0, null, new byte[2 * 1024 * 1024]).build();
        assertThat(bomb.limit()).isLessThan(20_000);
        RecordBatch batch = RecordBatch.wrap(bomb);
        BatchValidator.validate(batch);
        assertThatThrownBy(() -> BatchValidator.validate(batch, 1024 * 1024))
                .isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("decompression limit of 1048576 bytes");
    }

    @ParameterizedTest
    @EnumSource(names = {"GZIP", "LZ4"})
    void corruptOrTruncatedCompressedStreamsSurfaceAsCorruptRecordException(Compression codec) {
        byte[] value = new byte[5000];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) (i * 31 / 7);
        }
        ByteBuffer built = new RecordBatchBuilder(codec).append(T0, utf8("k"), value).build();
        for (int position = RecordBatch.HEADER_SIZE; position < built.limit(); position++) {
            ByteBuffer damaged = TestBatches.copy(built);
            damaged.put(position, (byte) ~damaged.get(position));
            assertDecodesOrIsCorrupt(damaged);
        }
        for (int size = RecordBatch.HEADER_SIZE; size < built.limit(); size++) {
            ByteBuffer truncated = TestBatches.copy(built).limit(size);
            truncated = TestBatches.copy(truncated);
            truncated.putInt(RecordBatch.LENGTH_OFFSET, size - RecordBatch.LOG_OVERHEAD);
            assertCorrupt(truncated);
        }
    }

    @Test
    void compressedSectionThatIsNotAStreamAtAllIsCorrupt() {
        ByteBuffer built = new RecordBatchBuilder(Compression.GZIP).append(T0, null, utf8("v")).build();
        ByteBuffer garbage = TestBatches.copy(built);
        for (int i = RecordBatch.HEADER_SIZE; i < garbage.limit(); i++) {
            garbage.put(i, (byte) 0x5A);
        }
        assertCorrupt(garbage).hasMessageContaining("corrupt gzip records");
        garbage.putShort(RecordBatch.ATTRIBUTES_OFFSET, (short) Compression.LZ4.id());
        assertCorrupt(garbage).hasMessageContaining("corrupt lz4 records");
    }

    @Test
    void decodesBatchesInDirectBuffersAsMappedSegmentsProvideThem() {
        for (Compression codec : List.of(Compression.NONE, Compression.GZIP, Compression.LZ4)) {
            ByteBuffer heap = new RecordBatchBuilder(codec).append(T0, utf8("k"), utf8("v"),
                    new Header("h", utf8("x"))).build();
            ByteBuffer direct = ByteBuffer.allocateDirect(heap.limit() + 10).position(10);
            direct.put(heap.duplicate()).position(10);
            assertThat(decode(direct)).isEqualTo(decode(heap));
        }
    }

    @Test
    void unsupportedCodecsAreRefusedBeforeDecoding() {
        ByteBuffer built = new RecordBatchBuilder(Compression.NONE).append(T0, null, utf8("v")).build();
        for (int id : new int[] {2, 4, 5, 6, 7}) {
            ByteBuffer other = TestBatches.copy(built);
            other.putShort(RecordBatch.ATTRIBUTES_OFFSET, (short) id);
            assertThatThrownBy(() -> RecordBatch.wrap(other).records())
                    .isInstanceOf(UnsupportedCompressionException.class)
                    .extracting(e -> ((UnsupportedCompressionException) e).codecId()).isEqualTo(id);
        }
    }

    @Test
    void negativeRecordCountIsCorruptEvenWithoutHeaderValidation() {
        ByteBuffer built = new RecordBatchBuilder(Compression.NONE).append(T0, null, utf8("v")).build();
        built.putInt(RecordBatch.RECORDS_COUNT_OFFSET, -1);
        assertThatThrownBy(() -> RecordBatch.wrap(built).records()).isInstanceOf(CorruptRecordException.class);
    }

    /** A batch with a hand-written records section; count and last offset delta as given. */
    static ByteBuffer batch(Compression codec, int count, int lastOffsetDelta, Wire records) {
        ByteBuffer template = new RecordBatchBuilder(codec).append(T0, null, (byte[]) null).build();
        template.putInt(RecordBatch.RECORDS_COUNT_OFFSET, count);
        template.putInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET, lastOffsetDelta);
        return withRecordsSection(RecordBatch.wrap(template), records.toByteArray());
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertCorrupt(ByteBuffer batch) {
        return assertThatThrownBy(() -> decode(batch)).isInstanceOf(CorruptRecordException.class);
    }

    private static void assertDecodesOrIsCorrupt(ByteBuffer batch) {
        try {
            List<Record> records = decode(batch);
            assertThat(records).isNotNull();
        } catch (CorruptRecordException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        } catch (RuntimeException e) {
            throw new AssertionError("unexpected " + e + " for " + Arrays.toString(TestBatches.bytes(batch)), e);
        }
    }
}
