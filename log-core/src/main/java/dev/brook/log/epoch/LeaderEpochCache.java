package dev.brook.log.epoch;

import dev.brook.log.checkpoint.CorruptCheckpointException;
import dev.brook.log.checkpoint.EpochEntry;
import dev.brook.log.checkpoint.LeaderEpochCheckpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader-epoch lineage of one log: for each leader epoch that wrote to it, the first offset written in that
 * epoch. Followers and consumers use it (through {@link #endOffsetFor}) to find where their copy diverges from
 * the leader's. Semantics follow Kafka's {@code LeaderEpochFileCache}, so Brook answers OffsetsForLeaderEpoch
 * exactly as a Kafka broker would.
 *
 * <p>Entries are always strictly increasing in both epoch and start offset. Every change is written through
 * {@link LeaderEpochCheckpoint} (atomically and durably) before it becomes visible; if that write fails the
 * cache keeps its previous content and the {@link IOException} propagates.
 *
 * <p>Thread-safe: queries share a read lock, changes take the write lock (including the checkpoint write, so the
 * file always matches the order of changes).
 */
public final class LeaderEpochCache {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderEpochCache.class);

    private final LeaderEpochCheckpoint checkpoint;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /**
     * Epoch to entry. Guarded by {@link #lock}. Changes build a new map and swap it in only after the checkpoint
     * write succeeded, so a failed write cannot leave memory ahead of disk.
     */
    private TreeMap<Integer, EpochEntry> epochs;

    private LeaderEpochCache(LeaderEpochCheckpoint checkpoint, List<EpochEntry> entries) {
        this.checkpoint = checkpoint;
        this.epochs = new TreeMap<>();
        for (EpochEntry entry : entries) {
            epochs.put(entry.epoch(), entry);
        }
    }

    /**
     * Loads the cache of one log from its {@value LeaderEpochCheckpoint#FILE_NAME}; a missing file is an empty
     * lineage. Nothing is written until the first change.
     *
     * @param partitionDir the log's partition directory
     * @return the cache
     * @throws CorruptCheckpointException if the checkpoint exists but cannot be verified; the log then decides
     *     whether to rebuild the lineage from its batches or start empty
     * @throws IOException if reading fails
     */
    public static LeaderEpochCache load(Path partitionDir) throws IOException {
        LeaderEpochCheckpoint checkpoint = new LeaderEpochCheckpoint(partitionDir);
        // The checkpoint only returns strictly increasing entries, so they are taken as they are.
        return new LeaderEpochCache(checkpoint, checkpoint.read().orElse(List.of()));
    }

    /**
     * Records that {@code epoch} started writing at {@code startOffset}. Called for every appended batch with its
     * leader epoch, so the common case (the latest epoch again, at a later offset) returns without taking the
     * write lock or touching the disk.
     *
     * <p>Nothing changes when {@code epoch} is the latest epoch and {@code startOffset} is not below its start.
     * Otherwise every entry at the end that the new one contradicts (epoch &gt;= {@code epoch} or start offset
     * &gt;= {@code startOffset}) is removed and the new entry appended; for example {@code [(1,5), (2,10)]} with
     * {@code assign(3, 8)} becomes {@code [(1,5), (3,8)]}, and with {@code assign(1, 12)} becomes
     * {@code [(1,12)]}. Removing more than an entry starting at the same offset is logged as a warning.
     *
     * @param epoch the leader epoch, at least 0
     * @param startOffset the first offset written in it, at least 0
     * @throws IOException if the checkpoint write fails; the cache is then unchanged
     * @throws IllegalArgumentException if {@code epoch} or {@code startOffset} is negative
     */
    public void assign(int epoch, long startOffset) throws IOException {
        EpochEntry entry = new EpochEntry(epoch, startOffset);
        lock.readLock().lock();
        try {
            if (!isUpdateNeeded(entry)) {
                return;
            }
        } finally {
            lock.readLock().unlock();
        }
        lock.writeLock().lock();
        try {
            // Checked again: another thread may have assigned the same entry between the two locks.
            if (!isUpdateNeeded(entry)) {
                return;
            }
            TreeMap<Integer, EpochEntry> next = new TreeMap<>(epochs);
            List<EpochEntry> removed = new ArrayList<>();
            while (!next.isEmpty()) {
                EpochEntry last = next.lastEntry().getValue();
                if (last.epoch() < epoch && last.startOffset() < startOffset) {
                    break;
                }
                removed.add(next.pollLastEntry().getValue());
            }
            next.put(epoch, entry);
            persist(next);
            // Replacing one entry that started at the same offset is a new leader that wrote nothing yet, not a
            // divergence worth an operator's attention.
            if (removed.size() > 1 || (removed.size() == 1 && removed.get(0).startOffset() != startOffset)) {
                LOG.warn("Leader epoch entry {} in {} removed conflicting entries {}", entry, checkpoint.path(),
                        removed);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Returns the latest epoch, the one the log is currently written in.
     *
     * @return the latest epoch, or empty if the lineage is empty
     */
    public OptionalInt latestEpoch() {
        lock.readLock().lock();
        try {
            return epochs.isEmpty() ? OptionalInt.empty() : OptionalInt.of(epochs.lastKey());
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Returns the latest entry.
     *
     * @return the entry of the latest epoch, or empty if the lineage is empty
     */
    public Optional<EpochEntry> latestEntry() {
        lock.readLock().lock();
        try {
            return epochs.isEmpty() ? Optional.empty() : Optional.of(epochs.lastEntry().getValue());
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Returns the epoch an offset was written in: the epoch of the last entry starting at or before it. The log
     * end offset is not known here, so an offset past the end of the log maps to the latest epoch.
     *
     * @param offset the offset
     * @return its epoch, or empty if the offset is before the first entry or the lineage is empty
     */
    public OptionalInt epochForOffset(long offset) {
        lock.readLock().lock();
        try {
            // Start offsets increase with epochs, so scanning from the newest finds the covering entry first.
            for (EpochEntry entry : epochs.descendingMap().values()) {
                if (entry.startOffset() <= offset) {
                    return OptionalInt.of(entry.epoch());
                }
            }
            return OptionalInt.empty();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Answers OffsetsForLeaderEpoch for one partition, as Kafka does:
     *
     * <ul>
     *   <li>{@code requestedEpoch} is {@value EpochEndOffset#UNDEFINED_EPOCH}: {@link EpochEndOffset#UNDEFINED};
     *   <li>{@code requestedEpoch} is the latest epoch: ({@code requestedEpoch}, {@code logEndOffset}), as that
     *       epoch is still being written;
     *   <li>no epoch above {@code requestedEpoch} is known (it is newer than the latest, or the lineage is
     *       empty): {@link EpochEndOffset#UNDEFINED};
     *   <li>{@code requestedEpoch} is below the first known epoch: ({@code requestedEpoch}, start offset of the
     *       first entry), because the data before it is gone and a follower should replicate from there;
     *   <li>otherwise: (largest known epoch &lt;= {@code requestedEpoch}, start offset of the first epoch above
     *       {@code requestedEpoch}).
     * </ul>
     *
     * @param requestedEpoch the epoch the requester last saw
     * @param logEndOffset the current log end offset, returned for the latest epoch
     * @return the epoch and its end offset, or {@link EpochEndOffset#UNDEFINED}
     */
    public EpochEndOffset endOffsetFor(int requestedEpoch, long logEndOffset) {
        if (requestedEpoch == EpochEndOffset.UNDEFINED_EPOCH) {
            return EpochEndOffset.UNDEFINED;
        }
        lock.readLock().lock();
        try {
            if (!epochs.isEmpty() && epochs.lastKey() == requestedEpoch) {
                return new EpochEndOffset(requestedEpoch, logEndOffset);
            }
            Map.Entry<Integer, EpochEntry> higher = epochs.higherEntry(requestedEpoch);
            if (higher == null) {
                return EpochEndOffset.UNDEFINED;
            }
            Map.Entry<Integer, EpochEntry> floor = epochs.floorEntry(requestedEpoch);
            int epoch = floor == null ? requestedEpoch : floor.getKey();
            return new EpochEndOffset(epoch, higher.getValue().startOffset());
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Removes every entry starting at or after {@code endOffset}, after the log was truncated to end there.
     * A negative {@code endOffset} (Kafka's "undefined") changes nothing.
     *
     * @param endOffset the new log end offset
     * @throws IOException if the checkpoint write fails; the cache is then unchanged
     */
    public void truncateFromEnd(long endOffset) throws IOException {
        if (endOffset < 0) {
            return;
        }
        lock.writeLock().lock();
        try {
            TreeMap<Integer, EpochEntry> next = new TreeMap<>(epochs);
            while (!next.isEmpty() && next.lastEntry().getValue().startOffset() >= endOffset) {
                next.pollLastEntry();
            }
            if (next.size() != epochs.size()) {
                persist(next);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Drops the lineage before {@code startOffset}, after the log start offset advanced there: entries starting
     * at or before it are removed, and the last of them (the epoch covering {@code startOffset}) is kept with its
     * start moved up to {@code startOffset}. For example {@code [(0,0), (1,10), (2,20)]} with
     * {@code truncateFromStart(15)} becomes {@code [(1,15), (2,20)]}. An offset before the first entry changes
     * nothing.
     *
     * @param startOffset the new log start offset
     * @throws IOException if the checkpoint write fails; the cache is then unchanged
     */
    public void truncateFromStart(long startOffset) throws IOException {
        lock.writeLock().lock();
        try {
            TreeMap<Integer, EpochEntry> next = new TreeMap<>(epochs);
            EpochEntry covering = null;
            while (!next.isEmpty() && next.firstEntry().getValue().startOffset() <= startOffset) {
                covering = next.pollFirstEntry().getValue();
            }
            if (covering != null) {
                next.put(covering.epoch(), new EpochEntry(covering.epoch(), startOffset));
            }
            // Nothing to write when the covering entry already started exactly at startOffset and was the first.
            if (!next.equals(epochs)) {
                persist(next);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Returns the entries.
     *
     * @return a snapshot of the entries in ascending order, unmodifiable
     */
    public List<EpochEntry> entries() {
        lock.readLock().lock();
        try {
            return List.copyOf(epochs.values());
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Removes every entry and writes the empty lineage, for example when the log is deleted or fully truncated.
     *
     * @throws IOException if the checkpoint write fails; the cache is then unchanged
     */
    public void clearAndFlush() throws IOException {
        lock.writeLock().lock();
        try {
            persist(new TreeMap<>());
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Must hold the read or the write lock. */
    private boolean isUpdateNeeded(EpochEntry entry) {
        if (epochs.isEmpty()) {
            return true;
        }
        EpochEntry latest = epochs.lastEntry().getValue();
        return entry.epoch() != latest.epoch() || entry.startOffset() < latest.startOffset();
    }

    /** Must hold the write lock. Writes first, then publishes, so memory never runs ahead of disk. */
    private void persist(TreeMap<Integer, EpochEntry> next) throws IOException {
        checkpoint.write(List.copyOf(next.values()));
        epochs = next;
    }
}
