package dev.brook.partition.producer;

import static dev.brook.partition.producer.ProducerBatches.concat;
import static dev.brook.partition.producer.ProducerBatches.idempotent;
import static dev.brook.partition.producer.ProducerBatches.plain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.log.Log;
import dev.brook.log.LogAppendInfo;
import dev.brook.log.LogConfig;
import dev.brook.log.record.InvalidBatchException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProducerStateManagerTest {
    private static final long PID = 4000;
    private static final long NOW = 1_767_225_600_000L;

    @TempDir
    Path tmp;
    private Path dir;
    private Log log;
    private ProducerStateManager state;

    @BeforeEach
    void open() {
        dir = tmp.resolve("t-0");
        log = Log.open(dir, LogConfig.defaults().withSegmentBytes(4096));
        state = ProducerStateManager.load(dir, log);
    }

    @AfterEach
    void close() {
        log.close();
    }

    private LogAppendInfo append(ByteBuffer batch) {
        return log.append(batch, 0, state);
    }

    @Test
    void inSequenceBatchesAreAcceptedAndRemembered() {
        assertThat(append(idempotent(PID, (short) 0, 0, 3, NOW)).firstOffset()).isZero();
        assertThat(append(idempotent(PID, (short) 0, 3, 2, NOW)).firstOffset()).isEqualTo(3);
        ProducerStateEntry entry = state.entry(PID).orElseThrow();
        assertThat(entry.producerEpoch()).isZero();
        assertThat(entry.lastSeq()).isEqualTo(4);
        assertThat(entry.batches()).containsExactly(new BatchMetadata(0, 2, 0, 2, NOW),
                new BatchMetadata(3, 4, 3, 4, NOW));
        assertThat(state.mapEndOffset()).isEqualTo(5);
    }

    @Test
    void retryOfOneOfTheLastFiveIsADuplicateCarryingTheOriginalOffsetsAndWritesNothing() {
        for (int i = 0; i < 6; i++) {
            append(idempotent(PID, (short) 0, i * 2, 2, NOW));
        }
        long end = log.logEndOffset();
        assertThatThrownBy(() -> append(idempotent(PID, (short) 0, 4, 2, NOW)))
                .isInstanceOfSatisfying(DuplicateBatchException.class, e -> {
                    assertThat(e.baseOffset()).isEqualTo(4);
                    assertThat(e.lastOffset()).isEqualTo(5);
                    assertThat(e.producerId()).isEqualTo(PID);
                });
        assertThat(log.logEndOffset()).isEqualTo(end);
        // The first batch (sequences 0..1) fell out of the five remembered: a retry of it is out of order.
        assertThatThrownBy(() -> append(idempotent(PID, (short) 0, 0, 2, NOW)))
                .isInstanceOf(OutOfOrderSequenceException.class);
        // A retry with another sequence range is not a duplicate.
        assertThatThrownBy(() -> append(idempotent(PID, (short) 0, 4, 1, NOW)))
                .isInstanceOf(OutOfOrderSequenceException.class);
        assertThat(log.logEndOffset()).isEqualTo(end);
    }

    @Test
    void gapIsOutOfOrder() {
        append(idempotent(PID, (short) 0, 0, 1, NOW));
        assertThatThrownBy(() -> append(idempotent(PID, (short) 0, 2, 1, NOW)))
                .isInstanceOf(OutOfOrderSequenceException.class).hasMessageContaining("out of order");
        assertThat(log.logEndOffset()).isEqualTo(1);
        assertThat(state.entry(PID).orElseThrow().lastSeq()).isZero();
    }

    @Test
    void olderEpochIsFenced() {
        append(idempotent(PID, (short) 3, 0, 1, NOW));
        assertThatThrownBy(() -> append(idempotent(PID, (short) 2, 1, 1, NOW)))
                .isInstanceOf(InvalidProducerEpochException.class).hasMessageContaining("smaller than the last seen");
    }

    @Test
    void newEpochMustStartAtZeroAndClearsTheCachedBatches() {
        append(idempotent(PID, (short) 0, 0, 2, NOW));
        assertThatThrownBy(() -> append(idempotent(PID, (short) 1, 2, 1, NOW)))
                .isInstanceOf(OutOfOrderSequenceException.class).hasMessageContaining("new epoch");
        append(idempotent(PID, (short) 1, 0, 1, NOW));
        assertThat(state.entry(PID).orElseThrow().batches()).containsExactly(new BatchMetadata(0, 0, 2, 2, NOW));
        // A retry of the old epoch's batch is fenced, not a duplicate.
        assertThatThrownBy(() -> append(idempotent(PID, (short) 0, 0, 2, NOW)))
                .isInstanceOf(InvalidProducerEpochException.class);
    }

    @Test
    void unknownProducerMayStartAtAnySequence() {
        append(idempotent(PID, (short) 5, 1000, 1, NOW));
        assertThat(state.entry(PID).orElseThrow().lastSeq()).isEqualTo(1000);
    }

    @Test
    void sequenceWrapsAtIntMax() {
        append(idempotent(PID, (short) 0, Integer.MAX_VALUE - 1, 3, NOW));
        ProducerStateEntry entry = state.entry(PID).orElseThrow();
        assertThat(entry.batches().get(0).firstSeq()).isEqualTo(Integer.MAX_VALUE - 1);
        assertThat(entry.lastSeq()).isEqualTo(0);
        append(idempotent(PID, (short) 0, 1, 1, NOW));
        assertThat(ProducerStateManager.inSequence(Integer.MAX_VALUE, 0)).isTrue();
        assertThat(ProducerStateManager.inSequence(Integer.MAX_VALUE, Integer.MIN_VALUE)).isFalse();
        assertThat(ProducerStateManager.inSequence(5, 6)).isTrue();
    }

    @Test
    void nonIdempotentBatchesBypass() {
        append(plain(2, NOW));
        append(plain(2, NOW));
        assertThat(state.producers()).isEmpty();
        assertThat(state.mapEndOffset()).isEqualTo(4);
    }

    @Test
    void batchesOfOneAppendAreCheckedAgainstEachOtherAndRejectedTogether() {
        append(concat(idempotent(PID, (short) 0, 0, 2, NOW), idempotent(PID, (short) 0, 2, 2, NOW)));
        assertThat(state.entry(PID).orElseThrow().lastSeq()).isEqualTo(3);
        assertThatThrownBy(() -> append(concat(idempotent(PID, (short) 0, 4, 1, NOW),
                idempotent(PID, (short) 0, 9, 1, NOW)))).isInstanceOf(OutOfOrderSequenceException.class);
        assertThat(log.logEndOffset()).isEqualTo(4);
        assertThat(state.entry(PID).orElseThrow().lastSeq()).isEqualTo(3);
        append(idempotent(PID, (short) 0, 4, 1, NOW));
    }

    @Test
    void negativeSequenceWithProducerIdIsInvalid() {
        assertThatThrownBy(() -> append(idempotent(PID, (short) 0, -1, 1, NOW)))
                .isInstanceOf(InvalidBatchException.class);
    }

    @Test
    void expiresProducersIdleForTheExpirationTime() {
        state = ProducerStateManager.load(dir, log, 1000);
        append(idempotent(PID, (short) 0, 0, 1, NOW));
        append(idempotent(PID + 1, (short) 0, 0, 1, NOW + 500));
        assertThat(state.removeExpiredProducers(NOW + 999)).isZero();
        assertThat(state.removeExpiredProducers(NOW + 1000)).isEqualTo(1);
        assertThat(state.producers()).containsOnlyKeys(PID + 1);
        // An expired producer is unknown again: any sequence is accepted.
        append(idempotent(PID, (short) 0, 77, 1, NOW));
        assertThatThrownBy(() -> ProducerStateManager.load(dir, log, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void snapshotThenReloadRestoresTheStateAndReplaysBatchesAfterIt() {
        append(idempotent(PID, (short) 0, 0, 2, NOW));
        assertThat(state.takeSnapshot()).isTrue();
        assertThat(state.takeSnapshot()).isFalse();
        assertThat(state.lastSnapshotOffset()).isEqualTo(2);
        append(idempotent(PID, (short) 0, 2, 2, NOW));
        append(idempotent(PID + 1, (short) 2, 0, 1, NOW));
        ProducerStateManager reloaded = ProducerStateManager.load(dir, log);
        assertThat(reloaded.producers()).isEqualTo(state.producers());
        assertThat(reloaded.mapEndOffset()).isEqualTo(5);
        assertThatThrownBy(() -> log.append(idempotent(PID, (short) 0, 2, 2, NOW), 0, reloaded))
                .isInstanceOf(DuplicateBatchException.class);
    }

    @Test
    void corruptSnapshotIsIgnoredAndTheWholeLogReplayed() throws IOException {
        append(idempotent(PID, (short) 0, 0, 2, NOW));
        state.takeSnapshot();
        Path snapshot = dir.resolve(ProducerSnapshotFile.FILE_NAME);
        Files.writeString(snapshot, Files.readString(snapshot).replace("producers 1", "producers 2"));
        ProducerStateManager reloaded = ProducerStateManager.load(dir, log);
        assertThat(reloaded.producers()).isEqualTo(state.producers());
    }

    @Test
    void truncateAndReloadDropsStateAboveTheNewEnd() {
        append(idempotent(PID, (short) 0, 0, 2, NOW));
        append(idempotent(PID, (short) 0, 2, 2, NOW));
        state.takeSnapshot();
        log.truncateTo(2);
        state.truncateAndReload(log);
        assertThat(state.entry(PID).orElseThrow().lastSeq()).isEqualTo(1);
        assertThat(state.mapEndOffset()).isEqualTo(2);
        assertThat(dir.resolve(ProducerSnapshotFile.FILE_NAME)).doesNotExist();
        append(idempotent(PID, (short) 0, 2, 2, NOW));
    }

    @Test
    void replayStartsAtTheLogStartWhenTheSnapshotIsOlder() {
        append(idempotent(PID, (short) 0, 0, 2, NOW));
        state.takeSnapshot();
        append(idempotent(PID, (short) 0, 2, 2, NOW));
        log.advanceLogStartOffset(3);
        ProducerStateManager reloaded = ProducerStateManager.load(dir, log);
        assertThat(reloaded.entry(PID).orElseThrow().lastSeq()).isEqualTo(3);
    }
}
