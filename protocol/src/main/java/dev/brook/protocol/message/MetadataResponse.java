package dev.brook.protocol.message;

import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.List;

/**
 * Metadata response (key 3), v4-8 (all non-flexible). Byte layout of the body:
 * <pre>
 * throttle_time_ms                 INT32
 * brokers                          ARRAY of
 *   node_id INT32, host STRING, port INT32, rack NULLABLE_STRING
 * cluster_id                       NULLABLE_STRING
 * controller_id                    INT32
 * topics                           ARRAY of
 *   error_code                     INT16
 *   name                           STRING
 *   is_internal                    BOOLEAN
 *   partitions                     ARRAY of
 *     error_code INT16, partition_index INT32, leader_id INT32,
 *     leader_epoch INT32           v7+
 *     replica_nodes ARRAY of INT32, isr_nodes ARRAY of INT32,
 *     offline_replicas ARRAY of INT32   v5+
 *   topic_authorized_operations    INT32  v8+
 * cluster_authorized_operations    INT32  v8+
 * </pre>
 *
 * @param throttleTimeMs              always 0 from Brook
 * @param brokers                     every broker, with its advertised host and port
 * @param clusterId                   the cluster id, or null
 * @param controllerId                a live broker id (Admin create/delete topics go there)
 * @param topics                      the topics asked for
 * @param clusterAuthorizedOperations v8+, else {@link #AUTHORIZED_OPERATIONS_OMITTED}
 */
public record MetadataResponse(int throttleTimeMs, List<Broker> brokers, String clusterId, int controllerId,
                               List<Topic> topics, int clusterAuthorizedOperations) {

    /** Kafka's default for authorized-operations fields: not requested / not present in the version. */
    public static final int AUTHORIZED_OPERATIONS_OMITTED = Integer.MIN_VALUE;

    /**
     * Copies the lists, so the record is immutable.
     *
     * @param throttleTimeMs              always 0 from Brook
     * @param brokers                     every broker, with its advertised host and port
     * @param clusterId                   the cluster id, or null
     * @param controllerId                a live broker id (Admin create/delete topics go there)
     * @param topics                      the topics asked for
     * @param clusterAuthorizedOperations v8+, else {@link #AUTHORIZED_OPERATIONS_OMITTED}
     */
    public MetadataResponse {
        brokers = List.copyOf(brokers);
        topics = List.copyOf(topics);
    }

    /**
     * @param nodeId broker id
     * @param host   advertised host
     * @param port   advertised port
     * @param rack   rack or null
     */
    public record Broker(int nodeId, String host, int port, String rack) {
    }

    /**
     * @param errorCode                 topic error
     * @param name                      topic name
     * @param isInternal                true for internal topics (hidden by Admin listTopics)
     * @param partitions                the partitions
     * @param topicAuthorizedOperations v8+, else {@link #AUTHORIZED_OPERATIONS_OMITTED}
     */
    public record Topic(short errorCode, String name, boolean isInternal, List<Partition> partitions,
                        int topicAuthorizedOperations) {
        /**
         * Copies the lists, so the record is immutable.
         *
         * @param errorCode                 topic error
         * @param name                      topic name
         * @param isInternal                true for internal topics (hidden by Admin listTopics)
         * @param partitions                the partitions
         * @param topicAuthorizedOperations v8+, else {@link #AUTHORIZED_OPERATIONS_OMITTED}
         */
        public Topic {
            partitions = List.copyOf(partitions);
        }
    }

    /**
     * @param errorCode       partition error
     * @param partitionIndex  partition number
     * @param leaderId        leader broker id, -1 if none
     * @param leaderEpoch     v7+, else -1
     * @param replicaNodes    all replicas
     * @param isrNodes        in-sync replicas
     * @param offlineReplicas v5+, else empty
     */
    public record Partition(short errorCode, int partitionIndex, int leaderId, int leaderEpoch,
                            List<Integer> replicaNodes, List<Integer> isrNodes, List<Integer> offlineReplicas) {
        /**
         * Copies the lists, so the record is immutable.
         *
         * @param errorCode       partition error
         * @param partitionIndex  partition number
         * @param leaderId        leader broker id, -1 if none
         * @param leaderEpoch     v7+, else -1
         * @param replicaNodes    all replicas
         * @param isrNodes        in-sync replicas
         * @param offlineReplicas v5+, else empty
         */
        public Partition {
            replicaNodes = List.copyOf(replicaNodes);
            isrNodes = List.copyOf(isrNodes);
            offlineReplicas = List.copyOf(offlineReplicas);
        }
    }

    /**
     * @param r       the reader positioned at the body
     * @param version 4-8
     * @return the response
     */
    public static MetadataResponse read(WireReader r, short version) {
        int throttle = r.readInt32("throttle_time_ms");
        List<Broker> brokers = r.readArray("brokers", false, b -> new Broker(b.readInt32("brokers.node_id"),
                b.readString("brokers.host"), b.readInt32("brokers.port"), b.readNullableString("brokers.rack")));
        String clusterId = r.readNullableString("cluster_id");
        int controllerId = r.readInt32("controller_id");
        List<Topic> topics = r.readArray("topics", false, t -> readTopic(t, version));
        int clusterOps = version >= 8 ? r.readInt32("cluster_authorized_operations") : AUTHORIZED_OPERATIONS_OMITTED;
        return new MetadataResponse(throttle, brokers, clusterId, controllerId, topics, clusterOps);
    }

    private static Topic readTopic(WireReader t, short version) {
        short error = t.readInt16("topics.error_code");
        String name = t.readString("topics.name");
        boolean internal = t.readBoolean("topics.is_internal");
        List<Partition> partitions = t.readArray("topics.partitions", false, p -> {
            short pError = p.readInt16("partitions.error_code");
            int index = p.readInt32("partitions.partition_index");
            int leader = p.readInt32("partitions.leader_id");
            int epoch = version >= 7 ? p.readInt32("partitions.leader_epoch") : -1;
            List<Integer> replicas = p.readInt32Array("partitions.replica_nodes", false);
            List<Integer> isr = p.readInt32Array("partitions.isr_nodes", false);
            List<Integer> offline = version >= 5 ? p.readInt32Array("partitions.offline_replicas", false) : List.of();
            return new Partition(pError, index, leader, epoch, replicas, isr, offline);
        });
        int ops = version >= 8 ? t.readInt32("topics.topic_authorized_operations") : AUTHORIZED_OPERATIONS_OMITTED;
        return new Topic(error, name, internal, partitions, ops);
    }

    /**
     * @param w       the writer
     * @param version 4-8
     */
    public void write(WireWriter w, short version) {
        w.writeInt32(throttleTimeMs);
        w.writeArray(brokers, false, (e, b) -> {
            e.writeInt32(b.nodeId());
            e.writeString(b.host());
            e.writeInt32(b.port());
            e.writeNullableString(b.rack());
        });
        w.writeNullableString(clusterId);
        w.writeInt32(controllerId);
        w.writeArray(topics, false, (e, t) -> {
            e.writeInt16(t.errorCode());
            e.writeString(t.name());
            e.writeBoolean(t.isInternal());
            e.writeArray(t.partitions(), false, (pw, p) -> {
                pw.writeInt16(p.errorCode());
                pw.writeInt32(p.partitionIndex());
                pw.writeInt32(p.leaderId());
                if (version >= 7) {
                    pw.writeInt32(p.leaderEpoch());
                }
                pw.writeInt32Array(p.replicaNodes(), false);
                pw.writeInt32Array(p.isrNodes(), false);
                if (version >= 5) {
                    pw.writeInt32Array(p.offlineReplicas(), false);
                }
            });
            if (version >= 8) {
                e.writeInt32(t.topicAuthorizedOperations());
            }
        });
        if (version >= 8) {
            w.writeInt32(clusterAuthorizedOperations);
        }
    }
}
