package dev.brook.partition.producer;

import dev.brook.log.checkpoint.CheckpointCodec;
import dev.brook.log.checkpoint.CheckpointFile;
import dev.brook.log.checkpoint.CorruptCheckpointException;
import dev.brook.log.checkpoint.PayloadReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The producer-state snapshot of one partition, {@value #FILE_NAME} in its directory, in log-core's checkpoint
 * envelope ({@link CheckpointFile}: magic, kind {@value #KIND}, version, CRC-32C, atomic durable replace).
 *
 * <h2>Payload, version 1</h2>
 *
 * <p>Each line ends in LF; numbers are canonical decimal (see {@link PayloadReader}):
 *
 * <pre>
 * "snapshot-offset" SP o     the log offset the state reflects (all batches below o), 0..2^63-1
 * "producers" SP n           number of producer sections, 0..2^31-1
 * then n sections, by ascending producer id:
 *   "producer" SP id SP epoch SP lastTimestamp SP k
 *        id 0..2^63-1, epoch -1..32767, lastTimestamp -1..2^63-1, k = cached batches 0..5
 *   then k lines, oldest batch first:
 *   firstSeq SP lastSeq SP firstOffset SP lastOffset SP timestamp
 *        sequences 0..2^31-1, offsets 0..2^63-1 with firstOffset &lt;= lastOffset &lt; o
 * </pre>
 *
 * <p>Example:
 *
 * <pre>
 * brook-checkpoint producer-state 1
 * snapshot-offset 12
 * producers 1
 * producer 4000 0 1767225600000 2
 * 0 4 0 4 1767225600000
 * 5 9 7 11 1767225600000
 * crc32c 5c0ffee1
 * </pre>
 *
 * <p>The snapshot is derived data: a missing, corrupt or too new file only means more of the log is replayed.
 */
public final class ProducerSnapshotFile {
    /** File name in the partition directory. */
    public static final String FILE_NAME = "producer-state.snapshot";
    /** Kind in the header. */
    public static final String KIND = "producer-state";
    /** Payload version written, and the newest read. */
    public static final int VERSION = 1;

    private final CheckpointFile<ProducerStateSnapshot> file;

    /** Describes the snapshot file of one partition directory; nothing is read yet. */
    public ProducerSnapshotFile(Path partitionDir) {
        this.file = new CheckpointFile<>(partitionDir.resolve(FILE_NAME), KIND, VERSION, new Codec());
    }

    /** The snapshot file. */
    public Path path() {
        return file.path();
    }

    /** Replaces the snapshot atomically and durably. */
    public void write(ProducerStateSnapshot snapshot) throws IOException {
        file.write(snapshot);
    }

    /**
     * Reads the snapshot.
     *
     * @return the snapshot, or empty if there is none
     * @throws CorruptCheckpointException if the file cannot be verified
     */
    public Optional<ProducerStateSnapshot> read() throws IOException {
        return file.read();
    }

    /** Deletes the snapshot durably. */
    public boolean delete() throws IOException {
        return file.delete();
    }

    /** The lines described in the class Javadoc. */
    private static final class Codec implements CheckpointCodec<ProducerStateSnapshot> {
        @Override
        public List<String> encode(ProducerStateSnapshot snapshot) {
            List<String> lines = new ArrayList<>();
            lines.add("snapshot-offset " + snapshot.offset());
            lines.add("producers " + snapshot.producers().size());
            for (ProducerStateEntry entry : snapshot.producers().values()) {
                lines.add("producer " + entry.producerId() + " " + entry.producerEpoch() + " " + entry.lastTimestamp()
                        + " " + entry.batches().size());
                for (BatchMetadata b : entry.batches()) {
                    lines.add(b.firstSeq() + " " + b.lastSeq() + " " + b.firstOffset() + " " + b.lastOffset() + " "
                            + b.timestamp());
                }
            }
            return lines;
        }

        @Override
        public ProducerStateSnapshot decode(PayloadReader payload) throws CorruptCheckpointException {
            long offset = payload.readLong("snapshot-offset");
            if (offset < 0) {
                throw payload.corruptLine("negative snapshot offset");
            }
            int count = payload.readInt("producers");
            if (count < 0) {
                throw payload.corruptLine("negative producer count");
            }
            Map<Long, ProducerStateEntry> producers = new TreeMap<>();
            long previousId = -1;
            for (int i = 0; i < count; i++) {
                String[] f = payload.readFields(5, "producer <id> <epoch> <lastTimestamp> <batches>");
                if (!f[0].equals("producer")) {
                    throw payload.corruptLine("expected a producer line");
                }
                long id = payload.parseLong(f[1], "producer id");
                int epoch = payload.parseInt(f[2], "epoch");
                long lastTimestamp = payload.parseLong(f[3], "lastTimestamp");
                int batchCount = payload.parseInt(f[4], "batch count");
                if (id <= previousId || epoch < -1 || epoch > Short.MAX_VALUE || lastTimestamp < -1
                        || batchCount < 0 || batchCount > ProducerStateEntry.MAX_CACHED_BATCHES) {
                    throw payload.corruptLine("producer fields out of range or not ascending");
                }
                previousId = id;
                List<BatchMetadata> batches = new ArrayList<>();
                for (int j = 0; j < batchCount; j++) {
                    String[] b = payload.readFields(5, "<firstSeq> <lastSeq> <firstOffset> <lastOffset> <timestamp>");
                    int firstSeq = payload.parseInt(b[0], "firstSeq");
                    int lastSeq = payload.parseInt(b[1], "lastSeq");
                    long firstOffset = payload.parseLong(b[2], "firstOffset");
                    long lastOffset = payload.parseLong(b[3], "lastOffset");
                    long timestamp = payload.parseLong(b[4], "timestamp");
                    if (firstSeq < 0 || lastSeq < 0 || firstOffset < 0 || lastOffset < firstOffset
                            || lastOffset >= offset) {
                        throw payload.corruptLine("batch fields out of range");
                    }
                    batches.add(new BatchMetadata(firstSeq, lastSeq, firstOffset, lastOffset, timestamp));
                }
                producers.put(id, new ProducerStateEntry(id, (short) epoch, batches, lastTimestamp));
            }
            return new ProducerStateSnapshot(offset, producers);
        }
    }
}
