package dev.brook.compaction;

import dev.brook.log.record.CloseableIterator;
import dev.brook.log.record.Header;
import dev.brook.log.record.Record;
import dev.brook.log.record.RecordBatch;
import dev.brook.log.record.RecordBatchBuilder;
import dev.brook.log.record.TimestampType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites one batch for the cleaner, keeping only the records {@link RecordFilter} retains.
 *
 * <p>What the rewritten batch keeps from the input: the base offset and LastOffsetDelta (so the batch still spans
 * the same offsets and an idempotent producer's sequence range is unchanged, as Kafka does), every kept record's
 * offset, timestamp, key, value and headers, the partition leader epoch, producer id, epoch and base sequence,
 * the transactional flag, the codec, the timestamp type and MaxTimestamp. What changes: the records section, the
 * record count, the CRC, and, when a retained tombstone is reached for the first time, attribute bit 6 with the
 * delete horizon in BaseTimestamp (KIP-534); record timestamps stay exact because they are deltas from it.
 *
 * <p>Control batches are kept whole. A batch whose records are all kept and that needs no horizon is returned as
 * it is, bytes untouched.
 */
final class BatchRewriter {
    /** The retention decision for one record. */
    @FunctionalInterface
    interface RecordFilter {
        /**
         * @param record the record
         * @param deleteHorizonMs the batch's delete horizon, or -1 when it has none yet
         * @return whether to keep it
         */
        boolean retain(Record record, long deleteHorizonMs);
    }

    /** The outcome for one batch. */
    record Result(RecordBatch batch, int kept, int removed, long retainedTombstoneHorizon) {
        /** No records left: the batch is dropped. */
        boolean isEmpty() {
            return batch == null;
        }
    }

    private BatchRewriter() {
    }

    /**
     * Filters {@code batch}.
     *
     * @param stampHorizonMs the horizon to stamp if the batch has none and keeps a tombstone that
     *     {@code stampTombstone} says was reached by this cleaning; -1 never stamps
     * @param stampBelowOffset tombstones below this offset are reached by this cleaning (and stamped)
     * @return the result; {@code retainedTombstoneHorizon} is the horizon of the batch when it keeps a tombstone
     *     that has one (stamped now or before), else -1
     */
    static Result rewrite(RecordBatch batch, RecordFilter filter, long stampHorizonMs, long stampBelowOffset) {
        if (batch.isControlBatch()) {
            return new Result(batch, batch.recordCount(), 0, -1);
        }
        long horizon = batch.deleteHorizonMs();
        List<Record> kept = new ArrayList<>(batch.recordCount());
        int removed = 0;
        boolean keptTombstoneToStamp = false;
        boolean keptTombstone = false;
        try (CloseableIterator<Record> records = batch.records()) {
            while (records.hasNext()) {
                Record record = records.next();
                if (filter.retain(record, horizon)) {
                    kept.add(record);
                    if (record.isTombstone()) {
                        keptTombstone = true;
                        if (record.offset() < stampBelowOffset) {
                            keptTombstoneToStamp = true;
                        }
                    }
                } else {
                    removed++;
                }
            }
        }
        boolean stamp = !batch.hasDeleteHorizon() && keptTombstoneToStamp && stampHorizonMs >= 0;
        long resultHorizon = stamp ? stampHorizonMs : (keptTombstone && batch.hasDeleteHorizon() ? horizon : -1);
        if (kept.isEmpty()) {
            return new Result(null, 0, removed, -1);
        }
        if (removed == 0 && !stamp) {
            return new Result(batch, kept.size(), 0, resultHorizon);
        }
        RecordBatch rebuilt = rebuild(batch, kept, stamp ? stampHorizonMs : horizon);
        return new Result(rebuilt, kept.size(), removed, resultHorizon);
    }

    private static RecordBatch rebuild(RecordBatch batch, List<Record> kept, long horizon) {
        RecordBatchBuilder builder = new RecordBatchBuilder(batch.compression())
                .baseOffset(batch.baseOffset())
                .partitionLeaderEpoch(batch.partitionLeaderEpoch())
                .producer(batch.producerId(), batch.producerEpoch(), batch.baseSequence())
                .transactional(batch.isTransactional());
        if (batch.timestampType() == TimestampType.LOG_APPEND_TIME) {
            builder.logAppendTime(batch.maxTimestamp());
        }
        if (horizon >= 0) {
            builder.deleteHorizon(horizon);
        }
        for (Record record : kept) {
            builder.appendWithOffset(record.offset(), record.timestamp(), record.key(), record.value(),
                    record.headers().toArray(new Header[0]));
        }
        ByteBuffer bytes = builder.build();
        // Keep the input's offset span and max timestamp, then re-seal the CRC over the patched header.
        bytes.putInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET, batch.lastOffsetDelta());
        bytes.putLong(RecordBatch.MAX_TIMESTAMP_OFFSET, batch.maxTimestamp());
        RecordBatch rebuilt = RecordBatch.wrap(bytes);
        rebuilt.updateChecksum();
        return rebuilt;
    }
}
