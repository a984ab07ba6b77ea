package dev.brook.groups;

import dev.brook.partition.FetchIsolation;
import dev.brook.partition.Partition;
import dev.brook.partition.PartitionStore;
import dev.brook.partition.topic.TopicPartition;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The group coordinator of this node: every consumer group's membership (Kafka's classic group protocol, see
 * {@link GroupState}) and committed offsets, kept durably in the compacted internal topic
 * {@value #OFFSETS_TOPIC} and reloaded by {@link #open}.
 *
 * <p>Each call answers a {@link GroupError} carrying the Kafka error code; the broker translates requests and
 * responses, an embedded member calls this directly. JoinGroup and SyncGroup answer later (when the rebalance
 * moves on), so they return futures; the futures are completed on the thread that moved the group on (a caller,
 * or the timer thread), never while a group lock is held. The other calls answer at once.
 *
 * <p>Thread-safe: each group has its own lock. A timer thread owned by the coordinator checks session, join and
 * sync deadlines every {@link GroupConfig#timerTickMs()} and expires offsets every
 * {@link GroupConfig#offsetsRetentionCheckIntervalMs()}; with a tick of 0 the caller drives {@link #runTimers()}
 * and {@link #expireOffsets()} instead. All times come from the {@link Clock} given to {@link #open}.
 */
public final class GroupCoordinator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCoordinator.class);

    /** The internal topic holding group metadata and committed offsets. */
    public static final String OFFSETS_TOPIC = "__consumer_offsets";

    private final PartitionStore partitions;
    private final GroupConfig config;
    private final Clock clock;
    private final GroupStore store;
    private final GroupMembership membership;
    private final Map<String, ClassicGroup> groups = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers;
    private volatile boolean closed;
    private ToIntFunction<String> partitionOf = groupId -> 0;

    private interface GroupAction<T> {
        T apply(ClassicGroup group, long now);
    }

    private GroupCoordinator(PartitionStore partitions, GroupConfig config, Clock clock, GroupStore store) {
        this.partitions = partitions;
        this.config = config;
        this.clock = clock;
        this.store = store;
        this.membership = new GroupMembership(config, store);
        this.timers = config.timerTickMs() == 0 ? null : Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "brook-group-timers");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Opens the coordinator on {@code partitions}: creates {@value #OFFSETS_TOPIC} if missing, loads every group
     * and offset from it, and starts the timer thread (unless the tick is 0).
     *
     * @throws GroupStorageException if {@value #OFFSETS_TOPIC} holds a record this version cannot read
     * @throws dev.brook.log.LogStorageException on an I/O failure reading it
     */
    public static GroupCoordinator open(PartitionStore partitions, GroupConfig config, Clock clock) {
        OffsetsTopic topic = OffsetsTopic.open(partitions, config, clock);
        GroupCoordinator coordinator = new GroupCoordinator(partitions, config, clock, topic);
        coordinator.groups.putAll(topic.load(clock.millis()));
        coordinator.partitionOf = topic::partitionFor;
        coordinator.startTimers();
        return coordinator;
    }

    /** {@link #open(PartitionStore, GroupConfig, Clock)} with the system clock. */
    public static GroupCoordinator open(PartitionStore partitions, GroupConfig config) {
        return open(partitions, config, Clock.systemUTC());
    }

    private void startTimers() {
        if (timers == null) {
            return;
        }
        timers.scheduleWithFixedDelay(() -> runSafely("group timers", this::runTimers), config.timerTickMs(),
                config.timerTickMs(), TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(() -> runSafely("offset expiry", this::expireOffsets),
                config.offsetsRetentionCheckIntervalMs(), config.offsetsRetentionCheckIntervalMs(),
                TimeUnit.MILLISECONDS);
    }

    private static void runSafely(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // A failure must not cancel the periodic task; it is retried on the next run.
            LOG.error("{} failed; retrying on the next run", what, e);
        }
    }

    /** The partition of {@value #OFFSETS_TOPIC} holding a group's records (murmur2 of its id). */
    public int partitionFor(String groupId) {
        return partitionOf.applyAsInt(groupId);
    }

    /** The coordinator's settings. */
    public GroupConfig config() {
        return config;
    }

    // ---- membership ----

    /**
     * JoinGroup. The answer comes when the join phase of the rebalance ends (everyone known rejoined, or the
     * rebalance timeout passed), or at once for errors, MEMBER_ID_REQUIRED, and a member rejoining a Stable group
     * with unchanged metadata.
     */
    public CompletableFuture<JoinResult> joinGroup(JoinRequest request) {
        ensureOpen();
        if (request.groupId().isEmpty()) {
            return CompletableFuture.completedFuture(JoinResult.error(GroupError.INVALID_GROUP_ID,
                    request.memberId()));
        }
        if (request.sessionTimeoutMs() < config.minSessionTimeoutMs()
                || request.sessionTimeoutMs() > config.maxSessionTimeoutMs()) {
            return CompletableFuture.completedFuture(JoinResult.error(GroupError.INVALID_SESSION_TIMEOUT,
                    request.memberId()));
        }
        CompletableFuture<JoinResult> answer = new CompletableFuture<>();
        withGroup(request.groupId(), request.memberId().isEmpty(), (g, now) -> {
            membership.join(g, request, answer, now);
            return null;
        }, () -> answer.complete(JoinResult.error(GroupError.UNKNOWN_MEMBER_ID, request.memberId())));
        return answer;
    }

    /** SyncGroup. The leader's call completes everyone's; followers wait for it (or for a new rebalance). */
    public CompletableFuture<SyncResult> syncGroup(SyncRequest request) {
        ensureOpen();
        if (request.groupId().isEmpty()) {
            return CompletableFuture.completedFuture(SyncResult.error(GroupError.INVALID_GROUP_ID));
        }
        CompletableFuture<SyncResult> answer = new CompletableFuture<>();
        withGroup(request.groupId(), false, (g, now) -> {
            membership.sync(g, request, answer, now);
            return null;
        }, () -> answer.complete(SyncResult.error(GroupError.UNKNOWN_MEMBER_ID)));
        return answer;
    }

    /**
     * Heartbeat: keeps the member's session alive. Answers {@link GroupError#REBALANCE_IN_PROGRESS} while the group
     * waits for members to rejoin, {@link GroupError#ILLEGAL_GENERATION} for an old generation.
     */
    public GroupError heartbeat(String groupId, String memberId, String groupInstanceId, int generationId) {
        ensureOpen();
        if (groupId == null || groupId.isEmpty()) {
            return GroupError.INVALID_GROUP_ID;
        }
        return withGroup(groupId, false,
                (g, now) -> membership.heartbeat(g, memberId, groupInstanceId, generationId, now),
                () -> GroupError.UNKNOWN_MEMBER_ID);
    }

    /** LeaveGroup for one or more members (by member id, or static members by instance id). */
    public LeaveResult leaveGroup(String groupId, List<MemberIdentity> members) {
        ensureOpen();
        if (groupId == null || groupId.isEmpty()) {
            return leaveResult(GroupError.INVALID_GROUP_ID, members, GroupError.INVALID_GROUP_ID);
        }
        return withGroup(groupId, false, (g, now) -> {
            List<LeaveResult.MemberResult> results = new ArrayList<>();
            for (MemberIdentity who : members) {
                results.add(new LeaveResult.MemberResult(who.memberId(), who.groupInstanceId(),
                        membership.leave(g, who, now)));
            }
            return new LeaveResult(GroupError.NONE, results);
        }, () -> leaveResult(GroupError.NONE, members, GroupError.UNKNOWN_MEMBER_ID));
    }

    private static LeaveResult leaveResult(GroupError top, List<MemberIdentity> members, GroupError each) {
        return new LeaveResult(top, members.stream()
                .map(m -> new LeaveResult.MemberResult(m.memberId(), m.groupInstanceId(), each)).toList());
    }

    // ---- offsets ----

    /**
     * OffsetCommit. A member of the group commits with its member id and generation; a consumer without group
     * membership (kafka-clients {@code commitSync} after {@code assign()}, kcat, Admin) commits with generation -1
     * and an empty member id, accepted only while the group has no members (and creating the group if needed).
     *
     * @param memberId the member id, or empty
     * @param groupInstanceId the static member's instance id, or {@code null}
     * @return per partition: NONE, or UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION, FENCED_INSTANCE_ID,
     *     REBALANCE_IN_PROGRESS, OFFSET_METADATA_TOO_LARGE, UNKNOWN_TOPIC_OR_PARTITION, or a storage error
     */
    public Map<TopicPartition, GroupError> commitOffsets(String groupId, int generationId, String memberId,
            String groupInstanceId, Map<TopicPartition, OffsetAndMetadata> offsets) {
        ensureOpen();
        String member = memberId == null ? "" : memberId;
        if (groupId == null) {
            return sameError(offsets.keySet(), GroupError.INVALID_GROUP_ID);
        }
        return withGroup(groupId, generationId < 0,
                (g, now) -> commit(g, generationId, member, groupInstanceId, offsets, now),
                () -> sameError(offsets.keySet(), GroupError.ILLEGAL_GENERATION));
    }

    private Map<TopicPartition, GroupError> commit(ClassicGroup g, int generationId, String memberId,
            String instanceId, Map<TopicPartition, OffsetAndMetadata> offsets, long now) {
        GroupError invalid = validateCommit(g, generationId, memberId, instanceId);
        if (invalid != GroupError.NONE) {
            return sameError(offsets.keySet(), invalid);
        }
        Map<TopicPartition, GroupError> result = new LinkedHashMap<>();
        Map<TopicPartition, CommittedOffset> accepted = new LinkedHashMap<>();
        for (Map.Entry<TopicPartition, OffsetAndMetadata> e : offsets.entrySet()) {
            OffsetAndMetadata o = e.getValue();
            if (o.metadata().length() > config.offsetMetadataMaxBytes()) {
                result.put(e.getKey(), GroupError.OFFSET_METADATA_TOO_LARGE);
            } else if (partitions.findPartition(e.getKey()).isEmpty()) {
                result.put(e.getKey(), GroupError.UNKNOWN_TOPIC_OR_PARTITION);
            } else {
                accepted.put(e.getKey(), new CommittedOffset(o.offset(), o.leaderEpoch(), o.metadata(), now));
            }
        }
        if (!accepted.isEmpty()) {
            GroupError outcome = GroupError.NONE;
            try {
                store.storeOffsets(g.groupId, accepted);
                g.offsets.putAll(accepted);
            } catch (RuntimeException e) {
                LOG.error("group {}: cannot store offset commit", g.groupId, e);
                outcome = StorageErrors.toGroupError(e, true);
            }
            for (TopicPartition tp : accepted.keySet()) {
                result.put(tp, outcome);
            }
        }
        GroupMember member = g.members.get(memberId);
        if (member != null) {
            member.sessionDeadline = now + member.sessionTimeoutMs;
        }
        return result;
    }

    /** Kafka's {@code ClassicGroup.validateOffsetCommit} (non-transactional). */
    private static GroupError validateCommit(ClassicGroup g, int generationId, String memberId, String instanceId) {
        if (generationId < 0 && g.is(GroupState.EMPTY)) {
            return GroupError.NONE;
        }
        if (generationId >= 0 || !memberId.isEmpty() || instanceId != null) {
            GroupError invalid = g.validateMember(memberId, instanceId);
            if (invalid != GroupError.NONE) {
                return invalid;
            }
            if (generationId != g.generationId) {
                return GroupError.ILLEGAL_GENERATION;
            }
        } else if (!g.is(GroupState.EMPTY)) {
            // Without member id and generation, commits are only accepted while the group has no members.
            return GroupError.UNKNOWN_MEMBER_ID;
        }
        if (g.is(GroupState.COMPLETING_REBALANCE)) {
            return GroupError.REBALANCE_IN_PROGRESS;
        }
        return GroupError.NONE;
    }

    private static Map<TopicPartition, GroupError> sameError(Collection<TopicPartition> tps, GroupError error) {
        Map<TopicPartition, GroupError> result = new LinkedHashMap<>();
        tps.forEach(tp -> result.put(tp, error));
        return result;
    }

    /**
     * OffsetFetch.
     *
     * @param partitions the partitions to answer for, or {@code null} for every committed partition
     */
    public OffsetFetchResult fetchOffsets(String groupId, List<TopicPartition> partitions) {
        ensureOpen();
        if (groupId == null) {
            return new OffsetFetchResult(GroupError.INVALID_GROUP_ID, Map.of());
        }
        return withGroup(groupId, false, (g, now) -> {
            Map<TopicPartition, OffsetAndMetadata> out = new LinkedHashMap<>();
            if (partitions == null) {
                g.offsets.forEach((tp, o) -> out.put(tp, o.toOffsetAndMetadata()));
            } else {
                for (TopicPartition tp : partitions) {
                    CommittedOffset o = g.offsets.get(tp);
                    out.put(tp, o == null ? OffsetAndMetadata.NO_OFFSET : o.toOffsetAndMetadata());
                }
            }
            return new OffsetFetchResult(GroupError.NONE, out);
        }, () -> {
            Map<TopicPartition, OffsetAndMetadata> out = new LinkedHashMap<>();
            if (partitions != null) {
                partitions.forEach(tp -> out.put(tp, OffsetAndMetadata.NO_OFFSET));
            }
            return new OffsetFetchResult(GroupError.NONE, out);
        });
    }

    /**
     * OffsetDelete: removes committed offsets of partitions the group does not consume. A consumer group with
     * members keeps the offsets of topics it is subscribed to (GROUP_SUBSCRIBED_TO_TOPIC); a group of another
     * protocol type must be empty (NON_EMPTY_GROUP).
     */
    public OffsetDeleteResult deleteOffsets(String groupId, Collection<TopicPartition> toDelete) {
        ensureOpen();
        if (groupId == null || groupId.isEmpty()) {
            return new OffsetDeleteResult(GroupError.INVALID_GROUP_ID, Map.of());
        }
        return withGroup(groupId, false, (g, now) -> {
            Set<String> subscribed;
            if (g.is(GroupState.EMPTY)) {
                subscribed = Set.of();
            } else if (ConsumerSubscription.PROTOCOL_TYPE.equals(g.protocolType)) {
                subscribed = subscribedTopics(g).orElse(null);
            } else {
                return new OffsetDeleteResult(GroupError.NON_EMPTY_GROUP, Map.of());
            }
            Map<TopicPartition, GroupError> result = new LinkedHashMap<>();
            List<TopicPartition> deleting = new ArrayList<>();
            for (TopicPartition tp : toDelete) {
                if (subscribed == null || subscribed.contains(tp.topic())) {
                    result.put(tp, GroupError.GROUP_SUBSCRIBED_TO_TOPIC);
                } else {
                    result.put(tp, GroupError.NONE);
                    if (g.offsets.containsKey(tp)) {
                        deleting.add(tp);
                    }
                }
            }
            if (!deleting.isEmpty()) {
                try {
                    store.deleteOffsets(g.groupId, deleting);
                } catch (RuntimeException e) {
                    LOG.error("group {}: cannot delete offsets {}", g.groupId, deleting, e);
                    return new OffsetDeleteResult(StorageErrors.toGroupError(e, false), Map.of());
                }
                deleting.forEach(g.offsets::remove);
            }
            return new OffsetDeleteResult(GroupError.NONE, result);
        }, () -> new OffsetDeleteResult(GroupError.GROUP_ID_NOT_FOUND, Map.of()));
    }

    /** Union of the members' subscribed topics, or empty if one member's metadata is not readable. */
    private static Optional<Set<String>> subscribedTopics(ClassicGroup g) {
        Set<String> topics = new HashSet<>();
        for (GroupMember m : g.members.values()) {
            String protocol = g.protocolName != null ? g.protocolName : m.protocols.get(0).name();
            Optional<Set<String>> own = ConsumerSubscription.topics(m.metadata(protocol));
            if (own.isEmpty()) {
                return Optional.empty();
            }
            topics.addAll(own.get());
        }
        return Optional.of(topics);
    }

    // ---- administration ----

    /** ListGroups: every group, sorted by id. */
    public List<GroupOverview> listGroups() {
        ensureOpen();
        List<GroupOverview> out = new ArrayList<>();
        for (ClassicGroup g : groups.values()) {
            g.lock.lock();
            try {
                if (!g.is(GroupState.DEAD)) {
                    out.add(new GroupOverview(g.groupId, g.protocolType == null ? "" : g.protocolType, g.state));
                }
            } finally {
                g.lock.unlock();
            }
        }
        out.sort(Comparator.comparing(GroupOverview::groupId));
        return out;
    }

    /** DescribeGroups for one group; an unknown group is {@link GroupState#DEAD} without error, as in Kafka. */
    public GroupDescription describeGroup(String groupId) {
        ensureOpen();
        if (groupId == null) {
            return new GroupDescription(GroupError.INVALID_GROUP_ID, "", GroupState.DEAD, "", "", List.of());
        }
        return withGroup(groupId, false, (g, now) -> {
            boolean stable = g.is(GroupState.STABLE);
            List<GroupDescription.MemberDescription> members = new ArrayList<>();
            for (GroupMember m : g.members.values()) {
                members.add(new GroupDescription.MemberDescription(m.memberId, m.instanceId, m.clientId,
                        m.clientHost, stable ? m.metadata(g.protocolName) : new byte[0],
                        stable ? m.assignment : new byte[0]));
            }
            return new GroupDescription(GroupError.NONE, g.groupId, g.state,
                    g.protocolType == null ? "" : g.protocolType, stable ? g.protocolName : "", members);
        }, () -> new GroupDescription(GroupError.NONE, groupId, GroupState.DEAD, "", "", List.of()));
    }

    /**
     * DeleteGroups: removes groups without members, with their offsets.
     *
     * @return per group: NONE, INVALID_GROUP_ID, GROUP_ID_NOT_FOUND, NON_EMPTY_GROUP, or a storage error
     */
    public Map<String, GroupError> deleteGroups(Collection<String> groupIds) {
        ensureOpen();
        Map<String, GroupError> result = new LinkedHashMap<>();
        for (String groupId : groupIds) {
            if (groupId == null || groupId.isEmpty()) {
                result.put(groupId, GroupError.INVALID_GROUP_ID);
                continue;
            }
            result.put(groupId, withGroup(groupId, false, (g, now) -> {
                if (!g.is(GroupState.EMPTY)) {
                    return GroupError.NON_EMPTY_GROUP;
                }
                return removeGroup(g, now);
            }, () -> GroupError.GROUP_ID_NOT_FOUND));
        }
        return result;
    }

    private GroupError removeGroup(ClassicGroup g, long now) {
        try {
            store.deleteGroup(g.groupId, List.copyOf(g.offsets.keySet()));
        } catch (RuntimeException e) {
            LOG.error("group {}: cannot delete", g.groupId, e);
            return StorageErrors.toGroupError(e, false);
        }
        g.offsets.clear();
        g.pendingMembers.clear();
        g.transition(GroupState.DEAD, now);
        groups.remove(g.groupId, g);
        return GroupError.NONE;
    }

    /**
     * Consumer lag of every partition the group has committed an offset for, sorted by partition.
     *
     * @return empty for an unknown group
     */
    public List<PartitionLag> lag(String groupId) {
        ensureOpen();
        Map<TopicPartition, Long> committed = withGroup(groupId, false, (g, now) -> {
            Map<TopicPartition, Long> copy = new LinkedHashMap<>();
            g.offsets.forEach((tp, o) -> copy.put(tp, o.offset()));
            return copy;
        }, Map::of);
        List<PartitionLag> out = new ArrayList<>();
        committed.forEach((tp, offset) -> {
            Optional<Partition> partition = partitions.findPartition(tp);
            long end = partition.map(p -> p.latestOffset(FetchIsolation.HIGH_WATERMARK)).orElse(-1L);
            out.add(new PartitionLag(tp, offset, end, end < 0 ? -1 : Math.max(0, end - offset)));
        });
        out.sort(Comparator.comparing((PartitionLag l) -> l.partition().topic())
                .thenComparingInt(l -> l.partition().partition()));
        return out;
    }

    // ---- timers ----

    /**
     * Applies every session, join and sync deadline that has passed by the clock's now: removes silent members
     * (and rebalances), ends join phases, drops MEMBER_ID_REQUIRED ids never used. The timer thread calls this
     * every tick; tests with a tick of 0 call it after moving their clock.
     */
    public void runTimers() {
        for (ClassicGroup g : List.copyOf(groups.values())) {
            withLock(g, (group, now) -> {
                membership.expireDeadlines(group, now);
                return null;
            });
        }
    }

    /**
     * Expires offsets past {@code offsets.retention.minutes}: of an Empty group, counting from when it became
     * empty (from each commit for a group that never had members); of a Stable consumer group, those of topics
     * no member subscribes to any more, counting from the commit. A group left with no members and no offsets is
     * removed (Dead). The timer thread calls this every {@code offsets.retention.check.interval.ms}.
     */
    public void expireOffsets() {
        long retention = config.offsetsRetentionMs();
        for (ClassicGroup g : List.copyOf(groups.values())) {
            withLock(g, (group, now) -> {
                List<TopicPartition> expired = new ArrayList<>();
                if (group.is(GroupState.EMPTY)) {
                    group.offsets.forEach((tp, o) -> {
                        long base = group.protocolType != null ? group.stateTimestamp : o.commitTimestampMs();
                        if (now - base >= retention) {
                            expired.add(tp);
                        }
                    });
                } else if (group.is(GroupState.STABLE)
                        && ConsumerSubscription.PROTOCOL_TYPE.equals(group.protocolType)) {
                    Optional<Set<String>> subscribed = subscribedTopics(group);
                    subscribed.ifPresent(topics -> group.offsets.forEach((tp, o) -> {
                        if (!topics.contains(tp.topic()) && now - o.commitTimestampMs() >= retention) {
                            expired.add(tp);
                        }
                    }));
                }
                if (!expired.isEmpty()) {
                    try {
                        store.deleteOffsets(group.groupId, expired);
                    } catch (RuntimeException e) {
                        LOG.error("group {}: cannot expire offsets; retrying on the next check", group.groupId, e);
                        return null;
                    }
                    expired.forEach(group.offsets::remove);
                    LOG.info("group {}: expired offsets of {} partition(s)", group.groupId, expired.size());
                }
                if (group.isRemovable()) {
                    removeGroup(group, now);
                }
                return null;
            });
        }
    }

    // ---- locking ----

    /**
     * Runs {@code action} under the group's lock, then completes the futures it deferred. A group found Dead was
     * removed meanwhile: look it up again.
     *
     * @param create create the group (Empty) if it does not exist
     * @param missing the answer when the group does not exist and is not created
     */
    private <T> T withGroup(String groupId, boolean create, GroupAction<T> action, Supplier<T> missing) {
        while (true) {
            ClassicGroup g = create
                    ? groups.computeIfAbsent(groupId, id -> new ClassicGroup(id, clock.millis()))
                    : groups.get(groupId);
            if (g == null) {
                return missing.get();
            }
            Optional<T> result = withLock(g, action);
            if (result != null) {
                return result.orElse(null);
            }
        }
    }

    /** The action's result (empty for null), or null if the group is Dead. */
    private <T> Optional<T> withLock(ClassicGroup g, GroupAction<T> action) {
        List<Runnable> completions;
        T result;
        g.lock.lock();
        try {
            if (g.is(GroupState.DEAD)) {
                return null;
            }
            try {
                result = action.apply(g, clock.millis());
            } finally {
                completions = g.drainDeferred();
            }
        } finally {
            g.lock.unlock();
        }
        completions.forEach(Runnable::run);
        return Optional.ofNullable(result);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the group coordinator is closed");
        }
    }

    /**
     * Stops the timer thread and answers every waiting JoinGroup and SyncGroup with NOT_COORDINATOR (clients
     * look for the coordinator again). Committed offsets are already durable.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (timers != null) {
            timers.shutdownNow();
            try {
                if (!timers.awaitTermination(10, TimeUnit.SECONDS)) {
                    LOG.warn("group timer thread did not stop within 10 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (ClassicGroup g : groups.values()) {
            withLock(g, (group, now) -> {
                for (GroupMember m : group.members.values()) {
                    if (m.joinFuture != null) {
                        CompletableFuture<JoinResult> f = m.joinFuture;
                        group.defer(() -> f.complete(JoinResult.error(GroupError.NOT_COORDINATOR, m.memberId)));
                        m.joinFuture = null;
                    }
                    if (m.syncFuture != null) {
                        CompletableFuture<SyncResult> f = m.syncFuture;
                        group.defer(() -> f.complete(SyncResult.error(GroupError.NOT_COORDINATOR)));
                        m.syncFuture = null;
                    }
                }
                return null;
            });
        }
    }
}
