package dev.brook.compaction;

import dev.brook.log.Log;
import dev.brook.log.LogReadResult;
import dev.brook.log.record.CloseableIterator;
import dev.brook.log.record.Compression;
import dev.brook.log.record.Record;
import dev.brook.log.record.RecordBatch;
import dev.brook.log.record.RecordBatchBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads a log's records for the tests, and builds keyed batches. */
final class LogContents {
    private LogContents() {
    }

    /** Every record from {@code from} to the log end, in offset order, as a consumer fetching from there sees it. */
    static List<Record> readFrom(Log log, long from) {
        List<Record> all = new ArrayList<>();
        long offset = from;
        while (offset < log.logEndOffset()) {
            LogReadResult read = log.read(offset, 1 << 20);
            List<RecordBatch> batches;
            try {
                batches = read.batches();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (batches.isEmpty()) {
                break; // the records left below the log end were cleaned away
            }
            for (RecordBatch batch : batches) {
                try (CloseableIterator<Record> records = batch.records()) {
                    while (records.hasNext()) {
                        Record record = records.next();
                        if (record.offset() >= from) {
                            all.add(Record.of(record.offset(), record.timestamp(), record.key(), record.value(),
                                    record.headers()));
                        }
                    }
                }
                offset = batch.nextOffset();
            }
        }
        return all;
    }

    static List<Record> readAll(Log log) {
        return readFrom(log, log.logStartOffset());
    }

    /** Every batch from the log start, for header checks. */
    static List<RecordBatch> batches(Log log) {
        List<RecordBatch> all = new ArrayList<>();
        long offset = log.logStartOffset();
        while (offset < log.logEndOffset()) {
            List<RecordBatch> batches;
            try {
                batches = log.read(offset, 1 << 20).batches();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (batches.isEmpty()) {
                break;
            }
            all.addAll(batches);
            offset = batches.get(batches.size() - 1).nextOffset();
        }
        return all;
    }

    /** One uncompressed batch of one record; {@code value} null is a tombstone. */
    static ByteBuffer record(long timestamp, String key, String value) {
        return new RecordBatchBuilder(Compression.NONE).append(timestamp, bytes(key), value == null ? null : bytes(value))
                .build();
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
