package dev.brook.partition.producer;

/**
 * What producer state remembers of one appended batch, enough to recognise a retry of it.
 *
 * @param firstSeq the batch's base sequence
 * @param lastSeq the batch's last sequence (wrapping at {@link Integer#MAX_VALUE})
 * @param firstOffset offset of its first record
 * @param lastOffset offset of its last record
 * @param timestamp its max timestamp (the append time on LogAppendTime topics)
 */
public record BatchMetadata(int firstSeq, int lastSeq, long firstOffset, long lastOffset, long timestamp) {
}
