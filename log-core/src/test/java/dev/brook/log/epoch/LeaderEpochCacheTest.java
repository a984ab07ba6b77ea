package dev.brook.log.epoch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.log.checkpoint.CorruptCheckpointException;
import dev.brook.log.checkpoint.EpochEntry;
import dev.brook.log.checkpoint.LeaderEpochCheckpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaderEpochCacheTest {
    @TempDir
    Path dir;

    /** Builds entries from (epoch, startOffset) pairs. */
    private static List<EpochEntry> entries(long... epochAndOffset) {
        List<EpochEntry> list = new ArrayList<>();
        for (int i = 0; i < epochAndOffset.length; i += 2) {
            list.add(new EpochEntry((int) epochAndOffset[i], epochAndOffset[i + 1]));
        }
        return list;
    }

    private LeaderEpochCache cacheWith(long... epochAndOffset) throws IOException {
        new LeaderEpochCheckpoint(dir).write(entries(epochAndOffset));
        return LeaderEpochCache.load(dir);
    }

    private List<EpochEntry> onDisk() throws IOException {
        return new LeaderEpochCheckpoint(dir).read().orElseThrow();
    }

    private Path checkpointFile() {
        return dir.resolve(LeaderEpochCheckpoint.FILE_NAME);
    }

    @Test
    void missingCheckpointLoadsEmptyAndIsNotCreatedByQueries() throws IOException {
        LeaderEpochCache cache = LeaderEpochCache.load(dir);

        assertThat(cache.entries()).isEmpty();
        assertThat(cache.latestEpoch()).isEmpty();
        assertThat(cache.latestEntry()).isEmpty();
        assertThat(cache.epochForOffset(0)).isEmpty();
        assertThat(cache.endOffsetFor(0, 10)).isEqualTo(EpochEndOffset.UNDEFINED);
        assertThat(Files.exists(checkpointFile())).isFalse();
    }

    @Test
    void loadReadsTheCheckpoint() throws IOException {
        LeaderEpochCache cache = cacheWith(0, 0, 2, 10, 5, 20);

        assertThat(cache.entries()).isEqualTo(entries(0, 0, 2, 10, 5, 20));
        assertThat(cache.latestEpoch()).hasValue(5);
        assertThat(cache.latestEntry()).contains(new EpochEntry(5, 20));
    }

    @Test
    void corruptCheckpointSurfacesAsTypedException() throws IOException {
        Files.writeString(checkpointFile(), "brook-checkpoint leader-epoch 1\nentries 1\n0 0\ncrc32c 00000000\n");

        assertThatThrownBy(() -> LeaderEpochCache.load(dir))
                .isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining(checkpointFile().toString())
                .hasMessageContaining("checksum mismatch");
    }

    @Test
    void assignAppendsNewerEpochsAndPersistsEachOne() throws IOException {
        LeaderEpochCache cache = LeaderEpochCache.load(dir);

        cache.assign(0, 0);
        assertThat(onDisk()).isEqualTo(entries(0, 0));
        cache.assign(1, 5);
        cache.assign(4, 9);

        assertThat(cache.entries()).isEqualTo(entries(0, 0, 1, 5, 4, 9));
        assertThat(onDisk()).isEqualTo(cache.entries());
        assertThat(LeaderEpochCache.load(dir).entries()).isEqualTo(cache.entries());
    }

    @Test
    void assignOfTheLatestEpochAtALaterOffsetChangesNothingAndWritesNothing() throws IOException {
        LeaderEpochCache cache = cacheWith(2, 9);
        Files.delete(checkpointFile());

        cache.assign(2, 9);
        cache.assign(2, 10);
        cache.assign(2, Long.MAX_VALUE);

        assertThat(cache.entries()).isEqualTo(entries(2, 9));
        assertThat(Files.exists(checkpointFile())).as("no-op assign must not write").isFalse();
    }

    @Test
    void assignOfTheLatestEpochAtAnEarlierOffsetMovesItsStart() throws IOException {
        LeaderEpochCache cache = cacheWith(1, 3, 2, 10);

        cache.assign(2, 5);

        assertThat(cache.entries()).isEqualTo(entries(1, 3, 2, 5));
        assertThat(onDisk()).isEqualTo(entries(1, 3, 2, 5));
    }

    @Test
    void newEpochAtTheSameOffsetReplacesTheEpochThatWroteNothing() throws IOException {
        LeaderEpochCache cache = cacheWith(2, 9);

        cache.assign(3, 9);

        assertThat(cache.entries()).isEqualTo(entries(3, 9));
    }

    @Test
    void higherEpochAtALowerOffsetRemovesTheConflictingLaterEntries() throws IOException {
        LeaderEpochCache cache = cacheWith(1, 5, 2, 10, 3, 20);

        cache.assign(4, 12);

        assertThat(cache.entries()).isEqualTo(entries(1, 5, 2, 10, 4, 12));
        assertThat(onDisk()).isEqualTo(entries(1, 5, 2, 10, 4, 12));
    }

    @Test
    void olderEpochAtAHigherOffsetRemovesEveryLaterEpochAsKafkaDoes() throws IOException {
        LeaderEpochCache cache = cacheWith(1, 5, 2, 6);

        cache.assign(1, 7);

        assertThat(cache.entries()).isEqualTo(entries(1, 7));
        assertThat(cache.endOffsetFor(1, 8)).isEqualTo(new EpochEndOffset(1, 8));
        assertThat(cache.endOffsetFor(2, 8)).isEqualTo(EpochEndOffset.UNDEFINED);
    }

    @Test
    void olderEpochKeepsEarlierEpochsBelowIt() throws IOException {
        LeaderEpochCache cache = cacheWith(0, 0, 3, 10, 5, 20);

        cache.assign(4, 25);

        assertThat(cache.entries()).isEqualTo(entries(0, 0, 3, 10, 4, 25));
    }

    @Test
    void assignRejectsNegativeValuesWithoutChanges() throws IOException {
        LeaderEpochCache cache = cacheWith(1, 5);

        assertThatThrownBy(() -> cache.assign(-1, 6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.assign(2, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(cache.entries()).isEqualTo(entries(1, 5));
    }

    @Test
    void failedCheckpointWriteLeavesTheCacheUnchanged() throws IOException {
        LeaderEpochCache cache = cacheWith(1, 5);
        // A non-empty directory in place of the scratch file makes every checkpoint write fail (and survives
        // the writer's attempt to clean its scratch file up).
        Path blocker = Files.createDirectory(dir.resolve(LeaderEpochCheckpoint.FILE_NAME + ".tmp"));
        Files.createFile(blocker.resolve("keep"));

        assertThatThrownBy(() -> cache.assign(2, 10)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> cache.truncateFromStart(7)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> cache.truncateFromEnd(0)).isInstanceOf(IOException.class);
        assertThatThrownBy(cache::clearAndFlush).isInstanceOf(IOException.class);

        assertThat(cache.entries()).isEqualTo(entries(1, 5));
        assertThat(onDisk()).isEqualTo(entries(1, 5));
    }

    @Test
    void epochForOffsetFindsTheEntryCoveringTheOffset() throws IOException {
        LeaderEpochCache cache = cacheWith(1, 5, 2, 10, 5, 20);

        assertThat(cache.epochForOffset(0)).isEmpty();
        assertThat(cache.epochForOffset(4)).isEmpty();
        assertThat(cache.epochForOffset(5)).hasValue(1);
        assertThat(cache.epochForOffset(9)).hasValue(1);
        assertThat(cache.epochForOffset(10)).hasValue(2);
        assertThat(cache.epochForOffset(19)).hasValue(2);
        assertThat(cache.epochForOffset(20)).hasValue(5);
        assertThat(cache.epochForOffset(Long.MAX_VALUE)).hasValue(5);
        assertThat(cache.epochForOffset(-1)).isEqualTo(OptionalInt.empty());
    }

    @Test
    void endOffsetForFollowsKafkaSemantics() throws IOException {
        LeaderEpochCache cache = cacheWith(2, 10, 4, 20, 7, 30);
        long logEndOffset = 42;

        assertThat(cache.endOffsetFor(7, logEndOffset)).as("latest epoch: log end offset")
                .isEqualTo(new EpochEndOffset(7, 42));
        assertThat(cache.endOffsetFor(4, logEndOffset)).as("known epoch: start of the next")
                .isEqualTo(new EpochEndOffset(4, 30));
        assertThat(cache.endOffsetFor(2, logEndOffset)).isEqualTo(new EpochEndOffset(2, 20));
        assertThat(cache.endOffsetFor(3, logEndOffset)).as("unknown epoch between two: the one below it")
                .isEqualTo(new EpochEndOffset(2, 20));
        assertThat(cache.endOffsetFor(6, logEndOffset)).isEqualTo(new EpochEndOffset(4, 30));
        assertThat(cache.endOffsetFor(1, logEndOffset)).as("below the first epoch: start of the first")
                .isEqualTo(new EpochEndOffset(1, 10));
        assertThat(cache.endOffsetFor(0, logEndOffset)).isEqualTo(new EpochEndOffset(0, 10));
        assertThat(cache.endOffsetFor(8, logEndOffset)).as("newer than the latest").isEqualTo(EpochEndOffset.UNDEFINED);
        assertThat(cache.endOffsetFor(EpochEndOffset.UNDEFINED_EPOCH, logEndOffset))
                .isEqualTo(EpochEndOffset.UNDEFINED);
        assertThat(EpochEndOffset.UNDEFINED.isUndefined()).isTrue();
        assertThat(new EpochEndOffset(0, -1).isUndefined()).isFalse();
    }

    @Test
    void endOffsetForASingleEpoch() throws IOException {
        LeaderEpochCache cache = cacheWith(5, 11);

        assertThat(cache.endOffsetFor(5, 13)).isEqualTo(new EpochEndOffset(5, 13));
        assertThat(cache.endOffsetFor(4, 13)).isEqualTo(new EpochEndOffset(4, 11));
        assertThat(cache.endOffsetFor(6, 13)).isEqualTo(EpochEndOffset.UNDEFINED);
    }

    @Test
    void truncateFromEndRemovesEntriesStartingAtOrAfterTheOffset() throws IOException {
        LeaderEpochCache cache = cacheWith(1, 5, 2, 10, 3, 20);

        cache.truncateFromEnd(21);
        assertThat(cache.entries()).isEqualTo(entries(1, 5, 2, 10, 3, 20));
        cache.truncateFromEnd(20);
        assertThat(cache.entries()).isEqualTo(entries(1, 5, 2, 10));
        assertThat(onDisk()).isEqualTo(entries(1, 5, 2, 10));
        cache.truncateFromEnd(6);
        assertThat(cache.entries()).isEqualTo(entries(1, 5));
        cache.truncateFromEnd(0);
        assertThat(cache.entries()).isEmpty();
        assertThat(onDisk()).isEmpty();
    }

    @Test
    void truncateFromEndWithoutEffectWritesNothing() throws IOException {
        LeaderEpochCache cache = cacheWith(1, 5, 2, 10);
        Files.delete(checkpointFile());

        cache.truncateFromEnd(11);
        cache.truncateFromEnd(-1);

        assertThat(cache.entries()).isEqualTo(entries(1, 5, 2, 10));
        assertThat(Files.exists(checkpointFile())).isFalse();
    }

    @Test
    void truncateFromStartMovesTheCoveringEntryUp() throws IOException {
        LeaderEpochCache cache = cacheWith(0, 0, 1, 10, 2, 20);

        cache.truncateFromStart(15);

        assertThat(cache.entries()).isEqualTo(entries(1, 15, 2, 20));
        assertThat(onDisk()).isEqualTo(entries(1, 15, 2, 20));
    }

    @Test
    void truncateFromStartOnAnEpochBoundaryDropsEverythingBeforeIt() throws IOException {
        LeaderEpochCache cache = cacheWith(0, 0, 1, 10, 2, 20);

        cache.truncateFromStart(20);

        assertThat(cache.entries()).isEqualTo(entries(2, 20));
        assertThat(onDisk()).isEqualTo(entries(2, 20));
    }

    @Test
    void truncateFromStartPastTheLastEntryKeepsTheLatestEpoch() throws IOException {
        LeaderEpochCache cache = cacheWith(0, 0, 1, 10, 2, 20);

        cache.truncateFromStart(35);

        assertThat(cache.entries()).isEqualTo(entries(2, 35));
    }

    @Test
    void truncateFromStartWithoutEffectWritesNothing() throws IOException {
        LeaderEpochCache cache = cacheWith(1, 10, 2, 20);
        Files.delete(checkpointFile());

        cache.truncateFromStart(9);
        cache.truncateFromStart(10);
        cache.truncateFromStart(-1);

        assertThat(cache.entries()).isEqualTo(entries(1, 10, 2, 20));
        assertThat(Files.exists(checkpointFile())).isFalse();
    }

    @Test
    void truncateFromStartOnAnEmptyCacheDoesNothing() throws IOException {
        LeaderEpochCache cache = LeaderEpochCache.load(dir);

        cache.truncateFromStart(100);

        assertThat(cache.entries()).isEmpty();
        assertThat(Files.exists(checkpointFile())).isFalse();
    }

    @Test
    void clearAndFlushEmptiesMemoryAndDisk() throws IOException {
        LeaderEpochCache cache = cacheWith(0, 0, 1, 10);

        cache.clearAndFlush();

        assertThat(cache.entries()).isEmpty();
        assertThat(cache.latestEpoch()).isEmpty();
        assertThat(onDisk()).isEmpty();
        assertThat(LeaderEpochCache.load(dir).entries()).isEmpty();
        cache.assign(3, 30);
        assertThat(onDisk()).isEqualTo(entries(3, 30));
    }

    @Test
    void entriesIsAnUnmodifiableSnapshot() throws IOException {
        LeaderEpochCache cache = cacheWith(0, 0);

        List<EpochEntry> snapshot = cache.entries();
        cache.assign(1, 5);

        assertThat(snapshot).isEqualTo(entries(0, 0));
        assertThatThrownBy(() -> snapshot.add(new EpochEntry(9, 9)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void readersSeeAMonotonicLineageWhileAWriterChangesIt() throws Exception {
        LeaderEpochCache cache = LeaderEpochCache.load(dir);
        int readers = 3;
        ExecutorService pool = Executors.newFixedThreadPool(readers + 1);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        try {
            // The log serialises its own changes, so one writer is the real workload; readers run alongside.
            futures.add(pool.submit(() -> {
                start.await();
                for (int epoch = 0; epoch < 100; epoch++) {
                    cache.assign(epoch, epoch * 10L);
                    cache.assign(epoch, epoch * 10L + 5); // the common no-op path
                    if (epoch % 10 == 9) {
                        cache.truncateFromStart(epoch * 10L - 25);
                        cache.truncateFromEnd(epoch * 10L);
                    }
                }
                return null;
            }));
            for (int r = 0; r < readers; r++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 500; i++) {
                        List<EpochEntry> snapshot = cache.entries();
                        assertStrictlyIncreasing(snapshot);
                        EpochEndOffset answer = cache.endOffsetFor(i % 100, 10_000);
                        assertThat(answer.isUndefined() || answer.epoch() <= i % 100).isTrue();
                        cache.epochForOffset(i);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<EpochEntry> finalEntries = cache.entries();
        assertStrictlyIncreasing(finalEntries);
        // Last round: truncateFromStart(965) moved epoch 96 up, truncateFromEnd(990) dropped epoch 99.
        assertThat(finalEntries).isEqualTo(entries(96, 965, 97, 970, 98, 980));
        assertThat(onDisk()).isEqualTo(finalEntries);
    }

    private static void assertStrictlyIncreasing(List<EpochEntry> list) {
        for (int i = 1; i < list.size(); i++) {
            assertThat(list.get(i).epoch()).isGreaterThan(list.get(i - 1).epoch());
            assertThat(list.get(i).startOffset()).isGreaterThan(list.get(i - 1).startOffset());
        }
    }
}
