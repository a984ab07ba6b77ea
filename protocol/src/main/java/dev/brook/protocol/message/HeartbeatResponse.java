package dev.brook.protocol.message;

import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;

/**
 * Heartbeat response (key 12), v0-3, non-flexible (flexible from v4). Byte layout of the body:
 * <pre>
 * throttle_time_ms   int32   v1+
 * error_code         int16
 * </pre>
 *
 * @param throttleTimeMs always 0 from Brook (clients self-throttle otherwise); 0 when read at v0
 * @param errorCode      0, or the Kafka error code (REBALANCE_IN_PROGRESS(27) makes the member rejoin)
 */
public record HeartbeatResponse(int throttleTimeMs, short errorCode) {

    /**
     * @param r       the reader positioned at the body
     * @param version the api version, 0-3
     * @return the response
     */
    public static HeartbeatResponse read(WireReader r, short version) {
        int throttle = version >= 1 ? r.readInt32("throttle_time_ms") : 0;
        short errorCode = r.readInt16("error_code");
        return new HeartbeatResponse(throttle, errorCode);
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
    }
}
