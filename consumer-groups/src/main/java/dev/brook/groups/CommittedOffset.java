package dev.brook.groups;

/**
 * A stored offset commit: what the client sent plus when it was committed (offset expiry counts from it).
 *
 * @param offset the committed offset
 * @param leaderEpoch the client's leader epoch, or -1
 * @param metadata the client's metadata string, never null
 * @param commitTimestampMs the coordinator's clock at the commit
 */
record CommittedOffset(long offset, int leaderEpoch, String metadata, long commitTimestampMs) {
    OffsetAndMetadata toOffsetAndMetadata() {
        return new OffsetAndMetadata(offset, leaderEpoch, metadata);
    }
}
