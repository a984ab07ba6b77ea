package dev.brook.embedded;

import dev.brook.groups.GroupError;
import dev.brook.groups.JoinResult;
import dev.brook.groups.assignor.Assignor;
import dev.brook.groups.assignor.MemberSubscription;
import dev.brook.partition.PartitionStore;
import dev.brook.partition.UnknownTopicOrPartitionException;
import dev.brook.partition.topic.TopicPartition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Brook group protocol: embedded members join with protocol type {@code consumer} and protocol
 * {@code brook-<assignor>} (for example {@code brook-range}), their metadata in Kafka's consumer subscription format
 * ({@link ConsumerProtocolCodec}). The assignment is computed inside Brook, next to the partition store, by the named
 * {@link Assignor}: it sees the current partition counts and the copartition groups, which a remote client does not
 * know. The coordinator still names a leader per generation (the classic protocol); the embedded member the
 * coordinator picked hands this computation's result to SyncGroup, so no application code ever acts as leader.
 */
final class GroupAssignment {
    /** Prefix of the protocol names of embedded members; Kafka clients in the same group are refused. */
    static final String PROTOCOL_PREFIX = "brook-";

    private GroupAssignment() {
    }

    static String protocolName(String assignor) {
        return PROTOCOL_PREFIX + assignor;
    }

    /**
     * Computes every member's assignment for a generation.
     *
     * @return member id → assignment bytes, for every member
     * @throws GroupMembershipException if the protocol is not a Brook one (the group's members are not embedded)
     * @throws IllegalArgumentException if a member's metadata is not a consumer subscription
     */
    static Map<String, byte[]> compute(String groupId, JoinResult join, PartitionStore store) {
        Optional<Assignor> assignor = join.protocolName().startsWith(PROTOCOL_PREFIX)
                ? Assignor.builtIn(join.protocolName().substring(PROTOCOL_PREFIX.length()))
                : Optional.empty();
        if (assignor.isEmpty()) {
            throw new GroupMembershipException(groupId, GroupError.INCONSISTENT_GROUP_PROTOCOL);
        }
        Map<String, MemberSubscription> members = new TreeMap<>();
        Set<String> topics = new LinkedHashSet<>();
        for (JoinResult.JoinedMember member : join.members()) {
            ConsumerProtocolCodec.DecodedSubscription s = ConsumerProtocolCodec.decodeSubscription(member.metadata());
            members.put(member.memberId(), new MemberSubscription(s.topics(), s.owned()));
            topics.addAll(s.topics());
        }
        Map<String, Integer> counts = partitionCounts(store, topics);
        Collection<Set<String>> copartitioned = new ArrayList<>();
        for (String topic : counts.keySet()) {
            store.copartitionGroupOf(topic).filter(g -> !copartitioned.contains(g)).ifPresent(copartitioned::add);
        }
        Map<String, List<TopicPartition>> plan = assignor.get().assign(members, counts, copartitioned);
        Map<String, byte[]> out = new HashMap<>();
        plan.forEach((member, partitions) -> out.put(member, ConsumerProtocolCodec.encodeAssignment(partitions)));
        return out;
    }

    /** The partition count of each of {@code topics} that exists now. */
    static Map<String, Integer> partitionCounts(PartitionStore store, Collection<String> topics) {
        Set<String> existing = store.topicNames();
        Map<String, Integer> counts = new TreeMap<>();
        for (String topic : topics) {
            if (existing.contains(topic)) {
                try {
                    counts.put(topic, store.describeTopic(topic).partitionCount());
                } catch (UnknownTopicOrPartitionException e) {
                    // Deleted since topicNames(): it has no partitions to assign, exactly as if never listed.
                    counts.remove(topic);
                }
            }
        }
        return counts;
    }
}
