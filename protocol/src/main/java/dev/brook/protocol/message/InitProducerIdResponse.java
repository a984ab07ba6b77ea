package dev.brook.protocol.message;

import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;

/**
 * InitProducerId response (key 22), v0-1. These versions are identical on the wire and non-flexible (flexible from
 * v2). Byte layout of the body:
 * <pre>
 * throttle_time_ms   int32
 * error_code         int16
 * producer_id        int64
 * producer_epoch     int16
 * </pre>
 *
 * @param throttleTimeMs always 0 from Brook (clients self-throttle otherwise)
 * @param errorCode      0, or the Kafka error code
 * @param producerId     the producer id assigned, or -1 on error
 * @param producerEpoch  the epoch for that producer id
 */
public record InitProducerIdResponse(int throttleTimeMs, short errorCode, long producerId, short producerEpoch) {

    /**
     * @param r       the reader positioned at the body
     * @param version the api version, 0-1
     * @return the response
     */
    public static InitProducerIdResponse read(WireReader r, short version) {
        return new InitProducerIdResponse(r.readInt32("throttle_time_ms"), r.readInt16("error_code"),
                r.readInt64("producer_id"), r.readInt16("producer_epoch"));
    }

    /**
     * @param w       the writer
     * @param version the api version, 0-1
     */
    public void write(WireWriter w, short version) {
        w.writeInt32(throttleTimeMs);
        w.writeInt16(errorCode);
        w.writeInt64(producerId);
        w.writeInt16(producerEpoch);
    }
}
