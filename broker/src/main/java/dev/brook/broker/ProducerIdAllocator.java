package dev.brook.broker;

import dev.brook.log.checkpoint.CheckpointCodec;
import dev.brook.log.checkpoint.CheckpointFile;
import dev.brook.log.checkpoint.CorruptCheckpointException;
import dev.brook.log.checkpoint.PayloadReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Hands out producer ids for InitProducerId, never the same one twice, across restarts and crashes.
 *
 * <p>Ids are reserved in blocks: before the first id of a block is handed out, the block's end is made durable in
 * {@code <metadata>/producer-ids.checkpoint}; after a restart allocation resumes at that end, so a crash wastes at
 * most one block and never reuses an id.
 *
 * <h2>File format</h2>
 * A {@link CheckpointFile} of kind {@code producer-ids}, version 1, with one payload line
 * {@code next-block-start <decimal long>}: the first id no block has yet reserved.
 */
final class ProducerIdAllocator {
    static final String FILE_NAME = "producer-ids.checkpoint";
    private static final String KEY = "next-block-start";
    private static final long BLOCK_SIZE = 1000;

    private final CheckpointFile<Long> file;
    private long next;
    private long blockEnd;

    ProducerIdAllocator(Path metadataDir) throws IOException {
        this.file = new CheckpointFile<>(metadataDir.resolve(FILE_NAME), "producer-ids", 1, new Codec());
        long start = file.read().orElse(0L);
        this.next = start;
        this.blockEnd = start;
    }

    /** The next unused producer id. */
    synchronized long allocate() {
        if (next == blockEnd) {
            long end = next + BLOCK_SIZE;
            try {
                file.write(end);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot reserve producer ids in " + file.path(), e);
            }
            blockEnd = end;
        }
        return next++;
    }

    private static final class Codec implements CheckpointCodec<Long> {
        @Override
        public List<String> encode(Long value) {
            return List.of(KEY + " " + value);
        }

        @Override
        public Long decode(PayloadReader payload) throws CorruptCheckpointException {
            long v = payload.readLong(KEY);
            if (v < 0) {
                throw payload.corruptLine(KEY + " is negative: " + v);
            }
            return v;
        }
    }
}
