package dev.brook.log.checkpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The marker {@value #FILE_NAME} (kind {@value #KIND}) a log writes into its partition directory as the last
 * step of a clean close. On open, a log reads it and then deletes it durably before accepting any write, so that
 * a crash later is never mistaken for a clean shutdown; a present and valid marker means recovery can trust the
 * segments up to {@link CleanShutdown#logEndOffset()}.
 *
 * <h2>Payload, version 1</h2>
 *
 * <p>Inside the envelope described in {@link CheckpointFile}, exactly two lines, in this order:
 *
 * <pre>
 * bytes        content
 * [0, 14)      "log-end-offset"
 * [14, 15)     SP (0x20)
 * [15, a)      logEndOffset, canonical decimal, 0 to 9223372036854775807
 * [a, a+1)     LF
 * [a+1, a+14)  "written-at-ms"
 * [a+14, a+15) SP (0x20)
 * [a+15, w)    writtenAtMillis, canonical decimal, 0 to 9223372036854775807
 * [w, w+1)     LF
 * </pre>
 *
 * <p>A complete file:
 *
 * <pre>
 * brook-checkpoint clean-shutdown 1
 * log-end-offset 1500
 * written-at-ms 1767225600000
 * crc32c 8efa7029
 * </pre>
 */
public final class CleanShutdownMarker {
    /** File name in a partition directory; hidden, as it is a marker rather than data. */
    public static final String FILE_NAME = ".clean-shutdown";
    /** Kind written in the header. */
    public static final String KIND = "clean-shutdown";
    /** Payload version this class writes and the newest it reads. */
    public static final int VERSION = 1;

    private static final String LOG_END_OFFSET = "log-end-offset";
    private static final String WRITTEN_AT_MS = "written-at-ms";

    private final CheckpointFile<CleanShutdown> file;

    /**
     * Describes the clean shutdown marker of one partition directory.
     *
     * @param partitionDir the partition directory
     */
    public CleanShutdownMarker(Path partitionDir) {
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
     * Writes the marker atomically and durably; called once everything else of the log is flushed.
     *
     * @param shutdown what to record
     * @throws IOException if the write is not durable
     */
    public void write(CleanShutdown shutdown) throws IOException {
        file.write(shutdown);
    }

    /**
     * Reads the marker.
     *
     * @return what the last clean close recorded, or empty if there is no marker (the last close was not clean)
     * @throws CorruptCheckpointException if the marker exists but cannot be verified
     * @throws IOException if reading fails
     */
    public Optional<CleanShutdown> read() throws IOException {
        return file.read();
    }

    /**
     * Deletes the marker if present and fsyncs the directory, so the deletion survives a crash.
     *
     * @return whether a marker existed
     * @throws IOException if the deletion is not durable
     */
    public boolean delete() throws IOException {
        return file.delete();
    }

    /** Two key-value lines. */
    private static final class Codec implements CheckpointCodec<CleanShutdown> {
        @Override
        public List<String> encode(CleanShutdown shutdown) {
            return List.of(
                    LOG_END_OFFSET + " " + shutdown.logEndOffset(),
                    WRITTEN_AT_MS + " " + shutdown.writtenAtMillis());
        }

        @Override
        public CleanShutdown decode(PayloadReader payload) throws CorruptCheckpointException {
            long logEndOffset = payload.readLong(LOG_END_OFFSET);
            long writtenAtMillis = payload.readLong(WRITTEN_AT_MS);
            return new CleanShutdown(logEndOffset, writtenAtMillis);
        }
    }
}
