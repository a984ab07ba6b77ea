package dev.brook.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.log.record.RecordBatch;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogRecoveryTest {
    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(1_000_000);
    private Log log;

    @AfterEach
    void closeLog() {
        if (log != null) {
            log.close();
        }
    }

    private static LogConfig config() {
        return LogConfig.defaults().withSegmentBytes(8192).withIndexIntervalBytes(256).withSegmentIndexBytes(4096);
    }

    private Log open() {
        log = Log.open(dir, config(), clock);
        return log;
    }

    private void appendBatches(int count) {
        for (int i = 0; i < count; i++) {
            log.append(TestBatches.batch(2, 1000 + i, 100), 0);
        }
    }

    private void crash() throws IOException {
        log.closeUncleanly();
        log = null;
    }

    private List<Path> files(String suffix) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    private long readAllOffsets() throws IOException {
        long next = log.logStartOffset();
        while (next < log.logEndOffset()) {
            List<RecordBatch> batches = log.read(next, 1 << 20).batches();
            assertThat(batches.get(0).baseOffset()).isEqualTo(next);
            next = batches.get(batches.size() - 1).nextOffset();
        }
        return next;
    }

    private static void flipByte(Path file, long position) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(position);
            int b = raf.read();
            raf.seek(position);
            raf.write(b ^ 0x5A);
        }
    }

    @Test
    void tornTailIsCutAtTheLastCompleteBatch() throws IOException {
        open();
        appendBatches(10);
        long size = log.sizeInBytes();
        int batchSize = TestBatches.batch(2, 0, 100).remaining();
        crash();
        Path last = files(".log").get(files(".log").size() - 1);
        try (RandomAccessFile raf = new RandomAccessFile(last.toFile(), "rw")) {
            raf.setLength(raf.length() - batchSize / 2);
        }
        open();
        assertThat(log.logEndOffset()).isEqualTo(18);
        assertThat(log.sizeInBytes()).isEqualTo(size - batchSize);
        assertThat(readAllOffsets()).isEqualTo(18);
        assertThat(log.append(TestBatches.batch(1, 0, 10), 0).firstOffset()).isEqualTo(18);
    }

    @Test
    void garbageAfterTheLastBatchIsRemoved() throws IOException {
        open();
        appendBatches(5);
        crash();
        Path last = files(".log").get(files(".log").size() - 1);
        Files.write(last, new byte[300], java.nio.file.StandardOpenOption.APPEND);
        open();
        assertThat(log.logEndOffset()).isEqualTo(10);
        assertThat(readAllOffsets()).isEqualTo(10);
    }

    @Test
    void aCorruptUnflushedBatchTruncatesTheLogThereAndDropsLaterSegments() throws IOException {
        open();
        appendBatches(60);
        assertThat(log.segmentCount()).isGreaterThan(2);
        crash();
        Path first = files(".log").get(0);
        int batchSize = TestBatches.batch(2, 0, 100).remaining();
        flipByte(first, 3L * batchSize + 80); // inside the 4th batch's CRC-covered bytes
        open();
        assertThat(log.logEndOffset()).isEqualTo(6);
        assertThat(log.segmentCount()).isEqualTo(1);
        assertThat(readAllOffsets()).isEqualTo(6);
    }

    @Test
    void recoveryThatLosesWholeBatchesOfASegmentDeletesTheLaterSegments() throws IOException {
        open();
        appendBatches(60);
        assertThat(log.segmentCount()).isGreaterThan(2);
        crash();
        Path first = files(".log").get(0);
        int batchSize = TestBatches.batch(2, 0, 100).remaining();
        // The unflushed end of the first segment is lost at a batch boundary: no torn batch, just missing ones.
        try (RandomAccessFile raf = new RandomAccessFile(first.toFile(), "rw")) {
            raf.setLength(5L * batchSize);
        }
        open();
        assertThat(log.logEndOffset()).isEqualTo(10);
        assertThat(log.segmentCount()).isEqualTo(1); // offsets 10.. are gone: so are the segments holding later ones
        assertThat(readAllOffsets()).isEqualTo(10);
        assertThat(log.append(TestBatches.batch(1, 0, 10), 0).firstOffset()).isEqualTo(10);
    }

    @Test
    void theFlushedPartIsNotRescannedButNeverServedCorrupt() throws IOException {
        open();
        appendBatches(10);
        log.flush();
        log.checkpointRecoveryPoint();
        appendBatches(10);
        crash();
        Path segment = files(".log").get(0);
        flipByte(segment, 100); // record bytes of the first, flushed batch
        open();
        // Recovery started at the recovery point, so it did not notice the flushed batch's damage...
        assertThat(log.logEndOffset()).isEqualTo(40);
        // ...but a reader is never handed those bytes as data.
        assertThatThrownBy(() -> log.read(0, 1 << 20).batches())
                .isInstanceOf(CorruptLogException.class)
                .hasMessageContaining(segment.getFileName().toString())
                .hasMessageContaining("position 0");
        assertThat(log.read(20, 1 << 20).batches()).isNotEmpty();
    }

    @Test
    void aFlushedBatchWhoseHeaderClaimsTooManyOffsetsIsReportedNotSkipped() throws IOException {
        open();
        appendBatches(10);
        log.flush();
        log.checkpointRecoveryPoint();
        appendBatches(2);
        crash();
        Path segment = files(".log").get(0);
        int batchSize = TestBatches.batch(2, 0, 100).remaining();
        flipByte(segment, 3L * batchSize + RecordBatch.LAST_OFFSET_DELTA_OFFSET + 1); // batch 6..7 claims 6..~2^20
        open();
        assertThat(log.logEndOffset()).isEqualTo(24);
        assertThatThrownBy(() -> log.read(7, 1 << 20))
                .isInstanceOf(CorruptLogException.class)
                .hasMessageContaining("position " + 3L * batchSize);
    }

    @Test
    void aCleanShutdownSkipsRecovery() throws IOException {
        open();
        appendBatches(10);
        log.close();
        assertThat(files(".clean-shutdown")).isNotEmpty();
        open();
        assertThat(files(".clean-shutdown")).isEmpty(); // a crash from now on is recovered
        assertThat(log.logEndOffset()).isEqualTo(20);
        assertThat(readAllOffsets()).isEqualTo(20);
    }

    @Test
    void aMissingIndexIsRebuilt() throws IOException {
        open();
        appendBatches(40);
        log.close();
        for (Path index : files(".index")) {
            Files.delete(index);
        }
        for (Path index : files(".timeindex")) {
            Files.delete(index);
        }
        open();
        assertThat(readAllOffsets()).isEqualTo(80);
        assertThat(log.read(33, 1 << 20).batches().get(0).baseOffset()).isEqualTo(32);
        assertThat(files(".index")).hasSameSizeAs(files(".log"));
        assertThat(log.offsetForTimestamp(1020)).contains(new TimestampAndOffset(1020, 40));
    }

    @Test
    void aMissingOrEmptyIndexIsRebuiltWhole() throws IOException {
        open();
        appendBatches(40);
        log.close();
        java.util.Map<Path, byte[]> original = new java.util.HashMap<>();
        for (Path index : files("index")) {
            original.put(index, Files.readAllBytes(index));
        }
        // Only the time index of one segment is lost, and the offset index of another is left empty.
        Files.delete(files(".timeindex").get(0));
        Files.write(files(".index").get(1), new byte[0]);
        open();
        assertThat(readAllOffsets()).isEqualTo(80);
        log.close();
        log = null;
        for (Path index : files("index")) {
            assertThat(Files.readAllBytes(index)).as(index.toString()).isEqualTo(original.get(index));
        }
    }

    @Test
    void aCorruptIndexIsRebuiltNotTrusted() throws IOException {
        open();
        appendBatches(40);
        log.close();
        for (Path index : files(".index")) {
            if (Files.size(index) > 24) {
                flipByte(index, 20); // an entry's relative offset
                flipByte(index, 23);
            }
            flipByte(index, 0); // the magic
        }
        open();
        assertThat(readAllOffsets()).isEqualTo(80);
        for (long offset = 0; offset < 80; offset += 7) {
            assertThat(log.read(offset, 1).batches().get(0).lastOffset()).isGreaterThanOrEqualTo(offset);
        }
    }

    @Test
    void anIndexPointingAtTheWrongBatchIsDetected() throws IOException {
        open();
        appendBatches(10);
        log.close();
        Path index = files(".index").get(0);
        flipByte(index, 16 + 3); // first entry's relative offset, header intact
        open();
        assertThat(readAllOffsets()).isEqualTo(20);
        assertThat(log.read(9, 1).batches().get(0).baseOffset()).isEqualTo(8);
    }

    @Test
    void garbageIndexEntriesPastTheRecoveryPointAreDroppedAndRebuilt() throws IOException {
        open();
        appendBatches(10);
        log.flush();
        log.checkpointRecoveryPoint();
        appendBatches(10);
        crash();
        Path index = files(".index").get(0);
        int batchSize = TestBatches.batch(2, 0, 100).remaining();
        // With 256-byte intervals every other batch is indexed: entries 0..3 lie before the recovery point
        // (batch 10), entry 4 on describes unflushed batches. Garbage there: a negative position, then an
        // offset that does not increase.
        try (RandomAccessFile raf = new RandomAccessFile(index.toFile(), "rw")) {
            raf.seek(16 + 4 * 8);
            raf.writeInt(21);
            raf.writeInt(-batchSize);
            raf.writeInt(1);
            raf.writeInt(1);
        }
        open();
        assertThat(log.logEndOffset()).isEqualTo(40);
        assertThat(readAllOffsets()).isEqualTo(40);
        for (long offset = 0; offset < 40; offset++) {
            assertThat(log.read(offset, 1).batches().get(0).baseOffset()).isEqualTo(offset - offset % 2);
        }
    }

    @Test
    void anIndexEntryWithANegativePositionFailsTheSanityCheck() throws IOException {
        open();
        appendBatches(10);
        log.close();
        Path index = files(".index").get(0);
        try (RandomAccessFile raf = new RandomAccessFile(index.toFile(), "rw")) {
            raf.seek(16 + 4); // the first entry's position; the later entries still increase
            raf.writeInt(-100);
        }
        open();
        assertThat(readAllOffsets()).isEqualTo(20);
        assertThat(log.read(4, 1).batches().get(0).baseOffset()).isEqualTo(4);
    }

    @Test
    void aTornBatchExactlyAtTheRecoveryPointIsCut() throws IOException {
        open();
        appendBatches(10);
        log.flush();
        log.checkpointRecoveryPoint();
        long flushedSize = log.sizeInBytes();
        appendBatches(1);
        crash();
        Path segment = files(".log").get(0);
        for (long torn : new long[] {flushedSize + 1, flushedSize + 30, flushedSize + 100}) {
            try (RandomAccessFile raf = new RandomAccessFile(segment.toFile(), "rw")) {
                raf.setLength(torn);
            }
            open();
            assertThat(log.logEndOffset()).isEqualTo(20);
            assertThat(readAllOffsets()).isEqualTo(20);
            assertThat(log.append(TestBatches.batch(2, 0, 100), 0).firstOffset()).isEqualTo(20);
            crash();
        }
    }

    @Test
    void aCorruptRecoveryPointMeansRecoveringEverything() throws IOException {
        open();
        appendBatches(30);
        log.flush();
        log.checkpointRecoveryPoint();
        crash();
        Path checkpoint = dir.resolve("recovery-point.checkpoint");
        flipByte(checkpoint, Files.size(checkpoint) / 2);
        open();
        assertThat(log.logEndOffset()).isEqualTo(60);
        assertThat(readAllOffsets()).isEqualTo(60);
    }

    @Test
    void aMarkerThatDisagreesWithTheFilesIsNotTrusted() throws IOException {
        open();
        appendBatches(10);
        log.close();
        Path last = files(".log").get(files(".log").size() - 1);
        try (RandomAccessFile raf = new RandomAccessFile(last.toFile(), "rw")) {
            raf.setLength(raf.length() - 10);
        }
        open();
        assertThat(log.logEndOffset()).isEqualTo(18);
        assertThat(readAllOffsets()).isEqualTo(18);
    }

    @Test
    void leftoverDeletedFilesAreRemovedOnOpen() throws IOException {
        open();
        appendBatches(2);
        log.close();
        Files.write(dir.resolve("00000000000000000099.log.deleted"), new byte[10]);
        open();
        assertThat(files(".deleted")).isEmpty();
        assertThat(log.logEndOffset()).isEqualTo(4);
    }
}
