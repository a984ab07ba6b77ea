package dev.brook.protocol.message;

import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.List;

/**
 * Metadata request (key 3), v4-8 (all non-flexible). Byte layout of the body:
 * <pre>
 * topics                                  ARRAY of STRING name (-1 = all topics)
 * allow_auto_topic_creation               BOOLEAN
 * include_cluster_authorized_operations   BOOLEAN  v8+
 * include_topic_authorized_operations     BOOLEAN  v8+
 * </pre>
 *
 * @param topics                             topic names, or null for all topics
 * @param allowAutoTopicCreation             whether the broker may create missing topics
 * @param includeClusterAuthorizedOperations v8+, else false
 * @param includeTopicAuthorizedOperations   v8+, else false
 */
public record MetadataRequest(List<String> topics, boolean allowAutoTopicCreation,
                              boolean includeClusterAuthorizedOperations, boolean includeTopicAuthorizedOperations) {

    /**
     * Copies the lists, so the record is immutable.
     *
     * @param topics                             topic names, or null for all topics
     * @param allowAutoTopicCreation             whether the broker may create missing topics
     * @param includeClusterAuthorizedOperations v8+, else false
     * @param includeTopicAuthorizedOperations   v8+, else false
     */
    public MetadataRequest {
        topics = topics == null ? null : List.copyOf(topics);
    }

    /**
     * @param r       the reader positioned at the body
     * @param version 4-8
     * @return the request
     */
    public static MetadataRequest read(WireReader r, short version) {
        List<String> topics = r.readNullableArray("topics", false, e -> e.readString("topics.name"));
        boolean autoCreate = r.readBoolean("allow_auto_topic_creation");
        boolean cluster = version >= 8 && r.readBoolean("include_cluster_authorized_operations");
        boolean topic = version >= 8 && r.readBoolean("include_topic_authorized_operations");
        return new MetadataRequest(topics, autoCreate, cluster, topic);
    }

    /**
     * @param w       the writer
     * @param version 4-8
     */
    public void write(WireWriter w, short version) {
        w.writeArray(topics, false, (e, t) -> e.writeString(t));
        w.writeBoolean(allowAutoTopicCreation);
        if (version >= 8) {
            w.writeBoolean(includeClusterAuthorizedOperations);
            w.writeBoolean(includeTopicAuthorizedOperations);
        }
    }
}
