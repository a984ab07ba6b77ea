package dev.brook.log.checkpoint;

/**
 * One step of a log's leader-epoch lineage: the first offset written while {@code epoch} was the leader epoch.
 *
 * @param epoch the leader epoch, at least 0
 * @param startOffset the first offset of the epoch, at least 0
 */
public record EpochEntry(int epoch, long startOffset) {
    /**
     * Validates the entry.
     *
     * @param epoch the leader epoch, at least 0
     * @param startOffset the first offset of the epoch, at least 0
     * @throws IllegalArgumentException if the epoch or the start offset is negative
     */
    public EpochEntry {
        if (epoch < 0 || startOffset < 0) {
            throw new IllegalArgumentException(
                    "epoch entry fields must not be negative: epoch=" + epoch + ", startOffset=" + startOffset);
        }
    }
}
