package dev.brook.groups.assignor;

import dev.brook.partition.topic.TopicPartition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An assignor's input normalised into sorted structures, so that assignors iterate in one fixed order whatever the
 * caller's map order was; and the builder of the result.
 */
final class AssignmentProblem {
    /** Topic, then partition: the order of every partition list assignors produce. */
    static final Comparator<TopicPartition> PARTITION_ORDER =
            Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    private final SortedMap<String, MemberSubscription> members;
    private final SortedMap<String, Integer> partitionCounts;
    private final SortedMap<String, SortedSet<String>> subscribers = new TreeMap<>();
    private final List<SortedSet<String>> copartitionGroups = new ArrayList<>();

    AssignmentProblem(Map<String, MemberSubscription> members, Map<String, Integer> partitionCounts,
            Collection<Set<String>> copartitionGroups) {
        Objects.requireNonNull(members, "members");
        Objects.requireNonNull(partitionCounts, "partitionCounts");
        Objects.requireNonNull(copartitionGroups, "copartitionGroups");
        this.members = new TreeMap<>(members);
        this.partitionCounts = new TreeMap<>(partitionCounts);
        this.partitionCounts.forEach((topic, count) -> {
            if (count == null || count < 0) {
                throw new IllegalArgumentException("partition count of " + topic + " must not be negative: " + count);
            }
        });
        this.members.forEach((member, subscription) -> {
            for (String topic : subscription.topics()) {
                if (this.partitionCounts.containsKey(topic)) {
                    subscribers.computeIfAbsent(topic, t -> new TreeSet<>()).add(member);
                }
            }
        });
        for (Set<String> group : copartitionGroups) {
            this.copartitionGroups.add(new TreeSet<>(group));
        }
        this.copartitionGroups.sort(Comparator.comparing(SortedSet::first, Comparator.nullsFirst(String::compareTo)));
    }

    /** Member ids, sorted. */
    Set<String> memberIds() {
        return members.keySet();
    }

    MemberSubscription subscription(String member) {
        return members.get(member);
    }

    /** Subscribed topics that exist, sorted. */
    Set<String> subscribedTopics() {
        return subscribers.keySet();
    }

    /** The sorted members subscribing to an existing {@code topic} (empty if none). */
    SortedSet<String> subscribersOf(String topic) {
        return subscribers.getOrDefault(topic, Collections.emptySortedSet());
    }

    int partitionCount(String topic) {
        return partitionCounts.getOrDefault(topic, 0);
    }

    /** Whether {@code member} subscribes to the partition's topic and the partition exists. */
    boolean eligible(String member, TopicPartition partition) {
        return partition.partition() < partitionCount(partition.topic())
                && subscribersOf(partition.topic()).contains(member);
    }

    /** Every partition of every subscribed existing topic, sorted by topic then partition. */
    List<TopicPartition> subscribedPartitions() {
        List<TopicPartition> all = new ArrayList<>();
        for (String topic : subscribedTopics()) {
            for (int p = 0; p < partitionCount(topic); p++) {
                all.add(new TopicPartition(topic, p));
            }
        }
        return all;
    }

    /** The copartition groups, each sorted, in a fixed order. */
    List<SortedSet<String>> copartitionGroups() {
        return copartitionGroups;
    }

    /** An empty, mutable member → partitions map holding every member. */
    SortedMap<String, List<TopicPartition>> emptyResult() {
        SortedMap<String, List<TopicPartition>> result = new TreeMap<>();
        members.keySet().forEach(m -> result.put(m, new ArrayList<>()));
        return result;
    }

    /** Sorts each member's list and makes the whole result unmodifiable. */
    static Map<String, List<TopicPartition>> finish(SortedMap<String, List<TopicPartition>> result) {
        SortedMap<String, List<TopicPartition>> done = new TreeMap<>();
        result.forEach((member, partitions) -> {
            List<TopicPartition> sorted = new ArrayList<>(partitions);
            sorted.sort(PARTITION_ORDER);
            done.put(member, List.copyOf(sorted));
        });
        return Collections.unmodifiableSortedMap(done);
    }
}
