package dev.brook.groups;

import java.util.Map;
import java.util.Objects;

/**
 * A SyncGroup call.
 *
 * @param groupId the group
 * @param generationId the generation the member joined
 * @param memberId the member
 * @param groupInstanceId the static member's instance id, or {@code null}
 * @param protocolType SyncGroup v5+ only, else {@code null}: checked against the group's
 * @param protocolName SyncGroup v5+ only, else {@code null}: checked against the generation's
 * @param assignments from the leader: member id to assignment bytes (members left out get empty bytes); empty
 *     from followers
 */
public record SyncRequest(String groupId, int generationId, String memberId, String groupInstanceId,
        String protocolType, String protocolName, Map<String, byte[]> assignments) {
    /** Requires the ids and copies the assignments. */
    public SyncRequest {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(memberId, "memberId");
        assignments = Map.copyOf(assignments);
    }
}
