package dev.brook.protocol.message;

import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.List;

/**
 * ListOffsets request (key 2), v1-5 (all non-flexible). Byte layout of the body:
 * <pre>
 * replica_id                 INT32   (-1 for consumers)
 * isolation_level            INT8    v2+ (0 read_uncommitted, 1 read_committed)
 * topics                     ARRAY of
 *   name                     STRING
 *   partitions               ARRAY of
 *     partition_index        INT32
 *     current_leader_epoch   INT32   v4+
 *     timestamp              INT64   (-1 latest, -2 earliest, else a time in ms)
 * </pre>
 *
 * @param replicaId      -1 for consumers
 * @param isolationLevel v2+, else 0
 * @param topics         the partitions to look up
 */
public record ListOffsetsRequest(int replicaId, byte isolationLevel, List<Topic> topics) {

    /**
     * Copies the lists, so the record is immutable.
     *
     * @param replicaId      -1 for consumers
     * @param isolationLevel v2+, else 0
     * @param topics         the partitions to look up
     */
    public ListOffsetsRequest {
        topics = List.copyOf(topics);
    }

    /**
     * @param name       topic name
     * @param partitions partitions to look up
     */
    public record Topic(String name, List<Partition> partitions) {
        /**
         * Copies the lists, so the record is immutable.
         *
         * @param name       topic name
         * @param partitions partitions to look up
         */
        public Topic {
            partitions = List.copyOf(partitions);
        }
    }

    /**
     * @param partitionIndex     partition index
     * @param currentLeaderEpoch v4+, else -1
     * @param timestamp          -1 latest, -2 earliest, else a timestamp in ms
     */
    public record Partition(int partitionIndex, int currentLeaderEpoch, long timestamp) {
    }

    /**
     * @param r       the reader positioned at the body
     * @param version 1-5
     * @return the request
     */
    public static ListOffsetsRequest read(WireReader r, short version) {
        int replicaId = r.readInt32("replica_id");
        byte isolation = version >= 2 ? r.readInt8("isolation_level") : 0;
        List<Topic> topics = r.readArray("topics", false, t -> new Topic(t.readString("topics.name"),
                t.readArray("topics.partitions", false, p -> new Partition(
                        p.readInt32("partitions.partition_index"),
                        version >= 4 ? p.readInt32("partitions.current_leader_epoch") : -1,
                        p.readInt64("partitions.timestamp")))));
        return new ListOffsetsRequest(replicaId, isolation, topics);
    }

    /**
     * @param w       the writer
     * @param version 1-5
     */
    public void write(WireWriter w, short version) {
        w.writeInt32(replicaId);
        if (version >= 2) {
            w.writeInt8(isolationLevel);
        }
        w.writeArray(topics, false, (tw, t) -> {
            tw.writeString(t.name());
            tw.writeArray(t.partitions(), false, (pw, p) -> {
                pw.writeInt32(p.partitionIndex());
                if (version >= 4) {
                    pw.writeInt32(p.currentLeaderEpoch());
                }
                pw.writeInt64(p.timestamp());
            });
        });
    }
}
