package dev.brook.embedded;

import dev.brook.groups.GroupCoordinator;
import dev.brook.groups.GroupError;
import dev.brook.groups.JoinRequest;
import dev.brook.groups.JoinResult;
import dev.brook.groups.MemberIdentity;
import dev.brook.groups.OffsetAndMetadata;
import dev.brook.groups.OffsetFetchResult;
import dev.brook.groups.ProtocolMetadata;
import dev.brook.groups.SyncRequest;
import dev.brook.groups.SyncResult;
import dev.brook.partition.Partition;
import dev.brook.partition.PartitionStore;
import dev.brook.partition.UnknownTopicOrPartitionException;
import dev.brook.partition.topic.TopicPartition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A member of a consumer group, in-process: it shares the partitions of its topics with the group's other members
 * (in this process), gets them from the group's assignor (computed inside Brook, see {@link GroupConsumerOptions}),
 * and resumes from the group's committed offsets. The group protocol is Kafka's classic one, eager: on a rebalance
 * every member gives up its partitions ({@link RebalanceListener#onRevoked}) before any member is given them
 * ({@link RebalanceListener#onAssigned}).
 *
 * <p>Like a Kafka consumer, it does its group work inside {@link #poll(Duration)}: joining, rebalancing, the
 * callbacks and auto commits happen on the polling thread, so a member that stops polling holds up a rebalance
 * (for at most {@link GroupConsumerOptions#rebalanceTimeout()}, after which the group goes on without it).
 * Heartbeats run on a Brook scheduler thread, so slow processing between polls does not end the session; a member
 * whose process dies stops heartbeating and loses its partitions after the session timeout.
 *
 * <p>Delivery is at least once: after a rebalance or restart a partition resumes from the last committed offset.
 * With auto commit the positions of the records returned by earlier polls are committed, so commit after processing
 * for the same guarantee with manual commits.
 *
 * <p>One thread at a time (its methods are synchronized); only {@link #close()} may come from another thread, which
 * ends a waiting poll.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class GroupConsumer<K, V> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupConsumer.class);
    private static final String PROTOCOL_TYPE = "consumer";
    /** How often a member compares its topics' partition counts with those of its assignment. */
    private static final long TOPIC_CHECK_NANOS = Duration.ofMillis(500).toNanos();
    private static final Comparator<TopicPartition> ORDER =
            Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    private final GroupCoordinator coordinator;
    private final PartitionStore store;
    private final String groupId;
    private final Set<String> topics;
    private final Deserializer<K> keyDeserializer;
    private final Deserializer<V> valueDeserializer;
    private final GroupConsumerOptions options;
    private final String instanceId;
    private final RebalanceListener listener;
    private final Consumer<GroupConsumer<?, ?>> onClose;
    private final ScheduledExecutorService scheduler;
    private final ScheduledFuture<?> heartbeats;
    private final WakeSignal signal = new WakeSignal();
    private final CompletableFuture<Void> closing = new CompletableFuture<>();

    // Polling-thread state, guarded by this.
    /** The assigned partitions in order, with the offset of the next record to return. */
    private final Map<TopicPartition, Long> positions = new LinkedHashMap<>();
    private final Map<TopicPartition, Partition> watched = new HashMap<>();
    /** The last assignment, sent as owned partitions when rejoining so the sticky assignor can keep it. */
    private List<TopicPartition> lastAssignment = List.of();
    private CompletableFuture<JoinResult> pendingJoin;
    private CompletableFuture<SyncResult> pendingSync;
    private Map<String, Integer> countsAtAssignment = Map.of();
    private long nextTopicCheck;
    private long nextAutoCommit;
    private int nextFirst;

    // Shared with the heartbeat thread.
    private volatile String memberId = JoinRequest.UNKNOWN_MEMBER_ID;
    private volatile int generation = -1;
    /** The generation heartbeats are sent for, or -1 while no heartbeat should be sent (joining, left). */
    private final AtomicInteger heartbeatGeneration = new AtomicInteger(-1);
    private final AtomicBoolean rejoinNeeded = new AtomicBoolean(true);
    /** Set by a heartbeat that found the member removed (session expired): its partitions are lost. */
    private final AtomicBoolean membershipLost = new AtomicBoolean();
    private volatile GroupError fatal;
    private final AtomicBoolean closed = new AtomicBoolean();

    GroupConsumer(GroupCoordinator coordinator, PartitionStore store, ScheduledExecutorService scheduler,
            String groupId, Collection<String> topics, Deserializer<K> keyDeserializer,
            Deserializer<V> valueDeserializer, GroupConsumerOptions options, RebalanceListener listener,
            Consumer<GroupConsumer<?, ?>> onClose) {
        this.coordinator = coordinator;
        this.store = store;
        this.scheduler = scheduler;
        this.groupId = Objects.requireNonNull(groupId, "groupId");
        if (groupId.isEmpty()) {
            throw new IllegalArgumentException("groupId must not be empty");
        }
        this.topics = Set.copyOf(new TreeSet<>(topics));
        if (this.topics.isEmpty()) {
            throw new IllegalArgumentException("a group consumer needs at least one topic");
        }
        this.keyDeserializer = Objects.requireNonNull(keyDeserializer, "keyDeserializer");
        this.valueDeserializer = Objects.requireNonNull(valueDeserializer, "valueDeserializer");
        this.options = Objects.requireNonNull(options, "options");
        this.instanceId = options.groupInstanceId().orElse(null);
        this.listener = Objects.requireNonNull(listener, "listener");
        this.onClose = onClose;
        long interval = options.heartbeatInterval().toMillis();
        this.heartbeats = scheduler.scheduleWithFixedDelay(this::heartbeat, interval, interval, TimeUnit.MILLISECONDS);
    }

    /**
     * Returns the next records of the member's partitions, waiting up to {@code timeout}; joins or rejoins the
     * group first when needed (running the rebalance callbacks on this thread), and auto-commits when due. Records of
     * one partition come in offset order.
     *
     * @return the records; empty if none arrived in time, the group is still rebalancing, or the consumer was closed
     * @throws IllegalStateException if the consumer is closed
     * @throws GroupMembershipException if the coordinator refuses membership for good
     * @throws BrookException if interrupted while waiting
     */
    public synchronized List<BrookRecord<K, V>> poll(Duration timeout) {
        ensureOpen();
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        while (true) {
            if (!ensureActive(deadline)) {
                return List.of();
            }
            maybeAutoCommit();
            long seen = signal.version();
            List<BrookRecord<K, V>> out = readAvailable();
            if (!out.isEmpty() || closed.get()) {
                return out;
            }
            if (rejoinNeeded.get() || membershipLost.get()) {
                continue;
            }
            long now = System.nanoTime();
            long left = deadline - now;
            if (left <= 0) {
                return out;
            }
            long wait = Math.min(left, Math.max(0, nextTopicCheck - now));
            if (options.autoCommit()) {
                wait = Math.min(wait, Math.max(0, nextAutoCommit - now));
            }
            try {
                signal.awaitChange(seen, Math.max(1, wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BrookException("interrupted while polling group " + groupId, e);
            }
        }
    }

    /** Drives the group protocol until the member is in a stable generation; false if the deadline came first. */
    private boolean ensureActive(long deadline) {
        while (!closed.get()) {
            GroupError refused = fatal;
            if (refused != null) {
                throw new GroupMembershipException(groupId, refused);
            }
            if (pendingJoin == null && pendingSync == null) {
                if (membershipLost.getAndSet(false)) {
                    loseAll();
                }
                if (!rejoinNeeded.get()) {
                    checkTopics();
                }
                if (!rejoinNeeded.get()) {
                    return true;
                }
                revokeAll();
                startJoin();
            }
            if (pendingJoin != null) {
                JoinResult join = await(pendingJoin, deadline);
                if (join == null) {
                    return false;
                }
                pendingJoin = null;
                onJoined(join);
            } else if (pendingSync != null) {
                SyncResult sync = await(pendingSync, deadline);
                if (sync == null) {
                    return false;
                }
                pendingSync = null;
                onSynced(sync);
            }
        }
        return false;
    }

    private void startJoin() {
        heartbeatGeneration.set(-1);
        rejoinNeeded.set(false);
        byte[] metadata = ConsumerProtocolCodec.encodeSubscription(topics, lastAssignment);
        JoinRequest request = new JoinRequest(groupId, memberId, instanceId, PROTOCOL_TYPE,
                List.of(new ProtocolMetadata(GroupAssignment.protocolName(options.assignor()), metadata)),
                (int) options.sessionTimeout().toMillis(), (int) options.rebalanceTimeout().toMillis(), true,
                "brook-embedded", "in-process");
        pendingJoin = coordinator.joinGroup(request);
    }

    private void onJoined(JoinResult join) {
        switch (join.error()) {
            case NONE -> {
                memberId = join.memberId();
                generation = join.generationId();
                heartbeatGeneration.set(generation);
                Map<String, byte[]> assignments = join.isLeader()
                        ? GroupAssignment.compute(groupId, join, store) : Map.of();
                pendingSync = coordinator.syncGroup(new SyncRequest(groupId, generation, memberId, instanceId,
                        PROTOCOL_TYPE, join.protocolName(), assignments));
            }
            case MEMBER_ID_REQUIRED -> {
                memberId = join.memberId();
                rejoinNeeded.set(true);
            }
            case UNKNOWN_MEMBER_ID -> forgetMembership();
            case REBALANCE_IN_PROGRESS, ILLEGAL_GENERATION, COORDINATOR_LOAD_IN_PROGRESS -> rejoinNeeded.set(true);
            default -> {
                rejoinNeeded.set(true);
                throw new GroupMembershipException(groupId, join.error());
            }
        }
    }

    private void onSynced(SyncResult sync) {
        switch (sync.error()) {
            case NONE -> assign(ConsumerProtocolCodec.decodeAssignment(sync.assignment()));
            case REBALANCE_IN_PROGRESS, ILLEGAL_GENERATION -> rejoinNeeded.set(true);
            case UNKNOWN_MEMBER_ID -> forgetMembership();
            default -> {
                rejoinNeeded.set(true);
                throw new GroupMembershipException(groupId, sync.error());
            }
        }
    }

    private void forgetMembership() {
        memberId = JoinRequest.UNKNOWN_MEMBER_ID;
        generation = -1;
        heartbeatGeneration.set(-1);
        rejoinNeeded.set(true);
    }

    /** Takes a new assignment: positions from committed offsets (else the reset position), then the callback. */
    private void assign(List<TopicPartition> assignment) {
        List<TopicPartition> sorted = new ArrayList<>(assignment);
        sorted.sort(ORDER);
        lastAssignment = List.copyOf(sorted);
        OffsetFetchResult committed = coordinator.fetchOffsets(groupId, sorted);
        if (committed.error() != GroupError.NONE) {
            rejoinNeeded.set(true);
            throw new GroupMembershipException(groupId, committed.error());
        }
        for (TopicPartition tp : sorted) {
            Partition partition = watch(tp);
            if (partition == null) {
                continue;
            }
            OffsetAndMetadata offset = committed.offsets().getOrDefault(tp, OffsetAndMetadata.NO_OFFSET);
            StartPosition from = offset.offset() >= 0 ? StartPosition.offset(offset.offset()) : options.resetTo();
            positions.put(tp, from.resolve(partition));
        }
        countsAtAssignment = GroupAssignment.partitionCounts(store, topics);
        long now = System.nanoTime();
        nextTopicCheck = now + TOPIC_CHECK_NANOS;
        nextAutoCommit = now + options.autoCommitInterval().toNanos();
        listener.onAssigned(List.copyOf(positions.keySet()));
    }

    /** The partition with the wake signal registered on it; null (and a rejoin) if it no longer exists. */
    private Partition watch(TopicPartition tp) {
        Partition partition;
        try {
            partition = store.partition(tp);
        } catch (UnknownTopicOrPartitionException e) {
            // Deleted after the assignment was computed: the next rebalance leaves it out.
            positions.remove(tp);
            rejoinNeeded.set(true);
            return null;
        }
        Partition before = watched.put(tp, partition);
        if (before != partition) {
            if (before != null) {
                before.removeHighWatermarkListener(signal);
            }
            partition.addHighWatermarkListener(signal);
        }
        return partition;
    }

    private void unwatchAll() {
        watched.values().forEach(p -> p.removeHighWatermarkListener(signal));
        watched.clear();
        positions.clear();
    }

    /** Eager rebalance: commit (auto commit), tell the listener, and give up every partition before rejoining. */
    private void revokeAll() {
        if (positions.isEmpty()) {
            return;
        }
        List<TopicPartition> revoked = List.copyOf(positions.keySet());
        try {
            if (options.autoCommit()) {
                commitBeforeRevoke();
            }
            listener.onRevoked(revoked);
        } finally {
            unwatchAll();
        }
    }

    private void commitBeforeRevoke() {
        try {
            commit(Map.copyOf(positions));
        } catch (CommitFailedException e) {
            // The member is out of its generation already (its partitions may be someone else's): the records since
            // the last commit are delivered again, which at-least-once allows. Kafka logs and goes on likewise.
            LOG.warn("group {}: auto commit before revoking {} failed: {}", groupId, positions.keySet(),
                    e.getMessage());
        }
    }

    private void loseAll() {
        lastAssignment = List.of();
        forgetMembership();
        if (positions.isEmpty()) {
            return;
        }
        List<TopicPartition> lost = List.copyOf(positions.keySet());
        try {
            listener.onLost(lost);
        } finally {
            unwatchAll();
        }
    }

    /** Rejoins when a subscribed topic was created, deleted or grew since the assignment. */
    private void checkTopics() {
        long now = System.nanoTime();
        if (now - nextTopicCheck < 0) {
            return;
        }
        nextTopicCheck = now + TOPIC_CHECK_NANOS;
        if (!GroupAssignment.partitionCounts(store, topics).equals(countsAtAssignment)) {
            rejoinNeeded.set(true);
        }
    }

    private void maybeAutoCommit() {
        if (!options.autoCommit() || System.nanoTime() - nextAutoCommit < 0) {
            return;
        }
        nextAutoCommit = System.nanoTime() + options.autoCommitInterval().toNanos();
        try {
            commit(Map.copyOf(positions));
        } catch (CommitFailedException e) {
            // A rebalance is under way (the consumer rejoins on this poll); the positions are committed before the
            // partitions are revoked, or else redelivered: at least once either way.
            LOG.debug("group {}: auto commit deferred: {}", groupId, e.getMessage());
        }
    }

    private List<BrookRecord<K, V>> readAvailable() {
        List<TopicPartition> order = new ArrayList<>(positions.keySet());
        List<BrookRecord<K, V>> out = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            TopicPartition tp = order.get((nextFirst + i) % order.size());
            Partition partition = watch(tp);
            if (partition != null) {
                positions.put(tp, PartitionFetch.read(partition, tp.topic(), tp.partition(), positions.get(tp),
                        keyDeserializer, valueDeserializer, out));
            }
        }
        nextFirst = (nextFirst + 1) % Math.max(1, order.size());
        return out;
    }

    private <T> T await(CompletableFuture<T> future, long deadline) {
        long left = Math.max(0, deadline - System.nanoTime());
        try {
            CompletableFuture.anyOf(future, closing).get(left, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return null; // still rebalancing: the next poll waits on
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrookException("interrupted while joining group " + groupId, e);
        } catch (ExecutionException e) {
            throw new BrookException("group " + groupId + ": the coordinator failed", e.getCause());
        }
        return future.isDone() ? future.join() : null;
    }

    private void heartbeat() {
        int heartbeatFor = heartbeatGeneration.get();
        if (heartbeatFor < 0 || closed.get()) {
            return;
        }
        GroupError error;
        try {
            error = coordinator.heartbeat(groupId, memberId, instanceId, heartbeatFor);
        } catch (RuntimeException e) {
            // Must not escape: it would cancel the periodic heartbeat. The next poll rejoins (and reports a failure).
            LOG.warn("group {}: heartbeat failed", groupId, e);
            rejoinNeeded.set(true);
            signal.wakeUp();
            return;
        }
        if (error == GroupError.NONE || heartbeatGeneration.get() != heartbeatFor) {
            return; // fine, or the answer is about a generation the member already left
        }
        switch (error) {
            case REBALANCE_IN_PROGRESS, ILLEGAL_GENERATION -> rejoinNeeded.set(true);
            case UNKNOWN_MEMBER_ID -> {
                heartbeatGeneration.compareAndSet(heartbeatFor, -1);
                membershipLost.set(true);
            }
            case FENCED_INSTANCE_ID -> {
                heartbeatGeneration.compareAndSet(heartbeatFor, -1);
                fatal = error;
            }
            default -> {
                LOG.warn("group {}: heartbeat answered {}; rejoining", groupId, error);
                rejoinNeeded.set(true);
            }
        }
        signal.wakeUp();
    }

    /**
     * Commits the current positions of every assigned partition (the offsets of the next records to return).
     *
     * @throws CommitFailedException if the coordinator refused (a rebalance is under way or the member was removed)
     * @throws IllegalStateException if the consumer is closed
     */
    public synchronized void commitSync() {
        ensureOpen();
        commit(Map.copyOf(positions));
    }

    /**
     * Commits the given offsets (each the offset of the next record to consume in its partition).
     *
     * @throws CommitFailedException if the coordinator refused
     * @throws IllegalStateException if the consumer is closed
     */
    public synchronized void commitSync(Map<TopicPartition, Long> offsets) {
        ensureOpen();
        commit(Map.copyOf(offsets));
    }

    /**
     * Commits the current positions on a Brook thread; the future fails with {@link CommitFailedException} if the
     * coordinator refused.
     *
     * @throws IllegalStateException if the consumer is closed
     */
    public synchronized CompletableFuture<Void> commitAsync() {
        ensureOpen();
        Map<TopicPartition, Long> offsets = Map.copyOf(positions);
        String member = memberId;
        int generationId = generation;
        CompletableFuture<Void> result = new CompletableFuture<>();
        scheduler.execute(() -> {
            try {
                commit(offsets, member, generationId);
                result.complete(null);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private void commit(Map<TopicPartition, Long> offsets) {
        commit(offsets, memberId, generation);
    }

    private void commit(Map<TopicPartition, Long> offsets, String member, int generationId) {
        if (offsets.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> request = new LinkedHashMap<>();
        offsets.forEach((tp, offset) -> request.put(tp, OffsetAndMetadata.of(offset)));
        Map<TopicPartition, GroupError> refused = new LinkedHashMap<>();
        coordinator.commitOffsets(groupId, generationId, member, instanceId, request).forEach((tp, error) -> {
            if (error != GroupError.NONE) {
                refused.put(tp, error);
            }
        });
        if (refused.isEmpty()) {
            return;
        }
        if (refused.values().stream().anyMatch(e -> e == GroupError.REBALANCE_IN_PROGRESS
                || e == GroupError.ILLEGAL_GENERATION || e == GroupError.UNKNOWN_MEMBER_ID)) {
            rejoinNeeded.set(true);
            signal.wakeUp();
        }
        throw new CommitFailedException(groupId, refused);
    }

    /** The partitions assigned to this member now, sorted (empty while it is not in a stable generation). */
    public synchronized List<TopicPartition> assignment() {
        return List.copyOf(positions.keySet());
    }

    /**
     * The offset of the next record this member returns from {@code partition}.
     *
     * @throws IllegalArgumentException if the partition is not assigned to this member
     */
    public synchronized long position(TopicPartition partition) {
        Long position = positions.get(partition);
        if (position == null) {
            throw new IllegalArgumentException(partition + " is not assigned to this member of group " + groupId);
        }
        return position;
    }

    /**
     * Moves to {@code offset} in an assigned partition; the next poll reads from there.
     *
     * @throws IllegalArgumentException if the partition is not assigned to this member, or the offset is negative
     */
    public synchronized void seek(TopicPartition partition, long offset) {
        position(partition);
        Partition p = watch(partition);
        if (p != null) {
            positions.put(partition, StartPosition.offset(offset).resolve(p));
        }
    }

    /** The group id. */
    public String groupId() {
        return groupId;
    }

    /** The subscribed topics. */
    public Set<String> topics() {
        return topics;
    }

    /** The member id the coordinator gave this member (empty before the first join). */
    public String memberId() {
        return memberId;
    }

    /** The generation this member last joined, or -1. */
    public int generationId() {
        return generation;
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the consumer of group " + groupId + " is closed");
        }
    }

    /**
     * Leaves the group: commits the positions (with auto commit), calls {@link RebalanceListener#onRevoked}, and
     * sends LeaveGroup so the others rebalance at once. A static member (with a group instance id) does not leave,
     * as in Kafka: restarted within the session timeout, it gets its partitions back without a rebalance. A poll
     * waiting on another thread returns first. Idempotent.
     *
     * @throws CommitFailedException if the final auto commit was refused (the member has still left)
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closing.complete(null);
        signal.wakeUp();
        synchronized (this) {
            heartbeats.cancel(false);
            heartbeatGeneration.set(-1);
            RuntimeException failure = null;
            try {
                if (!positions.isEmpty()) {
                    List<TopicPartition> revoked = List.copyOf(positions.keySet());
                    try {
                        if (options.autoCommit()) {
                            commit(Map.copyOf(positions));
                        }
                    } catch (CommitFailedException e) {
                        failure = e;
                    }
                    listener.onRevoked(revoked);
                }
            } finally {
                unwatchAll();
                if (instanceId == null && !memberId.isEmpty()) {
                    GroupError left = coordinator.leaveGroup(groupId, List.of(new MemberIdentity(memberId, null)))
                            .error();
                    if (left != GroupError.NONE) {
                        // Already removed (session expired, or never finished joining): nothing to leave.
                        LOG.debug("group {}: LeaveGroup for {} answered {}", groupId, memberId, left);
                    }
                }
                if (onClose != null) {
                    onClose.accept(this);
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    @Override
    public String toString() {
        return "GroupConsumer(" + groupId + ", member " + memberId + ", generation " + generation + ", " + topics
                + ")";
    }
}
