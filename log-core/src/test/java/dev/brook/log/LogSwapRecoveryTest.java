package dev.brook.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.log.checkpoint.SegmentSwapPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File-level states of an interrupted cleaner swap, as {@link LogLoader} finds them on open. */
class LogSwapRecoveryTest {
    private static final LogConfig CONFIG = LogConfig.defaults().withSegmentBytes(1024);

    @TempDir
    Path dir;

    private List<Long> writeSegments() {
        try (Log log = Log.open(dir, CONFIG)) {
            for (int i = 0; i < 30; i++) {
                log.append(TestBatches.batch(1, 1_000, 60), 0);
            }
            return log.segmentBaseOffsets();
        }
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void scratchFilesAndSwapFilesWithoutAPlanAreDeleted() throws IOException {
        List<Long> bases = writeSegments();
        String stem = LogSegment.fileStem(bases.get(0));
        Files.write(dir.resolve(stem + ".log.cleaned"), new byte[10]);
        Files.write(dir.resolve(stem + ".index.swap"), new byte[10]);
        Files.write(dir.resolve(stem + ".log.swap"), new byte[10]);
        try (Log log = Log.open(dir, CONFIG)) {
            assertThat(log.logEndOffset()).isEqualTo(30);
            assertThat(log.segmentBaseOffsets()).isEqualTo(bases);
        }
        assertThat(names()).noneMatch(n -> n.endsWith(".cleaned") || n.endsWith(".swap"));
    }

    @Test
    void aPlanWhoseLogWasNotRenamedLeavesTheSegmentsAsTheyAre() throws IOException {
        List<Long> bases = writeSegments();
        SegmentSwapPlan.file(dir, bases.get(0)).write(new SegmentSwapPlan(bases.get(0), bases.get(2)));
        Files.write(dir.resolve(LogSegment.fileStem(bases.get(0)) + ".index.swap"), new byte[10]);
        try (Log log = Log.open(dir, CONFIG)) {
            assertThat(log.segmentBaseOffsets()).isEqualTo(bases);
            assertThat(log.logEndOffset()).isEqualTo(30);
        }
        assertThat(names()).noneMatch(n -> n.endsWith(".swap") || n.endsWith(".swap.checkpoint"));
    }

    @Test
    void aCommittedSwapReplacesExactlyThePlannedRange() throws IOException {
        List<Long> bases = writeSegments();
        long first = bases.get(0);
        long end = bases.get(2);
        // The "cleaned" segment: a copy of the second segment's batches would not start at `first`, so use the
        // first segment's own file as the cleaned content.
        Files.copy(LogSegment.logPath(dir, first), dir.resolve(LogSegment.fileStem(first) + ".log.swap"));
        SegmentSwapPlan.file(dir, first).write(new SegmentSwapPlan(first, end));
        // As Log.replaceSegments does before a commit that leaves a gap: the checkpoint covers it.
        new LogFiles(dir).writeCleanerOffset(end);
        Files.delete(dir.resolve(".clean-shutdown")); // a crash: recovery must accept the gap below the checkpoint
        try (Log log = Log.open(dir, CONFIG)) {
            assertThat(log.segmentBaseOffsets()).doesNotContain(bases.get(1)).contains(first, end);
            assertThat(log.logEndOffset()).isEqualTo(30);
            assertThat(log.cleanerCheckpoint()).isEqualTo(end);
        }
        assertThat(names()).noneMatch(n -> n.endsWith(".swap") || n.endsWith(".swap.checkpoint"));
    }

    @Test
    void aDamagedPlanRefusesToGuess() throws IOException {
        List<Long> bases = writeSegments();
        String stem = LogSegment.fileStem(bases.get(0));
        Files.writeString(dir.resolve(stem + SegmentSwapPlan.FILE_SUFFIX), "brook-checkpoint segment-swap 1\n");
        Files.write(dir.resolve(stem + ".log.swap"), new byte[10]);
        assertThatThrownBy(() -> Log.open(dir, CONFIG)).hasRootCauseInstanceOf(
                dev.brook.log.checkpoint.CorruptCheckpointException.class);
    }
}
