package dev.brook.log.epoch;

/**
 * The answer to an OffsetsForLeaderEpoch question: the largest epoch at or below the requested one that this log
 * knows, and the offset where that epoch's data ends (exclusive), or {@link #UNDEFINED} when the log cannot say.
 *
 * @param epoch the epoch the end offset belongs to, or {@value #UNDEFINED_EPOCH}
 * @param endOffset the first offset after that epoch, or {@value #UNDEFINED_END_OFFSET}
 */
public record EpochEndOffset(int epoch, long endOffset) {
    /** Kafka's UNDEFINED_EPOCH: no epoch known, or none requested. */
    public static final int UNDEFINED_EPOCH = -1;
    /** Kafka's UNDEFINED_EPOCH_OFFSET: no end offset known. */
    public static final long UNDEFINED_END_OFFSET = -1L;
    /** The answer when the log knows nothing about the requested epoch. */
    public static final EpochEndOffset UNDEFINED = new EpochEndOffset(UNDEFINED_EPOCH, UNDEFINED_END_OFFSET);

    /**
     * Tells whether this is the undefined answer.
     *
     * @return whether both fields are undefined
     */
    public boolean isUndefined() {
        return epoch == UNDEFINED_EPOCH && endOffset == UNDEFINED_END_OFFSET;
    }
}
