package dev.brook.partition;

import static dev.brook.partition.producer.ProducerBatches.idempotent;
import static dev.brook.partition.producer.ProducerBatches.plain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.log.LogConfig;
import dev.brook.log.OffsetOutOfRangeException;
import dev.brook.log.TimestampAndOffset;
import dev.brook.log.record.Compression;
import dev.brook.log.record.ControlRecordType;
import dev.brook.log.record.InvalidBatchException;
import dev.brook.log.record.RecordBatch;
import dev.brook.log.record.RecordBatchBuilder;
import dev.brook.partition.producer.InvalidProducerEpochException;
import dev.brook.partition.producer.OutOfOrderSequenceException;
import dev.brook.partition.producer.ProducerSnapshotFile;
import dev.brook.partition.topic.TopicConfig;
import dev.brook.partition.topic.TopicDefaults;
import dev.brook.partition.topic.TopicPartition;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionTest {
    private static final long NOW = 1_767_225_600_000L;
    private static final TopicPartition TP = new TopicPartition("orders", 0);
    private static final short ACKS_ALL = -1;

    @TempDir
    Path tmp;
    private final MutableClock clock = new MutableClock(NOW);
    private final TopicDefaults defaults = TopicDefaults.fromLogConfig(LogConfig.defaults().withSegmentBytes(1024)
            .withSegmentIndexBytes(1024));
    private final List<Partition> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(Partition::close);
    }

    private Partition open(Path dir, Map<String, String> overrides, int replicationFactor) {
        Partition partition = Partition.open(TP, dir, TopicConfig.of(defaults, overrides), replicationFactor,
                86_400_000L, clock);
        opened.add(partition);
        return partition;
    }

    private Partition open() {
        return open(tmp.resolve("orders-0"), Map.of(), 1);
    }

    @Test
    void leaderAppendAssignsOffsetsAndMovesTheHighWatermarkToTheLogEnd() {
        Partition partition = open();
        List<Long> notified = new ArrayList<>();
        partition.addHighWatermarkListener((tp, hw) -> notified.add(hw));
        AppendResult first = partition.appendAsLeader(plain(3, NOW), ACKS_ALL);
        AppendResult second = partition.appendAsLeader(plain(2, NOW), (short) 1);
        assertThat(first).isEqualTo(new AppendResult(0, 2, -1, 0, false));
        assertThat(second.baseOffset()).isEqualTo(3);
        assertThat(partition.highWatermark()).isEqualTo(5).isEqualTo(partition.logEndOffset());
        assertThat(notified).containsExactly(3L, 5L);
        assertThat(partition.role()).isEqualTo(Partition.Role.LEADER);
    }

    @Test
    void readsNeverReachTheHighWatermarkUnlessReadingAsAReplica() throws IOException {
        Partition partition = open(tmp.resolve("orders-0"), Map.of(), 2);
        partition.appendAsLeader(plain(2, NOW), (short) 1);
        partition.appendAsLeader(plain(2, NOW), (short) 1);
        // Replication factor 2 with no follower: the high watermark waits for replication.
        assertThat(partition.highWatermark()).isZero();
        assertThat(partition.read(0, 1 << 20, true, FetchIsolation.HIGH_WATERMARK).data().isEmpty()).isTrue();
        assertThat(partition.read(0, 1 << 20, true, FetchIsolation.LOG_END).data().batches()).hasSize(2);
        assertThat(partition.maybeAdvanceHighWatermark(2)).isEqualTo(2);
        PartitionReadResult read = partition.read(0, 1 << 20, true, FetchIsolation.HIGH_WATERMARK);
        assertThat(read.highWatermark()).isEqualTo(2);
        assertThat(read.logEndOffset()).isEqualTo(4);
        assertThat(read.data().batches()).extracting(RecordBatch::baseOffset).containsExactly(0L);
        assertThat(partition.maybeAdvanceHighWatermark(1)).isEqualTo(2);
        assertThat(partition.maybeAdvanceHighWatermark(99)).isEqualTo(4);
        assertThat(partition.latestOffset(FetchIsolation.HIGH_WATERMARK)).isEqualTo(4);
        assertThatThrownBy(() -> partition.read(5, 100, true, FetchIsolation.HIGH_WATERMARK))
                .isInstanceOf(OffsetOutOfRangeException.class);
    }

    @Test
    void acksAndMinInsyncReplicasAreChecked() {
        Partition partition = open(tmp.resolve("orders-0"), Map.of("min.insync.replicas", "2"), 1);
        assertThatThrownBy(() -> partition.appendAsLeader(plain(1, NOW), (short) 2))
                .isInstanceOf(InvalidRequiredAcksException.class);
        assertThatThrownBy(() -> partition.appendAsLeader(plain(1, NOW), ACKS_ALL))
                .isInstanceOf(NotEnoughReplicasException.class);
        assertThat(partition.logEndOffset()).isZero();
        assertThat(partition.appendAsLeader(plain(1, NOW), (short) 1).baseOffset()).isZero();
        assertThat(partition.appendAsLeader(plain(1, NOW), (short) 0).baseOffset()).isEqualTo(1);
    }

    @Test
    void followerRefusesLeaderOperationsAndEpochsOnlyMoveForward() throws IOException {
        Partition partition = open();
        partition.makeLeader(3);
        partition.appendAsLeader(plain(1, NOW), ACKS_ALL);
        assertThat(partition.read(0, 1000, true, FetchIsolation.HIGH_WATERMARK).data().batches().get(0)
                .partitionLeaderEpoch()).isEqualTo(3);
        partition.makeFollower(4);
        assertThat(partition.role()).isEqualTo(Partition.Role.FOLLOWER);
        assertThatThrownBy(() -> partition.appendAsLeader(plain(1, NOW), ACKS_ALL))
                .isInstanceOf(NotLeaderException.class);
        assertThatThrownBy(() -> partition.deleteRecordsBefore(1)).isInstanceOf(NotLeaderException.class);
        assertThatThrownBy(() -> partition.makeLeader(2)).isInstanceOf(IllegalArgumentException.class);
        partition.makeLeader(5);
        assertThat(partition.leaderEpoch()).isEqualTo(5);
    }

    @Test
    void duplicateAnswersTheOriginalOffsetsAndWritesNothing() {
        Partition partition = open();
        partition.appendAsLeader(plain(1, NOW), ACKS_ALL);
        AppendResult original = partition.appendAsLeader(idempotent(7, (short) 0, 0, 3, NOW), ACKS_ALL);
        AppendResult retry = partition.appendAsLeader(idempotent(7, (short) 0, 0, 3, NOW), ACKS_ALL);
        assertThat(retry).isEqualTo(new AppendResult(1, 3, -1, 0, true));
        assertThat(original.baseOffset()).isEqualTo(1);
        assertThat(partition.logEndOffset()).isEqualTo(4);
        assertThatThrownBy(() -> partition.appendAsLeader(idempotent(7, (short) 0, 5, 1, NOW), ACKS_ALL))
                .isInstanceOf(OutOfOrderSequenceException.class);
        partition.appendAsLeader(idempotent(7, (short) 1, 0, 1, NOW), ACKS_ALL);
        assertThatThrownBy(() -> partition.appendAsLeader(idempotent(7, (short) 0, 3, 1, NOW), ACKS_ALL))
                .isInstanceOf(InvalidProducerEpochException.class);
    }

    @Test
    void logAppendTimeIsStampedAndReportedAlsoForDuplicates() {
        Partition partition = open(tmp.resolve("orders-0"), Map.of("message.timestamp.type", "LogAppendTime"), 1);
        AppendResult result = partition.appendAsLeader(idempotent(7, (short) 0, 0, 1, 5), ACKS_ALL);
        assertThat(result.logAppendTime()).isEqualTo(NOW);
        clock.advance(1000);
        assertThat(partition.appendAsLeader(idempotent(7, (short) 0, 0, 1, 5), ACKS_ALL))
                .isEqualTo(new AppendResult(0, 0, NOW, 0, true));
    }

    @Test
    void controlBatchesFromProducersAreRefused() {
        Partition partition = open();
        ByteBuffer marker = new RecordBatchBuilder(Compression.NONE).producer(7, (short) 0, -1).transactional(true)
                .appendControl(ControlRecordType.COMMIT, NOW, ByteBuffer.wrap(new byte[] {0, 0, 0, 0, 0, 0}))
                .build();
        assertThatThrownBy(() -> partition.appendAsLeader(marker, ACKS_ALL)).isInstanceOf(InvalidBatchException.class)
                .hasMessageContaining("control");
        assertThat(partition.logEndOffset()).isZero();
    }

    @Test
    void deleteRecordsMovesTheLowWatermarkUpToTheHighWatermark() {
        Partition partition = open();
        for (int i = 0; i < 10; i++) {
            partition.appendAsLeader(plain(1, NOW), ACKS_ALL);
        }
        assertThat(partition.deleteRecordsBefore(4)).isEqualTo(4);
        assertThat(partition.deleteRecordsBefore(2)).isEqualTo(4);
        assertThat(partition.earliestOffset()).isEqualTo(4);
        assertThatThrownBy(() -> partition.read(3, 100, true, FetchIsolation.HIGH_WATERMARK))
                .isInstanceOf(OffsetOutOfRangeException.class);
        assertThatThrownBy(() -> partition.deleteRecordsBefore(11)).isInstanceOf(OffsetOutOfRangeException.class);
        assertThatThrownBy(() -> partition.deleteRecordsBefore(-2)).isInstanceOf(OffsetOutOfRangeException.class);
        assertThat(partition.deleteRecordsBefore(-1)).isEqualTo(10);
    }

    @Test
    void deleteRecordsIsAPolicyViolationOnCompactOnlyTopics() {
        Partition partition = open(tmp.resolve("orders-0"), Map.of("cleanup.policy", "compact"), 1);
        partition.appendAsLeader(new RecordBatchBuilder(Compression.NONE).append(NOW, "k".getBytes(), "v".getBytes())
                .build(), ACKS_ALL);
        assertThatThrownBy(() -> partition.deleteRecordsBefore(1)).isInstanceOf(PolicyViolationException.class);
    }

    @Test
    void offsetLookupsByTimeAreBoundedByTheHighWatermark() {
        Partition partition = open(tmp.resolve("orders-0"), Map.of(), 2);
        partition.appendAsLeader(plain(1, 100), (short) 1);
        partition.appendAsLeader(plain(1, 200), (short) 1);
        partition.maybeAdvanceHighWatermark(1);
        assertThat(partition.offsetForTimestamp(50, FetchIsolation.HIGH_WATERMARK))
                .contains(new TimestampAndOffset(100, 0));
        assertThat(partition.offsetForTimestamp(150, FetchIsolation.HIGH_WATERMARK)).isEmpty();
        assertThat(partition.offsetForTimestamp(150, FetchIsolation.LOG_END)).contains(new TimestampAndOffset(200, 1));
        assertThat(partition.offsetForTimestamp(300, FetchIsolation.LOG_END)).isEqualTo(Optional.empty());
        assertThat(partition.earliestOffset()).isZero();
        assertThat(partition.latestOffset(FetchIsolation.HIGH_WATERMARK)).isEqualTo(1);
        assertThat(partition.latestOffset(FetchIsolation.LOG_END)).isEqualTo(2);
    }

    @Test
    void producerStateAndDataSurviveACleanRestart() {
        Path dir = tmp.resolve("orders-0");
        Partition partition = open(dir, Map.of(), 1);
        partition.appendAsLeader(idempotent(7, (short) 0, 0, 2, NOW), ACKS_ALL);
        partition.close();
        assertThat(dir.resolve(ProducerSnapshotFile.FILE_NAME)).exists();
        assertThat(dir.resolve(".clean-shutdown")).exists();
        Partition reopened = open(dir, Map.of(), 1);
        assertThat(reopened.highWatermark()).isEqualTo(2);
        assertThat(reopened.appendAsLeader(idempotent(7, (short) 0, 0, 2, NOW), ACKS_ALL).duplicate()).isTrue();
        assertThat(reopened.appendAsLeader(idempotent(7, (short) 0, 2, 1, NOW), ACKS_ALL).baseOffset()).isEqualTo(2);
    }

    @Test
    void producerStateSurvivesACrashByReplayingTheLog() throws IOException {
        Path dir = tmp.resolve("orders-0");
        Partition partition = open(dir, Map.of(), 1);
        partition.appendAsLeader(idempotent(7, (short) 0, 0, 2, NOW), ACKS_ALL);
        partition.producerState().takeSnapshot();
        partition.appendAsLeader(idempotent(7, (short) 0, 2, 2, NOW), ACKS_ALL);
        Path crashed = tmp.resolve("crashed").resolve("orders-0");
        Dirs.copyTree(dir, crashed);
        Partition reopened = open(crashed, Map.of(), 1);
        assertThat(reopened.logEndOffset()).isEqualTo(4);
        assertThat(reopened.appendAsLeader(idempotent(7, (short) 0, 2, 2, NOW), ACKS_ALL))
                .isEqualTo(new AppendResult(2, 3, -1, 0, true));
        assertThatThrownBy(() -> reopened.appendAsLeader(idempotent(7, (short) 0, 9, 1, NOW), ACKS_ALL))
                .isInstanceOf(OutOfOrderSequenceException.class);
    }

    @Test
    void maintenanceExpiresProducersAndSnapshotsOncePerCheckpointInterval() {
        Partition partition = open();
        partition.appendAsLeader(idempotent(7, (short) 0, 0, 1, NOW), ACKS_ALL);
        partition.runMaintenance();
        assertThat(partition.producerState().lastSnapshotOffset()).isEqualTo(-1);
        clock.advance(defaults.recoveryPointCheckpointIntervalMs());
        partition.runMaintenance();
        assertThat(partition.producerState().lastSnapshotOffset()).isEqualTo(1);
        clock.advance(86_400_000L);
        partition.runMaintenance();
        assertThat(partition.producerState().producers()).isEmpty();
    }

    @Test
    void configChangesReachTheLog() {
        Partition partition = open();
        partition.updateConfig(TopicConfig.of(defaults, Map.of("max.message.bytes", "10")));
        assertThat(partition.config().logConfig().maxMessageBytes()).isEqualTo(10);
        assertThatThrownBy(() -> partition.appendAsLeader(plain(1, NOW), ACKS_ALL))
                .isInstanceOf(dev.brook.log.RecordBatchTooLargeException.class);
    }

    @Test
    void closedPartitionIsUnknown() {
        Partition partition = open();
        partition.close();
        partition.close();
        assertThatThrownBy(() -> partition.appendAsLeader(plain(1, NOW), ACKS_ALL))
                .isInstanceOf(UnknownTopicOrPartitionException.class);
        assertThatThrownBy(() -> partition.read(0, 10, true, FetchIsolation.HIGH_WATERMARK))
                .isInstanceOf(UnknownTopicOrPartitionException.class);
        assertThat(partition.runMaintenance()).isZero();
    }

    @Test
    void failingListenerDoesNotFailTheAppendOrOtherListeners() {
        Partition partition = open();
        List<Long> seen = new ArrayList<>();
        HighWatermarkListener failing = (tp, hw) -> {
            throw new IllegalStateException("listener bug");
        };
        partition.addHighWatermarkListener(failing);
        partition.addHighWatermarkListener((tp, hw) -> seen.add(hw));
        partition.appendAsLeader(plain(1, NOW), ACKS_ALL);
        assertThat(seen).containsExactly(1L);
        partition.removeHighWatermarkListener(failing);
    }

    @Test
    void aCompactedTopicRefusesRecordsWithoutAKeyAndStoresNothingOfTheAppend() {
        for (String policy : List.of("compact", "compact,delete")) {
            Partition p = open(tmp.resolve(policy.replace(',', '-')), Map.of("cleanup.policy", policy), 1);
            for (Compression compression : List.of(Compression.NONE, Compression.GZIP)) {
                ByteBuffer mixed = new RecordBatchBuilder(compression).append(NOW, "k".getBytes(), "v".getBytes())
                        .append(NOW, (byte[]) null, "no key".getBytes()).build();
                assertThatThrownBy(() -> p.appendAsLeader(mixed, ACKS_ALL))
                        .isInstanceOf(InvalidRecordException.class)
                        .hasMessageContaining("without key").hasMessageContaining(TP.toString());
                assertThat(p.logEndOffset()).as(policy + " " + compression).isZero();
            }
            // Keyed records, tombstones included, are taken.
            ByteBuffer keyed = new RecordBatchBuilder(Compression.NONE).append(NOW, "k".getBytes(), "v".getBytes())
                    .append(NOW, "k".getBytes(), (byte[]) null).build();
            assertThat(p.appendAsLeader(keyed, ACKS_ALL).lastOffset()).isEqualTo(1);
        }
    }

    @Test
    void keylessRecordsAreRefusedOnceTheTopicBecomesCompactedAndTakenAgainAfter() {
        Partition p = open();
        ByteBuffer keyless = new RecordBatchBuilder(Compression.NONE).append(NOW, (byte[]) null, "v".getBytes())
                .build();
        assertThat(p.appendAsLeader(keyless.duplicate(), ACKS_ALL).lastOffset()).isZero();
        p.updateConfig(TopicConfig.of(defaults, Map.of("cleanup.policy", "compact")));
        assertThatThrownBy(() -> p.appendAsLeader(keyless.duplicate(), ACKS_ALL))
                .isInstanceOf(InvalidRecordException.class);
        p.updateConfig(TopicConfig.of(defaults, Map.of()));
        assertThat(p.appendAsLeader(keyless.duplicate(), ACKS_ALL).lastOffset()).isEqualTo(1);
    }
}
