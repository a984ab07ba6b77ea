package dev.brook.protocol.message;

import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.Arrays;
import java.util.Objects;

/**
 * SyncGroup response (key 14), v0-3, non-flexible (flexible from v4). Byte layout of the body:
 * <pre>
 * throttle_time_ms   int32   v1+
 * error_code         int16
 * assignment         BYTES   (this member's assignment from the leader; empty on errors)
 * </pre>
 *
 * @param throttleTimeMs always 0 from Brook (clients self-throttle otherwise); 0 when read at v0
 * @param errorCode      0, or the Kafka error code
 * @param assignment     the member's assignment; not copied, treat it as immutable
 */
public record SyncGroupResponse(int throttleTimeMs, short errorCode, byte[] assignment) {

    /** Requires the assignment (BYTES is non-nullable here). */
    public SyncGroupResponse {
        Objects.requireNonNull(assignment, "assignment");
    }

    /**
     * @param r       the reader positioned at the body
     * @param version the api version, 0-3
     * @return the response
     */
    public static SyncGroupResponse read(WireReader r, short version) {
        int throttle = version >= 1 ? r.readInt32("throttle_time_ms") : 0;
        short errorCode = r.readInt16("error_code");
        byte[] assignment = r.readBytes("assignment");
        return new SyncGroupResponse(throttle, errorCode, assignment);
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
        w.writeBytes(assignment, false);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SyncGroupResponse s && throttleTimeMs == s.throttleTimeMs && errorCode == s.errorCode
                && Arrays.equals(assignment, s.assignment);
    }

    @Override
    public int hashCode() {
        return Objects.hash(throttleTimeMs, errorCode) * 31 + Arrays.hashCode(assignment);
    }

    @Override
    public String toString() {
        return "SyncGroupResponse[throttleTimeMs=" + throttleTimeMs + ", errorCode=" + errorCode + ", assignment="
                + Arrays.toString(assignment) + "]";
    }
}
