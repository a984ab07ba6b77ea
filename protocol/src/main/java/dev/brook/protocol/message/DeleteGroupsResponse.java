package dev.brook.protocol.message;

import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.List;

/**
 * DeleteGroups response (key 42), v0-1. These versions are identical on the wire and non-flexible (flexible from v2).
 * Byte layout of the body:
 * <pre>
 * throttle_time_ms   int32
 * results            ARRAY of
 *   group_id         STRING
 *   error_code       int16
 * </pre>
 *
 * @param throttleTimeMs always 0 from Brook (clients self-throttle otherwise)
 * @param results        one result per requested group
 */
public record DeleteGroupsResponse(int throttleTimeMs, List<GroupResult> results) {

    /**
     * The outcome for one group.
     *
     * @param groupId   the group id
     * @param errorCode 0, or the Kafka error code (e.g. NON_EMPTY_GROUP(68), GROUP_ID_NOT_FOUND(69))
     */
    public record GroupResult(String groupId, short errorCode) {
    }

    /** Copies the list. */
    public DeleteGroupsResponse {
        results = List.copyOf(results);
    }

    /**
     * @param r       the reader positioned at the body
     * @param version the api version, 0-1
     * @return the response
     */
    public static DeleteGroupsResponse read(WireReader r, short version) {
        int throttle = r.readInt32("throttle_time_ms");
        List<GroupResult> results = r.readArray("results", false, g -> new GroupResult(
                g.readString("results.group_id"),
                g.readInt16("results.error_code")));
        return new DeleteGroupsResponse(throttle, results);
    }

    /**
     * @param w       the writer
     * @param version the api version, 0-1
     */
    public void write(WireWriter w, short version) {
        w.writeInt32(throttleTimeMs);
        w.writeArray(results, false, (gw, g) -> {
            gw.writeString(g.groupId());
            gw.writeInt16(g.errorCode());
        });
    }
}
