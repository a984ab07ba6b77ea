package dev.brook.groups;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classic group protocol's membership state machine (JoinGroup, SyncGroup, Heartbeat, LeaveGroup and the
 * session, join and sync deadlines), as Kafka's {@code GroupCoordinator} runs it. Every method is called with the
 * group's lock held; answers are completed through {@link ClassicGroup#defer}.
 */
final class GroupMembership {
    private static final Logger LOG = LoggerFactory.getLogger(GroupMembership.class);

    private final GroupConfig config;
    private final GroupStore store;

    GroupMembership(GroupConfig config, GroupStore store) {
        this.config = config;
        this.store = store;
    }

    // ---- JoinGroup ----

    void join(ClassicGroup g, JoinRequest r, CompletableFuture<JoinResult> f, long now) {
        if (r.memberId().isEmpty()) {
            joinUnknownMember(g, r, f, now);
        } else {
            joinKnownMember(g, r, f, now);
        }
    }

    private void joinUnknownMember(ClassicGroup g, JoinRequest r, CompletableFuture<JoinResult> f, long now) {
        if (!g.supportsProtocols(r.protocolType(), r.protocols())) {
            answer(g, f, JoinResult.error(GroupError.INCONSISTENT_GROUP_PROTOCOL, ""));
            return;
        }
        String instanceId = r.groupInstanceId();
        String existingStatic = instanceId == null ? null : g.staticMembers.get(instanceId);
        if (existingStatic == null && g.members.size() >= config.maxSize()) {
            answer(g, f, JoinResult.error(GroupError.GROUP_MAX_SIZE_REACHED, ""));
            return;
        }
        String newMemberId = (instanceId != null ? instanceId : r.clientId()) + "-" + UUID.randomUUID();
        if (existingStatic != null) {
            replaceStaticMember(g, existingStatic, newMemberId, r, f, now);
        } else if (instanceId == null && r.requireKnownMemberId()) {
            // The member must come back with this id; until then the rebalance waits for it (up to its session).
            g.pendingMembers.put(newMemberId, now + r.sessionTimeoutMs());
            answer(g, f, JoinResult.error(GroupError.MEMBER_ID_REQUIRED, newMemberId));
        } else {
            addMemberAndRebalance(g, newMemberId, r, f, now);
        }
    }

    private void joinKnownMember(ClassicGroup g, JoinRequest r, CompletableFuture<JoinResult> f, long now) {
        String memberId = r.memberId();
        if (g.pendingMembers.containsKey(memberId)) {
            if (!g.supportsProtocols(r.protocolType(), r.protocols())) {
                answer(g, f, JoinResult.error(GroupError.INCONSISTENT_GROUP_PROTOCOL, memberId));
            } else if (g.members.size() >= config.maxSize()) {
                g.pendingMembers.remove(memberId);
                answer(g, f, JoinResult.error(GroupError.GROUP_MAX_SIZE_REACHED, memberId));
                checkJoin(g, now);
            } else {
                g.pendingMembers.remove(memberId);
                addMemberAndRebalance(g, memberId, r, f, now);
            }
            return;
        }
        GroupError invalid = g.validateMember(memberId, r.groupInstanceId());
        if (invalid != GroupError.NONE) {
            answer(g, f, JoinResult.error(invalid, memberId));
            return;
        }
        if (!g.supportsProtocols(r.protocolType(), r.protocols())) {
            answer(g, f, JoinResult.error(GroupError.INCONSISTENT_GROUP_PROTOCOL, memberId));
            return;
        }
        GroupMember member = g.members.get(memberId);
        switch (g.state) {
            case PREPARING_REBALANCE -> updateMemberAndRebalance(g, member, r, f, now);
            case COMPLETING_REBALANCE -> {
                if (member.matches(r.protocols())) {
                    // The member lost its JoinGroup answer and asks again: answer the current generation.
                    answer(g, f, currentGeneration(g, member.memberId));
                } else {
                    updateMemberAndRebalance(g, member, r, f, now);
                }
            }
            case STABLE -> {
                if (member.memberId.equals(g.leaderId) || !member.matches(r.protocols())) {
                    // The leader rejoining means it wants a new assignment (e.g. metadata changed).
                    updateMemberAndRebalance(g, member, r, f, now);
                } else {
                    member.sessionDeadline = now + member.sessionTimeoutMs;
                    answer(g, f, currentGeneration(g, member.memberId));
                }
            }
            default -> answer(g, f, JoinResult.error(GroupError.UNKNOWN_MEMBER_ID, memberId));
        }
    }

    private void addMemberAndRebalance(ClassicGroup g, String memberId, JoinRequest r,
            CompletableFuture<JoinResult> f, long now) {
        GroupMember member = new GroupMember(memberId, r.groupInstanceId(), r.clientId(), r.clientHost(),
                r.sessionTimeoutMs(), r.rebalanceTimeoutMs(), r.protocols());
        member.isNew = true;
        member.joinFuture = f;
        member.sessionDeadline = now + r.sessionTimeoutMs();
        if (g.members.isEmpty()) {
            g.protocolType = r.protocolType();
        }
        g.add(member);
        if (g.is(GroupState.PREPARING_REBALANCE) && g.generationId == 0) {
            g.newMemberAdded = true;
        }
        maybePrepareRebalance(g, now, "member " + memberId + " joined");
        checkJoin(g, now);
    }

    private void updateMemberAndRebalance(ClassicGroup g, GroupMember member, JoinRequest r,
            CompletableFuture<JoinResult> f, long now) {
        member.update(r);
        if (member.joinFuture != null && member.joinFuture != f) {
            // A second JoinGroup while one waits: the older request is superseded.
            answer(g, member.joinFuture, JoinResult.error(GroupError.REBALANCE_IN_PROGRESS, member.memberId));
        }
        member.joinFuture = f;
        maybePrepareRebalance(g, now, "member " + member.memberId + " rejoined");
        checkJoin(g, now);
    }

    private void replaceStaticMember(ClassicGroup g, String oldMemberId, String newMemberId, JoinRequest r,
            CompletableFuture<JoinResult> f, long now) {
        GroupMember old = g.members.get(oldMemberId);
        if (old.joinFuture != null) {
            answer(g, old.joinFuture, JoinResult.error(GroupError.FENCED_INSTANCE_ID, oldMemberId));
        }
        if (old.syncFuture != null) {
            answer(g, old.syncFuture, SyncResult.error(GroupError.FENCED_INSTANCE_ID));
        }
        boolean wasLeader = oldMemberId.equals(g.leaderId);
        GroupMember member = old.withMemberId(newMemberId);
        member.update(r);
        member.sessionDeadline = now + member.sessionTimeoutMs;
        g.remove(oldMemberId);
        g.add(member);
        if (wasLeader) {
            g.leaderId = newMemberId;
        }
        switch (g.state) {
            case STABLE -> {
                if (g.selectProtocol().equals(g.protocolName)) {
                    // Same protocol: the restarted instance keeps its assignment, no rebalance.
                    storeGroupOrRebalance(g, now);
                    if (g.is(GroupState.STABLE)) {
                        answer(g, f, currentGeneration(g, newMemberId));
                    } else {
                        member.joinFuture = f;
                        checkJoin(g, now);
                    }
                } else {
                    member.joinFuture = f;
                    prepareRebalance(g, now, "static member " + r.groupInstanceId() + " changed protocols");
                    checkJoin(g, now);
                }
            }
            case COMPLETING_REBALANCE -> {
                // The leader may be assigning to the old member id; start over so the new id gets an assignment.
                member.joinFuture = f;
                prepareRebalance(g, now, "static member " + r.groupInstanceId() + " restarted");
                checkJoin(g, now);
            }
            default -> {
                member.joinFuture = f;
                checkJoin(g, now);
            }
        }
    }

    private JoinResult currentGeneration(ClassicGroup g, String memberId) {
        return new JoinResult(GroupError.NONE, g.generationId, g.protocolType, g.protocolName, g.leaderId, memberId,
                memberId.equals(g.leaderId) ? joinedMembers(g) : List.of());
    }

    private static List<JoinResult.JoinedMember> joinedMembers(ClassicGroup g) {
        List<JoinResult.JoinedMember> out = new ArrayList<>();
        for (GroupMember m : g.members.values()) {
            out.add(new JoinResult.JoinedMember(m.memberId, m.instanceId, m.metadata(g.protocolName)));
        }
        return out;
    }

    // ---- rebalance ----

    private void maybePrepareRebalance(ClassicGroup g, long now, String reason) {
        if (g.is(GroupState.STABLE) || g.is(GroupState.COMPLETING_REBALANCE) || g.is(GroupState.EMPTY)) {
            prepareRebalance(g, now, reason);
        }
    }

    void prepareRebalance(ClassicGroup g, long now, String reason) {
        if (g.is(GroupState.COMPLETING_REBALANCE)) {
            resetAssignments(g, GroupError.REBALANCE_IN_PROGRESS);
        }
        g.syncDeadline = -1;
        int rebalanceTimeout = g.rebalanceTimeoutMs();
        if (g.is(GroupState.EMPTY)) {
            long delay = Math.min(config.initialRebalanceDelayMs(), rebalanceTimeout);
            g.initialDelay = true;
            g.initialDelayRemainingMs = rebalanceTimeout - delay;
            g.newMemberAdded = false;
            g.joinDeadline = now + delay;
        } else {
            g.initialDelay = false;
            g.joinDeadline = now + rebalanceTimeout;
        }
        LOG.info("group {} rebalancing from generation {} ({})", g.groupId, g.generationId, reason);
        g.transition(GroupState.PREPARING_REBALANCE, now);
    }

    /** Completes the join phase if it may end now: everyone rejoined, or the deadline passed. */
    void checkJoin(ClassicGroup g, long now) {
        if (!g.is(GroupState.PREPARING_REBALANCE)) {
            return;
        }
        if (g.initialDelay) {
            if (now < g.joinDeadline) {
                return;
            }
            if (g.newMemberAdded && g.initialDelayRemainingMs > 0 && config.initialRebalanceDelayMs() > 0) {
                long delay = Math.min(config.initialRebalanceDelayMs(), g.initialDelayRemainingMs);
                g.initialDelayRemainingMs -= delay;
                g.newMemberAdded = false;
                g.joinDeadline = now + delay;
                return;
            }
        } else if (!g.allMembersJoined() && now < g.joinDeadline) {
            return;
        }
        completeJoin(g, now);
    }

    private void completeJoin(ClassicGroup g, long now) {
        for (GroupMember m : List.copyOf(g.members.values())) {
            if (!m.awaitingJoin()) {
                LOG.info("group {}: removing member {}, which did not rejoin in time", g.groupId, m.memberId);
                g.remove(m.memberId);
                if (m.syncFuture != null) {
                    answer(g, m.syncFuture, SyncResult.error(GroupError.UNKNOWN_MEMBER_ID));
                }
            }
        }
        g.joinDeadline = -1;
        g.initialDelay = false;
        g.generationId++;
        if (g.members.isEmpty()) {
            g.protocolName = null;
            g.leaderId = null;
            g.transition(GroupState.EMPTY, now);
            try {
                store.storeGroup(g);
            } catch (RuntimeException e) {
                // The empty generation is only kept in memory; the stored one has members, restored as Stable
                // after a restart and removed by their session timeouts.
                LOG.error("group {}: cannot store the empty generation {}", g.groupId, g.generationId, e);
            }
            return;
        }
        g.protocolName = g.selectProtocol();
        if (g.leaderId == null || !g.members.containsKey(g.leaderId)) {
            g.leaderId = g.members.keySet().iterator().next();
        }
        g.transition(GroupState.COMPLETING_REBALANCE, now);
        g.syncDeadline = now + g.rebalanceTimeoutMs();
        for (GroupMember m : g.members.values()) {
            CompletableFuture<JoinResult> f = m.joinFuture;
            m.joinFuture = null;
            m.isNew = false;
            m.sessionDeadline = now + m.sessionTimeoutMs;
            answer(g, f, currentGeneration(g, m.memberId));
        }
        LOG.info("group {} generation {}: {} member(s), protocol {}", g.groupId, g.generationId, g.members.size(),
                g.protocolName);
    }

    private void resetAssignments(ClassicGroup g, GroupError error) {
        for (GroupMember m : g.members.values()) {
            m.assignment = new byte[0];
            if (m.syncFuture != null) {
                answer(g, m.syncFuture, SyncResult.error(error));
                m.syncFuture = null;
            }
        }
    }

    private void storeGroupOrRebalance(ClassicGroup g, long now) {
        try {
            store.storeGroup(g);
        } catch (RuntimeException e) {
            LOG.error("group {}: cannot store generation {}; rebalancing", g.groupId, g.generationId, e);
            resetAssignments(g, StorageErrors.toGroupError(e, false));
            prepareRebalance(g, now, "storing the group failed");
        }
    }

    // ---- SyncGroup ----

    void sync(ClassicGroup g, SyncRequest r, CompletableFuture<SyncResult> f, long now) {
        GroupError invalid = g.validateMember(r.memberId(), r.groupInstanceId());
        if (invalid != GroupError.NONE) {
            answer(g, f, SyncResult.error(invalid));
            return;
        }
        if (r.generationId() != g.generationId) {
            answer(g, f, SyncResult.error(GroupError.ILLEGAL_GENERATION));
            return;
        }
        if ((r.protocolType() != null && !r.protocolType().equals(g.protocolType))
                || (r.protocolName() != null && !r.protocolName().equals(g.protocolName))) {
            answer(g, f, SyncResult.error(GroupError.INCONSISTENT_GROUP_PROTOCOL));
            return;
        }
        GroupMember member = g.members.get(r.memberId());
        switch (g.state) {
            case PREPARING_REBALANCE -> answer(g, f, SyncResult.error(GroupError.REBALANCE_IN_PROGRESS));
            case COMPLETING_REBALANCE -> {
                if (member.syncFuture != null) {
                    answer(g, member.syncFuture, SyncResult.error(GroupError.REBALANCE_IN_PROGRESS));
                }
                member.syncFuture = f;
                member.sessionDeadline = now + member.sessionTimeoutMs;
                if (member.memberId.equals(g.leaderId)) {
                    for (GroupMember m : g.members.values()) {
                        m.assignment = r.assignments().getOrDefault(m.memberId, new byte[0]);
                    }
                    try {
                        store.storeGroup(g);
                    } catch (RuntimeException e) {
                        LOG.error("group {}: cannot store generation {}; rebalancing", g.groupId, g.generationId, e);
                        resetAssignments(g, StorageErrors.toGroupError(e, false));
                        prepareRebalance(g, now, "storing the assignment failed");
                        checkJoin(g, now);
                        return;
                    }
                    g.syncDeadline = -1;
                    g.transition(GroupState.STABLE, now);
                    for (GroupMember m : g.members.values()) {
                        if (m.syncFuture != null) {
                            answer(g, m.syncFuture, new SyncResult(GroupError.NONE, g.protocolType, g.protocolName,
                                    m.assignment));
                            m.syncFuture = null;
                        }
                    }
                }
            }
            case STABLE -> {
                member.sessionDeadline = now + member.sessionTimeoutMs;
                answer(g, f, new SyncResult(GroupError.NONE, g.protocolType, g.protocolName, member.assignment));
            }
            default -> answer(g, f, SyncResult.error(GroupError.UNKNOWN_MEMBER_ID));
        }
    }

    // ---- Heartbeat ----

    GroupError heartbeat(ClassicGroup g, String memberId, String instanceId, int generationId, long now) {
        GroupError invalid = g.validateMember(memberId, instanceId);
        if (invalid != GroupError.NONE) {
            return invalid;
        }
        if (g.is(GroupState.EMPTY)) {
            return GroupError.UNKNOWN_MEMBER_ID;
        }
        if (generationId != g.generationId) {
            return GroupError.ILLEGAL_GENERATION;
        }
        GroupMember member = g.members.get(memberId);
        member.sessionDeadline = now + member.sessionTimeoutMs;
        return g.is(GroupState.PREPARING_REBALANCE) ? GroupError.REBALANCE_IN_PROGRESS : GroupError.NONE;
    }

    // ---- LeaveGroup ----

    GroupError leave(ClassicGroup g, MemberIdentity who, long now) {
        String memberId = who.memberId();
        if (memberId.isEmpty()) {
            String staticId = who.groupInstanceId() == null ? null : g.staticMembers.get(who.groupInstanceId());
            if (staticId == null) {
                return GroupError.UNKNOWN_MEMBER_ID;
            }
            removeMemberAndUpdate(g, g.members.get(staticId), now, "left the group");
            return GroupError.NONE;
        }
        if (g.pendingMembers.remove(memberId) != null) {
            checkJoin(g, now);
            return GroupError.NONE;
        }
        GroupError invalid = g.validateMember(memberId, who.groupInstanceId());
        if (invalid != GroupError.NONE) {
            return invalid;
        }
        removeMemberAndUpdate(g, g.members.get(memberId), now, "left the group");
        return GroupError.NONE;
    }

    private void removeMemberAndUpdate(ClassicGroup g, GroupMember member, long now, String reason) {
        LOG.info("group {}: member {} {}", g.groupId, member.memberId, reason);
        if (member.joinFuture != null) {
            answer(g, member.joinFuture, JoinResult.error(GroupError.UNKNOWN_MEMBER_ID, member.memberId));
            member.joinFuture = null;
        }
        if (member.syncFuture != null) {
            answer(g, member.syncFuture, SyncResult.error(GroupError.UNKNOWN_MEMBER_ID));
            member.syncFuture = null;
        }
        g.remove(member.memberId);
        switch (g.state) {
            case STABLE, COMPLETING_REBALANCE -> {
                prepareRebalance(g, now, "member " + member.memberId + " " + reason);
                checkJoin(g, now);
            }
            case PREPARING_REBALANCE -> checkJoin(g, now);
            default -> {
            }
        }
    }

    // ---- timers ----

    /** Applies every deadline that has passed at {@code now}. */
    void expireDeadlines(ClassicGroup g, long now) {
        boolean pendingExpired = g.pendingMembers.values().removeIf(deadline -> deadline <= now);
        if (pendingExpired) {
            checkJoin(g, now);
        }
        checkJoin(g, now);
        if (g.is(GroupState.COMPLETING_REBALANCE) && g.syncDeadline >= 0 && now >= g.syncDeadline) {
            List<GroupMember> silent = g.members.values().stream().filter(m -> !m.awaitingSync()).toList();
            for (GroupMember m : silent) {
                LOG.info("group {}: removing member {}, which sent no SyncGroup within the rebalance timeout",
                        g.groupId, m.memberId);
                g.remove(m.memberId);
            }
            prepareRebalance(g, now, "members did not sync in time");
            checkJoin(g, now);
        }
        for (GroupMember m : List.copyOf(g.members.values())) {
            if (g.members.containsKey(m.memberId) && !m.awaitingJoin() && !m.awaitingSync()
                    && now >= m.sessionDeadline) {
                removeMemberAndUpdate(g, m, now, "timed out (no heartbeat within " + m.sessionTimeoutMs + " ms)");
            }
        }
    }

    private static <T> void answer(ClassicGroup g, CompletableFuture<T> f, T result) {
        g.defer(() -> f.complete(result));
    }
}
