package dev.brook.compaction;

import static dev.brook.compaction.LogContents.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.log.Log;
import dev.brook.log.LogConfig;
import dev.brook.log.record.Record;
import dev.brook.log.record.RecordBatch;
import dev.brook.partition.topic.CleanupPolicy;
import dev.brook.partition.topic.TopicPartition;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class LogCleanerTest {
    private static final LogConfig CONFIG = LogConfig.defaults().withSegmentBytes(1024).withIndexIntervalBytes(128);
    private static final TopicPartition A = new TopicPartition("a", 0);
    private static final TopicPartition B = new TopicPartition("b", 0);

    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(1_000_000);
    private LogCleaner cleaner;
    private Log a;
    private Log b;

    @BeforeEach
    void open() {
        cleaner = new LogCleaner(CleanerSettings.defaults().withDedupeBufferBytes(1 << 16).withIdleMs(10)
                .withRetryBackoff(1_000, 8_000), clock);
        a = Log.open(tmp.resolve("a-0"), CONFIG, clock);
        b = Log.open(tmp.resolve("b-0"), CONFIG, clock);
    }

    @AfterEach
    void close() {
        cleaner.close();
        a.close();
        b.close();
    }

    private void updates(Log log, int count, int keys) {
        for (int i = 0; i < count; i++) {
            log.append(LogContents.record(clock.millis(), "k" + (i % keys), "v" + i + "-" + "z".repeat(30)), 0);
        }
    }

    private static long count(Log log) {
        return LogContents.readAll(log).size();
    }

    @Test
    void aFailingPartitionIsRetriedWithBackoffWhileOthersAreCleaned() {
        updates(a, 100, 5);
        updates(b, 100, 5);
        a.roll();
        b.roll();
        AtomicBoolean broken = new AtomicBoolean(true);
        cleaner.register(A, a, CompactionConfig.compactDefaults(), () -> {
            if (broken.get()) {
                throw new IllegalStateException("disk on fire", new java.io.IOException("EIO"));
            }
            return Long.MAX_VALUE;
        });
        cleaner.register(B, b, CompactionConfig.compactDefaults());

        assertThat(cleaner.cleanOnce()).isEqualTo(1);
        assertThat(count(b)).isEqualTo(5);
        assertThat(count(a)).isEqualTo(100);
        PartitionCleanerHealth health = cleaner.health(A);
        assertThat(health.healthy()).isFalse();
        assertThat(health.consecutiveFailures()).isEqualTo(1);
        assertThat(health.lastError()).contains("disk on fire").contains("caused by java.io.IOException: EIO");
        assertThat(health.nextRetryAtMs()).isEqualTo(clock.millis() + 1_000);
        assertThat(cleaner.health(B).healthy()).isTrue();

        // Inside the backoff nothing is tried.
        clock.advance(999);
        cleaner.cleanOnce();
        assertThat(cleaner.health(A).consecutiveFailures()).isEqualTo(1);

        // Each further failure doubles the wait, up to the cap.
        long[] expectedBackoffs = {2_000, 4_000, 8_000, 8_000};
        for (long backoff : expectedBackoffs) {
            clock.advance(cleaner.health(A).nextRetryAtMs() - clock.millis());
            cleaner.cleanOnce();
            assertThat(cleaner.health(A).nextRetryAtMs() - clock.millis()).isEqualTo(backoff);
        }
        assertThat(cleaner.health(A).consecutiveFailures()).isEqualTo(5);

        // Never quarantined: once the cause is gone, the next retry cleans it.
        broken.set(false);
        clock.advance(8_000);
        assertThat(cleaner.cleanOnce()).isEqualTo(1);
        assertThat(count(a)).isEqualTo(5);
        health = cleaner.health(A);
        assertThat(health.healthy()).isTrue();
        assertThat(health.nextRetryAtMs()).isEqualTo(-1);
        assertThat(health.lastError()).contains("disk on fire");
    }

    @Test
    void cleanThrowsAndRecordsTheFailure() {
        updates(a, 20, 2);
        a.roll();
        cleaner.register(A, a, CompactionConfig.compactDefaults(), () -> {
            throw new IllegalStateException("boom");
        });
        assertThatThrownBy(() -> cleaner.clean(A)).hasMessage("boom");
        assertThat(cleaner.health(A).consecutiveFailures()).isEqualTo(1);
    }

    @Test
    @Timeout(60)
    void backgroundThreadsCleanTheHealthyPartitionWhileAnotherFails() throws InterruptedException {
        updates(a, 100, 5);
        updates(b, 100, 5);
        a.roll();
        b.roll();
        cleaner = new LogCleaner(CleanerSettings.defaults().withThreads(2).withDedupeBufferBytes(1 << 16)
                .withIdleMs(5).withRetryBackoff(1, 1), clock);
        cleaner.register(A, a, CompactionConfig.compactDefaults(), () -> {
            throw new IllegalStateException("always broken");
        });
        cleaner.register(B, b, CompactionConfig.compactDefaults());
        cleaner.start();
        while (count(b) != 5 || cleaner.health(B).cleanings() < 1 || cleaner.health(A).consecutiveFailures() < 3) {
            Thread.sleep(5);
            clock.advance(1);
        }
        assertThat(cleaner.health(B).cleanings()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void honoursTheDirtyRatio() {
        updates(a, 60, 60); // all distinct keys: cleaning removes nothing
        a.roll();
        cleaner.register(A, a, CompactionConfig.compactDefaults().withMinCleanableDirtyRatio(0.5));
        assertThat(cleaner.cleanOnce()).isEqualTo(1); // everything is dirty at first
        assertThat(a.cleanerCheckpoint()).isEqualTo(60);
        updates(a, 10, 60);
        a.roll();
        assertThat(cleaner.cleanOnce()).isZero(); // 10 dirty of 70: below 0.5
        cleaner.updateConfig(A, CompactionConfig.compactDefaults().withMinCleanableDirtyRatio(0.1));
        assertThat(cleaner.cleanOnce()).isEqualTo(1);
        assertThat(a.cleanerCheckpoint()).isEqualTo(70);
    }

    @Test
    void neverCleansTheActiveSegmentNorRecordsYoungerThanTheMinimumLag() {
        cleaner.register(A, a, CompactionConfig.compactDefaults().withMinCompactionLagMs(5_000));
        updates(a, 60, 3);
        long activeBase = a.segmentBaseOffsets().get(a.segmentCount() - 1);
        assertThat(activeBase).isGreaterThan(0);
        cleaner.clean(A);
        assertThat(count(a)).isEqualTo(60);
        clock.advance(5_000);
        cleaner.clean(A);
        // The sealed segments are now old enough; the active one is never touched.
        assertThat(count(a)).isLessThan(60);
        assertThat(LogContents.readFrom(a, activeBase)).hasSize((int) (60 - activeBase));
    }

    @Test
    void maxCompactionLagRollsAndCleansAQuietLog() {
        cleaner.register(A, a, CompactionConfig.compactDefaults().withMaxCompactionLagMs(60_000)
                .withMinCleanableDirtyRatio(0.99));
        updates(a, 5, 2); // fits the active segment: a quiet topic
        assertThat(a.segmentCount()).isEqualTo(1);
        assertThat(cleaner.cleanOnce()).isZero();
        assertThat(count(a)).isEqualTo(5);
        clock.advance(60_000);
        assertThat(cleaner.cleanOnce()).isEqualTo(1);
        List<Record> records = LogContents.readAll(a);
        assertThat(records).extracting(r -> text(r.value())).containsExactly("v3-" + "z".repeat(30),
                "v4-" + "z".repeat(30));
        assertThat(records).extracting(Record::offset).containsExactly(3L, 4L);
    }

    @Test
    void tombstonesLiveDeleteRetentionAfterTheCleanerFirstReachesThem() {
        CompactionConfig config = CompactionConfig.compactDefaults().withDeleteRetentionMs(10_000);
        cleaner.register(A, a, config);
        a.append(LogContents.record(clock.millis(), "x", "1"), 0);
        a.append(LogContents.record(clock.millis(), "x", null), 0);
        a.append(LogContents.record(clock.millis(), "y", "1"), 0);
        a.roll();
        clock.advance(50_000); // time before the cleaner reaches the tombstone does not count
        cleaner.clean(A);
        List<RecordBatch> batches = LogContents.batches(a);
        assertThat(batches).hasSize(2);
        assertThat(batches.get(0).hasDeleteHorizon()).isTrue();
        assertThat(batches.get(0).deleteHorizonMs()).isEqualTo(clock.millis() + 10_000);
        assertThat(batches.get(0).baseOffset()).isEqualTo(1);
        assertThat(batches.get(1).hasDeleteHorizon()).isFalse();

        clock.advance(9_999);
        cleaner.clean(A);
        assertThat(LogContents.readAll(a)).extracting(Record::offset).containsExactly(1L, 2L);

        // The tombstone's expiry makes the log due even though nothing is dirty.
        clock.advance(1);
        assertThat(cleaner.cleanOnce()).isEqualTo(1);
        assertThat(LogContents.readAll(a)).extracting(Record::offset).containsExactly(2L);
    }

    @Test
    void deleteLogsAreNotCompactedAndCompactDeleteLogsAlsoHonourRetention() {
        cleaner.register(A, a, CompactionConfig.compactDefaults().withCleanupPolicy(CleanupPolicy.DELETE));
        updates(a, 40, 2);
        a.roll();
        assertThat(cleaner.cleanOnce()).isZero();
        assertThat(cleaner.clean(A).cleaned()).isFalse();
        assertThat(count(a)).isEqualTo(40);

        b.updateConfig(CONFIG.withRetentionMs(10_000));
        cleaner.register(B, b, CompactionConfig.compactDefaults().withCleanupPolicy(CleanupPolicy.COMPACT_DELETE));
        updates(b, 40, 40);
        b.roll();
        clock.advance(20_000);
        updates(b, 5, 40);
        b.roll();
        cleaner.clean(B);
        assertThat(LogContents.readAll(b)).extracting(Record::offset).containsExactly(40L, 41L, 42L, 43L, 44L);
    }

    @Test
    void cleansOnlyUpToTheUpperBound() {
        updates(a, 40, 2);
        a.roll();
        updates(a, 40, 2);
        a.roll();
        cleaner.register(A, a, CompactionConfig.compactDefaults(), () -> 40);
        cleaner.clean(A);
        assertThat(a.cleanerCheckpoint()).isLessThanOrEqualTo(40);
        assertThat(LogContents.readFrom(a, 40)).hasSize(40);
    }

    @Test
    void aFullMapCleansOnlyWhatItCoveredAndTheNextPassTheRest() {
        cleaner = new LogCleaner(CleanerSettings.defaults().withDedupeBufferBytes(24 * 12), clock);
        for (int i = 0; i < 200; i++) {
            a.append(LogContents.record(clock.millis(), "k" + (i % 40), "v" + i), 0);
        }
        a.roll();
        cleaner.register(A, a, CompactionConfig.compactDefaults());
        CleanResult first = cleaner.clean(A);
        assertThat(first.cleanedUpTo()).isLessThan(200);
        long passes = 1;
        while (a.cleanerCheckpoint() < 200) {
            cleaner.clean(A);
            passes++;
        }
        assertThat(passes).isGreaterThan(1);
        cleaner.clean(A);
        assertThat(LogContents.readAll(a)).extracting(Record::offset).hasSize(40)
                .allMatch(offset -> offset >= 160);
    }

    @Test
    void smallCleanedSegmentsAreMerged() {
        for (int i = 0; i < 200; i++) {
            a.append(LogContents.record(clock.millis(), "k" + (i % 4), "v" + i), 0);
        }
        a.roll();
        int before = a.segmentCount();
        cleaner.register(A, a, CompactionConfig.compactDefaults());
        cleaner.clean(A);
        // The first pass groups by input size (full segments); the second merges the now small ones.
        CleanResult second = cleaner.clean(A);
        assertThat(second.segmentsWritten()).isLessThan(second.segmentsRead());
        assertThat(a.segmentCount()).as("%s", a.sealedSegments()).isLessThan(before).isLessThanOrEqualTo(2);
    }

    @Test
    void theCleanerCheckpointAndCleanedSegmentsSurviveAReopen() {
        updates(a, 100, 5);
        a.roll();
        cleaner.register(A, a, CompactionConfig.compactDefaults());
        cleaner.clean(A);
        List<Record> cleaned = LogContents.readAll(a);
        long checkpoint = a.cleanerCheckpoint();
        cleaner.unregister(A);
        a.close();
        a = Log.open(tmp.resolve("a-0"), CONFIG, clock);
        assertThat(a.cleanerCheckpoint()).isEqualTo(checkpoint);
        assertThat(LogContents.readAll(a)).isEqualTo(cleaned);
        assertThat(a.logEndOffset()).isEqualTo(100);
    }
}
