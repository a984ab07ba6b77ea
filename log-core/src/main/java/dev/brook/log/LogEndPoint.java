package dev.brook.log;

/**
 * A position in the log: an offset and where its batch starts on disk. Used for the log end (where the next
 * batch goes) and the recovery point (up to where everything is known to be fsynced).
 *
 * @param offset the offset
 * @param segmentBaseOffset the segment holding (or about to hold) that offset
 * @param position byte position of that offset's batch in the segment's {@code .log} file
 * @param appendedRecords records appended by this process up to here (for {@code flush.messages})
 */
record LogEndPoint(long offset, long segmentBaseOffset, int position, long appendedRecords) {
}
