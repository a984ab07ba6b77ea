package dev.brook.protocol.message;

import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.List;

/**
 * OffsetDelete request (key 47), v0, the only version; never flexible. Byte layout of the body:
 * <pre>
 * group_id              STRING
 * topics                ARRAY of
 *   name                STRING
 *   partitions          ARRAY of
 *     partition_index   int32
 * </pre>
 *
 * @param groupId the group whose committed offsets are deleted
 * @param topics  the partitions to delete offsets for
 */
public record OffsetDeleteRequest(String groupId, List<Topic> topics) {

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

    /** Copies the list. */
    public OffsetDeleteRequest {
        topics = List.copyOf(topics);
    }

    /**
     * @param r       the reader positioned at the body
     * @param version the api version, 0
     * @return the request
     */
    public static OffsetDeleteRequest read(WireReader r, short version) {
        String groupId = r.readString("group_id");
        // Each partition is a one-field struct, so on the wire it is exactly an ARRAY of int32.
        List<Topic> topics = r.readArray("topics", false, t -> new Topic(
                t.readString("topics.name"),
                t.readInt32Array("topics.partitions.partition_index", false)));
        return new OffsetDeleteRequest(groupId, topics);
    }

    /**
     * @param w       the writer
     * @param version the api version, 0
     */
    public void write(WireWriter w, short version) {
        w.writeString(groupId);
        w.writeArray(topics, false, (tw, t) -> {
            tw.writeString(t.name());
            tw.writeInt32Array(t.partitionIndexes(), false);
        });
    }
}
