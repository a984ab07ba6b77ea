package dev.brook.log.record;

import static dev.brook.log.record.RecordBatchBuilderTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordBatchesTest {
    private static final long T0 = 1_700_000_000_000L;

    @Test
    void iteratesConcatenatedBatchesAsViews() {
        ByteBuffer first = new RecordBatchBuilder(Compression.NONE).baseOffset(0).append(T0, null, utf8("a")).build();
        ByteBuffer second = new RecordBatchBuilder(Compression.GZIP).baseOffset(1).append(T0, null, utf8("b"))
                .append(T0, null, utf8("c")).build();
        ByteBuffer third = new RecordBatchBuilder(Compression.LZ4).baseOffset(3).append(T0, null, utf8("d")).build();
        ByteBuffer payload = concat(7, first, second, third).position(7);

        RecordBatches batches = RecordBatches.of(payload);
        assertThat(batches.sizeInBytes()).isEqualTo(first.limit() + second.limit() + third.limit());
        List<RecordBatch> list = new ArrayList<>();
        batches.forEach(list::add);
        assertThat(list).extracting(RecordBatch::baseOffset).containsExactly(0L, 1L, 3L);
        assertThat(list).extracting(RecordBatch::compression)
                .containsExactly(Compression.NONE, Compression.GZIP, Compression.LZ4);
        list.forEach(BatchValidator::validate);
        assertThat(payload.position()).isEqualTo(7);

        // Views share the bytes: assigning offsets in place is visible in the payload.
        list.get(1).setBaseOffset(500);
        assertThat(payload.getLong(7 + first.limit())).isEqualTo(500);
        assertThat(batches.iterator().next().baseOffset()).isZero();
    }

    @Test
    void emptyPayloadHasNoBatches() {
        assertThat(RecordBatches.of(ByteBuffer.allocate(0)).iterator().hasNext()).isFalse();
    }

    @Test
    void trailingPartialBatchIsCorruptAtItsPosition() {
        ByteBuffer one = new RecordBatchBuilder(Compression.NONE).append(T0, null, utf8("a")).build();
        for (int cut = 1; cut < one.limit(); cut++) {
            ByteBuffer payload = concat(0, one, one.duplicate().limit(cut));
            Iterator<RecordBatch> it = RecordBatches.of(payload).iterator();
            assertThat(it.next().baseOffset()).isZero();
            assertThatThrownBy(it::next)
                    .isInstanceOf(CorruptRecordException.class)
                    .hasMessageStartingWith("bad batch at byte " + one.limit() + ": ");
        }
    }

    @Test
    void garbageIsCorruptAtItsPosition() {
        ByteBuffer one = new RecordBatchBuilder(Compression.NONE).append(T0, null, utf8("a")).build();
        ByteBuffer garbage = ByteBuffer.allocate(100);
        for (int i = 0; i < 100; i++) {
            garbage.put(i, (byte) 0xEE);
        }
        Iterator<RecordBatch> it = RecordBatches.of(concat(0, one, garbage)).iterator();
        it.next();
        assertThatThrownBy(it::next).isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("bad batch at byte " + one.limit() + ": magic -18");

        ByteBuffer smallLength = TestBatches.copy(one);
        smallLength.putInt(RecordBatch.LENGTH_OFFSET, 10);
        assertThatThrownBy(() -> RecordBatches.of(smallLength).iterator().next())
                .isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("bad batch at byte 0: batch length 10 is smaller than the v2 header");

        ByteBuffer negativeLength = TestBatches.copy(one);
        negativeLength.putInt(RecordBatch.LENGTH_OFFSET, Integer.MIN_VALUE);
        assertThatThrownBy(() -> RecordBatches.of(negativeLength).iterator().next())
                .isInstanceOf(CorruptRecordException.class);
        ByteBuffer hugeLength = TestBatches.copy(one);
        hugeLength.putInt(RecordBatch.LENGTH_OFFSET, Integer.MAX_VALUE);
        assertThatThrownBy(() -> RecordBatches.of(hugeLength).iterator().next())
                .isInstanceOf(CorruptRecordException.class).hasMessageContaining("batch truncated");
    }

    private static ByteBuffer concat(int offset, ByteBuffer... parts) {
        int size = offset;
        for (ByteBuffer part : parts) {
            size += part.remaining();
        }
        ByteBuffer all = ByteBuffer.allocate(size).position(offset);
        for (ByteBuffer part : parts) {
            all.put(part.duplicate());
        }
        return all.position(0);
    }
}
