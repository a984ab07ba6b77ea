package dev.brook.partition;

import dev.brook.log.AppendHook;
import dev.brook.log.Log;
import dev.brook.log.LogAppendInfo;
import dev.brook.log.LogMaintenanceAgent;
import dev.brook.log.LogReadResult;
import dev.brook.log.OffsetOutOfRangeException;
import dev.brook.log.TimestampAndOffset;
import dev.brook.log.record.CloseableIterator;
import dev.brook.log.record.InvalidBatchException;
import dev.brook.log.record.Record;
import dev.brook.log.record.RecordBatch;
import dev.brook.log.record.TimestampType;
import dev.brook.partition.producer.DuplicateBatchException;
import dev.brook.partition.producer.ProducerStateManager;
import dev.brook.partition.topic.TopicConfig;
import dev.brook.partition.topic.TopicPartition;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One topic-partition hosted on this node: owns its {@link Log} and its idempotent-producer state, knows its
 * role (leader or follower) and leader epoch, and keeps the high watermark.
 *
 * <p>Invariants kept here:
 * <ol>
 *   <li>Nothing at or above the high watermark is returned by a {@link FetchIsolation#HIGH_WATERMARK} read or
 *       by an offset lookup.</li>
 *   <li>The high watermark never decreases while the partition is open and never exceeds the log end offset.
 *       With replication factor 1 the leader is the whole in-sync set, so it moves to the log end offset as soon
 *       as an append is visible; it is not persisted and starts at the log end offset on open.</li>
 *   <li>An append rejected by producer state (fenced epoch, sequence gap, duplicate) writes nothing.</li>
 * </ol>
 *
 * <p>Threading: appends and reads run concurrently (the log serialises appends); role changes and close take an
 * exclusive lock, so they wait for in-flight appends and later appends see the new role.
 */
public final class Partition implements LogMaintenanceAgent.Maintainable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Partition.class);

    /** The replica's role. */
    public enum Role { LEADER, FOLLOWER }

    private final TopicPartition topicPartition;
    private final int replicationFactor;
    private final Clock clock;
    private final Log log;
    private final ProducerStateManager producerState;
    private final AppendHook leaderHook;
    private final AtomicLong highWatermark;
    private final List<HighWatermarkListener> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantReadWriteLock stateLock = new ReentrantReadWriteLock();
    private volatile TopicConfig config;
    private volatile Role role;
    private volatile int leaderEpoch;
    private volatile boolean closed;
    private volatile long lastSnapshotMs;

    private Partition(TopicPartition topicPartition, int replicationFactor, Clock clock, Log log,
            ProducerStateManager producerState, TopicConfig config) {
        this.topicPartition = topicPartition;
        this.replicationFactor = replicationFactor;
        this.clock = clock;
        this.log = log;
        this.producerState = producerState;
        this.config = config;
        this.leaderHook = new LeaderAppendHook(this, producerState);
        this.highWatermark = new AtomicLong(log.logEndOffset());
        this.role = Role.LEADER;
        this.leaderEpoch = log.leaderEpochCache().latestEpoch().orElse(0);
        this.lastSnapshotMs = clock.millis();
    }

    /**
     * Opens (creating if needed) the partition in {@code dir}: recovers the log, restores producer state from its
     * snapshot and the log, and starts as leader at the log's latest leader epoch (0 for a new log).
     *
     * @throws dev.brook.log.LogStorageException if the log cannot be opened or read
     */
    public static Partition open(TopicPartition topicPartition, Path dir, TopicConfig config, int replicationFactor,
            long producerIdExpirationMs, Clock clock) {
        Log log = Log.open(dir, config.logConfig(), clock);
        try {
            ProducerStateManager producers = ProducerStateManager.load(dir, log, producerIdExpirationMs);
            return new Partition(topicPartition, replicationFactor, clock, log, producers, config);
        } catch (RuntimeException e) {
            try {
                log.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** The topic-partition. */
    public TopicPartition topicPartition() {
        return topicPartition;
    }

    /** The partition directory, {@code <logdir>/<topic>-<partition>}. */
    public Path dir() {
        return log.dir();
    }

    /**
     * The partition's log, for the services that work on it beside appends and reads (the log cleaner). They must
     * not append to it; appends go through {@link #appendAsLeader} so producer state and the high watermark follow.
     */
    public Log log() {
        return log;
    }

    /** Leader or follower. */
    public Role role() {
        return role;
    }

    /** The leader epoch stamped into batches appended as leader. */
    public int leaderEpoch() {
        return leaderEpoch;
    }

    /** The topic's replication factor. */
    public int replicationFactor() {
        return replicationFactor;
    }

    /** The topic's effective config. */
    public TopicConfig config() {
        return config;
    }

    /** The partition's producer state (for DescribeProducers and tests). */
    public ProducerStateManager producerState() {
        return producerState;
    }

    /** Replaces the topic config; takes effect for the next append, roll and retention run. */
    public void updateConfig(TopicConfig newConfig) {
        this.config = newConfig;
        log.updateConfig(newConfig.logConfig());
    }

    /**
     * Becomes leader at {@code epoch}. An epoch older than the current one is refused (a stale request).
     *
     * @throws IllegalArgumentException if {@code epoch} is below the current leader epoch
     */
    public void makeLeader(int epoch) {
        changeRole(Role.LEADER, epoch);
    }

    /** Becomes a follower at {@code epoch}; leader-only operations fail with {@link NotLeaderException}. */
    public void makeFollower(int epoch) {
        changeRole(Role.FOLLOWER, epoch);
    }

    private void changeRole(Role newRole, int epoch) {
        stateLock.writeLock().lock();
        try {
            ensureOpen();
            if (epoch < leaderEpoch) {
                throw new IllegalArgumentException("leader epoch " + epoch + " of " + topicPartition
                        + " is older than the current " + leaderEpoch);
            }
            role = newRole;
            leaderEpoch = epoch;
        } finally {
            stateLock.writeLock().unlock();
        }
    }

    /** The high watermark: the first offset not visible to consumers. */
    public long highWatermark() {
        return highWatermark.get();
    }

    /** The first readable offset (low watermark). */
    public long logStartOffset() {
        return log.logStartOffset();
    }

    /** The offset the next appended record gets. */
    public long logEndOffset() {
        return log.logEndOffset();
    }

    /** Registers a listener told of every high-watermark advance. */
    public void addHighWatermarkListener(HighWatermarkListener listener) {
        listeners.add(listener);
    }

    /** Removes a listener. */
    public void removeHighWatermarkListener(HighWatermarkListener listener) {
        listeners.remove(listener);
    }

    /**
     * Appends a producer's batches as leader: checks acks and min.insync.replicas, validates the batches (log-core)
     * and the producer state, assigns offsets and stamps the leader epoch, then advances the high watermark. With
     * replication factor 1 every acks level completes once this returns (durability follows the flush policy).
     *
     * @param records one or more v2 batches, rewritten in place
     * @param requiredAcks -1 (all), 0 or 1
     * @return the offsets written, or the original offsets for a duplicate
     * @throws InvalidRequiredAcksException if {@code requiredAcks} is not -1, 0 or 1
     * @throws NotLeaderException if this replica is not the leader
     * @throws NotEnoughReplicasException for acks=-1 when fewer replicas are in sync than min.insync.replicas
     * @throws UnknownTopicOrPartitionException if the partition was closed (deleted)
     * @throws InvalidBatchException if a batch is malformed, or is a control batch (clients may not write those)
     * @throws InvalidRecordException if the topic is compacted and a record has no key
     * @throws dev.brook.log.RecordBatchTooLargeException if a batch exceeds max.message.bytes
     * @throws dev.brook.partition.producer.InvalidProducerEpochException for a fenced producer epoch
     * @throws dev.brook.partition.producer.OutOfOrderSequenceException for a sequence gap
     * @throws dev.brook.log.LogStorageException on an I/O failure
     */
    public AppendResult appendAsLeader(ByteBuffer records, short requiredAcks) {
        if (requiredAcks != -1 && requiredAcks != 0 && requiredAcks != 1) {
            throw new InvalidRequiredAcksException("acks must be -1, 0 or 1, not " + requiredAcks);
        }
        LogAppendInfo info;
        boolean wholeIsrHasIt;
        stateLock.readLock().lock();
        try {
            ensureOpen();
            if (role != Role.LEADER) {
                throw new NotLeaderException("this node is not the leader of " + topicPartition);
            }
            int inSync = inSyncReplicaCount();
            int minIsr = config.minInsyncReplicas();
            if (requiredAcks == -1 && inSync < minIsr) {
                throw new NotEnoughReplicasException("the in-sync replicas of " + topicPartition + " (" + inSync
                        + ") are fewer than min.insync.replicas (" + minIsr + ")");
            }
            try {
                info = log.append(records, leaderEpoch, leaderHook);
            } catch (DuplicateBatchException e) {
                long appendTime = config.logConfig().timestampType() == TimestampType.LOG_APPEND_TIME
                        ? e.original().timestamp() : -1;
                return new AppendResult(e.baseOffset(), e.lastOffset(), appendTime, log.logStartOffset(), true);
            }
            wholeIsrHasIt = inSync == replicationFactor;
        } finally {
            stateLock.readLock().unlock();
        }
        if (wholeIsrHasIt) {
            // Outside the lock: listeners may call back into this partition.
            maybeAdvanceHighWatermark(log.logEndOffset());
        }
        return new AppendResult(info.firstOffset(), info.lastOffset(), info.logAppendTime(), log.logStartOffset(),
                false);
    }

    /** Replicas in sync: only this one until replication exists. */
    private int inSyncReplicaCount() {
        return 1;
    }

    /**
     * Moves the high watermark up to {@code offset} (capped at the log end offset) and tells the listeners. A
     * lower value is ignored. Replication calls this with the in-sync replicas' minimum.
     *
     * @return the high watermark after the call
     */
    public long maybeAdvanceHighWatermark(long offset) {
        long target = Math.min(offset, log.logEndOffset());
        long previous = highWatermark.getAndAccumulate(target, Math::max);
        if (target > previous) {
            for (HighWatermarkListener listener : listeners) {
                try {
                    listener.onHighWatermarkAdvanced(topicPartition, target);
                } catch (RuntimeException e) {
                    LOG.error("high-watermark listener {} of {} failed", listener, topicPartition, e);
                }
            }
        }
        return highWatermark.get();
    }

    /**
     * Reads whole batches from the one holding {@code fetchOffset}, up to {@code maxBytes} (at least one batch
     * when {@code minOneBatch}), never reaching the high watermark for {@link FetchIsolation#HIGH_WATERMARK}.
     *
     * @throws OffsetOutOfRangeException if {@code fetchOffset} is below the log start or above the log end
     * @throws UnknownTopicOrPartitionException if the partition was closed (deleted)
     */
    public PartitionReadResult read(long fetchOffset, int maxBytes, boolean minOneBatch, FetchIsolation isolation) {
        ensureOpen();
        // Read the high watermark first: what is returned is then below the value reported with it.
        long hw = highWatermark.get();
        long bound = isolation == FetchIsolation.HIGH_WATERMARK ? hw : Long.MAX_VALUE;
        LogReadResult data = log.read(fetchOffset, maxBytes, bound, minOneBatch);
        return new PartitionReadResult(data, hw, data.logStartOffset(), data.logEndOffset());
    }

    /** ListOffsets EARLIEST (-2): the log start offset. */
    public long earliestOffset() {
        return log.logStartOffset();
    }

    /** ListOffsets LATEST (-1): the high watermark for consumers, the log end for replicas. */
    public long latestOffset(FetchIsolation isolation) {
        return isolation == FetchIsolation.HIGH_WATERMARK ? highWatermark.get() : log.logEndOffset();
    }

    /**
     * ListOffsets by time: the first record with a timestamp at or after {@code timestamp}, if it is below the
     * isolation's bound (Kafka answers -1/-1 otherwise).
     */
    public Optional<TimestampAndOffset> offsetForTimestamp(long timestamp, FetchIsolation isolation) {
        ensureOpen();
        long bound = latestOffset(isolation);
        return log.offsetForTimestamp(timestamp).filter(found -> found.offset() < bound);
    }

    /**
     * DeleteRecords: makes offsets below {@code offset} unreadable and deletes segments wholly below it.
     *
     * @param offset the new low watermark; -1 means the high watermark
     * @return the log start offset (low watermark) afterwards; unchanged when {@code offset} is below it
     * @throws NotLeaderException if this replica is not the leader
     * @throws PolicyViolationException if the topic's cleanup.policy does not include delete
     * @throws OffsetOutOfRangeException if {@code offset} is negative (other than -1) or above the high watermark
     */
    public long deleteRecordsBefore(long offset) {
        stateLock.readLock().lock();
        try {
            ensureOpen();
            if (role != Role.LEADER) {
                throw new NotLeaderException("this node is not the leader of " + topicPartition);
            }
            if (!config.cleanupPolicy().deletes()) {
                throw new PolicyViolationException("Records of partition " + topicPartition
                        + " can not be deleted due to the configured policy");
            }
            long hw = highWatermark.get();
            long target = offset == -1 ? hw : offset;
            if (target < 0 || target > hw) {
                throw new OffsetOutOfRangeException("cannot delete records of " + topicPartition + " before offset "
                        + offset + ": it must be between 0 and the high watermark " + hw);
            }
            log.advanceLogStartOffset(target);
            return log.logStartOffset();
        } finally {
            stateLock.readLock().unlock();
        }
    }

    /**
     * One round of upkeep (run by the store's maintenance agent): the log's flush, checkpoint and retention;
     * producer expiration; a producer-state snapshot at the log end offset once per recovery-point checkpoint
     * interval when the state moved.
     */
    @Override
    public int runMaintenance() {
        // The read lock keeps close() from running underneath; appends share it and are not held up.
        stateLock.readLock().lock();
        try {
            if (closed) {
                return 0;
            }
            int work = log.runMaintenance();
            long now = clock.millis();
            work += producerState.removeExpiredProducers(now);
            if (now - lastSnapshotMs >= config.logConfig().recoveryPointCheckpointIntervalMs()) {
                lastSnapshotMs = now;
                if (producerState.takeSnapshot()) {
                    work++;
                }
            }
            return work;
        } finally {
            stateLock.readLock().unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new UnknownTopicOrPartitionException("partition " + topicPartition + " is closed");
        }
    }

    /**
     * Closes cleanly: waits for in-flight appends, snapshots producer state at the log end offset, and closes the
     * log (flush, recovery point, clean-shutdown marker).
     */
    @Override
    public void close() {
        stateLock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                producerState.takeSnapshot();
            } finally {
                log.close();
            }
        } finally {
            stateLock.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "Partition(" + topicPartition + ", " + role + " epoch " + leaderEpoch + ", hw " + highWatermark.get()
                + ", " + log + ")";
    }

    /**
     * Refuses control batches from producers and keyless records on compacted topics, then applies producer-state
     * checks. Runs after log-core validated the batches (so their records decode) and before anything is written.
     */
    private static final class LeaderAppendHook implements AppendHook {
        private final Partition partition;
        private final ProducerStateManager producers;

        LeaderAppendHook(Partition partition, ProducerStateManager producers) {
            this.partition = partition;
            this.producers = producers;
        }

        @Override
        public void beforeWrite(List<RecordBatch> batches) {
            boolean compacted = partition.config.cleanupPolicy().compacts();
            for (RecordBatch batch : batches) {
                if (batch.isControlBatch()) {
                    throw new InvalidBatchException("clients are not allowed to write control records");
                }
                if (compacted) {
                    requireKeys(batch);
                }
            }
            producers.beforeWrite(batches);
        }

        /** Kafka's rule (LogValidator): compaction keeps the latest record per key, so every record needs one. */
        private void requireKeys(RecordBatch batch) {
            try (CloseableIterator<Record> records = batch.records()) {
                while (records.hasNext()) {
                    if (!records.next().hasKey()) {
                        throw new InvalidRecordException("Compacted topic cannot accept message without key in "
                                + "topic partition " + partition.topicPartition + ".");
                    }
                }
            }
        }

        @Override
        public void afterWrite(List<RecordBatch> batches) {
            producers.afterWrite(batches);
        }
    }
}
