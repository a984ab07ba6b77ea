package dev.brook.protocol.message;

import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.List;

/**
 * DeleteTopics response (key 20), v1-3. These versions are identical on the wire and non-flexible (flexible from
 * v4). Byte layout of the body:
 * <pre>
 * throttle_time_ms   int32
 * responses          ARRAY of
 *   name             STRING
 *   error_code       int16
 * </pre>
 *
 * @param throttleTimeMs always 0 from Brook (clients self-throttle otherwise)
 * @param responses      one result per requested topic
 */
public record DeleteTopicsResponse(int throttleTimeMs, List<TopicResult> responses) {

    /**
     * The outcome for one topic.
     *
     * @param name      the topic name
     * @param errorCode 0, or the Kafka error code
     */
    public record TopicResult(String name, short errorCode) {
    }

    /** Copies the list. */
    public DeleteTopicsResponse {
        responses = List.copyOf(responses);
    }

    /**
     * @param r       the reader positioned at the body
     * @param version the api version, 1-3
     * @return the response
     */
    public static DeleteTopicsResponse read(WireReader r, short version) {
        int throttle = r.readInt32("throttle_time_ms");
        List<TopicResult> responses = r.readArray("responses", false, t -> new TopicResult(
                t.readString("responses.name"),
                t.readInt16("responses.error_code")));
        return new DeleteTopicsResponse(throttle, responses);
    }

    /**
     * @param w       the writer
     * @param version the api version, 1-3
     */
    public void write(WireWriter w, short version) {
        w.writeInt32(throttleTimeMs);
        w.writeArray(responses, false, (tw, t) -> {
            tw.writeString(t.name());
            tw.writeInt16(t.errorCode());
        });
    }
}
