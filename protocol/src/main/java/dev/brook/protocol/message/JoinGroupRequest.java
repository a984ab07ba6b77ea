package dev.brook.protocol.message;

import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * JoinGroup request (key 11), v0-5, non-flexible (flexible from v6). Byte layout of the body:
 * <pre>
 * group_id               STRING
 * session_timeout_ms     int32
 * rebalance_timeout_ms   int32             v1+
 * member_id              STRING            ("" on a first join; v4+ clients then get MEMBER_ID_REQUIRED(79)
 *                                           with an assigned id and rejoin with it)
 * group_instance_id      NULLABLE_STRING   v5+
 * protocol_type          STRING            ("consumer" for consumers)
 * protocols              ARRAY of
 *   name                 STRING            (assignor name, e.g. "range")
 *   metadata             BYTES             (opaque to the broker; relayed to the leader)
 * </pre>
 *
 * @param groupId            the group
 * @param sessionTimeoutMs   how long without a heartbeat before the member is dropped
 * @param rebalanceTimeoutMs how long a rebalance waits for the member to rejoin; -1 when read at v0 (Kafka then
 *                           uses the session timeout), and not written there
 * @param memberId           the member id, or "" when joining for the first time
 * @param groupInstanceId    the static member's instance id, or null; null when read below v5, and not written there
 * @param protocolType       the class of protocols, e.g. "consumer"
 * @param protocols          the protocols the member supports, in preference order
 */
public record JoinGroupRequest(String groupId, int sessionTimeoutMs, int rebalanceTimeoutMs, String memberId,
        String groupInstanceId, String protocolType, List<Protocol> protocols) {

    /**
     * One supported protocol. The metadata array is not copied; treat it as immutable.
     *
     * @param name     the protocol (assignor) name
     * @param metadata the member's metadata for that protocol
     */
    public record Protocol(String name, byte[] metadata) {
        /** Requires the metadata (BYTES is non-nullable here). */
        public Protocol {
            Objects.requireNonNull(metadata, "metadata");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Protocol p && Objects.equals(name, p.name) && Arrays.equals(metadata, p.metadata);
        }

        @Override
        public int hashCode() {
            return 31 * Objects.hashCode(name) + Arrays.hashCode(metadata);
        }

        @Override
        public String toString() {
            return "Protocol[name=" + name + ", metadata=" + Arrays.toString(metadata) + "]";
        }
    }

    /** Copies the list. */
    public JoinGroupRequest {
        protocols = List.copyOf(protocols);
    }

    /**
     * @param r       the reader positioned at the body
     * @param version the api version, 0-5
     * @return the request
     */
    public static JoinGroupRequest read(WireReader r, short version) {
        String groupId = r.readString("group_id");
        int sessionTimeoutMs = r.readInt32("session_timeout_ms");
        int rebalanceTimeoutMs = version >= 1 ? r.readInt32("rebalance_timeout_ms") : -1;
        String memberId = r.readString("member_id");
        String groupInstanceId = version >= 5 ? r.readNullableString("group_instance_id") : null;
        String protocolType = r.readString("protocol_type");
        List<Protocol> protocols = r.readArray("protocols", false, p -> new Protocol(
                p.readString("protocols.name"),
                p.readBytes("protocols.metadata")));
        return new JoinGroupRequest(groupId, sessionTimeoutMs, rebalanceTimeoutMs, memberId, groupInstanceId,
                protocolType, protocols);
    }

    /**
     * @param w       the writer
     * @param version the api version, 0-5
     */
    public void write(WireWriter w, short version) {
        w.writeString(groupId);
        w.writeInt32(sessionTimeoutMs);
        if (version >= 1) {
            w.writeInt32(rebalanceTimeoutMs);
        }
        w.writeString(memberId);
        if (version >= 5) {
            w.writeNullableString(groupInstanceId);
        }
        w.writeString(protocolType);
        w.writeArray(protocols, false, (pw, p) -> {
            pw.writeString(p.name());
            pw.writeBytes(p.metadata(), false);
        });
    }
}
