package dev.brook.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.log.record.RecordBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where every batch of a log directory sits on disk, read straight from the {@code .log} files, and a checker for
 * the {@code .index} and {@code .timeindex} files against the index rules of {@link LogSegment}. For crash tests.
 */
final class SegmentLayout {
    /** One batch: its segment, byte position and header fields. */
    record Placed(long segmentBase, int position, int size, long baseOffset, long lastOffset, long maxTimestamp) {
        int end() {
            return position + size;
        }
    }

    private SegmentLayout() {
    }

    static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    /** Every batch of every segment, in offset order; stops at the first byte that is not a valid batch. */
    static List<Placed> read(Path dir) throws IOException {
        List<Placed> all = new ArrayList<>();
        for (Path log : files(dir, LogSegment.LOG_SUFFIX)) {
            long base = LogSegment.parseBaseOffset(log.getFileName().toString());
            ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(log));
            while (bytes.hasRemaining()) {
                int position = bytes.position();
                RecordBatch batch = RecordBatch.wrap(bytes.slice());
                batch.ensureValid();
                all.add(new Placed(base, position, batch.sizeInBytes(), batch.baseOffset(), batch.lastOffset(),
                        batch.maxTimestamp()));
                bytes.position(position + batch.sizeInBytes());
            }
        }
        return all;
    }

    /**
     * Checks the index files of a cleanly closed log against the batches: the offset index holds exactly the
     * entries {@link LogSegment} adds (one per batch after more than {@code indexIntervalBytes} bytes, never the
     * batch at position 0, none once either index is full), each pointing at its batch; each time index entry
     * holds the segment's running max timestamp at its batch.
     */
    static void checkIndexes(Path dir, List<Placed> batches, LogConfig config, String context) throws IOException {
        for (Path log : files(dir, LogSegment.LOG_SUFFIX)) {
            long base = LogSegment.parseBaseOffset(log.getFileName().toString());
            List<Placed> inSegment = batches.stream().filter(b -> b.segmentBase() == base).toList();
            List<List<Long>> expectedOffsets = new ArrayList<>();
            List<List<Long>> expectedTimes = new ArrayList<>();
            int offsetSlots = (config.segmentIndexBytes() - 16) / 8;
            int timeSlots = (config.segmentIndexBytes() - 16) / 12;
            long bytesSince = 0;
            long maxTimestamp = RecordBatch.NO_TIMESTAMP;
            for (Placed batch : inSegment) {
                maxTimestamp = Math.max(maxTimestamp, batch.maxTimestamp());
                boolean full = expectedOffsets.size() >= offsetSlots || expectedTimes.size() >= timeSlots;
                if (batch.position() > 0 && bytesSince > config.indexIntervalBytes() && !full) {
                    expectedOffsets.add(List.of(batch.baseOffset(), (long) batch.position()));
                    if (expectedTimes.isEmpty() || maxTimestamp > expectedTimes.get(expectedTimes.size() - 1).get(0)) {
                        expectedTimes.add(List.of(maxTimestamp, batch.baseOffset()));
                    }
                    bytesSince = 0;
                }
                bytesSince += batch.size();
            }
            assertThat(entries(LogSegment.indexPath(dir, base), 8, base))
                    .as("%s: offset index of segment %d", context, base)
                    .containsExactlyElementsOf(expectedOffsets);
            assertThat(entries(LogSegment.timeIndexPath(dir, base), 12, base))
                    .as("%s: time index of segment %d", context, base)
                    .containsExactlyElementsOf(expectedTimes);
        }
    }

    /** Parses the non-zero entries of an index file as {offset, position} or {timestamp, offset}. */
    private static List<List<Long>> entries(Path index, int entrySize, long base) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(index));
        List<List<Long>> entries = new ArrayList<>();
        for (int at = 16; at + entrySize <= bytes.limit(); at += entrySize) {
            if (entrySize == 8) {
                if (bytes.getInt(at) == 0) {
                    break;
                }
                entries.add(List.of(base + bytes.getInt(at), (long) bytes.getInt(at + 4)));
            } else {
                if (bytes.getInt(at + 8) == 0) {
                    break;
                }
                entries.add(List.of(bytes.getLong(at), base + bytes.getInt(at + 8)));
            }
        }
        return entries;
    }
}
