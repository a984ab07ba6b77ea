package dev.brook.groups.assignor;

import dev.brook.partition.topic.TopicPartition;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Computes which member of a group consumes which partitions. Implementations are stateless and deterministic: the
 * same input (regardless of map iteration order) gives the same output, so a recomputation never moves partitions
 * by accident.
 *
 * <p>Every implementation guarantees that each partition of a subscribed topic that appears in
 * {@code partitionCounts} is assigned to exactly one member, and only to a member subscribing to its topic.
 * Subscribed topics missing from {@code partitionCounts} (unknown or deleted) are ignored.
 */
public interface Assignor {

    /** The protocol name members use to ask for this assignor (Kafka's names where Kafka has one). */
    String name();

    /**
     * Assigns partitions to members.
     *
     * @param members member id → subscription; member ids must be distinct non-null strings
     * @param partitionCounts topic → partition count for every topic that currently exists
     * @param copartitionGroups sets of copartitioned topics (partition {@code i} of each holds the same keys);
     *        assignors that cannot honour them ignore them
     * @return member id → its partitions sorted by topic then partition, with an entry (possibly empty) for every
     *         member, in member id order; unmodifiable
     */
    Map<String, List<TopicPartition>> assign(Map<String, MemberSubscription> members,
            Map<String, Integer> partitionCounts, Collection<Set<String>> copartitionGroups);

    /** The built-in assignors: range, roundrobin and sticky. */
    static List<Assignor> builtIn() {
        return List.of(new RangeAssignor(), new RoundRobinAssignor(), new StickyAssignor());
    }

    /** The built-in assignor called {@code name}, if there is one. */
    static Optional<Assignor> builtIn(String name) {
        return builtIn().stream().filter(a -> a.name().equals(name)).findFirst();
    }
}
