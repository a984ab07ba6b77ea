package dev.brook.embedded;

import dev.brook.groups.GroupCoordinator;
import dev.brook.partition.InvalidPartitionsException;
import dev.brook.partition.PartitionStore;
import dev.brook.partition.TopicExistsException;
import dev.brook.partition.UnknownTopicOrPartitionException;
import dev.brook.partition.topic.ConfigEntry;
import dev.brook.partition.topic.InvalidConfigException;
import dev.brook.partition.topic.InvalidTopicException;
import dev.brook.partition.topic.TopicMetadata;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Topic admin of a {@link Brook}: create, delete, list, describe, change settings, add partitions. Every change is
 * durable before the call returns and is seen at once by producers, readers and (after {@link Brook#listen}) Kafka
 * clients. Thread-safe. Settings use Kafka's topic-level names ({@code retention.ms}, {@code segment.bytes},
 * {@code cleanup.policy}, ...).
 */
public final class Topics {
    private final PartitionStore store;
    private final boolean autoCreate;

    Topics(PartitionStore store, boolean autoCreate) {
        this.store = store;
        this.autoCreate = autoCreate;
    }

    /**
     * Creates a topic with the broker's default settings.
     *
     * @param partitions the partition count, or -1 for {@code num.partitions}
     * @throws TopicExistsException if it exists
     * @throws InvalidTopicException if the name is not a legal Kafka topic name
     * @throws InvalidPartitionsException if {@code partitions} is not positive (nor -1)
     */
    public TopicDescription create(String name, int partitions) {
        return create(name, partitions, Map.of());
    }

    /**
     * Creates a topic with its own settings.
     *
     * @param partitions the partition count, or -1 for {@code num.partitions}
     * @param configs topic-level settings by Kafka name
     * @throws TopicExistsException if it exists
     * @throws InvalidTopicException if the name is not a legal Kafka topic name
     * @throws InvalidPartitionsException if {@code partitions} is not positive (nor -1)
     * @throws InvalidConfigException for an unknown setting or a bad value
     */
    public TopicDescription create(String name, int partitions, Map<String, String> configs) {
        store.createTopic(name, partitions, -1, configs);
        return describe(name);
    }

    /**
     * Deletes a topic and its records. Readers of it fail on their next poll.
     *
     * @throws UnknownTopicOrPartitionException if it does not exist
     */
    public void delete(String name) {
        store.deleteTopic(name);
    }

    /**
     * The names of all topics, sorted, without the internal {@value GroupCoordinator#OFFSETS_TOPIC} (as Kafka's
     * {@code Admin.listTopics} leaves internal topics out); {@link #exists} and {@link #describe} still see it.
     */
    public Set<String> list() {
        Set<String> names = new TreeSet<>(store.topicNames());
        names.remove(GroupCoordinator.OFFSETS_TOPIC);
        return Collections.unmodifiableSet(names);
    }

    /** Whether the topic exists. */
    public boolean exists(String name) {
        return store.topic(name).isPresent();
    }

    /**
     * The topic's partition count and settings.
     *
     * @throws UnknownTopicOrPartitionException if it does not exist
     */
    public TopicDescription describe(String name) {
        TopicMetadata metadata = store.describeTopic(name);
        Map<String, String> configs = new TreeMap<>();
        for (ConfigEntry entry : store.describeConfigs(name)) {
            configs.put(entry.name(), entry.value());
        }
        return new TopicDescription(name, metadata.topicId(), metadata.partitionCount(), configs,
                metadata.configOverrides());
    }

    /**
     * Changes some of a topic's own settings: each entry sets a setting, and an entry with a {@code null} value
     * removes the topic's own value so the broker default applies again. Other settings are kept.
     *
     * @throws UnknownTopicOrPartitionException if it does not exist
     * @throws InvalidConfigException for an unknown setting or a bad value
     */
    public TopicDescription alterConfigs(String name, Map<String, String> changes) {
        Map<String, String> set = new HashMap<>();
        List<String> remove = new ArrayList<>();
        changes.forEach((key, value) -> {
            if (value == null) {
                remove.add(key);
            } else {
                set.put(key, value);
            }
        });
        store.incrementalAlterConfigs(name, set, remove);
        return describe(name);
    }

    /**
     * Raises the partition count (refused for a copartitioned topic: use {@link #increaseCopartitionedPartitions}).
     * Keys then map to other partitions (as in Kafka); new partitions start empty and
     * topic-wide readers pick them up from their start.
     *
     * @throws UnknownTopicOrPartitionException if it does not exist
     * @throws InvalidPartitionsException if {@code newCount} is not above the current count
     *     or the topic is copartitioned
     */
    public TopicDescription increasePartitions(String name, int newCount) {
        store.createPartitions(name, newCount);
        return describe(name);
    }

    /**
     * Declares topics copartitioned under {@code group} (created, or extended if it exists): they must have the same
     * partition count, and from then on {@link #increasePartitions} of one of them alone is refused, so records with
     * equal keys stay on equal partition numbers across them (a join or a per-key state machine over several
     * topics relies on that). Durable; deleting a topic takes it out of its group.
     *
     * @throws UnknownTopicOrPartitionException if a topic does not exist
     * @throws InvalidPartitionsException if the topics' partition counts differ
     * @throws dev.brook.partition.PolicyViolationException if a topic already belongs to another group
     * @throws InvalidTopicException if the group name is not a legal topic-style name
     */
    public void declareCopartitioned(String group, String... topicNames) {
        store.declareCopartitioned(group, List.of(topicNames));
    }

    /** The topics copartitioned with {@code topic} (itself included), if it belongs to a group. */
    public Optional<Set<String>> copartitionedWith(String topic) {
        return store.copartitionGroupOf(topic);
    }

    /**
     * Raises the partition count of every topic of a copartition group together.
     *
     * @throws UnknownTopicOrPartitionException if there is no such group
     * @throws InvalidPartitionsException if {@code newCount} is not above the group's count
     */
    public void increaseCopartitionedPartitions(String group, int newCount) {
        store.increaseCopartitionedPartitions(group, newCount);
    }

    /**
     * The topic's metadata for a producer, creating it with the defaults when {@code auto.create.topics.enable}
     * is on (Kafka's behaviour for a producer's first send).
     */
    TopicMetadata forProduce(String name) {
        var existing = store.topic(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        if (!autoCreate) {
            throw new UnknownTopicOrPartitionException("topic " + name
                    + " does not exist and auto.create.topics.enable is false");
        }
        try {
            return store.createTopic(name, -1, -1, Map.of());
        } catch (TopicExistsException raced) {
            return store.describeTopic(name);
        }
    }
}
