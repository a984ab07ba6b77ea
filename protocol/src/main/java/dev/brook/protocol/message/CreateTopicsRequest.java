package dev.brook.protocol.message;

import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.List;

/**
 * CreateTopics request (key 19), v2-4. These versions are identical on the wire and non-flexible (flexible from v5).
 * Byte layout of the body:
 * <pre>
 * topics                  ARRAY of
 *   name                  STRING
 *   num_partitions        int32   (-1 = broker default or manual assignment)
 *   replication_factor    int16   (-1 = broker default or manual assignment)
 *   assignments           ARRAY of
 *     partition_index     int32
 *     broker_ids          ARRAY of int32
 *   configs               ARRAY of
 *     name                STRING
 *     value               NULLABLE_STRING
 * timeout_ms              int32
 * validate_only           BOOLEAN (int8)
 * </pre>
 *
 * @param topics       the topics to create
 * @param timeoutMs    how long to wait for creation
 * @param validateOnly whether to only validate, creating nothing
 */
public record CreateTopicsRequest(List<CreatableTopic> topics, int timeoutMs, boolean validateOnly) {

    /**
     * One topic to create.
     *
     * @param name              the topic name
     * @param numPartitions     partitions, or -1 for the default or a manual assignment
     * @param replicationFactor replicas per partition, or -1 for the default or a manual assignment
     * @param assignments       the manual assignment, or empty
     * @param configs           topic config overrides
     */
    public record CreatableTopic(String name, int numPartitions, short replicationFactor,
            List<ReplicaAssignment> assignments, List<Config> configs) {
        /** Copies the lists. */
        public CreatableTopic {
            assignments = List.copyOf(assignments);
            configs = List.copyOf(configs);
        }
    }

    /**
     * The replicas of one partition in a manual assignment.
     *
     * @param partitionIndex the partition
     * @param brokerIds      the brokers to place it on
     */
    public record ReplicaAssignment(int partitionIndex, List<Integer> brokerIds) {
        /** Copies the list. */
        public ReplicaAssignment {
            brokerIds = List.copyOf(brokerIds);
        }
    }

    /**
     * One topic config override.
     *
     * @param name  the config name
     * @param value the value, or null
     */
    public record Config(String name, String value) {
    }

    /** Copies the list. */
    public CreateTopicsRequest {
        topics = List.copyOf(topics);
    }

    /**
     * @param r       the reader positioned at the body
     * @param version the api version, 2-4
     * @return the request
     */
    public static CreateTopicsRequest read(WireReader r, short version) {
        List<CreatableTopic> topics = r.readArray("topics", false, t -> new CreatableTopic(
                t.readString("topics.name"),
                t.readInt32("topics.num_partitions"),
                t.readInt16("topics.replication_factor"),
                t.readArray("topics.assignments", false, a -> new ReplicaAssignment(
                        a.readInt32("topics.assignments.partition_index"),
                        a.readInt32Array("topics.assignments.broker_ids", false))),
                t.readArray("topics.configs", false, c -> new Config(
                        c.readString("topics.configs.name"),
                        c.readNullableString("topics.configs.value")))));
        int timeoutMs = r.readInt32("timeout_ms");
        boolean validateOnly = r.readBoolean("validate_only");
        return new CreateTopicsRequest(topics, timeoutMs, validateOnly);
    }

    /**
     * @param w       the writer
     * @param version the api version, 2-4
     */
    public void write(WireWriter w, short version) {
        w.writeArray(topics, false, (tw, t) -> {
            tw.writeString(t.name());
            tw.writeInt32(t.numPartitions());
            tw.writeInt16(t.replicationFactor());
            tw.writeArray(t.assignments(), false, (aw, a) -> {
                aw.writeInt32(a.partitionIndex());
                aw.writeInt32Array(a.brokerIds(), false);
            });
            tw.writeArray(t.configs(), false, (cw, c) -> {
                cw.writeString(c.name());
                cw.writeNullableString(c.value());
            });
        });
        w.writeInt32(timeoutMs);
        w.writeBoolean(validateOnly);
    }
}
