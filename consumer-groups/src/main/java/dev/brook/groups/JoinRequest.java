package dev.brook.groups;

import java.util.List;
import java.util.Objects;

/**
 * A JoinGroup call.
 *
 * @param groupId the group
 * @param memberId the member id the coordinator gave earlier, or {@link #UNKNOWN_MEMBER_ID} on a first join
 * @param groupInstanceId the static member's {@code group.instance.id}, or {@code null} for a dynamic member
 * @param protocolType the protocol type, {@code consumer} for Kafka consumers
 * @param protocols the protocols the member supports, most preferred first; not empty
 * @param sessionTimeoutMs how long the coordinator waits for a heartbeat before removing the member
 * @param rebalanceTimeoutMs how long a rebalance may wait for this member to rejoin (JoinGroup v0 has none:
 *     pass the session timeout, as Kafka does)
 * @param requireKnownMemberId JoinGroup v4+: a first join is answered {@link GroupError#MEMBER_ID_REQUIRED} with
 *     a member id to join again with, so a member that never comes back is not waited for
 * @param clientId the client id of the request, reported by DescribeGroups and used in new member ids
 * @param clientHost the client's address, reported by DescribeGroups
 */
public record JoinRequest(String groupId, String memberId, String groupInstanceId, String protocolType,
        List<ProtocolMetadata> protocols, int sessionTimeoutMs, int rebalanceTimeoutMs,
        boolean requireKnownMemberId, String clientId, String clientHost) {
    /** The member id of a first join: empty, as on the wire. */
    public static final String UNKNOWN_MEMBER_ID = "";

    /** Requires the ids (the instance id may be null) and copies the protocols. */
    public JoinRequest {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(protocolType, "protocolType");
        protocols = List.copyOf(protocols);
        clientId = clientId == null ? "" : clientId;
        clientHost = clientHost == null ? "" : clientHost;
    }
}
