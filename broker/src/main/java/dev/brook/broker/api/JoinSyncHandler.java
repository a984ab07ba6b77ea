package dev.brook.broker.api;

import dev.brook.broker.network.RequestContext;
import dev.brook.groups.GroupCoordinator;
import dev.brook.groups.GroupError;
import dev.brook.groups.JoinRequest;
import dev.brook.groups.JoinResult;
import dev.brook.groups.ProtocolMetadata;
import dev.brook.groups.SyncRequest;
import dev.brook.groups.SyncResult;
import dev.brook.protocol.message.JoinGroupRequest;
import dev.brook.protocol.message.JoinGroupResponse;
import dev.brook.protocol.message.SyncGroupRequest;
import dev.brook.protocol.message.SyncGroupResponse;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * JoinGroup (v0-5) and SyncGroup (v0-3): the two rebalance steps, translated to the coordinator's calls. Both may
 * answer much later (JoinGroup when every known member has rejoined or the rebalance timeout passed, a follower's
 * SyncGroup when the leader's assignment arrives), so they return the coordinator's future and hold no request
 * thread while they wait; the connection's later requests queue behind them, as in Kafka (consumers stop
 * heartbeating while they join).
 *
 * <p>Version rules: JoinGroup v0 has no rebalance timeout (Kafka then uses the session timeout); v4+ first joins
 * must learn their member id first (MEMBER_ID_REQUIRED, with the id in the response); v5 carries the static
 * instance id. A failure of the coordinator itself (a bug or a storage failure) is answered with its error code,
 * never by closing the connection.
 */
final class JoinSyncHandler {
    private static final byte[] NO_ASSIGNMENT = new byte[0];

    private final GroupCoordinator groups;

    JoinSyncHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    CompletableFuture<Object> joinGroup(JoinGroupRequest request, RequestContext context) {
        short version = context.apiVersion();
        int rebalanceTimeoutMs = version == 0 ? request.sessionTimeoutMs() : request.rebalanceTimeoutMs();
        String memberId = request.memberId() == null ? JoinRequest.UNKNOWN_MEMBER_ID : request.memberId();
        CompletableFuture<JoinResult> answer;
        try {
            List<ProtocolMetadata> protocols = request.protocols().stream()
                    .map(p -> new ProtocolMetadata(p.name(), p.metadata())).toList();
            answer = groups.joinGroup(new JoinRequest(request.groupId(), memberId, request.groupInstanceId(),
                    request.protocolType(), protocols, request.sessionTimeoutMs(), rebalanceTimeoutMs, version >= 4,
                    context.header().clientId(), clientHost(context.clientAddress())));
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.handle((result, error) -> error != null
                ? joinError(ErrorMapping.of(unwrap(error), "JoinGroup " + request.groupId()).code(), memberId)
                : joinResponse(result));
    }

    private static Object joinResponse(JoinResult r) {
        List<JoinGroupResponse.Member> members = r.members().stream()
                .map(m -> new JoinGroupResponse.Member(m.memberId(), m.groupInstanceId(), m.metadata())).toList();
        return new JoinGroupResponse(0, r.error().code(), r.generationId(), orEmpty(r.protocolName()),
                orEmpty(r.leaderId()), orEmpty(r.memberId()), members);
    }

    private static Object joinError(short code, String memberId) {
        return new JoinGroupResponse(0, code, -1, "", "", memberId, List.of());
    }

    CompletableFuture<Object> syncGroup(SyncGroupRequest request) {
        Map<String, byte[]> assignments = new LinkedHashMap<>();
        for (SyncGroupRequest.Assignment a : request.assignments()) {
            assignments.put(a.memberId(), a.assignment());
        }
        // Protocol type and name arrive only from SyncGroup v5 on; below that the coordinator checks neither.
        CompletableFuture<SyncResult> answer;
        try {
            answer = groups.syncGroup(new SyncRequest(request.groupId(), request.generationId(), request.memberId(),
                    request.groupInstanceId(), null, null, assignments));
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.handle((result, error) -> error != null
                ? new SyncGroupResponse(0, ErrorMapping.of(unwrap(error), "SyncGroup " + request.groupId()).code(),
                        NO_ASSIGNMENT)
                : new SyncGroupResponse(0, result.error().code(),
                        result.error() == GroupError.NONE ? result.assignment() : NO_ASSIGNMENT));
    }

    /** Kafka reports the client's address as {@code InetAddress.toString()}, e.g. {@code /127.0.0.1}. */
    static String clientHost(SocketAddress address) {
        return address instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().toString() : String.valueOf(address);
    }

    static Throwable unwrap(Throwable error) {
        return error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
