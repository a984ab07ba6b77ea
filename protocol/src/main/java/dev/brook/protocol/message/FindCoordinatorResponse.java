package dev.brook.protocol.message;

import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;

/**
 * FindCoordinator response (key 10), v0-2, non-flexible (flexible from v3). Byte layout of the body:
 * <pre>
 * throttle_time_ms   int32             v1+
 * error_code         int16
 * error_message      NULLABLE_STRING   v1+
 * node_id            int32
 * host               STRING
 * port               int32
 * </pre>
 *
 * @param throttleTimeMs always 0 from Brook (clients self-throttle otherwise); 0 when read at v0
 * @param errorCode      0, or the Kafka error code
 * @param errorMessage   a description of the error, or null; null when read at v0, and not written there
 * @param nodeId         the coordinator's broker id
 * @param host           the coordinator's advertised host
 * @param port           the coordinator's advertised port
 */
public record FindCoordinatorResponse(int throttleTimeMs, short errorCode, String errorMessage, int nodeId,
        String host, int port) {

    /**
     * @param r       the reader positioned at the body
     * @param version the api version, 0-2
     * @return the response
     */
    public static FindCoordinatorResponse read(WireReader r, short version) {
        int throttle = version >= 1 ? r.readInt32("throttle_time_ms") : 0;
        short errorCode = r.readInt16("error_code");
        String errorMessage = version >= 1 ? r.readNullableString("error_message") : null;
        int nodeId = r.readInt32("node_id");
        String host = r.readString("host");
        int port = r.readInt32("port");
        return new FindCoordinatorResponse(throttle, errorCode, errorMessage, nodeId, host, port);
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
        if (version >= 1) {
            w.writeNullableString(errorMessage);
        }
        w.writeInt32(nodeId);
        w.writeString(host);
        w.writeInt32(port);
    }
}
