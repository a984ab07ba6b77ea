package dev.brook.protocol.message;

import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.List;

/**
 * CreatePartitions response (key 37), v0-1. These versions are identical on the wire and non-flexible (flexible from
 * v2). Byte layout of the body:
 * <pre>
 * throttle_time_ms   int32
 * results            ARRAY of
 *   name             STRING
 *   error_code       int16
 *   error_message    NULLABLE_STRING
 * </pre>
 *
 * @param throttleTimeMs always 0 from Brook (clients self-throttle otherwise)
 * @param results        one result per requested topic
 */
public record CreatePartitionsResponse(int throttleTimeMs, List<TopicResult> results) {

    /**
     * The outcome for one topic.
     *
     * @param name         the topic name
     * @param errorCode    0, or the Kafka error code
     * @param errorMessage a description of the error, or null
     */
    public record TopicResult(String name, short errorCode, String errorMessage) {
    }

    /** Copies the list. */
    public CreatePartitionsResponse {
        results = List.copyOf(results);
    }

    /**
     * @param r       the reader positioned at the body
     * @param version the api version, 0-1
     * @return the response
     */
    public static CreatePartitionsResponse read(WireReader r, short version) {
        int throttle = r.readInt32("throttle_time_ms");
        List<TopicResult> results = r.readArray("results", false, t -> new TopicResult(
                t.readString("results.name"),
                t.readInt16("results.error_code"),
                t.readNullableString("results.error_message")));
        return new CreatePartitionsResponse(throttle, results);
    }

    /**
     * @param w       the writer
     * @param version the api version, 0-1
     */
    public void write(WireWriter w, short version) {
        w.writeInt32(throttleTimeMs);
        w.writeArray(results, false, (tw, t) -> {
            tw.writeString(t.name());
            tw.writeInt16(t.errorCode());
            tw.writeNullableString(t.errorMessage());
        });
    }
}
