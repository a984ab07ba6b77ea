package dev.brook.groups.assignor;

import dev.brook.partition.topic.TopicPartition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * A sticky assignor: balanced, and moving as few partitions as possible away from their current owners.
 *
 * <ol>
 *   <li>Each member keeps the partitions it owns that still exist and that it still subscribes to. A partition
 *       claimed by several members (possible only after a split brain) stays with the first in member id order.</li>
 *   <li>Unowned partitions, those with the fewest eligible members first, go one by one to the least loaded
 *       eligible member.</li>
 *   <li>While some member holds at least two partitions more than an eligible member for one of them, the most
 *       loaded member hands one partition to the least loaded eligible member, preferring partitions it did not own
 *       before. Each move lowers the sum of squared loads, so this ends.</li>
 * </ol>
 *
 * <p>With equal subscriptions the result is balanced within one partition, a member never loses a partition it
 * owned while it holds no more than {@code floor(partitions / members)}, and the number of moved partitions is the
 * minimum any balanced assignment needs. With unequal subscriptions it balances as far as single moves can.
 * Ignores copartition groups (use range to keep copartitioned topics together).
 */
public final class StickyAssignor implements Assignor {
    /** The protocol name, as in Kafka's eager sticky assignor. */
    public static final String NAME = "sticky";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, List<TopicPartition>> assign(Map<String, MemberSubscription> members,
            Map<String, Integer> partitionCounts, Collection<Set<String>> copartitionGroups) {
        AssignmentProblem problem = new AssignmentProblem(members, partitionCounts, copartitionGroups);
        SortedMap<String, List<TopicPartition>> result = problem.emptyResult();
        Set<TopicPartition> taken = new HashSet<>();
        for (String member : problem.memberIds()) {
            List<TopicPartition> owned = new ArrayList<>(problem.subscription(member).ownedPartitions());
            owned.sort(AssignmentProblem.PARTITION_ORDER);
            for (TopicPartition partition : owned) {
                if (problem.eligible(member, partition) && taken.add(partition)) {
                    result.get(member).add(partition);
                }
            }
        }

        List<TopicPartition> unowned = new ArrayList<>();
        for (TopicPartition partition : problem.subscribedPartitions()) {
            if (!taken.contains(partition)) {
                unowned.add(partition);
            }
        }
        unowned.sort(Comparator.<TopicPartition>comparingInt(p -> problem.subscribersOf(p.topic()).size())
                .thenComparing(AssignmentProblem.PARTITION_ORDER));
        for (TopicPartition partition : unowned) {
            result.get(leastLoaded(problem, result, partition)).add(partition);
        }

        while (moveOne(problem, result)) {
            // Each move strictly lowers the sum of squared loads.
        }
        return AssignmentProblem.finish(result);
    }

    /** The eligible member with the fewest partitions, ties to the lowest member id. */
    private static String leastLoaded(AssignmentProblem problem, Map<String, List<TopicPartition>> result,
            TopicPartition partition) {
        String best = null;
        for (String member : problem.subscribersOf(partition.topic())) {
            if (best == null || result.get(member).size() < result.get(best).size()) {
                best = member;
            }
        }
        return best;
    }

    /** Makes the first balancing move found, most loaded members first; false when none is left. */
    private static boolean moveOne(AssignmentProblem problem, SortedMap<String, List<TopicPartition>> result) {
        List<String> byLoad = new ArrayList<>(result.keySet());
        byLoad.sort(Comparator.<String>comparingInt(m -> -result.get(m).size()).thenComparing(m -> m));
        for (String from : byLoad) {
            List<TopicPartition> held = result.get(from);
            if (held.size() < 2) {
                return false;
            }
            Set<TopicPartition> before = problem.subscription(from).ownedPartitions();
            List<TopicPartition> candidates = new ArrayList<>(held);
            candidates.sort(Comparator.<TopicPartition, Boolean>comparing(before::contains)
                    .thenComparing(AssignmentProblem.PARTITION_ORDER));
            for (TopicPartition partition : candidates) {
                String to = leastLoaded(problem, result, partition);
                if (result.get(to).size() <= held.size() - 2) {
                    held.remove(partition);
                    result.get(to).add(partition);
                    return true;
                }
            }
        }
        return false;
    }
}
