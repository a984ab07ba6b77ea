package dev.brook.log.checkpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * A checkpoint holding one non-negative offset, such as the log start offset of a partition
 * ({@value #LOG_START_OFFSET_FILE_NAME}, kind {@value #LOG_START_OFFSET_KIND}) or the log cleaner's
 * clean/dirty boundary ({@value #CLEANER_OFFSET_FILE_NAME}, kind {@value #CLEANER_OFFSET_KIND}: the first offset
 * not yet cleaned; every offset below it has been through the cleaner at least once).
 *
 * <h2>Payload, version 1</h2>
 *
 * <p>Inside the envelope described in {@link CheckpointFile}, exactly one line:
 *
 * <pre>
 * bytes        content
 * [0, 6)       "offset"
 * [6, 7)       SP (0x20)
 * [7, m)       the offset, canonical decimal, 0 to 9223372036854775807
 * [m, m+1)     LF
 * </pre>
 *
 * <p>A complete {@value #LOG_START_OFFSET_FILE_NAME} for log start offset 42:
 *
 * <pre>
 * brook-checkpoint log-start-offset 1
 * offset 42
 * crc32c 909d0c0f
 * </pre>
 */
public final class OffsetCheckpoint {
    /** File name of the log start offset checkpoint in a partition directory. */
    public static final String LOG_START_OFFSET_FILE_NAME = "log-start-offset.checkpoint";
    /** Kind written in the header of the log start offset checkpoint. */
    public static final String LOG_START_OFFSET_KIND = "log-start-offset";
    /** File name of the cleaner checkpoint in a partition directory. */
    public static final String CLEANER_OFFSET_FILE_NAME = "cleaner-offset.checkpoint";
    /** Kind written in the header of the cleaner checkpoint. */
    public static final String CLEANER_OFFSET_KIND = "cleaner-offset";
    /** Payload version this class writes and the newest it reads. */
    public static final int VERSION = 1;

    private static final String KEY = "offset";

    private final CheckpointFile<Long> file;

    /**
     * Describes an offset checkpoint at any path with any kind.
     *
     * @param file the file path
     * @param kind the kind written in the header and required on read, matching {@code [a-z][a-z0-9-]*}
     */
    public OffsetCheckpoint(Path file, String kind) {
        this.file = new CheckpointFile<>(file, kind, VERSION, new Codec());
    }

    /**
     * Describes the log start offset checkpoint of one partition directory.
     *
     * @param partitionDir the partition directory
     * @return the checkpoint {@code partitionDir/log-start-offset.checkpoint}
     */
    public static OffsetCheckpoint logStartOffset(Path partitionDir) {
        return new OffsetCheckpoint(partitionDir.resolve(LOG_START_OFFSET_FILE_NAME), LOG_START_OFFSET_KIND);
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
     * Replaces the stored offset atomically and durably.
     *
     * @param offset the offset, at least 0
     * @throws IOException if the write is not durable
     * @throws IllegalArgumentException if {@code offset} is negative
     */
    public void write(long offset) throws IOException {
        file.write(offset);
    }

    /**
     * Reads the stored offset.
     *
     * @return the offset, or empty if the file does not exist
     * @throws CorruptCheckpointException if the file cannot be verified
     * @throws IOException if reading fails
     */
    public OptionalLong read() throws IOException {
        return file.read().map(OptionalLong::of).orElseGet(OptionalLong::empty);
    }

    /** One line: {@code offset <n>}. */
    private static final class Codec implements CheckpointCodec<Long> {
        @Override
        public List<String> encode(Long offset) {
            requireNonNegative(offset);
            return List.of(KEY + " " + offset);
        }

        @Override
        public Long decode(PayloadReader payload) throws CorruptCheckpointException {
            long offset = payload.readLong(KEY);
            requireNonNegative(offset);
            return offset;
        }

        private static void requireNonNegative(long offset) {
            if (offset < 0) {
                throw new IllegalArgumentException("offset must not be negative: " + offset);
            }
        }
    }
}
