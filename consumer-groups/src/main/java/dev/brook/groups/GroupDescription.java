package dev.brook.groups;

import java.util.List;
import java.util.Objects;

/**
 * A group as DescribeGroups reports it. An unknown group is described as {@link GroupState#DEAD} with no error,
 * as Kafka does.
 *
 * @param error {@link GroupError#NONE} or {@link GroupError#INVALID_GROUP_ID}
 * @param groupId the group
 * @param state its state
 * @param protocolType its protocol type, empty if none
 * @param protocolName the current generation's protocol when {@link GroupState#STABLE}, else empty
 * @param members its members; metadata and assignment are filled only when {@link GroupState#STABLE}
 */
public record GroupDescription(GroupError error, String groupId, GroupState state, String protocolType,
        String protocolName, List<MemberDescription> members) {
    /** Copies the members. */
    public GroupDescription {
        Objects.requireNonNull(error, "error");
        members = List.copyOf(members);
    }

    /**
     * One member.
     *
     * @param memberId its member id
     * @param groupInstanceId its instance id, or {@code null}
     * @param clientId the client id it joined with
     * @param clientHost the address it joined from
     * @param metadata its metadata for the current protocol (empty unless Stable)
     * @param assignment its assignment (empty unless Stable)
     */
    public record MemberDescription(String memberId, String groupInstanceId, String clientId, String clientHost,
            byte[] metadata, byte[] assignment) {
    }
}
