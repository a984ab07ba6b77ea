package dev.brook.protocol.message;

import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.List;

/**
 * ListGroups response (key 16), v0-2, non-flexible (flexible from v3). Byte layout of the body:
 * <pre>
 * throttle_time_ms   int32   v1+
 * error_code         int16
 * groups             ARRAY of
 *   group_id         STRING
 *   protocol_type    STRING  ("consumer" for consumer groups, "" for a group with no members' protocol yet)
 * </pre>
 *
 * @param throttleTimeMs always 0 from Brook (clients self-throttle otherwise); 0 when read at v0
 * @param errorCode      0, or the Kafka error code
 * @param groups         the groups this coordinator knows
 */
public record ListGroupsResponse(int throttleTimeMs, short errorCode, List<ListedGroup> groups) {

    /**
     * One group.
     *
     * @param groupId      the group id
     * @param protocolType its protocol type
     */
    public record ListedGroup(String groupId, String protocolType) {
    }

    /** Copies the list. */
    public ListGroupsResponse {
        groups = List.copyOf(groups);
    }

    /**
     * @param r       the reader positioned at the body
     * @param version the api version, 0-2
     * @return the response
     */
    public static ListGroupsResponse read(WireReader r, short version) {
        int throttle = version >= 1 ? r.readInt32("throttle_time_ms") : 0;
        short errorCode = r.readInt16("error_code");
        List<ListedGroup> groups = r.readArray("groups", false, g -> new ListedGroup(
                g.readString("groups.group_id"),
                g.readString("groups.protocol_type")));
        return new ListGroupsResponse(throttle, errorCode, groups);
    }

    /**
     * @param w       the writer
     * @param version the api version, 0-2
     */
    public void write(WireWriter w, short version) {
        if (version >= 1) {
            w.writeInt32(throttleTimeMs);
        }
        w.writeInt16(errorCode);
        w.writeArray(groups, false, (gw, g) -> {
            gw.writeString(g.groupId());
            gw.writeString(g.protocolType());
        });
    }
}
