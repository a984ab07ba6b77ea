package dev.brook.groups;

/**
 * A committed offset: the next offset the group will consume in a partition.
 *
 * @param offset the offset, or -1 in a fetch answer for a partition without a committed offset
 * @param leaderEpoch the leader epoch of the last consumed record, or -1
 * @param metadata the client's free-form string (empty if none)
 */
public record OffsetAndMetadata(long offset, int leaderEpoch, String metadata) {
    /** What OffsetFetch answers for a partition with no committed offset. */
    public static final OffsetAndMetadata NO_OFFSET = new OffsetAndMetadata(-1, -1, "");

    /** Turns a null metadata into empty. */
    public OffsetAndMetadata {
        metadata = metadata == null ? "" : metadata;
    }

    /** An offset without leader epoch or metadata. */
    public static OffsetAndMetadata of(long offset) {
        return new OffsetAndMetadata(offset, -1, "");
    }
}
