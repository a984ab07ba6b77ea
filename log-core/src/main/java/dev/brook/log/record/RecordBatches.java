package dev.brook.log.record;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The batches of a buffer that holds whole RecordBatch v2 batches back to back, such as the records of one
 * partition in a Produce request. Each batch is framed by its first 12 bytes: {@code BaseOffset int64, Length
 * int32}, then Length more bytes. Iteration yields {@link RecordBatch} views sharing the buffer's bytes; it checks
 * only the framing and the magic byte, so validate each batch before trusting it.
 *
 * <p>A trailing partial batch, a length that is too small to hold a v2 header, or a magic other than 2 raises a
 * {@link CorruptRecordException} naming the byte position (relative to the buffer's position) where the bad batch
 * starts. Batches before it have already been returned.
 */
public final class RecordBatches implements Iterable<RecordBatch> {
    private final ByteBuffer buffer;

    private RecordBatches(ByteBuffer buffer) {
        this.buffer = buffer;
    }

    /** The batches between {@code buffer}'s position and limit; the buffer's position is never moved. */
    public static RecordBatches of(ByteBuffer buffer) {
        return new RecordBatches(buffer.slice());
    }

    /** The number of bytes iterated over. */
    public int sizeInBytes() {
        return buffer.remaining();
    }

    /** Iterates the batches front to back; each call starts again at the first one. */
    @Override
    public Iterator<RecordBatch> iterator() {
        return new Iterator<>() {
            private int position;

            @Override
            public boolean hasNext() {
                return position < buffer.limit();
            }

            @Override
            public RecordBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                RecordBatch batch = batchAt(position);
                position += batch.sizeInBytes();
                return batch;
            }
        };
    }

    private RecordBatch batchAt(int position) {
        int remaining = buffer.limit() - position;
        if (remaining < RecordBatch.HEADER_SIZE) {
            throw corrupt(position, "trailing partial batch: " + remaining + " bytes left, a v2 header needs "
                    + RecordBatch.HEADER_SIZE);
        }
        byte magic = buffer.get(position + RecordBatch.MAGIC_OFFSET);
        if (magic != RecordBatch.MAGIC_V2) {
            throw corrupt(position, "magic " + magic + " where a v2 batch must have 2");
        }
        try {
            return RecordBatch.wrap(buffer.duplicate().position(position));
        } catch (CorruptRecordException e) {
            throw corrupt(position, e.getMessage());
        }
    }

    private static CorruptRecordException corrupt(int position, String problem) {
        return new CorruptRecordException("bad batch at byte " + position + ": " + problem);
    }
}
