package dev.brook.groups.assignor;

import dev.brook.partition.topic.TopicPartition;
import java.util.Objects;
import java.util.Set;

/**
 * What one group member asks for and what it holds now.
 *
 * @param topics the topics the member subscribes to
 * @param ownedPartitions the partitions the member owned in the previous generation (empty when unknown or for a
 *        new member); only sticky assignors read it
 */
public record MemberSubscription(Set<String> topics, Set<TopicPartition> ownedPartitions) {
    public MemberSubscription {
        topics = Set.copyOf(Objects.requireNonNull(topics, "topics"));
        ownedPartitions = Set.copyOf(Objects.requireNonNull(ownedPartitions, "ownedPartitions"));
    }

    /** A subscription with no current ownership. */
    public static MemberSubscription of(Set<String> topics) {
        return new MemberSubscription(topics, Set.of());
    }
}
