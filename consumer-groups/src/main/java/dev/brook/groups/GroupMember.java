package dev.brook.groups;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** One member of a {@link ClassicGroup}; guarded by the group's lock. */
final class GroupMember {
    private static final byte[] EMPTY = new byte[0];

    final String memberId;
    final String instanceId;
    String clientId;
    String clientHost;
    int sessionTimeoutMs;
    int rebalanceTimeoutMs;
    List<ProtocolMetadata> protocols;
    byte[] assignment = EMPTY;
    /** Set while the member waits for the join phase to end. */
    CompletableFuture<JoinResult> joinFuture;
    /** Set while the member waits for the leader's assignment. */
    CompletableFuture<SyncResult> syncFuture;
    /** When the member is removed unless it heartbeats (not applied while it awaits a join or sync answer). */
    long sessionDeadline;
    /** Joined in the current rebalance and not yet part of a generation. */
    boolean isNew;

    GroupMember(String memberId, String instanceId, String clientId, String clientHost, int sessionTimeoutMs,
            int rebalanceTimeoutMs, List<ProtocolMetadata> protocols) {
        this.memberId = memberId;
        this.instanceId = instanceId;
        this.clientId = clientId;
        this.clientHost = clientHost;
        this.sessionTimeoutMs = sessionTimeoutMs;
        this.rebalanceTimeoutMs = rebalanceTimeoutMs;
        this.protocols = List.copyOf(protocols);
    }

    /** A copy under a new member id (static member replaced by a restarted instance); futures are not copied. */
    GroupMember withMemberId(String newMemberId) {
        GroupMember copy = new GroupMember(newMemberId, instanceId, clientId, clientHost, sessionTimeoutMs,
                rebalanceTimeoutMs, protocols);
        copy.assignment = assignment;
        copy.sessionDeadline = sessionDeadline;
        return copy;
    }

    void update(JoinRequest request) {
        clientId = request.clientId();
        clientHost = request.clientHost();
        sessionTimeoutMs = request.sessionTimeoutMs();
        rebalanceTimeoutMs = request.rebalanceTimeoutMs();
        protocols = request.protocols();
    }

    boolean awaitingJoin() {
        return joinFuture != null;
    }

    boolean awaitingSync() {
        return syncFuture != null;
    }

    /** The member's metadata for {@code protocol}, empty if it does not support it. */
    byte[] metadata(String protocol) {
        for (ProtocolMetadata p : protocols) {
            if (p.name().equals(protocol)) {
                return p.metadata();
            }
        }
        return EMPTY;
    }

    /** The member's most preferred protocol among {@code candidates}. */
    String vote(Set<String> candidates) {
        for (ProtocolMetadata p : protocols) {
            if (candidates.contains(p.name())) {
                return p.name();
            }
        }
        throw new IllegalStateException("member " + memberId + " supports none of " + candidates);
    }

    /** Whether {@code other} are the same protocols with the same metadata, in the same order. */
    boolean matches(List<ProtocolMetadata> other) {
        if (other.size() != protocols.size()) {
            return false;
        }
        for (int i = 0; i < other.size(); i++) {
            if (!other.get(i).name().equals(protocols.get(i).name())
                    || !Arrays.equals(other.get(i).metadata(), protocols.get(i).metadata())) {
                return false;
            }
        }
        return true;
    }
}
