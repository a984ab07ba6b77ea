package dev.brook.protocol.message;

import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.List;

/**
 * OffsetCommit request (key 8), v2-7, non-flexible (flexible from v8). Kafka 4 removed v0-1. Byte layout of the body:
 * <pre>
 * group_id                   STRING
 * generation_id              int32             (-1 for a commit from outside the group, e.g. Admin)
 * member_id                  STRING
 * group_instance_id          NULLABLE_STRING   v7+
 * retention_time_ms          int64             v2-4 (-1 = broker default)
 * topics                     ARRAY of
 *   name                     STRING
 *   partitions               ARRAY of
 *     partition_index        int32
 *     committed_offset       int64
 *     committed_leader_epoch int32             v6+
 *     committed_metadata     NULLABLE_STRING
 * </pre>
 *
 * @param groupId         the group
 * @param generationId    the member's generation (Kafka's GenerationIdOrMemberEpoch), or -1
 * @param memberId        the member id, or "" for a commit from outside the group
 * @param groupInstanceId the static member's instance id, or null; null when read below v7, and not written there
 * @param retentionTimeMs how long to keep the offsets, -1 for the broker default; -1 when read at v5+, and not
 *                        written there
 * @param topics          the offsets to commit
 */
public record OffsetCommitRequest(String groupId, int generationId, String memberId, String groupInstanceId,
        long retentionTimeMs, List<Topic> topics) {

    /**
     * The offsets for one topic.
     *
     * @param name       the topic name
     * @param partitions one entry per partition
     */
    public record Topic(String name, List<Partition> partitions) {
        /** Copies the list. */
        public Topic {
            partitions = List.copyOf(partitions);
        }
    }

    /**
     * The offset for one partition.
     *
     * @param partitionIndex       the partition
     * @param committedOffset      the offset to commit (the next offset to consume)
     * @param committedLeaderEpoch the leader epoch of the last consumed record, or -1; -1 when read below v6, and not
     *                             written there
     * @param committedMetadata    client metadata kept with the offset, or null
     */
    public record Partition(int partitionIndex, long committedOffset, int committedLeaderEpoch,
            String committedMetadata) {
    }

    /** Copies the list. */
    public OffsetCommitRequest {
        topics = List.copyOf(topics);
    }

    /**
     * @param r       the reader positioned at the body
     * @param version the api version, 2-7
     * @return the request
     */
    public static OffsetCommitRequest read(WireReader r, short version) {
        String groupId = r.readString("group_id");
        int generationId = r.readInt32("generation_id");
        String memberId = r.readString("member_id");
        String groupInstanceId = version >= 7 ? r.readNullableString("group_instance_id") : null;
        long retentionTimeMs = version <= 4 ? r.readInt64("retention_time_ms") : -1L;
        List<Topic> topics = r.readArray("topics", false, t -> new Topic(
                t.readString("topics.name"),
                t.readArray("topics.partitions", false, p -> new Partition(
                        p.readInt32("topics.partitions.partition_index"),
                        p.readInt64("topics.partitions.committed_offset"),
                        version >= 6 ? p.readInt32("topics.partitions.committed_leader_epoch") : -1,
                        p.readNullableString("topics.partitions.committed_metadata")))));
        return new OffsetCommitRequest(groupId, generationId, memberId, groupInstanceId, retentionTimeMs, topics);
    }

    /**
     * @param w       the writer
     * @param version the api version, 2-7
     */
    public void write(WireWriter w, short version) {
        w.writeString(groupId);
        w.writeInt32(generationId);
        w.writeString(memberId);
        if (version >= 7) {
            w.writeNullableString(groupInstanceId);
        }
        if (version <= 4) {
            w.writeInt64(retentionTimeMs);
        }
        w.writeArray(topics, false, (tw, t) -> {
            tw.writeString(t.name());
            tw.writeArray(t.partitions(), false, (pw, p) -> {
                pw.writeInt32(p.partitionIndex());
                pw.writeInt64(p.committedOffset());
                if (version >= 6) {
                    pw.writeInt32(p.committedLeaderEpoch());
                }
                pw.writeNullableString(p.committedMetadata());
            });
        });
    }
}
