package dev.brook.protocol.message;

import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.List;

/**
 * OffsetFetch request (key 9), v1-5, non-flexible (flexible from v6). Kafka 4 removed v0. Byte layout of the body:
 * <pre>
 * group_id              STRING
 * topics                ARRAY of          (v2+: NULLABLE, null = every topic the group has offsets for)
 *   name                STRING
 *   partition_indexes   ARRAY of int32
 * </pre>
 *
 * @param groupId the group
 * @param topics  the partitions to fetch offsets for, or null for all (v2+ only; v1 cannot carry null)
 */
public record OffsetFetchRequest(String groupId, List<Topic> topics) {

    /**
     * The partitions of one topic.
     *
     * @param name             the topic name
     * @param partitionIndexes the partitions
     */
    public record Topic(String name, List<Integer> partitionIndexes) {
        /** Copies the list. */
        public Topic {
            partitionIndexes = List.copyOf(partitionIndexes);
        }
    }

    /** Copies the list, keeping null. */
    public OffsetFetchRequest {
        topics = topics == null ? null : List.copyOf(topics);
    }

    /**
     * @param r       the reader positioned at the body
     * @param version the api version, 1-5
     * @return the request
     */
    public static OffsetFetchRequest read(WireReader r, short version) {
        String groupId = r.readString("group_id");
        WireReader.ElementReader<Topic> topic = t -> new Topic(
                t.readString("topics.name"),
                t.readInt32Array("topics.partition_indexes", false));
        List<Topic> topics = version >= 2
                ? r.readNullableArray("topics", false, topic)
                : r.readArray("topics", false, topic);
        return new OffsetFetchRequest(groupId, topics);
    }

    /**
     * @param w       the writer
     * @param version the api version, 1-5
     * @throws IllegalArgumentException if topics is null at v1, which cannot express "all topics"
     */
    public void write(WireWriter w, short version) {
        if (topics == null && version < 2) {
            throw new IllegalArgumentException("OffsetFetch v" + version + " cannot ask for all topics (null)");
        }
        w.writeString(groupId);
        w.writeArray(topics, false, (tw, t) -> {
            tw.writeString(t.name());
            tw.writeInt32Array(t.partitionIndexes(), false);
        });
    }
}
