package dev.brook.log.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One writer and three readers on one index. Entry {@code i} always has offset {@code BASE + 3(i+1)}, position
 * {@code 7(i+1)} and timestamp {@code 1000 + 2i}, so a reader can tell a real entry from a torn or invented one
 * whatever the writer did in between.
 */
class IndexConcurrencyTest {
    private static final long BASE = 1L << 33;
    private static final int READERS = 3;
    private static final long RUN_NANOS = TimeUnit.MILLISECONDS.toNanos(400);

    private final long seed = Long.getLong("brook.seed", System.nanoTime());

    @TempDir
    Path dir;

    private static long offsetOf(long i) {
        return BASE + 3 * (i + 1);
    }

    private static int positionOf(long i) {
        return (int) (7 * (i + 1));
    }

    private static long timestampOf(long i) {
        return 1_000 + 2 * i;
    }

    /** Entry number of a real entry's offset, or -1 when no entry has that offset. */
    private static long entryNumber(long offset) {
        long relative = offset - BASE;
        return relative > 0 && relative % 3 == 0 ? relative / 3 - 1 : -1;
    }

    /** A lookup result must be the segment start or a real entry at or below the target. */
    private static void checkOffsetAnswer(long target, OffsetPosition found) {
        if (found.equals(new OffsetPosition(BASE, 0))) {
            return;
        }
        long i = entryNumber(found.offset());
        assertThat(i).as("lookup(%d) = %s is not an appended entry", target, found).isNotNegative();
        assertThat(found.position()).as("lookup(%d) = %s: torn entry", target, found).isEqualTo(positionOf(i));
        assertThat(found.offset()).as("lookup(%d) = %s is above the target", target, found).isLessThanOrEqualTo(target);
    }

    @Test
    void offsetLookupsSeeOnlyAppendedEntriesAndEverythingPublishedBefore() throws Exception {
        int total = 300_000;
        try (OffsetIndex index = OffsetIndex.open(dir.resolve("a.index"), BASE, IndexKind.OFFSET.sizeFor(total))) {
            run(() -> {
                for (int i = 0; i < total && !Thread.currentThread().isInterrupted(); i++) {
                    index.append(offsetOf(i), positionOf(i));
                    pauseNowAndThen(i);
                }
            }, random -> {
                int published = index.entryCount();
                // Mostly at the tail, like consumers near the log end: the newest slot is where a count
                // published before its entry's bytes would show.
                long target = random.nextInt(4) == 0 ? BASE - 2 + random.nextLong(3L * published + 30)
                        : offsetOf(published - 1) + random.nextInt(40);
                OffsetPosition found = index.lookup(target);
                checkOffsetAnswer(target, found);
                // The newest entry at or below the target among those published before the lookup began.
                long visible = Math.min(published, (target - BASE) / 3) - 1;
                if (visible >= 0) {
                    assertThat(found.offset()).as("lookup(%d) = %s missed entry %d", target, found, visible)
                            .isGreaterThanOrEqualTo(offsetOf(visible));
                }
            });
        }
    }

    @Test
    void timeLookupsSeeOnlyAppendedEntriesAndEverythingPublishedBefore() throws Exception {
        int total = 200_000;
        try (TimeIndex index = TimeIndex.open(dir.resolve("a.timeindex"), BASE, IndexKind.TIME.sizeFor(total))) {
            run(() -> {
                for (int i = 0; i < total && !Thread.currentThread().isInterrupted(); i++) {
                    index.maybeAppend(timestampOf(i), offsetOf(i));
                    pauseNowAndThen(i);
                }
            }, random -> {
                int published = index.entryCount();
                long target = random.nextInt(4) == 0 ? 997 + random.nextLong(2L * published + 20)
                        : timestampOf(published - 1) + 1 + random.nextInt(30);
                TimestampOffset found = index.lookup(target);
                if (!found.equals(new TimestampOffset(TimestampOffset.NO_TIMESTAMP, BASE))) {
                    long i = entryNumber(found.offset());
                    assertThat(i).as("lookup(%d) = %s is not an appended entry", target, found).isNotNegative();
                    assertThat(found.timestamp()).as("lookup(%d) = %s: torn entry", target, found)
                            .isEqualTo(timestampOf(i));
                    assertThat(found.timestamp()).as("lookup(%d) = %s", target, found).isLessThan(target);
                }
                // The newest published entry with a timestamp below the target: (target - 1000 - 1) / 2.
                long visible = Math.min(published - 1, Math.floorDiv(target - 1_001, 2));
                if (visible >= 0) {
                    assertThat(found.timestamp()).as("lookup(%d) = %s missed entry %d", target, found, visible)
                            .isGreaterThanOrEqualTo(timestampOf(visible));
                }
            });
        }
    }

    /**
     * The writer also truncates, trims, resizes, resets and finally closes the index while readers look up:
     * readers must never see an entry that was not appended, and must never crash the JVM on an unmapped
     * buffer (after the close they get IllegalStateException).
     */
    @Test
    void lookupsStaySafeWhileTheWriterTruncatesRemapsAndCloses() throws Exception {
        int slots = 20_000;
        OffsetIndex index = OffsetIndex.open(dir.resolve("b.index"), BASE, IndexKind.OFFSET.sizeFor(slots));
        Random writerRandom = new Random(seed);
        run(() -> {
            long deadline = System.nanoTime() + RUN_NANOS;
            try {
                for (int step = 0; System.nanoTime() < deadline; step++) {
                    long next = index.entryCount() == 0 ? 0 : entryNumber(index.lastEntry().offset()) + 1;
                    for (int n = 0; n < 50 && !index.isFull(); n++, next++) {
                        index.append(offsetOf(next), positionOf(next));
                    }
                    switch (writerRandom.nextInt(8)) {
                        case 0 -> index.truncateTo(offsetOf(writerRandom.nextLong(next + 1)));
                        case 1 -> index.truncateToPosition(positionOf(writerRandom.nextLong(next + 1)));
                        case 2 -> {
                            index.trimToValidSize();
                            index.resize(IndexKind.OFFSET.sizeFor(slots));
                        }
                        case 3 -> index.flush();
                        case 4 -> {
                            if (step % 10 == 0) {
                                index.reset();
                            }
                        }
                        default -> LockSupport.parkNanos(20_000);
                    }
                    if (index.isFull()) {
                        index.truncateTo(offsetOf(next / 2));
                    }
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            } finally {
                index.close();
            }
        }, random -> {
            long target = BASE - 2 + random.nextLong(3L * slots + 30);
            try {
                checkOffsetAnswer(target, index.lookup(target));
                OffsetPosition last = index.lastEntry();
                checkOffsetAnswer(Long.MAX_VALUE, last);
            } catch (IllegalStateException e) {
                assertThat(e).hasMessageContaining("closed");
            }
        });
    }

    /** Lets readers run between bursts of appends, so that lookups overlap appends on two cores. */
    private static void pauseNowAndThen(int i) {
        if (i % 200 == 199) {
            LockSupport.parkNanos(50_000);
        }
    }

    /** A reader's check of one lookup; throws on a wrong answer. */
    @FunctionalInterface
    private interface ReaderStep {
        void lookupAndCheck(Random random) throws Exception;
    }

    /**
     * Runs the writer and {@link #READERS} readers until the writer finishes, then fails with the seed in the
     * message if any thread failed or if the readers did not overlap the writer.
     */
    private void run(Runnable writer, ReaderStep reader) throws InterruptedException {
        AtomicBoolean writerDone = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong lookupsDuringWrites = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int r = 0; r < READERS; r++) {
            Random random = new Random(seed + r);
            threads.add(new Thread(() -> {
                try {
                    while (!writerDone.get() && failure.get() == null) {
                        reader.lookupAndCheck(random);
                        lookupsDuringWrites.incrementAndGet();
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }, "reader-" + r));
        }
        threads.add(new Thread(() -> {
            try {
                writer.run();
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            } finally {
                writerDone.set(true);
            }
        }, "writer"));
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(thread.isAlive()).as("seed=%d: %s still running", seed, thread.getName()).isFalse();
        }
        if (failure.get() != null) {
            throw new AssertionError("seed=" + seed + " (rerun with -Dbrook.seed=" + seed + "): "
                    + failure.get().getMessage(), failure.get());
        }
        assertThat(lookupsDuringWrites.get()).as("seed=%d: lookups during writes", seed).isPositive();
    }
}
