package dev.brook.log;

import dev.brook.log.record.CloseableIterator;
import dev.brook.log.record.Compression;
import dev.brook.log.record.Record;
import dev.brook.log.record.RecordBatch;
import dev.brook.log.record.RecordBatchBuilder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Batches for log tests, built with Brook's own builder. */
final class TestBatches {
    private TestBatches() {
    }

    /** A batch of {@code records} records with keys "k0".. and values of {@code valueSize} bytes. */
    static ByteBuffer batch(int records, long timestamp, int valueSize) {
        RecordBatchBuilder builder = new RecordBatchBuilder(Compression.NONE);
        for (int i = 0; i < records; i++) {
            byte[] value = new byte[valueSize];
            java.util.Arrays.fill(value, (byte) ('a' + i % 26));
            builder.append(timestamp, ("k" + i).getBytes(StandardCharsets.UTF_8), value);
        }
        return builder.build();
    }

    /** A batch with one small record per timestamp. */
    static ByteBuffer batchWithTimestamps(long... timestamps) {
        RecordBatchBuilder builder = new RecordBatchBuilder(Compression.NONE);
        for (long ts : timestamps) {
            builder.append(ts, "k".getBytes(StandardCharsets.UTF_8), Long.toString(ts).getBytes(StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    /** All records of the batches, in order. */
    static List<Record> values(List<RecordBatch> batches) {
        List<Record> all = new ArrayList<>();
        for (RecordBatch batch : batches) {
            try (CloseableIterator<Record> it = batch.records()) {
                it.forEachRemaining(all::add);
            }
        }
        return all;
    }
}
