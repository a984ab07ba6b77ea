package dev.brook.groups;

import dev.brook.partition.topic.TopicPartition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One group's state: members, generation, committed offsets and the deadlines its timers check. Every field is
 * guarded by {@link #lock}; futures are completed after the lock is released ({@link #defer}), so a caller's
 * callback may call the coordinator again without seeing a half-updated group.
 */
final class ClassicGroup {
    final String groupId;
    final ReentrantLock lock = new ReentrantLock();

    GroupState state = GroupState.EMPTY;
    /** When the group entered its current state (offsets of an Empty group expire counting from here). */
    long stateTimestamp;
    int generationId;
    /** The members' protocol type, or null for a group that only ever committed offsets. */
    String protocolType;
    /** The current generation's protocol, or null. */
    String protocolName;
    String leaderId;
    final Map<String, GroupMember> members = new LinkedHashMap<>();
    /** Instance id to member id of static members. */
    final Map<String, String> staticMembers = new HashMap<>();
    /** Member ids handed out with MEMBER_ID_REQUIRED, to the deadline by which they must join. */
    final Map<String, Long> pendingMembers = new HashMap<>();
    /** When the join phase ends at the latest (PreparingRebalance), or -1. */
    long joinDeadline = -1;
    /** The join phase is the initial delay of an empty group, which only ends at its deadline. */
    boolean initialDelay;
    /** Rebalance time left for extending the initial delay. */
    long initialDelayRemainingMs;
    /** A new member joined during the initial delay of a brand-new group. */
    boolean newMemberAdded;
    /** When members that have not sent SyncGroup are removed (CompletingRebalance), or -1. */
    long syncDeadline = -1;
    final Map<TopicPartition, CommittedOffset> offsets = new HashMap<>();
    private final List<Runnable> deferred = new ArrayList<>();

    ClassicGroup(String groupId, long now) {
        this.groupId = groupId;
        this.stateTimestamp = now;
    }

    void defer(Runnable completion) {
        deferred.add(completion);
    }

    /** Takes the deferred completions (under the lock), to be run once it is released. */
    List<Runnable> drainDeferred() {
        List<Runnable> out = List.copyOf(deferred);
        deferred.clear();
        return out;
    }

    void transition(GroupState next, long now) {
        state = next;
        stateTimestamp = now;
    }

    boolean is(GroupState s) {
        return state == s;
    }

    void add(GroupMember member) {
        if (members.isEmpty()) {
            leaderId = member.memberId;
        }
        members.put(member.memberId, member);
        if (member.instanceId != null) {
            staticMembers.put(member.instanceId, member.memberId);
        }
        if (leaderId == null) {
            leaderId = member.memberId;
        }
    }

    void remove(String memberId) {
        GroupMember removed = members.remove(memberId);
        if (removed != null && removed.instanceId != null) {
            staticMembers.remove(removed.instanceId, memberId);
        }
        if (memberId.equals(leaderId)) {
            leaderId = members.isEmpty() ? null : members.keySet().iterator().next();
        }
    }

    /** Kafka's member check: a static instance id mapped to another member id is fenced; else it must be known. */
    GroupError validateMember(String memberId, String instanceId) {
        if (instanceId != null) {
            String current = staticMembers.get(instanceId);
            if (current != null && !current.equals(memberId)) {
                return GroupError.FENCED_INSTANCE_ID;
            }
        }
        return members.containsKey(memberId) ? GroupError.NONE : GroupError.UNKNOWN_MEMBER_ID;
    }

    /** Protocols every member supports, in the leader's (or first member's) preference order. */
    Set<String> candidateProtocols() {
        Set<String> result = new LinkedHashSet<>();
        GroupMember first = leaderId != null ? members.get(leaderId) : null;
        if (first == null && !members.isEmpty()) {
            first = members.values().iterator().next();
        }
        if (first == null) {
            return result;
        }
        for (ProtocolMetadata p : first.protocols) {
            result.add(p.name());
        }
        for (GroupMember m : members.values()) {
            Set<String> names = new LinkedHashSet<>();
            m.protocols.forEach(p -> names.add(p.name()));
            result.retainAll(names);
        }
        return result;
    }

    /** Whether a member with these protocols may join: same type and at least one protocol in common. */
    boolean supportsProtocols(String memberProtocolType, List<ProtocolMetadata> memberProtocols) {
        if (members.isEmpty()) {
            return !memberProtocolType.isEmpty() && !memberProtocols.isEmpty();
        }
        if (!memberProtocolType.equals(protocolType)) {
            return false;
        }
        Set<String> candidates = candidateProtocols();
        return memberProtocols.stream().anyMatch(p -> candidates.contains(p.name()));
    }

    /** The protocol most members prefer among the common ones; ties go to the earlier in the leader's order. */
    String selectProtocol() {
        Set<String> candidates = candidateProtocols();
        Map<String, Integer> votes = new LinkedHashMap<>();
        candidates.forEach(c -> votes.put(c, 0));
        for (GroupMember m : members.values()) {
            votes.merge(m.vote(candidates), 1, Integer::sum);
        }
        String best = null;
        int bestVotes = -1;
        for (Map.Entry<String, Integer> e : votes.entrySet()) {
            if (e.getValue() > bestVotes) {
                best = e.getKey();
                bestVotes = e.getValue();
            }
        }
        return best;
    }

    /** The longest rebalance timeout of the members: how long a rebalance waits. */
    int rebalanceTimeoutMs() {
        int max = 0;
        for (GroupMember m : members.values()) {
            max = Math.max(max, m.rebalanceTimeoutMs);
        }
        return max;
    }

    boolean allMembersJoined() {
        return pendingMembers.isEmpty() && members.values().stream().allMatch(GroupMember::awaitingJoin);
    }

    /** Empty, with no members, no pending members and no offsets: nothing left worth keeping. */
    boolean isRemovable() {
        return state == GroupState.EMPTY && members.isEmpty() && pendingMembers.isEmpty() && offsets.isEmpty();
    }
}
