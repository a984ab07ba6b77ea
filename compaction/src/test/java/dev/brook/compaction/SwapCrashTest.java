package dev.brook.compaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.log.Log;
import dev.brook.log.LogConfig;
import dev.brook.log.SwapListener;
import dev.brook.log.SwapStep;
import dev.brook.log.record.Record;
import dev.brook.partition.topic.TopicPartition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kills the cleaner's segment swap after each of its steps and reopens the log: it must hold exactly the records
 * from before the cleaning (a crash before the commit) or exactly those after it (at or after the commit), with
 * no scratch or swap file left. Two ways to die: the directory as a killed process leaves it (copied while the
 * log is open), and the swap stopped by an exception and the log closed afterwards.
 */
class SwapCrashTest {
    private static final TopicPartition TP = new TopicPartition("crash", 0);
    private static final LogConfig CONFIG = LogConfig.defaults().withSegmentBytes(2048).withIndexIntervalBytes(128);

    @TempDir
    Path tmp;

    /** Stops the swap: thrown from the listener. */
    private static final class SimulatedCrash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SimulatedCrash(SwapStep step) {
            super("simulated crash after " + step);
        }
    }

    private static void fill(Log log, MutableClock clock) {
        for (int i = 0; i < 300; i++) {
            String value = i % 17 == 0 ? null : "value-" + i + "-" + "y".repeat(i % 40);
            log.append(LogContents.record(clock.millis(), "key-" + (i % 23), value), 0);
        }
        log.roll();
    }

    /** The records after a clean of a copy of {@code dir}, cleaned with no crash. */
    private List<Record> expectedAfterClean(Path dir, MutableClock clock) throws IOException {
        Path copy = copyDir(dir, tmp.resolve("reference"));
        try (Log log = Log.open(copy, CONFIG, clock);
                LogCleaner cleaner = new LogCleaner(CleanerSettings.defaults().withDedupeBufferBytes(1 << 16), clock)) {
            cleaner.register(TP, log, CompactionConfig.compactDefaults());
            cleaner.clean(TP);
            return LogContents.readAll(log);
        }
    }

    @ParameterizedTest
    @EnumSource(SwapStep.class)
    void aProcessKilledAfterEachStepLeavesOldOrNewSegments(SwapStep killAt) throws IOException {
        MutableClock clock = new MutableClock(1_000_000);
        Path dir = tmp.resolve("log");
        List<Record> before;
        try (Log log = Log.open(dir, CONFIG, clock)) {
            fill(log, clock);
            before = LogContents.readAll(log);
        }
        List<Record> after = expectedAfterClean(dir, clock);
        assertThat(after).isNotEqualTo(before);

        Path crashed = tmp.resolve("crashed");
        int[] snapshots = {0};
        SwapListener listener = step -> {
            // Only the first swap's steps: the log's segments fit one cleaned segment at most a few times over.
            if (step == killAt && snapshots[0]++ == 0) {
                try {
                    copyDir(dir, crashed);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        try (Log log = Log.open(dir, CONFIG, clock);
                LogCleaner cleaner = new LogCleaner(CleanerSettings.defaults().withDedupeBufferBytes(1 << 16), clock,
                        listener)) {
            cleaner.register(TP, log, CompactionConfig.compactDefaults());
            CleanResult result = cleaner.clean(TP);
            assertThat(result.segmentsWritten()).isGreaterThanOrEqualTo(1);
        }
        assertThat(snapshots[0]).isGreaterThanOrEqualTo(1);
        try (Log reopened = Log.open(crashed, CONFIG, clock)) {
            List<Record> found = LogContents.readAll(reopened);
            assertOldOrNew(found, before, after, killAt, reopened);
        }
        assertNoSwapLeftovers(crashed);
    }

    @ParameterizedTest
    @EnumSource(SwapStep.class)
    void aSwapStoppedAfterEachStepLeavesOldOrNewSegments(SwapStep killAt) throws IOException {
        MutableClock clock = new MutableClock(1_000_000);
        Path dir = tmp.resolve("log");
        List<Record> before;
        try (Log log = Log.open(dir, CONFIG, clock)) {
            fill(log, clock);
            before = LogContents.readAll(log);
        }
        List<Record> after = expectedAfterClean(dir, clock);
        SwapListener listener = step -> {
            if (step == killAt) {
                throw new SimulatedCrash(step);
            }
        };
        Log log = Log.open(dir, CONFIG, clock);
        try (LogCleaner cleaner = new LogCleaner(CleanerSettings.defaults().withDedupeBufferBytes(1 << 16), clock,
                listener)) {
            cleaner.register(TP, log, CompactionConfig.compactDefaults());
            assertThatThrownBy(() -> cleaner.clean(TP)).isInstanceOf(SimulatedCrash.class);
            assertThat(cleaner.health(TP).consecutiveFailures()).isEqualTo(1);
            cleaner.unregister(TP);
        }
        // Reads still work after the failed swap: the log serves the old segments or, once the swap is in its
        // map, the new one.
        List<Record> served = LogContents.readAll(log);
        if (!served.equals(before)) {
            assertOldOrNew(served, before, after, SwapStep.COMPLETED, log);
        }
        log.close();
        try (Log reopened = Log.open(dir, CONFIG, clock)) {
            assertOldOrNew(LogContents.readAll(reopened), before, after, killAt, reopened);
        }
        assertNoSwapLeftovers(dir);
    }

    private static void assertOldOrNew(List<Record> found, List<Record> before, List<Record> after, SwapStep killAt,
            Log log) {
        // Only the first group is swapped before the kill; "after" is judged on that group's offsets.
        boolean committed = killAt.compareTo(SwapStep.COMMITTED) >= 0;
        if (!committed) {
            assertThat(found).as("killed after %s (before the commit)", killAt).isEqualTo(before);
            return;
        }
        long firstKept = found.isEmpty() ? Long.MAX_VALUE : found.get(0).offset();
        long groupEnd = log.segmentBaseOffsets().size() > 1 ? log.segmentBaseOffsets().get(1) : Long.MAX_VALUE;
        List<Record> newPart = after.stream().filter(r -> r.offset() < groupEnd).toList();
        List<Record> oldPart = before.stream().filter(r -> r.offset() >= groupEnd).toList();
        assertThat(found).as("killed after %s (committed): first group cleaned (starts at %d), rest as before", killAt,
                firstKept).isEqualTo(Stream.concat(newPart.stream(), oldPart.stream()).toList());
    }

    private static void assertNoSwapLeftovers(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .noneMatch(name -> name.endsWith(".cleaned") || name.endsWith(".swap")
                            || name.endsWith(".swap.checkpoint"));
        }
    }

    private static Path copyDir(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
        return to;
    }
}
