package dev.brook.groups.assignor;

import dev.brook.partition.topic.TopicPartition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Kafka's range assignor, copartition-aware. For each topic the subscribers, sorted by member id, get consecutive
 * ranges of partitions; with {@code n} partitions and {@code c} subscribers the first {@code n % c} get
 * {@code n / c + 1} partitions and the others {@code n / c}.
 *
 * <p>The topics of one copartition group that members subscribe to form a unit, assigned by index: the ranges of
 * partition indexes are dealt out among the members subscribing to <em>every</em> topic of the unit, and partition
 * {@code i} of each of the unit's topics goes to the member that got index {@code i}. A member reading only some of
 * the unit's topics gets none of them while another member reads them all, because giving it partition {@code i}
 * of one topic would separate {@code i} from its partners. When no member reads all of the unit's topics,
 * copartitioning cannot be kept and each topic is assigned on its own.
 */
public final class RangeAssignor implements Assignor {
    /** The protocol name, as in Kafka. */
    public static final String NAME = "range";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, List<TopicPartition>> assign(Map<String, MemberSubscription> members,
            Map<String, Integer> partitionCounts, Collection<Set<String>> copartitionGroups) {
        AssignmentProblem problem = new AssignmentProblem(members, partitionCounts, copartitionGroups);
        SortedMap<String, List<TopicPartition>> result = problem.emptyResult();
        Set<String> done = new HashSet<>();
        for (SortedSet<String> group : problem.copartitionGroups()) {
            SortedSet<String> unit = new TreeSet<>(group);
            unit.retainAll(problem.subscribedTopics());
            unit.removeAll(done);
            if (unit.size() < 2) {
                continue;
            }
            SortedSet<String> readers = new TreeSet<>(problem.memberIds());
            unit.forEach(topic -> readers.retainAll(problem.subscribersOf(topic)));
            if (readers.isEmpty()) {
                continue;
            }
            int indexes = unit.stream().mapToInt(problem::partitionCount).max().orElse(0);
            assignRanges(new ArrayList<>(readers), indexes, (member, index) -> {
                for (String topic : unit) {
                    // Copartitioned topics have equal counts; the check only guards a count changing mid-rebalance.
                    if (index < problem.partitionCount(topic)) {
                        result.get(member).add(new TopicPartition(topic, index));
                    }
                }
            });
            done.addAll(unit);
        }
        for (String topic : problem.subscribedTopics()) {
            if (done.add(topic)) {
                assignRanges(new ArrayList<>(problem.subscribersOf(topic)), problem.partitionCount(topic),
                        (member, index) -> result.get(member).add(new TopicPartition(topic, index)));
            }
        }
        return AssignmentProblem.finish(result);
    }

    /** Deals indexes {@code 0..count-1} out in consecutive ranges to {@code members}, in their order. */
    private static void assignRanges(List<String> members, int count, IndexSink sink) {
        int per = count / members.size();
        int extra = count % members.size();
        int next = 0;
        for (int k = 0; k < members.size(); k++) {
            int length = per + (k < extra ? 1 : 0);
            for (int i = 0; i < length; i++) {
                sink.accept(members.get(k), next++);
            }
        }
    }

    @FunctionalInterface
    private interface IndexSink {
        void accept(String member, int index);
    }
}
