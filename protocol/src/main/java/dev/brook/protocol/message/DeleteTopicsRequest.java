package dev.brook.protocol.message;

import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.List;

/**
 * DeleteTopics request (key 20), v1-3. These versions are identical on the wire and non-flexible (flexible from v4;
 * deletion by topic ID arrives in v6). Byte layout of the body:
 * <pre>
 * topic_names   ARRAY of STRING
 * timeout_ms    int32
 * </pre>
 *
 * @param topicNames the topics to delete
 * @param timeoutMs  how long to wait for the deletions
 */
public record DeleteTopicsRequest(List<String> topicNames, int timeoutMs) {

    /** Copies the list. */
    public DeleteTopicsRequest {
        topicNames = List.copyOf(topicNames);
    }

    /**
     * @param r       the reader positioned at the body
     * @param version the api version, 1-3
     * @return the request
     */
    public static DeleteTopicsRequest read(WireReader r, short version) {
        List<String> names = r.readArray("topic_names", false, e -> e.readString("topic_names[]"));
        return new DeleteTopicsRequest(names, r.readInt32("timeout_ms"));
    }

    /**
     * @param w       the writer
     * @param version the api version, 1-3
     */
    public void write(WireWriter w, short version) {
        w.writeArray(topicNames, false, WireWriter::writeString);
        w.writeInt32(timeoutMs);
    }
}
