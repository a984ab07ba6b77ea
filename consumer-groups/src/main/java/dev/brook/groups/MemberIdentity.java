package dev.brook.groups;

import java.util.Objects;

/**
 * A member named in LeaveGroup: by member id, or (LeaveGroup v3+, static members) by instance id with an empty
 * member id.
 *
 * @param memberId the member id, or empty to name a static member by its instance id
 * @param groupInstanceId the instance id, or {@code null}
 */
public record MemberIdentity(String memberId, String groupInstanceId) {
    /** Requires the member id (possibly empty). */
    public MemberIdentity {
        Objects.requireNonNull(memberId, "memberId");
    }
}
