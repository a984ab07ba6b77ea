package dev.brook.log.checkpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The leader-epoch lineage of one log, a list of {@link EpochEntry} in {@value #FILE_NAME} (kind {@value #KIND})
 * of its partition directory. Entries are strictly increasing in both epoch and start offset; a list that is not
 * is refused on write ({@link IllegalArgumentException}) and reported as corrupt on read.
 *
 * <h2>Payload, version 1</h2>
 *
 * <p>Inside the envelope described in {@link CheckpointFile}, a count line followed by one line per entry in
 * ascending order:
 *
 * <pre>
 * bytes        content
 * [0, 7)       "entries"
 * [7, 8)       SP (0x20)
 * [8, e)       the number of entries n, canonical decimal, 0 to 2147483647
 * [e, e+1)     LF
 * then n times:
 *              epoch, canonical decimal, 0 to 2147483647
 *              SP (0x20)
 *              startOffset, canonical decimal, 0 to 9223372036854775807
 *              LF
 * </pre>
 *
 * <p>The count is redundant with the checksum but lets an operator see at a glance how many epochs a log has.
 * A complete file with two epochs:
 *
 * <pre>
 * brook-checkpoint leader-epoch 1
 * entries 2
 * 0 0
 * 3 1200
 * crc32c 3df13594
 * </pre>
 */
public final class LeaderEpochCheckpoint {
    /** File name in a partition directory. */
    public static final String FILE_NAME = "leader-epoch.checkpoint";
    /** Kind written in the header. */
    public static final String KIND = "leader-epoch";
    /** Payload version this class writes and the newest it reads. */
    public static final int VERSION = 1;

    private static final String COUNT_KEY = "entries";

    private final CheckpointFile<List<EpochEntry>> file;

    /**
     * Describes the leader-epoch checkpoint of one partition directory.
     *
     * @param partitionDir the partition directory
     */
    public LeaderEpochCheckpoint(Path partitionDir) {
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
     * Replaces the stored entries atomically and durably.
     *
     * @param entries the entries, strictly increasing in epoch and in start offset; may be empty
     * @throws IOException if the write is not durable
     * @throws IllegalArgumentException if the entries are not strictly increasing
     */
    public void write(List<EpochEntry> entries) throws IOException {
        file.write(entries);
    }

    /**
     * Reads the stored entries.
     *
     * @return the entries in ascending order (unmodifiable), or empty if the file does not exist
     * @throws CorruptCheckpointException if the file cannot be verified
     * @throws IOException if reading fails
     */
    public Optional<List<EpochEntry>> read() throws IOException {
        return file.read();
    }

    /** A count line, then {@code <epoch> <startOffset>} lines. */
    private static final class Codec implements CheckpointCodec<List<EpochEntry>> {
        @Override
        public List<String> encode(List<EpochEntry> entries) {
            requireStrictlyIncreasing(entries);
            List<String> lines = new ArrayList<>(entries.size() + 1);
            lines.add(COUNT_KEY + " " + entries.size());
            for (EpochEntry entry : entries) {
                lines.add(entry.epoch() + " " + entry.startOffset());
            }
            return lines;
        }

        @Override
        public List<EpochEntry> decode(PayloadReader payload) throws CorruptCheckpointException {
            int count = payload.readInt(COUNT_KEY);
            if (count < 0) {
                throw payload.corruptLine("negative entry count " + count);
            }
            // No pre-sizing by count: a damaged count must not decide how much memory is allocated.
            List<EpochEntry> entries = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String[] fields = payload.readFields(2, "<epoch> <startOffset>");
                int epoch = payload.parseInt(fields[0], "epoch");
                long startOffset = payload.parseLong(fields[1], "startOffset");
                entries.add(new EpochEntry(epoch, startOffset));
            }
            requireStrictlyIncreasing(entries);
            return List.copyOf(entries);
        }

        private static void requireStrictlyIncreasing(List<EpochEntry> entries) {
            for (int i = 1; i < entries.size(); i++) {
                EpochEntry previous = entries.get(i - 1);
                EpochEntry entry = entries.get(i);
                if (entry.epoch() <= previous.epoch() || entry.startOffset() <= previous.startOffset()) {
                    throw new IllegalArgumentException("epoch entries must strictly increase in epoch and start "
                            + "offset, but " + entry + " follows " + previous);
                }
            }
        }
    }
}
