package dev.brook.embedded;

import dev.brook.groups.GroupError;

/**
 * A {@link GroupConsumer} cannot be (or stay) a member of its group: the coordinator answered an error that
 * rejoining does not fix, such as {@link GroupError#INCONSISTENT_GROUP_PROTOCOL} (the group's other members use
 * another assignor or are Kafka clients), {@link GroupError#INVALID_SESSION_TIMEOUT},
 * {@link GroupError#GROUP_MAX_SIZE_REACHED} or {@link GroupError#FENCED_INSTANCE_ID}.
 */
public final class GroupMembershipException extends BrookException {
    private static final long serialVersionUID = 1L;

    private final GroupError error;

    /**
     * @param groupId the group
     * @param error the coordinator's answer
     */
    public GroupMembershipException(String groupId, GroupError error) {
        super("group " + groupId + ": " + error + " (Kafka error code " + error.code() + ")");
        this.error = error;
    }

    /** The coordinator's answer. */
    public GroupError error() {
        return error;
    }
}
