package dev.brook.log.checkpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The {@link RecoveryPoint} of one log, in {@value #FILE_NAME} (kind {@value #KIND}) of its partition directory.
 *
 * <h2>Payload, version 1</h2>
 *
 * <p>Inside the envelope described in {@link CheckpointFile}, exactly three lines, in this order:
 *
 * <pre>
 * bytes        content
 * [0, 21)      "recovery-point-offset"
 * [21, 22)     SP (0x20)
 * [22, a)      recoveryPointOffset, canonical decimal, 0 to 9223372036854775807
 * [a, a+1)     LF
 * [a+1, a+20)  "segment-base-offset"
 * [a+20, a+21) SP (0x20)
 * [a+21, b)    segmentBaseOffset, canonical decimal, 0 to recoveryPointOffset
 * [b, b+1)     LF
 * [b+1, b+20)  "position-in-segment"
 * [b+20, b+21) SP (0x20)
 * [b+21, p)    positionInSegment, canonical decimal, 0 to 2147483647
 * [p, p+1)     LF
 * </pre>
 *
 * <p>A complete file:
 *
 * <pre>
 * brook-checkpoint recovery-point 1
 * recovery-point-offset 1500
 * segment-base-offset 1000
 * position-in-segment 40960
 * crc32c 9b7e8dd6
 * </pre>
 */
public final class RecoveryPointCheckpoint {
    /** File name in a partition directory. */
    public static final String FILE_NAME = "recovery-point.checkpoint";
    /** Kind written in the header. */
    public static final String KIND = "recovery-point";
    /** Payload version this class writes and the newest it reads. */
    public static final int VERSION = 1;

    private static final String RECOVERY_POINT_OFFSET = "recovery-point-offset";
    private static final String SEGMENT_BASE_OFFSET = "segment-base-offset";
    private static final String POSITION_IN_SEGMENT = "position-in-segment";

    private final CheckpointFile<RecoveryPoint> file;

    /**
     * Describes the recovery point checkpoint of one partition directory.
     *
     * @param partitionDir the partition directory
     */
    public RecoveryPointCheckpoint(Path partitionDir) {
        this.file = new CheckpointFile<>(partitionDir.resolve(FILE_NAME), KIND, VERSION, new Codec());
    }

    /**
     * Returns the path of the file.
     *
     * @return the file path
     */
    public Path path() {
        return file.path();
    }

    /**
     * Replaces the stored recovery point atomically and durably.
     *
     * @param recoveryPoint the recovery point
     * @throws IOException if the write is not durable
     */
    public void write(RecoveryPoint recoveryPoint) throws IOException {
        file.write(recoveryPoint);
    }

    /**
     * Reads the stored recovery point.
     *
     * @return the recovery point, or empty if the file does not exist
     * @throws CorruptCheckpointException if the file cannot be verified
     * @throws IOException if reading fails
     */
    public Optional<RecoveryPoint> read() throws IOException {
        return file.read();
    }

    /** Three key-value lines; {@link RecoveryPoint}'s constructor rejects impossible combinations. */
    private static final class Codec implements CheckpointCodec<RecoveryPoint> {
        @Override
        public List<String> encode(RecoveryPoint point) {
            return List.of(
                    RECOVERY_POINT_OFFSET + " " + point.recoveryPointOffset(),
                    SEGMENT_BASE_OFFSET + " " + point.segmentBaseOffset(),
                    POSITION_IN_SEGMENT + " " + point.positionInSegment());
        }

        @Override
        public RecoveryPoint decode(PayloadReader payload) throws CorruptCheckpointException {
            long recoveryPointOffset = payload.readLong(RECOVERY_POINT_OFFSET);
            long segmentBaseOffset = payload.readLong(SEGMENT_BASE_OFFSET);
            int positionInSegment = payload.readInt(POSITION_IN_SEGMENT);
            return new RecoveryPoint(recoveryPointOffset, segmentBaseOffset, positionInSegment);
        }
    }
}
