package dev.brook.groups;

import java.util.List;
import java.util.Objects;

/**
 * The answer to a LeaveGroup call: a group-level error and one outcome per named member (LeaveGroup v0-2 put
 * the single member's error at the top level).
 *
 * @param error {@link GroupError#NONE}, or a group-level error (then {@code members} repeat it)
 * @param members per member, in request order
 */
public record LeaveResult(GroupError error, List<MemberResult> members) {
    /** Copies the list. */
    public LeaveResult {
        Objects.requireNonNull(error, "error");
        members = List.copyOf(members);
    }

    /**
     * The outcome for one member.
     *
     * @param memberId as named in the request
     * @param groupInstanceId as named in the request
     * @param error {@link GroupError#NONE}, {@link GroupError#UNKNOWN_MEMBER_ID} or
     *     {@link GroupError#FENCED_INSTANCE_ID}
     */
    public record MemberResult(String memberId, String groupInstanceId, GroupError error) {
    }
}
