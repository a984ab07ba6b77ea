package dev.brook.protocol.message;

import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * JoinGroup response (key 11), v0-5, non-flexible (flexible from v6). Byte layout of the body:
 * <pre>
 * throttle_time_ms      int32             v2+
 * error_code            int16
 * generation_id         int32
 * protocol_name         STRING            (the protocol chosen for the group; "" on errors)
 * leader                STRING            (the leader's member id)
 * member_id             STRING            (this member's id; with MEMBER_ID_REQUIRED(79) the id to rejoin with)
 * members               ARRAY of          (non-empty only in the leader's response)
 *   member_id           STRING
 *   group_instance_id   NULLABLE_STRING   v5+
 *   metadata            BYTES             (the member's metadata for the chosen protocol)
 * </pre>
 *
 * @param throttleTimeMs always 0 from Brook (clients self-throttle otherwise); 0 when read below v2
 * @param errorCode      0, or the Kafka error code
 * @param generationId   the new generation, or -1 on errors
 * @param protocolName   the chosen protocol
 * @param leader         the leader's member id
 * @param memberId       the receiving member's id
 * @param members        every member with its metadata, for the leader to assign; empty for followers
 */
public record JoinGroupResponse(int throttleTimeMs, short errorCode, int generationId, String protocolName,
        String leader, String memberId, List<Member> members) {

    /**
     * One group member, as told to the leader. The metadata array is not copied; treat it as immutable.
     *
     * @param memberId        the member's id
     * @param groupInstanceId its static instance id, or null; null when read below v5, and not written there
     * @param metadata        its metadata for the chosen protocol
     */
    public record Member(String memberId, String groupInstanceId, byte[] metadata) {
        /** Requires the metadata (BYTES is non-nullable here). */
        public Member {
            Objects.requireNonNull(metadata, "metadata");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Member m && Objects.equals(memberId, m.memberId)
                    && Objects.equals(groupInstanceId, m.groupInstanceId) && Arrays.equals(metadata, m.metadata);
        }

        @Override
        public int hashCode() {
            return Objects.hash(memberId, groupInstanceId) * 31 + Arrays.hashCode(metadata);
        }

        @Override
        public String toString() {
            return "Member[memberId=" + memberId + ", groupInstanceId=" + groupInstanceId + ", metadata="
                    + Arrays.toString(metadata) + "]";
        }
    }

    /** Copies the list. */
    public JoinGroupResponse {
        members = List.copyOf(members);
    }

    /**
     * @param r       the reader positioned at the body
     * @param version the api version, 0-5
     * @return the response
     */
    public static JoinGroupResponse read(WireReader r, short version) {
        int throttle = version >= 2 ? r.readInt32("throttle_time_ms") : 0;
        short errorCode = r.readInt16("error_code");
        int generationId = r.readInt32("generation_id");
        String protocolName = r.readString("protocol_name");
        String leader = r.readString("leader");
        String memberId = r.readString("member_id");
        List<Member> members = r.readArray("members", false, m -> new Member(
                m.readString("members.member_id"),
                version >= 5 ? m.readNullableString("members.group_instance_id") : null,
                m.readBytes("members.metadata")));
        return new JoinGroupResponse(throttle, errorCode, generationId, protocolName, leader, memberId, members);
    }

    /**
     * @param w       the writer
     * @param version the api version, 0-5
     */
    public void write(WireWriter w, short version) {
        if (version >= 2) {
            w.writeInt32(throttleTimeMs);
        }
        w.writeInt16(errorCode);
        w.writeInt32(generationId);
        w.writeString(protocolName);
        w.writeString(leader);
        w.writeString(memberId);
        w.writeArray(members, false, (mw, m) -> {
            mw.writeString(m.memberId());
            if (version >= 5) {
                mw.writeNullableString(m.groupInstanceId());
            }
            mw.writeBytes(m.metadata(), false);
        });
    }
}
