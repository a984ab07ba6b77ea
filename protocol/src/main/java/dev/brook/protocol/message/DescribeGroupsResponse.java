package dev.brook.protocol.message;

import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * DescribeGroups response (key 15), v0-4, non-flexible (flexible from v5). Byte layout of the body:
 * <pre>
 * throttle_time_ms          int32             v1+
 * groups                    ARRAY of
 *   error_code              int16
 *   group_id                STRING
 *   group_state             STRING            (e.g. "Stable", "Empty", "Dead"; "" if unknown)
 *   protocol_type           STRING
 *   protocol_data           STRING            (the chosen protocol name, e.g. "range")
 *   members                 ARRAY of
 *     member_id             STRING
 *     group_instance_id     NULLABLE_STRING   v4+
 *     client_id             STRING
 *     client_host           STRING
 *     member_metadata       BYTES
 *     member_assignment     BYTES
 *   authorized_operations   int32             v3+ (bit field; Integer.MIN_VALUE = not requested)
 * </pre>
 *
 * @param throttleTimeMs always 0 from Brook (clients self-throttle otherwise); 0 when read at v0
 * @param groups         one entry per requested group
 */
public record DescribeGroupsResponse(int throttleTimeMs, List<DescribedGroup> groups) {

    /** {@link DescribedGroup#authorizedOperations()} when they were not requested or below v3. */
    public static final int AUTHORIZED_OPERATIONS_OMITTED = Integer.MIN_VALUE;

    /**
     * One described group.
     *
     * @param errorCode            0, or the Kafka error code
     * @param groupId              the group id
     * @param groupState           the state name, or ""
     * @param protocolType         the protocol type, or ""
     * @param protocolData         the chosen protocol, or ""
     * @param members              the members
     * @param authorizedOperations the authorized-operations bit field; {@link #AUTHORIZED_OPERATIONS_OMITTED} when
     *                             read below v3, and not written there
     */
    public record DescribedGroup(short errorCode, String groupId, String groupState, String protocolType,
            String protocolData, List<Member> members, int authorizedOperations) {
        /** Copies the list. */
        public DescribedGroup {
            members = List.copyOf(members);
        }
    }

    /**
     * One member. The byte arrays are not copied; treat them as immutable.
     *
     * @param memberId         the member id
     * @param groupInstanceId  the static instance id, or null; null when read below v4, and not written there
     * @param clientId         the client id of its latest JoinGroup
     * @param clientHost       the client's host
     * @param memberMetadata   its metadata for the chosen protocol
     * @param memberAssignment its current assignment
     */
    public record Member(String memberId, String groupInstanceId, String clientId, String clientHost,
            byte[] memberMetadata, byte[] memberAssignment) {
        /** Requires both byte arrays (BYTES is non-nullable here). */
        public Member {
            Objects.requireNonNull(memberMetadata, "memberMetadata");
            Objects.requireNonNull(memberAssignment, "memberAssignment");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Member m && Objects.equals(memberId, m.memberId)
                    && Objects.equals(groupInstanceId, m.groupInstanceId) && Objects.equals(clientId, m.clientId)
                    && Objects.equals(clientHost, m.clientHost) && Arrays.equals(memberMetadata, m.memberMetadata)
                    && Arrays.equals(memberAssignment, m.memberAssignment);
        }

        @Override
        public int hashCode() {
            return (Objects.hash(memberId, groupInstanceId, clientId, clientHost) * 31
                    + Arrays.hashCode(memberMetadata)) * 31 + Arrays.hashCode(memberAssignment);
        }

        @Override
        public String toString() {
            return "Member[memberId=" + memberId + ", groupInstanceId=" + groupInstanceId + ", clientId=" + clientId
                    + ", clientHost=" + clientHost + ", memberMetadata=" + Arrays.toString(memberMetadata)
                    + ", memberAssignment=" + Arrays.toString(memberAssignment) + "]";
        }
    }

    /** Copies the list. */
    public DescribeGroupsResponse {
        groups = List.copyOf(groups);
    }

    /**
     * @param r       the reader positioned at the body
     * @param version the api version, 0-4
     * @return the response
     */
    public static DescribeGroupsResponse read(WireReader r, short version) {
        int throttle = version >= 1 ? r.readInt32("throttle_time_ms") : 0;
        List<DescribedGroup> groups = r.readArray("groups", false, g -> new DescribedGroup(
                g.readInt16("groups.error_code"),
                g.readString("groups.group_id"),
                g.readString("groups.group_state"),
                g.readString("groups.protocol_type"),
                g.readString("groups.protocol_data"),
                g.readArray("groups.members", false, m -> new Member(
                        m.readString("groups.members.member_id"),
                        version >= 4 ? m.readNullableString("groups.members.group_instance_id") : null,
                        m.readString("groups.members.client_id"),
                        m.readString("groups.members.client_host"),
                        m.readBytes("groups.members.member_metadata"),
                        m.readBytes("groups.members.member_assignment"))),
                version >= 3 ? g.readInt32("groups.authorized_operations") : AUTHORIZED_OPERATIONS_OMITTED));
        return new DescribeGroupsResponse(throttle, groups);
    }

    /**
     * @param w       the writer
     * @param version the api version, 0-4
     */
    public void write(WireWriter w, short version) {
        if (version >= 1) {
            w.writeInt32(throttleTimeMs);
        }
        w.writeArray(groups, false, (gw, g) -> {
            gw.writeInt16(g.errorCode());
            gw.writeString(g.groupId());
            gw.writeString(g.groupState());
            gw.writeString(g.protocolType());
            gw.writeString(g.protocolData());
            gw.writeArray(g.members(), false, (mw, m) -> {
                mw.writeString(m.memberId());
                if (version >= 4) {
                    mw.writeNullableString(m.groupInstanceId());
                }
                mw.writeString(m.clientId());
                mw.writeString(m.clientHost());
                mw.writeBytes(m.memberMetadata(), false);
                mw.writeBytes(m.memberAssignment(), false);
            });
            if (version >= 3) {
                gw.writeInt32(g.authorizedOperations());
            }
        });
    }
}
