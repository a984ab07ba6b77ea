package dev.brook.partition.producer;

import dev.brook.log.AppendHook;
import dev.brook.log.Log;
import dev.brook.log.LogReadResult;
import dev.brook.log.LogStorageException;
import dev.brook.log.checkpoint.CorruptCheckpointException;
import dev.brook.log.record.InvalidBatchException;
import dev.brook.log.record.RecordBatch;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Idempotent-producer state of one partition, kept inside the leader append's critical section as the log's
 * {@link AppendHook}. The rules are Kafka's ({@code ProducerStateManager}, {@code ProducerAppendInfo}), for every
 * batch with a producer id (batches with producer id -1 pass untouched):
 * <ol>
 *   <li>A batch of the current epoch whose sequence range equals one of the producer's last five batches is a
 *       retry: {@link DuplicateBatchException} with the original offsets; nothing is written.</li>
 *   <li>An epoch older than the producer's current one: {@link InvalidProducerEpochException} (Kafka's
 *       INVALID_PRODUCER_EPOCH, 47).</li>
 *   <li>A newer epoch must start at sequence 0, unless the producer is unknown here.</li>
 *   <li>Within an epoch the base sequence must be the last sequence + 1, wrapping from
 *       {@link Integer#MAX_VALUE} to 0; otherwise {@link OutOfOrderSequenceException} (Kafka's
 *       OUT_OF_ORDER_SEQUENCE_NUMBER, 45).</li>
 *   <li>A producer unknown to this partition (new, expired, or its batches deleted) may start at any sequence.</li>
 * </ol>
 * A rejected append changes no state; the batches of one append are checked in order against each other.
 *
 * <p>Durability: {@link #takeSnapshot()} writes the state as of the log end offset to {@value
 * ProducerSnapshotFile#FILE_NAME}; {@link #load} restores it and replays (without checks) every batch between
 * the snapshot and the log end, so the state survives clean and unclean restarts. A snapshot past the log end
 * (data lost in a crash, or truncation) or a corrupt one is dropped and the whole log is replayed.
 *
 * <p>Expiration: a producer whose last batch timestamp is {@code producer.id.expiration.ms} old is forgotten by
 * {@link #removeExpiredProducers(long)}, as in Kafka (the batch timestamp, not the wall-clock append time).
 *
 * <p>Thread-safety: all state is guarded by this object's monitor. The hook methods run under the log's append
 * lock and take this monitor; nothing here takes the log's lock, so there is no lock-order cycle.
 */
public final class ProducerStateManager implements AppendHook {
    private static final Logger LOG = LoggerFactory.getLogger(ProducerStateManager.class);

    /** Kafka's default {@code producer.id.expiration.ms}: one day. */
    public static final long DEFAULT_PRODUCER_ID_EXPIRATION_MS = 86_400_000L;

    /** Bytes read per step when replaying the log. */
    private static final int REPLAY_READ_BYTES = 1 << 20;

    private final Path dir;
    private final ProducerSnapshotFile snapshotFile;
    private final long producerIdExpirationMs;
    private final Object snapshotLock = new Object();
    private Map<Long, ProducerStateEntry> producers = new HashMap<>();
    private Map<Long, ProducerStateEntry> pending = new HashMap<>();
    private long mapEndOffset;
    private long lastSnapshotOffset = -1;

    private ProducerStateManager(Path dir, long producerIdExpirationMs) {
        if (producerIdExpirationMs < 1) {
            throw new IllegalArgumentException("producer.id.expiration.ms must be at least 1: "
                    + producerIdExpirationMs);
        }
        this.dir = dir;
        this.snapshotFile = new ProducerSnapshotFile(dir);
        this.producerIdExpirationMs = producerIdExpirationMs;
    }

    /**
     * Restores the state of the partition in {@code dir}: from its snapshot if usable, then by replaying the
     * batches of {@code log} after the snapshot offset up to the log end offset. Call before any append.
     *
     * @throws LogStorageException if the log cannot be read
     */
    public static ProducerStateManager load(Path dir, Log log, long producerIdExpirationMs) {
        ProducerStateManager state = new ProducerStateManager(dir, producerIdExpirationMs);
        synchronized (state) {
            state.reloadLocked(log);
        }
        return state;
    }

    /** {@link #load(Path, Log, long)} with Kafka's default expiration. */
    public static ProducerStateManager load(Path dir, Log log) {
        return load(dir, log, DEFAULT_PRODUCER_ID_EXPIRATION_MS);
    }

    /**
     * Rebuilds the state after {@code log} was truncated (or otherwise rewound): from the snapshot when it is
     * not past the new log end, else from the log start.
     */
    public synchronized void truncateAndReload(Log log) {
        reloadLocked(log);
    }

    private void reloadLocked(Log log) {
        long end = log.logEndOffset();
        Map<Long, ProducerStateEntry> restored = new HashMap<>();
        long from = log.logStartOffset();
        Optional<ProducerStateSnapshot> snapshot = readSnapshot();
        lastSnapshotOffset = -1;
        if (snapshot.isPresent() && snapshot.get().offset() <= end) {
            restored.putAll(snapshot.get().producers());
            from = Math.max(from, snapshot.get().offset());
            lastSnapshotOffset = snapshot.get().offset();
        } else if (snapshot.isPresent()) {
            LOG.info("producer-state snapshot of {} at offset {} is past the log end {}; replaying the whole log",
                    dir, snapshot.get().offset(), end);
            deleteSnapshot();
        }
        producers = restored;
        pending = new HashMap<>();
        replay(log, from, end);
        mapEndOffset = end;
    }

    private Optional<ProducerStateSnapshot> readSnapshot() {
        try {
            return snapshotFile.read();
        } catch (CorruptCheckpointException e) {
            LOG.warn("ignoring corrupt producer-state snapshot, replaying the whole log: {}", e.getMessage());
            return Optional.empty();
        } catch (IOException e) {
            throw new LogStorageException("cannot read producer-state snapshot of " + dir, e);
        }
    }

    private void deleteSnapshot() {
        try {
            snapshotFile.delete();
        } catch (IOException e) {
            throw new LogStorageException("cannot delete producer-state snapshot of " + dir, e);
        }
    }

    /** Applies every batch in [from, end) without checks, as Kafka does when loading or replicating. */
    private void replay(Log log, long from, long end) {
        long next = from;
        while (next < end) {
            LogReadResult read = log.read(next, REPLAY_READ_BYTES, end, true);
            List<RecordBatch> batches;
            try {
                batches = read.batches();
            } catch (IOException e) {
                throw new LogStorageException("cannot replay " + dir + " from offset " + next, e);
            }
            if (batches.isEmpty()) {
                break;
            }
            for (RecordBatch batch : batches) {
                if (batch.lastOffset() >= next) {
                    apply(batch);
                }
            }
            next = Math.max(next, batches.get(batches.size() - 1).nextOffset());
        }
    }

    private void apply(RecordBatch batch) {
        long producerId = batch.producerId();
        if (producerId == RecordBatch.NO_PRODUCER_ID) {
            return;
        }
        ProducerStateEntry current = producers.getOrDefault(producerId, ProducerStateEntry.empty(producerId));
        producers.put(producerId, batch.isControlBatch()
                ? current.withMarker(batch.producerEpoch(), batch.maxTimestamp())
                : current.withBatch(batch.producerEpoch(), metadata(batch)));
    }

    /**
     * Checks the batches of a leader append against the state (see the class Javadoc). The batches carry their
     * final offsets. Throwing rejects the whole append.
     */
    @Override
    public synchronized void beforeWrite(List<RecordBatch> batches) {
        Map<Long, ProducerStateEntry> updated = new HashMap<>();
        pending = updated;
        for (RecordBatch batch : batches) {
            long producerId = batch.producerId();
            if (producerId == RecordBatch.NO_PRODUCER_ID) {
                continue;
            }
            if (!batch.isControlBatch() && batch.baseSequence() < 0) {
                throw new InvalidBatchException("invalid sequence number " + batch.baseSequence()
                        + " in a batch of producer " + producerId);
            }
            ProducerStateEntry committed = producers.get(producerId);
            if (committed != null && !batch.isControlBatch()) {
                Optional<BatchMetadata> duplicate = committed.findDuplicate(batch.producerEpoch(),
                        batch.baseSequence(), batch.lastSequence());
                if (duplicate.isPresent()) {
                    throw new DuplicateBatchException(producerId, duplicate.get());
                }
            }
            ProducerStateEntry current = updated.getOrDefault(producerId,
                    committed != null ? committed : ProducerStateEntry.empty(producerId));
            updated.put(producerId, check(current, batch));
        }
    }

    /** Commits what {@link #beforeWrite} checked, now that the batches are written. */
    @Override
    public synchronized void afterWrite(List<RecordBatch> batches) {
        producers.putAll(pending);
        pending = new HashMap<>();
        mapEndOffset = batches.get(batches.size() - 1).nextOffset();
    }

    private ProducerStateEntry check(ProducerStateEntry current, RecordBatch batch) {
        short epoch = batch.producerEpoch();
        long producerId = current.producerId();
        if (epoch < current.producerEpoch()) {
            throw new InvalidProducerEpochException("epoch of producer " + producerId + " at offset "
                    + batch.baseOffset() + " in " + dir.getFileName() + " is " + epoch
                    + ", which is smaller than the last seen epoch " + current.producerEpoch());
        }
        if (batch.isControlBatch()) {
            return current.withMarker(epoch, batch.maxTimestamp());
        }
        int firstSeq = batch.baseSequence();
        if (epoch != current.producerEpoch()) {
            if (firstSeq != 0 && current.producerEpoch() != RecordBatch.NO_PRODUCER_EPOCH) {
                throw new OutOfOrderSequenceException("invalid sequence number for new epoch of producer "
                        + producerId + " at offset " + batch.baseOffset() + " in " + dir.getFileName() + ": "
                        + epoch + " (request epoch), " + firstSeq + " (seq. number), " + current.producerEpoch()
                        + " (current producer epoch)");
            }
        } else if (!inSequence(current.lastSeq(), firstSeq)) {
            throw new OutOfOrderSequenceException("out of order sequence number for producer " + producerId
                    + " at offset " + batch.baseOffset() + " in " + dir.getFileName() + ": " + firstSeq
                    + " (incoming seq. number), " + current.lastSeq() + " (current end sequence number)");
        }
        return current.withBatch(epoch, metadata(batch));
    }

    /** Kafka's rule: the next sequence follows the last one, and {@link Integer#MAX_VALUE} wraps to 0. */
    static boolean inSequence(int lastSeq, int nextSeq) {
        return nextSeq == lastSeq + 1L || (nextSeq == 0 && lastSeq == Integer.MAX_VALUE);
    }

    private static BatchMetadata metadata(RecordBatch batch) {
        return new BatchMetadata(batch.baseSequence(), batch.lastSequence(), batch.baseOffset(), batch.lastOffset(),
                batch.maxTimestamp());
    }

    /** The state of one producer, if known. */
    public synchronized Optional<ProducerStateEntry> entry(long producerId) {
        return Optional.ofNullable(producers.get(producerId));
    }

    /** A copy of the whole state, by producer id. */
    public synchronized Map<Long, ProducerStateEntry> producers() {
        return new TreeMap<>(producers);
    }

    /** The log offset the state reflects: every batch below it is applied. */
    public synchronized long mapEndOffset() {
        return mapEndOffset;
    }

    /**
     * Forgets producers whose last batch timestamp is at least {@code producer.id.expiration.ms} before
     * {@code nowMs}.
     *
     * @return how many were removed
     */
    public synchronized int removeExpiredProducers(long nowMs) {
        int before = producers.size();
        producers.values().removeIf(e -> nowMs - e.lastTimestamp() >= producerIdExpirationMs);
        return before - producers.size();
    }

    /**
     * Writes the state as of {@link #mapEndOffset()} to the snapshot file, unless the file already holds that
     * offset.
     *
     * @return whether a snapshot was written
     * @throws LogStorageException if the write is not durable
     */
    public boolean takeSnapshot() {
        synchronized (snapshotLock) {
            ProducerStateSnapshot snapshot;
            synchronized (this) {
                if (mapEndOffset == lastSnapshotOffset) {
                    return false;
                }
                snapshot = new ProducerStateSnapshot(mapEndOffset, producers);
            }
            try {
                snapshotFile.write(snapshot);
            } catch (IOException e) {
                throw new LogStorageException("cannot write producer-state snapshot of " + dir, e);
            }
            synchronized (this) {
                lastSnapshotOffset = snapshot.offset();
            }
            return true;
        }
    }

    /** The offset of the last snapshot written or loaded, or -1. */
    public synchronized long lastSnapshotOffset() {
        return lastSnapshotOffset;
    }

    /** The snapshot file. */
    public Path snapshotPath() {
        return snapshotFile.path();
    }
}
