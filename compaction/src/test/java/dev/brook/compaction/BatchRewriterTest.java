package dev.brook.compaction;

import static dev.brook.compaction.LogContents.bytes;
import static dev.brook.compaction.LogContents.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.log.record.CloseableIterator;
import dev.brook.log.record.Compression;
import dev.brook.log.record.ControlRecordType;
import dev.brook.log.record.Header;
import dev.brook.log.record.Record;
import dev.brook.log.record.RecordBatch;
import dev.brook.log.record.RecordBatchBuilder;
import dev.brook.log.record.TimestampType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class BatchRewriterTest {
    private static RecordBatch idempotentBatch(Compression compression) {
        ByteBuffer bytes = new RecordBatchBuilder(compression)
                .baseOffset(100)
                .partitionLeaderEpoch(7)
                .producer(42L, (short) 3, 1000)
                .append(10, bytes("a"), bytes("a1"), new Header("h", bytes("x")))
                .append(20, bytes("b"), null)
                .append(15, bytes("c"), bytes("c1"))
                .append(30, bytes("d"), bytes("d1"))
                .build();
        return RecordBatch.wrap(bytes);
    }

    private static List<Record> records(RecordBatch batch) {
        List<Record> all = new ArrayList<>();
        try (CloseableIterator<Record> it = batch.records()) {
            it.forEachRemaining(all::add);
        }
        return all;
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"NONE", "GZIP", "LZ4"})
    void keepsOffsetsAndBatchMetadata(Compression compression) {
        RecordBatch input = idempotentBatch(compression);
        // Drop "a" (offset 100) and "d" (offset 103, the last one): the span must not shrink.
        BatchRewriter.Result result = BatchRewriter.rewrite(input,
                (record, horizon) -> record.offset() == 101 || record.offset() == 102, -1, 0);
        RecordBatch out = result.batch();
        out.ensureValid();
        assertThat(out.isValidChecksum()).isTrue();
        assertThat(result.kept()).isEqualTo(2);
        assertThat(result.removed()).isEqualTo(2);
        assertThat(out.baseOffset()).isEqualTo(100);
        assertThat(out.lastOffset()).isEqualTo(103);
        assertThat(out.compression()).isEqualTo(compression);
        assertThat(out.partitionLeaderEpoch()).isEqualTo(7);
        assertThat(out.producerId()).isEqualTo(42L);
        assertThat(out.producerEpoch()).isEqualTo((short) 3);
        assertThat(out.baseSequence()).isEqualTo(1000);
        assertThat(out.lastSequence()).isEqualTo(input.lastSequence());
        assertThat(out.maxTimestamp()).isEqualTo(30);
        assertThat(out.timestampType()).isEqualTo(TimestampType.CREATE_TIME);
        assertThat(out.hasDeleteHorizon()).isFalse();
        List<Record> kept = records(out);
        assertThat(kept).extracting(Record::offset).containsExactly(101L, 102L);
        assertThat(kept).extracting(Record::timestamp).containsExactly(20L, 15L);
        assertThat(kept.get(0).isTombstone()).isTrue();
        assertThat(text(kept.get(1).value())).isEqualTo("c1");
    }

    @Test
    void keepsHeaders() {
        BatchRewriter.Result result = BatchRewriter.rewrite(idempotentBatch(Compression.NONE),
                (record, horizon) -> record.offset() == 100, -1, 0);
        Record kept = records(result.batch()).get(0);
        assertThat(kept.headers()).containsExactly(new Header("h", bytes("x")));
    }

    @Test
    void anUnchangedBatchIsReturnedAsIs() {
        RecordBatch input = idempotentBatch(Compression.NONE);
        BatchRewriter.Result result = BatchRewriter.rewrite(input, (record, horizon) -> true, -1, 0);
        assertThat(result.batch()).isSameAs(input);
        assertThat(result.removed()).isZero();
    }

    @Test
    void aBatchWithNothingLeftIsDropped() {
        BatchRewriter.Result result = BatchRewriter.rewrite(idempotentBatch(Compression.LZ4), (r, h) -> false, -1, 0);
        assertThat(result.isEmpty()).isTrue();
        assertThat(result.removed()).isEqualTo(4);
    }

    @Test
    void stampsTheDeleteHorizonWhenAKeptTombstoneIsReachedFirst() {
        RecordBatch input = idempotentBatch(Compression.GZIP);
        BatchRewriter.Result result = BatchRewriter.rewrite(input, (r, h) -> true, 5_000, 1_000);
        RecordBatch out = result.batch();
        assertThat(out.hasDeleteHorizon()).isTrue();
        assertThat(out.deleteHorizonMs()).isEqualTo(5_000);
        assertThat(result.retainedTombstoneHorizon()).isEqualTo(5_000);
        assertThat(out.isValidChecksum()).isTrue();
        assertThat(records(out)).extracting(Record::timestamp).containsExactly(10L, 20L, 15L, 30L);
        assertThat(out.maxTimestamp()).isEqualTo(30);

        // A second cleaning keeps the first horizon.
        BatchRewriter.Result again = BatchRewriter.rewrite(out, (r, h) -> true, 9_000, 1_000);
        assertThat(again.batch()).isSameAs(out);
        assertThat(again.retainedTombstoneHorizon()).isEqualTo(5_000);
    }

    @Test
    void doesNotStampTombstonesBeyondTheCleanedRange() {
        BatchRewriter.Result result = BatchRewriter.rewrite(idempotentBatch(Compression.NONE), (r, h) -> true, 5_000,
                100);
        assertThat(result.batch().hasDeleteHorizon()).isFalse();
        assertThat(result.retainedTombstoneHorizon()).isEqualTo(-1);
    }

    @Test
    void aBatchWithoutTombstonesIsNotStamped() {
        RecordBatch input = RecordBatch.wrap(new RecordBatchBuilder(Compression.NONE)
                .append(1, bytes("k"), bytes("v")).build());
        BatchRewriter.Result result = BatchRewriter.rewrite(input, (r, h) -> true, 5_000, Long.MAX_VALUE);
        assertThat(result.batch()).isSameAs(input);
    }

    @Test
    void keepsLogAppendTime() {
        RecordBatch input = RecordBatch.wrap(new RecordBatchBuilder(Compression.NONE).logAppendTime(777)
                .append(1, bytes("a"), bytes("1")).append(2, bytes("b"), bytes("2")).build());
        RecordBatch out = BatchRewriter.rewrite(input, (r, h) -> r.offset() == 1, -1, 0).batch();
        assertThat(out.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
        assertThat(out.maxTimestamp()).isEqualTo(777);
        assertThat(records(out)).extracting(Record::timestamp).containsExactly(777L);
    }

    @Test
    void controlBatchesAreKeptWhole() {
        ByteBuffer value = ByteBuffer.allocate(6).putShort((short) 0).putInt(1).flip();
        RecordBatch marker = RecordBatch.wrap(new RecordBatchBuilder(Compression.NONE).producer(5, (short) 0, -1)
                .transactional(true).appendControl(ControlRecordType.COMMIT, 1, value).build());
        BatchRewriter.Result result = BatchRewriter.rewrite(marker, (r, h) -> false, 5_000, Long.MAX_VALUE);
        assertThat(result.batch()).isSameAs(marker);
    }
}
