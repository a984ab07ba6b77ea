package dev.brook.protocol.message;

import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.List;

/**
 * LeaveGroup request (key 13), v0-3, non-flexible (flexible from v4). v3 replaces the single member id by a members
 * array (several members, or static members by instance id). Byte layout of the body:
 * <pre>
 * group_id              STRING
 * member_id             STRING            v0-2
 * members               ARRAY of          v3+
 *   member_id           STRING
 *   group_instance_id   NULLABLE_STRING
 * </pre>
 *
 * @param groupId  the group
 * @param memberId the leaving member (v0-2); "" when read at v3, and not written there
 * @param members  the leaving members (v3); empty when read below v3, and not written there
 */
public record LeaveGroupRequest(String groupId, String memberId, List<MemberIdentity> members) {

    /**
     * One leaving member.
     *
     * @param memberId        its member id ("" for a static member identified by instance id only)
     * @param groupInstanceId its static instance id, or null
     */
    public record MemberIdentity(String memberId, String groupInstanceId) {
    }

    /** Copies the list. */
    public LeaveGroupRequest {
        members = List.copyOf(members);
    }

    /**
     * @param r       the reader positioned at the body
     * @param version the api version, 0-3
     * @return the request
     */
    public static LeaveGroupRequest read(WireReader r, short version) {
        String groupId = r.readString("group_id");
        if (version < 3) {
            return new LeaveGroupRequest(groupId, r.readString("member_id"), List.of());
        }
        List<MemberIdentity> members = r.readArray("members", false, m -> new MemberIdentity(
                m.readString("members.member_id"),
                m.readNullableString("members.group_instance_id")));
        return new LeaveGroupRequest(groupId, "", members);
    }

    /**
     * @param w       the writer
     * @param version the api version, 0-3
     */
    public void write(WireWriter w, short version) {
        w.writeString(groupId);
        if (version < 3) {
            w.writeString(memberId);
            return;
        }
        w.writeArray(members, false, (mw, m) -> {
            mw.writeString(m.memberId());
            mw.writeNullableString(m.groupInstanceId());
        });
    }
}
