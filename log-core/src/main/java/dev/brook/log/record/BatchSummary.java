package dev.brook.log.record;

/**
 * What {@link BatchValidator} learned while checking a batch, so that the append path does not decode it twice.
 *
 * @param recordCount the number of records (always &gt; 0 for a valid produce batch)
 * @param maxTimestamp the largest record timestamp; for LogAppendTime batches every record reports the batch's
 *     max timestamp, so it is that
 * @param offsetDeltaOfMaxTimestamp the offset delta of the first record carrying {@code maxTimestamp}, which the
 *     time index points at
 * @param hasNullKey whether any record has a null key (compacted topics refuse such batches)
 * @param uncompressedSizeInBytes the size the batch would have without compression: the 61-byte header plus the
 *     decoded records section
 */
public record BatchSummary(int recordCount, long maxTimestamp, int offsetDeltaOfMaxTimestamp, boolean hasNullKey,
        long uncompressedSizeInBytes) {
}
