package dev.brook.broker.api;

import dev.brook.groups.GroupCoordinator;
import dev.brook.partition.topic.InvalidTopicException;

/**
 * The topics the broker keeps for itself: only {@value GroupCoordinator#OFFSETS_TOPIC}, the group coordinator's
 * store. Clients see it in Metadata (flagged internal, which Admin listTopics hides) but may not write to it,
 * delete it, delete its records or add partitions to it (the coordinator maps each group to a partition by its
 * count): those are answered INVALID_TOPIC_EXCEPTION, as Kafka answers a produce to an internal topic.
 */
final class InternalTopics {
    private InternalTopics() {
    }

    static boolean isInternal(String topic) {
        return GroupCoordinator.OFFSETS_TOPIC.equals(topic);
    }

    /**
     * @throws InvalidTopicException if {@code topic} is internal
     */
    static void refuseClientChange(String topic, String change) {
        if (isInternal(topic)) {
            throw new InvalidTopicException("Cannot " + change + " internal topic " + topic);
        }
    }
}
