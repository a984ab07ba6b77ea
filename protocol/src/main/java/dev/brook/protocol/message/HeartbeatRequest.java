package dev.brook.protocol.message;

import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;

/**
 * Heartbeat request (key 12), v0-3, non-flexible (flexible from v4). Byte layout of the body:
 * <pre>
 * group_id            STRING
 * generation_id       int32
 * member_id           STRING
 * group_instance_id   NULLABLE_STRING   v3+
 * </pre>
 *
 * @param groupId         the group
 * @param generationId    the generation the member thinks is current
 * @param memberId        the member id the coordinator assigned
 * @param groupInstanceId the static member's instance id, or null; null when read below v3, and not written there
 */
public record HeartbeatRequest(String groupId, int generationId, String memberId, String groupInstanceId) {

    /**
     * @param r       the reader positioned at the body
     * @param version the api version, 0-3
     * @return the request
     */
    public static HeartbeatRequest read(WireReader r, short version) {
        String groupId = r.readString("group_id");
        int generationId = r.readInt32("generation_id");
        String memberId = r.readString("member_id");
        String groupInstanceId = version >= 3 ? r.readNullableString("group_instance_id") : null;
        return new HeartbeatRequest(groupId, generationId, memberId, groupInstanceId);
    }

    /**
     * @param w       the writer
     * @param version the api version, 0-3
     */
    public void write(WireWriter w, short version) {
        w.writeString(groupId);
        w.writeInt32(generationId);
        w.writeString(memberId);
        if (version >= 3) {
            w.writeNullableString(groupInstanceId);
        }
    }
}
