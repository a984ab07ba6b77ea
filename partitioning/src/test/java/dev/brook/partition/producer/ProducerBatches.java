package dev.brook.partition.producer;

import dev.brook.log.record.Compression;
import dev.brook.log.record.RecordBatchBuilder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Batches for producer-state tests. */
public final class ProducerBatches {
    private ProducerBatches() {
    }

    /** An idempotent batch of {@code records} records with the given producer fields. */
    public static ByteBuffer idempotent(long producerId, short epoch, int baseSequence, int records, long timestamp) {
        RecordBatchBuilder builder = new RecordBatchBuilder(Compression.NONE).producer(producerId, epoch, baseSequence);
        for (int i = 0; i < records; i++) {
            builder.append(timestamp, ("k" + i).getBytes(StandardCharsets.UTF_8),
                    ("v" + baseSequence + "-" + i).getBytes(StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    /** A batch without producer id. */
    public static ByteBuffer plain(int records, long timestamp) {
        RecordBatchBuilder builder = new RecordBatchBuilder(Compression.NONE);
        for (int i = 0; i < records; i++) {
            builder.append(timestamp, null, ("p" + i).getBytes(StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    /** Several batches back to back in one buffer, as one append. */
    public static ByteBuffer concat(ByteBuffer... batches) {
        int size = 0;
        for (ByteBuffer b : batches) {
            size += b.remaining();
        }
        ByteBuffer all = ByteBuffer.allocate(size);
        for (ByteBuffer b : batches) {
            all.put(b.duplicate());
        }
        return all.flip();
    }
}
