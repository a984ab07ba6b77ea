package dev.brook.groups.assignor;

import dev.brook.partition.topic.TopicPartition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * Kafka's round-robin assignor: all subscribed partitions, sorted by topic then partition, are dealt one at a time to
 * the members in member id order, cycling; a member not subscribing to a partition's topic is skipped for it. With
 * equal subscriptions every member ends within one partition of every other. Ignores copartition groups and current
 * ownership.
 */
public final class RoundRobinAssignor implements Assignor {
    /** The protocol name, as in Kafka. */
    public static final String NAME = "roundrobin";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, List<TopicPartition>> assign(Map<String, MemberSubscription> members,
            Map<String, Integer> partitionCounts, Collection<Set<String>> copartitionGroups) {
        AssignmentProblem problem = new AssignmentProblem(members, partitionCounts, copartitionGroups);
        SortedMap<String, List<TopicPartition>> result = problem.emptyResult();
        List<String> ring = new ArrayList<>(problem.memberIds());
        int cursor = 0;
        for (TopicPartition partition : problem.subscribedPartitions()) {
            // Every listed partition has at least one subscriber, so this finds one within a full turn.
            while (!problem.eligible(ring.get(cursor), partition)) {
                cursor = (cursor + 1) % ring.size();
            }
            result.get(ring.get(cursor)).add(partition);
            cursor = (cursor + 1) % ring.size();
        }
        return AssignmentProblem.finish(result);
    }
}
