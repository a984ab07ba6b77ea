package dev.brook.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.log.record.CorruptRecordException;
import dev.brook.log.record.RecordBatch;
import dev.brook.log.record.TimestampType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTest {
    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(1_000_000);
    private Log log;

    private Log open(LogConfig config) {
        log = Log.open(dir, config, clock);
        return log;
    }

    @AfterEach
    void closeLog() {
        if (log != null) {
            log.close();
        }
    }

    private static LogConfig small() {
        return LogConfig.defaults().withSegmentBytes(4096).withIndexIntervalBytes(256).withSegmentIndexBytes(4096);
    }

    @Test
    void assignsDenseOffsetsAndReadsBatchesBack() throws IOException {
        open(LogConfig.defaults());
        LogAppendInfo first = log.append(TestBatches.batch(3, 100, 10), 0);
        LogAppendInfo second = log.append(TestBatches.batch(2, 200, 10), 0);
        assertThat(first.firstOffset()).isZero();
        assertThat(first.lastOffset()).isEqualTo(2);
        assertThat(second.firstOffset()).isEqualTo(3);
        assertThat(log.logEndOffset()).isEqualTo(5);

        List<RecordBatch> batches = log.read(0, 1 << 20).batches();
        assertThat(batches).extracting(RecordBatch::baseOffset).containsExactly(0L, 3L);
        assertThat(TestBatches.values(batches)).hasSize(5);
        assertThat(log.read(4, 1 << 20).batches()).extracting(RecordBatch::baseOffset).containsExactly(3L);
        assertThat(log.read(5, 1 << 20).isEmpty()).isTrue();
    }

    @Test
    void readOutsideTheLogIsOutOfRange() {
        open(LogConfig.defaults());
        log.append(TestBatches.batch(1, 100, 10), 0);
        assertThatThrownBy(() -> log.read(2, 100)).isInstanceOf(OffsetOutOfRangeException.class);
        assertThatThrownBy(() -> log.read(-1, 100)).isInstanceOf(OffsetOutOfRangeException.class);
    }

    @Test
    void readHonoursMaxBytesMinOneBatchAndMaxOffset() throws IOException {
        open(LogConfig.defaults());
        int size = TestBatches.batch(1, 100, 100).remaining();
        for (int i = 0; i < 10; i++) {
            log.append(TestBatches.batch(1, 100, 100), 0);
        }
        assertThat(log.read(0, size * 3).batches()).hasSize(3);
        assertThat(log.read(0, 1, Long.MAX_VALUE, true).batches()).hasSize(1);
        assertThat(log.read(0, 1, Long.MAX_VALUE, false).isEmpty()).isTrue();
        assertThat(log.read(0, 1 << 20, 4, true).batches()).extracting(RecordBatch::baseOffset)
                .containsExactly(0L, 1L, 2L, 3L);
        assertThat(log.read(4, 1 << 20, 4, true).isEmpty()).isTrue();
    }

    @Test
    void readWithoutMinOneBatchNeverSkipsABatchThatDoesNotFitToTheNextSegment() throws IOException {
        open(LogConfig.defaults());
        log.append(TestBatches.batch(2, 100, 300), 0);
        log.roll();
        int small = TestBatches.batch(1, 100, 10).remaining();
        log.append(TestBatches.batch(1, 100, 10), 0);
        // The batch holding offset 1 does not fit: the answer is nothing, not the next segment's batch at 2.
        assertThat(log.read(1, small, Long.MAX_VALUE, false).isEmpty()).isTrue();
        assertThat(log.read(1, small, Long.MAX_VALUE, true).batches()).extracting(RecordBatch::baseOffset)
                .containsExactly(0L);
        assertThat(log.read(2, small, Long.MAX_VALUE, false).batches()).extracting(RecordBatch::baseOffset)
                .containsExactly(2L);
    }

    @Test
    void rejectsACorruptBatchAndWritesNothing() {
        open(LogConfig.defaults());
        ByteBuffer good = TestBatches.batch(2, 100, 10);
        ByteBuffer bad = TestBatches.batch(2, 100, 10);
        bad.put(bad.limit() - 1, (byte) (bad.get(bad.limit() - 1) ^ 0x55));
        ByteBuffer both = ByteBuffer.allocate(good.remaining() + bad.remaining()).put(good).put(bad).flip();
        assertThatThrownBy(() -> log.append(both, 0)).isInstanceOf(CorruptRecordException.class);
        assertThat(log.logEndOffset()).isZero();
        assertThat(log.sizeInBytes()).isZero();
    }

    @Test
    void rejectsABatchOverMaxMessageBytes() {
        open(LogConfig.defaults().withMaxMessageBytes(200));
        assertThatThrownBy(() -> log.append(TestBatches.batch(1, 100, 500), 0))
                .isInstanceOf(RecordBatchTooLargeException.class);
        assertThat(log.logEndOffset()).isZero();
    }

    @Test
    void rollsOnSegmentBytesAndReadsAcrossSegments() throws IOException {
        open(small());
        for (int i = 0; i < 50; i++) {
            log.append(TestBatches.batch(2, 100 + i, 100), 0);
        }
        assertThat(log.segmentCount()).isGreaterThan(3);
        long expected = 0;
        while (expected < log.logEndOffset()) {
            List<RecordBatch> batches = log.read(expected, 700).batches();
            assertThat(batches).isNotEmpty();
            assertThat(batches.get(0).baseOffset()).isEqualTo(expected);
            expected = batches.get(batches.size() - 1).nextOffset();
        }
        assertThat(expected).isEqualTo(100);
        for (Path file : Files.list(dir).filter(p -> p.toString().endsWith(".log")).toList()) {
            assertThat(Files.size(file)).isLessThanOrEqualTo(4096);
        }
    }

    @Test
    void rollsWhenTheFirstBatchIsOlderThanSegmentMs() {
        open(LogConfig.defaults().withSegmentMs(1000));
        log.append(TestBatches.batch(1, clock.millis(), 10), 0);
        clock.advance(500);
        log.append(TestBatches.batch(1, clock.millis(), 10), 0);
        assertThat(log.segmentCount()).isEqualTo(1);
        clock.advance(1000);
        log.append(TestBatches.batch(1, clock.millis(), 10), 0);
        assertThat(log.segmentBaseOffsets()).containsExactly(0L, 2L);
    }

    @Test
    void oldProducerTimestampsDoNotRollEveryBatch() {
        open(LogConfig.defaults().withSegmentMs(1000));
        for (int i = 0; i < 5; i++) {
            log.append(TestBatches.batch(1, 5 + i, 10), 0); // replayed data from 1970
        }
        assertThat(log.segmentCount()).isEqualTo(1);
    }

    @Test
    void segmentsWithoutTimestampsRollOnWallClockAge() {
        open(LogConfig.defaults().withSegmentMs(1000));
        log.append(TestBatches.batch(1, -1, 10), 0);
        clock.advance(1001);
        log.append(TestBatches.batch(1, -1, 10), 0);
        assertThat(log.segmentCount()).isEqualTo(2);
    }

    @Test
    void rollsWhenTheIndexIsFull() {
        // Room for a header and six offset-index entries only.
        open(LogConfig.defaults().withSegmentIndexBytes(64).withIndexIntervalBytes(0));
        for (int i = 0; i < 20; i++) {
            log.append(TestBatches.batch(1, 100, 10), 0);
        }
        assertThat(log.segmentCount()).isGreaterThan(1);
    }

    @Test
    void aMultiBatchAppendThatFillsTheIndexMidAppend() throws IOException {
        // Room for six offset-index entries and four time-index entries; an entry per batch.
        LogConfig config = LogConfig.defaults().withSegmentIndexBytes(64).withIndexIntervalBytes(0);
        open(config);
        int batches = 12;
        ByteBuffer all = ByteBuffer.allocate(batches * TestBatches.batch(1, 0, 10).remaining());
        for (int i = 0; i < batches; i++) {
            all.put(TestBatches.batch(1, 100 + i, 10));
        }
        LogAppendInfo info = log.append(all.flip(), 0);
        assertThat(info.lastOffset()).isEqualTo(batches - 1);
        for (long offset = 0; offset < batches; offset++) {
            assertThat(log.read(offset, 1).batches().get(0).baseOffset()).isEqualTo(offset);
        }
        assertThat(log.offsetForTimestamp(100 + 9)).contains(new TimestampAndOffset(109, 9));
        log.append(TestBatches.batch(1, 500, 10), 0); // rolls: the index is full
        assertThat(log.segmentCount()).isEqualTo(2);
        log.close();
        open(config);
        assertThat(log.logEndOffset()).isEqualTo(batches + 1);
        assertThat(log.read(7, 1).batches().get(0).baseOffset()).isEqualTo(7);
    }

    @Test
    void findsTheFirstRecordAtOrAfterATimestamp() {
        open(small());
        long[] timestamps = new long[40];
        for (int i = 0; i < 40; i++) {
            timestamps[i] = 1000 + i * 10;
            log.append(TestBatches.batchWithTimestamps(timestamps[i], timestamps[i] + 1, timestamps[i] + 2), 0);
        }
        assertThat(log.offsetForTimestamp(0)).contains(new TimestampAndOffset(1000, 0));
        assertThat(log.offsetForTimestamp(1001)).contains(new TimestampAndOffset(1001, 1));
        assertThat(log.offsetForTimestamp(1003)).contains(new TimestampAndOffset(1010, 3));
        assertThat(log.offsetForTimestamp(1392)).contains(new TimestampAndOffset(1392, 119));
        assertThat(log.offsetForTimestamp(1393)).isEmpty();
    }

    @Test
    void timeLookupWhereTheMatchingBatchStraddlesTheLogStartOffset() {
        open(LogConfig.defaults());
        log.append(TestBatches.batchWithTimestamps(100, 500, 100), 0); // offsets 0..2
        log.append(TestBatches.batchWithTimestamps(300, 300), 0); // offsets 3..4
        log.advanceLogStartOffset(2);
        // Offset 1 (ts 500) is below the log start: the answer is the next readable match, never offset 1.
        assertThat(log.offsetForTimestamp(200)).contains(new TimestampAndOffset(300, 3));
        assertThat(log.offsetForTimestamp(0)).contains(new TimestampAndOffset(100, 2));
        assertThat(log.offsetForTimestamp(400)).isEmpty();
    }

    @Test
    void stampsLogAppendTime() throws IOException {
        open(LogConfig.defaults().withTimestampType(TimestampType.LOG_APPEND_TIME));
        LogAppendInfo info = log.append(TestBatches.batch(2, 5, 10), 0);
        assertThat(info.logAppendTime()).isEqualTo(clock.millis());
        RecordBatch stored = log.read(0, 1 << 20).batches().get(0);
        assertThat(stored.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
        assertThat(stored.maxTimestamp()).isEqualTo(clock.millis());
        assertThat(stored.isValidChecksum()).isTrue();
    }

    @Test
    void truncatesToAnOffsetAndAppendsAgain() throws IOException {
        open(small());
        for (int i = 0; i < 30; i++) {
            log.append(TestBatches.batch(2, 100, 100), i / 10);
        }
        log.truncateTo(21);
        assertThat(log.logEndOffset()).isEqualTo(20); // batch [20, 21] is removed whole
        assertThat(log.leaderEpochCache().latestEpoch()).hasValue(0); // epoch 1 began at offset 20
        log.append(TestBatches.batch(1, 100, 100), 5);
        assertThat(log.read(20, 1 << 20).batches().get(0).partitionLeaderEpoch()).isEqualTo(5);
        log.close();
        open(small());
        assertThat(log.logEndOffset()).isEqualTo(21);
    }

    @Test
    void truncatingTheBatchThatHoldsTheLogStartOffsetRestartsTheLogThere() {
        open(small());
        log.append(TestBatches.batch(5, 100, 10), 0); // offsets 0..4
        log.append(TestBatches.batch(2, 100, 10), 0); // offsets 5..6
        log.advanceLogStartOffset(3);
        log.truncateTo(4); // removes the whole batch 0..4, which holds every readable offset below 5
        assertThat(log.logStartOffset()).isEqualTo(3);
        assertThat(log.logEndOffset()).isEqualTo(3); // never below the log start offset
        assertThat(log.read(3, 1 << 20).isEmpty()).isTrue();
        assertThat(log.append(TestBatches.batch(1, 100, 10), 0).firstOffset()).isEqualTo(3);
    }

    @Test
    void truncatingBelowTheLogStartOffsetRestartsTheLogAtTheTarget() {
        open(small());
        log.append(TestBatches.batch(5, 100, 10), 0);
        log.advanceLogStartOffset(3);
        log.truncateTo(1);
        assertThat(log.logStartOffset()).isEqualTo(1);
        assertThat(log.logEndOffset()).isEqualTo(1);
        assertThat(log.append(TestBatches.batch(1, 100, 10), 0).firstOffset()).isEqualTo(1);
    }

    @Test
    void truncateFullyRestartsEmptyAtAnOffset() {
        open(small());
        for (int i = 0; i < 10; i++) {
            log.append(TestBatches.batch(2, 100, 100), 0);
        }
        log.truncateFullyAndStartAt(500);
        assertThat(log.logStartOffset()).isEqualTo(500);
        assertThat(log.logEndOffset()).isEqualTo(500);
        assertThat(log.append(TestBatches.batch(1, 100, 10), 0).firstOffset()).isEqualTo(500);
    }

    @Test
    void advancingTheLogStartOffsetHidesAndDeletesOldData() {
        open(small());
        for (int i = 0; i < 50; i++) {
            log.append(TestBatches.batch(2, 100, 100), 0);
        }
        int before = log.segmentCount();
        log.advanceLogStartOffset(60);
        assertThat(log.logStartOffset()).isEqualTo(60);
        assertThat(log.segmentCount()).isLessThan(before);
        assertThatThrownBy(() -> log.read(59, 100)).isInstanceOf(OffsetOutOfRangeException.class);
        assertThat(log.read(60, 100).regions()).isNotEmpty();
        assertThatThrownBy(() -> log.advanceLogStartOffset(1000)).isInstanceOf(OffsetOutOfRangeException.class);
        log.close();
        open(small());
        assertThat(log.logStartOffset()).isEqualTo(60);
    }

    @Test
    void retentionByTimeDeletesOldSealedSegmentsOnly() {
        open(small().withRetentionMs(10_000));
        for (int i = 0; i < 30; i++) {
            log.append(TestBatches.batch(2, clock.millis(), 100), 0);
        }
        clock.advance(20_000);
        for (int i = 0; i < 3; i++) {
            log.append(TestBatches.batch(2, clock.millis(), 100), 0);
        }
        int deleted = log.deleteRetainedSegments();
        assertThat(deleted).isPositive();
        assertThat(log.logStartOffset()).isEqualTo(log.segmentBaseOffsets().get(0));
        clock.advance(20_000);
        log.deleteRetainedSegments();
        assertThat(log.segmentCount()).isEqualTo(1); // the active segment is never deleted
        assertThat(log.logEndOffset()).isEqualTo(66);
    }

    @Test
    void retentionBySizeKeepsTheLogUnderTheLimit() {
        open(small().withRetentionBytes(8192));
        for (int i = 0; i < 100; i++) {
            log.append(TestBatches.batch(2, clock.millis(), 100), 0);
        }
        int before = log.segmentCount();
        log.deleteRetainedSegments();
        // As in Kafka, whole sealed segments go while what remains stays at or above the limit.
        assertThat(log.segmentCount()).isLessThan(before);
        assertThat(log.sizeInBytes()).isBetween(8192L - 4096, 8192L + 4096);
        assertThat(log.logEndOffset()).isEqualTo(200);
    }

    @Test
    void deletedSegmentFilesGoAfterTheDelay() throws IOException {
        open(small().withRetentionBytes(0).withFileDeleteDelayMs(1000));
        for (int i = 0; i < 20; i++) {
            log.append(TestBatches.batch(2, clock.millis(), 100), 0);
        }
        LogRegion region = log.read(0, 100).regions().get(0);
        log.deleteRetainedSegments();
        assertThat(region.batches()).isNotEmpty(); // still readable inside the delay
        assertThat(Files.list(dir).anyMatch(p -> p.toString().endsWith(".deleted"))).isTrue();
        clock.advance(1001);
        log.runMaintenance();
        assertThat(Files.list(dir).anyMatch(p -> p.toString().endsWith(".deleted"))).isFalse();
    }

    @Test
    void recordsLeaderEpochsAndPersistsThem() {
        open(LogConfig.defaults());
        log.append(TestBatches.batch(2, 100, 10), 0);
        log.append(TestBatches.batch(2, 100, 10), 3);
        log.append(TestBatches.batch(2, 100, 10), 3);
        log.close();
        open(LogConfig.defaults());
        assertThat(log.leaderEpochCache().latestEpoch()).hasValue(3);
        assertThat(log.leaderEpochCache().epochForOffset(2)).hasValue(3);
    }

    @Test
    void everyAppendPolicyFlushesBeforeReturning() {
        open(LogConfig.defaults().withFlushPolicy(FlushPolicy.everyAppend()));
        log.append(TestBatches.batch(2, 100, 10), 0);
        assertThat(log.recoveryPoint()).isEqualTo(2);
    }

    @Test
    void messageCountPolicyFlushesEveryNRecords() {
        open(LogConfig.defaults().withFlushPolicy(FlushPolicy.everyMessages(5)));
        log.append(TestBatches.batch(2, 100, 10), 0);
        log.append(TestBatches.batch(2, 100, 10), 0);
        assertThat(log.recoveryPoint()).isZero();
        log.append(TestBatches.batch(2, 100, 10), 0);
        assertThat(log.recoveryPoint()).isEqualTo(6);
    }

    @Test
    void intervalPolicyFlushesFromMaintenance() {
        open(LogConfig.defaults().withFlushPolicy(FlushPolicy.everyInterval(1000)));
        log.append(TestBatches.batch(2, 100, 10), 0);
        log.runMaintenance();
        assertThat(log.recoveryPoint()).isZero();
        clock.advance(1000);
        log.runMaintenance();
        assertThat(log.recoveryPoint()).isEqualTo(2);
    }

    @Test
    void sealedSegmentsAreFlushedByMaintenanceEvenUnderTheOsPolicy() {
        open(LogConfig.defaults());
        log.append(TestBatches.batch(2, 100, 10), 0);
        log.append(TestBatches.batch(2, 100, 10), 0);
        log.runMaintenance();
        assertThat(log.recoveryPoint()).as("the OS policy alone never flushes").isZero();
        log.roll();
        log.append(TestBatches.batch(2, 100, 10), 0);
        log.runMaintenance();
        assertThat(log.recoveryPoint()).as("the sealed segment, not the active one's data").isEqualTo(4);
        log.close();
        open(LogConfig.defaults());
        assertThat(log.logEndOffset()).isEqualTo(6);
    }

    @Test
    void aTruncationBelowTheSealedPointCancelsItsFlush() {
        open(LogConfig.defaults());
        log.append(TestBatches.batch(2, 100, 10), 0);
        log.roll();
        log.append(TestBatches.batch(2, 100, 10), 0);
        log.roll();
        log.truncateTo(1);
        log.runMaintenance();
        assertThat(log.recoveryPoint()).isLessThanOrEqualTo(log.logEndOffset());
        long end = log.logEndOffset();
        log.append(TestBatches.batch(2, 100, 10), 0);
        log.runMaintenance();
        assertThat(log.recoveryPoint()).isLessThanOrEqualTo(end + 2);
        log.close();
        open(LogConfig.defaults());
        assertThat(log.logEndOffset()).isEqualTo(end + 2);
    }

    @Test
    void anAppendHookSeesAssignedOffsetsAndCanRejectTheAppend() {
        open(LogConfig.defaults());
        List<Long> seen = new java.util.ArrayList<>();
        AppendHook recording = new AppendHook() {
            @Override
            public void beforeWrite(List<RecordBatch> batches) {
                batches.forEach(b -> seen.add(b.baseOffset()));
            }

            @Override
            public void afterWrite(List<RecordBatch> batches) {
                seen.add(-1L);
            }
        };
        log.append(TestBatches.batch(2, 100, 10), 0, recording);
        log.append(TestBatches.batch(2, 100, 10), 0, recording);
        assertThat(seen).containsExactly(0L, -1L, 2L, -1L);
        AppendHook rejecting = new AppendHook() {
            @Override
            public void beforeWrite(List<RecordBatch> batches) {
                throw new IllegalStateException("duplicate");
            }

            @Override
            public void afterWrite(List<RecordBatch> batches) {
            }
        };
        assertThatThrownBy(() -> log.append(TestBatches.batch(2, 100, 10), 0, rejecting))
                .hasMessage("duplicate");
        assertThat(log.logEndOffset()).isEqualTo(4);
    }

    @Test
    void followerAppendKeepsOffsetsAndEpochs() throws IOException {
        open(LogConfig.defaults());
        ByteBuffer batch = TestBatches.batch(3, 100, 10);
        RecordBatch view = RecordBatch.wrap(batch);
        view.setBaseOffset(0);
        view.setPartitionLeaderEpoch(7);
        log.appendAsFollower(batch);
        assertThat(log.logEndOffset()).isEqualTo(3);
        assertThat(log.leaderEpochCache().latestEpoch()).hasValue(7);
        ByteBuffer stale = TestBatches.batch(1, 100, 10);
        RecordBatch.wrap(stale).setBaseOffset(1);
        assertThatThrownBy(() -> log.appendAsFollower(stale)).isInstanceOf(
                dev.brook.log.record.InvalidBatchException.class);
    }
}
