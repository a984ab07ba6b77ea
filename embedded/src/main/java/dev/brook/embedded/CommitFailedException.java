package dev.brook.embedded;

import dev.brook.groups.GroupError;
import dev.brook.partition.topic.TopicPartition;
import java.util.Map;

/**
 * The group coordinator refused an offset commit of a {@link GroupConsumer}: typically the group is rebalancing or
 * the member is no longer in the generation it committed for (its partitions may belong to another member now).
 * The consumer rejoins on its next poll.
 */
public final class CommitFailedException extends BrookException {
    private static final long serialVersionUID = 1L;

    /** Not serialized (the message carries them too). */
    private final transient Map<TopicPartition, GroupError> errors;

    /** @param errors the refused partitions and why */
    public CommitFailedException(String groupId, Map<TopicPartition, GroupError> errors) {
        super("group " + groupId + " refused the commit: " + errors);
        this.errors = Map.copyOf(errors);
    }

    /** The refused partitions with the coordinator's error for each (empty after deserialization). */
    public Map<TopicPartition, GroupError> errors() {
        return errors == null ? Map.of() : errors;
    }
}
