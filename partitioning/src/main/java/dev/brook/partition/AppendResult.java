package dev.brook.partition;

/**
 * What a leader append answered, for the Produce response.
 *
 * @param baseOffset offset of the first record appended (for a duplicate: of the original batch)
 * @param lastOffset offset of the last record appended (for a duplicate: of the original batch)
 * @param logAppendTime the time stamped into the batches on LogAppendTime topics, else -1
 * @param logStartOffset the partition's log start offset after the append
 * @param duplicate whether the batch was a retry of one already appended: nothing was written and the broker
 *     answers NONE (0) with the original offsets
 */
public record AppendResult(long baseOffset, long lastOffset, long logAppendTime, long logStartOffset,
        boolean duplicate) {
}
