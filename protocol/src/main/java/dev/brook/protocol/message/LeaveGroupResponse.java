package dev.brook.protocol.message;

import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.List;

/**
 * LeaveGroup response (key 13), v0-3, non-flexible (flexible from v4). Byte layout of the body:
 * <pre>
 * throttle_time_ms      int32             v1+
 * error_code            int16
 * members               ARRAY of          v3+
 *   member_id           STRING
 *   group_instance_id   NULLABLE_STRING
 *   error_code          int16
 * </pre>
 *
 * @param throttleTimeMs always 0 from Brook (clients self-throttle otherwise); 0 when read at v0
 * @param errorCode      0, or the Kafka error code for the whole request
 * @param members        the outcome per leaving member (v3); empty when read below v3, and not written there
 */
public record LeaveGroupResponse(int throttleTimeMs, short errorCode, List<MemberResponse> members) {

    /**
     * The outcome for one leaving member.
     *
     * @param memberId        its member id
     * @param groupInstanceId its static instance id, or null
     * @param errorCode       0, or the Kafka error code
     */
    public record MemberResponse(String memberId, String groupInstanceId, short errorCode) {
    }

    /** Copies the list. */
    public LeaveGroupResponse {
        members = List.copyOf(members);
    }

    /**
     * @param r       the reader positioned at the body
     * @param version the api version, 0-3
     * @return the response
     */
    public static LeaveGroupResponse read(WireReader r, short version) {
        int throttle = version >= 1 ? r.readInt32("throttle_time_ms") : 0;
        short errorCode = r.readInt16("error_code");
        List<MemberResponse> members = version >= 3
                ? r.readArray("members", false, m -> new MemberResponse(
                        m.readString("members.member_id"),
                        m.readNullableString("members.group_instance_id"),
                        m.readInt16("members.error_code")))
                : List.of();
        return new LeaveGroupResponse(throttle, errorCode, members);
    }

    /**
     * @param w       the writer
     * @param version the api version, 0-3
     */
    public void write(WireWriter w, short version) {
        if (version >= 1) {
            w.writeInt32(throttleTimeMs);
        }
        w.writeInt16(errorCode);
        if (version >= 3) {
            w.writeArray(members, false, (mw, m) -> {
                mw.writeString(m.memberId());
                mw.writeNullableString(m.groupInstanceId());
                mw.writeInt16(m.errorCode());
            });
        }
    }
}
