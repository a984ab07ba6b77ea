package dev.brook.log.record;

/**
 * Full validation of a batch arriving from a producer (or a peer), before a single byte of it is stored.
 *
 * <p>Checks, in order, each failure naming the problem:
 *
 * <ol>
 *   <li>the header ({@link RecordBatch#ensureValid()}): magic 2, CRC-32C, unused attribute bits clear;
 *   <li>the codec is none, gzip or lz4 ({@link UnsupportedCompressionException} otherwise, so the producer is told
 *       to change codec rather than that its data is corrupt);
 *   <li>RecordsCount &gt; 0: a producer never sends an empty v2 batch (only compaction leaves them behind);
 *   <li>LastOffsetDelta = RecordsCount - 1, and the records' offset deltas are exactly 0, 1, ..., count - 1;
 *   <li>idempotence fields agree: a data batch with a producer id needs a non-negative base sequence, and a
 *       transactional batch needs a producer id;
 *   <li>a control batch holds exactly one record whose key is {@code int16 version, int16 type};
 *   <li>every record decodes ({@link RecordBatch#records(long)}: lengths, attributes, nothing trailing).
 * </ol>
 *
 * <p>Whether a batch may come from this origin at all (Kafka lets only the transaction coordinator write control
 * batches) is the caller's policy, not a format rule, so control batches are validated, not refused.
 *
 * <p>Any input, however malformed, ends in a summary or an {@link InvalidBatchException}: lengths are checked
 * against the bytes that exist before anything is allocated, and decompression is guarded and capped.
 */
public final class BatchValidator {
    private BatchValidator() {
    }

    /**
     * Validates {@code batch} with the {@linkplain RecordBatch#DEFAULT_MAX_UNCOMPRESSED_BYTES default}
     * decompression cap.
     *
     * @throws UnsupportedCompressionException if the codec is snappy, zstd or unknown
     * @throws CorruptRecordException for any other problem
     */
    public static BatchSummary validate(RecordBatch batch) {
        return validate(batch, RecordBatch.DEFAULT_MAX_UNCOMPRESSED_BYTES);
    }

    /**
     * Validates {@code batch}, refusing it once its decompressed records exceed {@code maxUncompressedBytes}.
     *
     * @throws UnsupportedCompressionException if the codec is snappy, zstd or unknown
     * @throws CorruptRecordException for any other problem
     */
    public static BatchSummary validate(RecordBatch batch, long maxUncompressedBytes) {
        batch.ensureValid();
        batch.compression().requireSupported();
        validateHeader(batch);

        int count = batch.recordCount();
        long maxTimestamp = RecordBatch.NO_TIMESTAMP;
        int offsetDeltaOfMax = 0;
        boolean hasNullKey = false;
        try (RecordIterator records = batch.recordIterator(maxUncompressedBytes)) {
            int expectedDelta = 0;
            while (records.hasNext()) {
                Record record = records.next();
                long delta = record.offset() - batch.baseOffset();
                if (delta != expectedDelta) {
                    throw new CorruptRecordException("record " + expectedDelta + " has offset delta " + delta
                            + "; a produced batch numbers its records 0.." + (count - 1) + " without gaps");
                }
                if (batch.isControlBatch()) {
                    ControlRecordType.parseKey(record.key());
                }
                if (expectedDelta == 0 || record.timestamp() > maxTimestamp) {
                    maxTimestamp = record.timestamp();
                    offsetDeltaOfMax = expectedDelta;
                }
                hasNullKey |= !record.hasKey();
                expectedDelta++;
            }
            long uncompressedSize = RecordBatch.HEADER_SIZE + records.uncompressedBytesRead();
            return new BatchSummary(count, maxTimestamp, offsetDeltaOfMax, hasNullKey, uncompressedSize);
        }
    }

    private static void validateHeader(RecordBatch batch) {
        int count = batch.recordCount();
        if (count == 0) {
            throw new CorruptRecordException("batch holds no records; a produced v2 batch must hold at least one");
        }
        if (batch.lastOffsetDelta() != count - 1) {
            throw new CorruptRecordException("last offset delta " + batch.lastOffsetDelta() + " does not match "
                    + count + " records (expected " + (count - 1) + ")");
        }
        // Transaction markers carry the producer id but no sequence (-1); only data batches are sequenced.
        if (!batch.isControlBatch() && batch.producerId() >= 0 && batch.baseSequence() < 0) {
            throw new CorruptRecordException("producer id " + batch.producerId() + " with invalid base sequence "
                    + batch.baseSequence());
        }
        if (batch.isTransactional() && batch.producerId() < 0) {
            throw new CorruptRecordException("transactional batch without a producer id");
        }
        if (batch.isControlBatch() && count != 1) {
            throw new CorruptRecordException("control batch holds " + count + " records; it must hold exactly one");
        }
    }
}
