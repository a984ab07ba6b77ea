package dev.brook.embedded;

import dev.brook.log.record.CloseableIterator;
import dev.brook.log.record.Record;
import dev.brook.log.record.RecordBatch;
import dev.brook.partition.FetchIsolation;
import dev.brook.partition.Partition;
import dev.brook.partition.PartitionReadResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * One pass of reading committed records from one partition, shared by {@link Reader} and {@link GroupConsumer}:
 * from a position up to the high watermark (at most about {@value #MAX_BYTES} bytes, at least one whole batch),
 * skipping control batches, moving past records retention removed.
 */
final class PartitionFetch {
    /** Bytes read from one partition per pass; at least one whole batch is read even if larger. */
    static final int MAX_BYTES = 1024 * 1024;

    private PartitionFetch() {
    }

    /**
     * Appends the records of {@code partition} from {@code position} on to {@code out}.
     *
     * @return the next position
     * @throws UncheckedIOException if the log cannot be read
     */
    static <K, V> long read(Partition partition, String topic, int index, long position,
            Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer, List<BrookRecord<K, V>> out) {
        if (position < partition.logStartOffset()) {
            position = partition.logStartOffset();
        }
        if (position >= partition.highWatermark()) {
            return position;
        }
        PartitionReadResult read = partition.read(position, MAX_BYTES, true, FetchIsolation.HIGH_WATERMARK);
        List<RecordBatch> batches;
        try {
            batches = read.data().batches();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + topic + "-" + index + " at offset " + position, e);
        }
        for (RecordBatch batch : batches) {
            if (batch.nextOffset() <= position || batch.isControlBatch()) {
                position = Math.max(position, batch.nextOffset());
                continue;
            }
            try (CloseableIterator<Record> records = batch.records()) {
                while (records.hasNext()) {
                    Record record = records.next();
                    if (record.offset() >= position) {
                        K key = record.hasKey() ? keyDeserializer.deserialize(bytes(record.key())) : null;
                        V value = record.isTombstone() ? null
                                : valueDeserializer.deserialize(bytes(record.value()));
                        out.add(new BrookRecord<>(topic, index, record.offset(), record.timestamp(), key, value,
                                record.headers()));
                    }
                }
            }
            position = batch.nextOffset();
        }
        return position;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }
}
