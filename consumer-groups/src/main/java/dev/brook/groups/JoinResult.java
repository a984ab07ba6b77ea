package dev.brook.groups;

import java.util.List;
import java.util.Objects;

/**
 * The answer to a JoinGroup call.
 *
 * @param error {@link GroupError#NONE}, or why the join failed; with {@link GroupError#MEMBER_ID_REQUIRED} only
 *     {@code memberId} is meaningful
 * @param generationId the new generation, or -1 on error
 * @param protocolType the group's protocol type, or {@code null} on error
 * @param protocolName the protocol chosen for the generation, or {@code null} on error
 * @param leaderId the leader's member id, or empty on error
 * @param memberId the caller's member id (new on a first join), or empty on error
 * @param members for the leader only: every member with its metadata for the chosen protocol; empty otherwise
 */
public record JoinResult(GroupError error, int generationId, String protocolType, String protocolName,
        String leaderId, String memberId, List<JoinedMember> members) {
    /** Copies the members. */
    public JoinResult {
        Objects.requireNonNull(error, "error");
        members = List.copyOf(members);
    }

    /** A failed join. */
    public static JoinResult error(GroupError error, String memberId) {
        return new JoinResult(error, -1, null, null, "", memberId, List.of());
    }

    /** Whether the caller is the leader and must send the assignment. */
    public boolean isLeader() {
        return error == GroupError.NONE && leaderId.equals(memberId);
    }

    /**
     * A member as the leader sees it.
     *
     * @param memberId its member id
     * @param groupInstanceId its {@code group.instance.id}, or {@code null}
     * @param metadata its metadata for the chosen protocol
     */
    public record JoinedMember(String memberId, String groupInstanceId, byte[] metadata) {
    }
}
