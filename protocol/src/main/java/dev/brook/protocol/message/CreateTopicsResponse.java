package dev.brook.protocol.message;

import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.List;

/**
 * CreateTopics response (key 19), v2-4. These versions are identical on the wire and non-flexible (flexible from v5).
 * Byte layout of the body:
 * <pre>
 * throttle_time_ms   int32
 * topics             ARRAY of
 *   name             STRING
 *   error_code       int16
 *   error_message    NULLABLE_STRING
 * </pre>
 *
 * @param throttleTimeMs always 0 from Brook (clients self-throttle otherwise)
 * @param topics         one result per requested topic
 */
public record CreateTopicsResponse(int throttleTimeMs, List<TopicResult> topics) {

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
    public CreateTopicsResponse {
        topics = List.copyOf(topics);
    }

    /**
     * @param r       the reader positioned at the body
     * @param version the api version, 2-4
     * @return the response
     */
    public static CreateTopicsResponse read(WireReader r, short version) {
        int throttle = r.readInt32("throttle_time_ms");
        List<TopicResult> topics = r.readArray("topics", false, t -> new TopicResult(
                t.readString("topics.name"),
                t.readInt16("topics.error_code"),
                t.readNullableString("topics.error_message")));
        return new CreateTopicsResponse(throttle, topics);
    }

    /**
     * @param w       the writer
     * @param version the api version, 2-4
     */
    public void write(WireWriter w, short version) {
        w.writeInt32(throttleTimeMs);
        w.writeArray(topics, false, (tw, t) -> {
            tw.writeString(t.name());
            tw.writeInt16(t.errorCode());
            tw.writeNullableString(t.errorMessage());
        });
    }
}
