package dev.brook.log.checkpoint;

/**
 * Where recovery of a log starts after an unclean shutdown: everything before {@code recoveryPointOffset} is
 * known to be fsynced, so only data from there on has to be rescanned and validated.
 *
 * @param recoveryPointOffset the first offset not known to be durable; every batch below it was fsynced
 * @param segmentBaseOffset the base offset of the segment that holds (or, at the end of the log, will hold)
 *     {@code recoveryPointOffset}
 * @param positionInSegment the byte position in that segment's {@code .log} file where the batch containing
 *     {@code recoveryPointOffset} starts, which is also the number of bytes of that file known to be durable
 */
public record RecoveryPoint(long recoveryPointOffset, long segmentBaseOffset, int positionInSegment) {
    /**
     * Validates the recovery point.
     *
     * @param recoveryPointOffset the first offset not known to be durable, at least 0
     * @param segmentBaseOffset the base offset of the segment holding it, 0 to {@code recoveryPointOffset}
     * @param positionInSegment the byte position of its batch in that segment's {@code .log} file, at least 0
     * @throws IllegalArgumentException if a field is negative or the segment starts after the recovery point
     */
    public RecoveryPoint {
        if (recoveryPointOffset < 0 || segmentBaseOffset < 0 || positionInSegment < 0) {
            throw new IllegalArgumentException("recovery point fields must not be negative: " + fields(
                    recoveryPointOffset, segmentBaseOffset, positionInSegment));
        }
        if (segmentBaseOffset > recoveryPointOffset) {
            throw new IllegalArgumentException("segment cannot start after the recovery point: " + fields(
                    recoveryPointOffset, segmentBaseOffset, positionInSegment));
        }
    }

    private static String fields(long recoveryPointOffset, long segmentBaseOffset, int positionInSegment) {
        return "recoveryPointOffset=" + recoveryPointOffset + ", segmentBaseOffset=" + segmentBaseOffset
                + ", positionInSegment=" + positionInSegment;
    }
}
