package dev.brook.protocol.message;

import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.List;

/**
 * Fetch request (key 1), v4-11 (all non-flexible). Byte layout of the body:
 * <pre>
 * replica_id                 INT32   (-1 for consumers)
 * max_wait_ms                INT32
 * min_bytes                  INT32
 * max_bytes                  INT32
 * isolation_level            INT8    (0 read_uncommitted, 1 read_committed)
 * session_id                 INT32   v7+
 * session_epoch              INT32   v7+
 * topics                     ARRAY of
 *   topic                    STRING
 *   partitions               ARRAY of
 *     partition              INT32
 *     current_leader_epoch   INT32   v9+
 *     fetch_offset           INT64
 *     log_start_offset       INT64   v5+ (followers only; -1 from consumers)
 *     partition_max_bytes    INT32
 * forgotten_topics_data      ARRAY   v7+ of
 *   topic                    STRING
 *   partitions               ARRAY of INT32
 * rack_id                    STRING  v11+
 * </pre>
 *
 * @param replicaId       -1 for consumers
 * @param maxWaitMs       longest time to wait for minBytes
 * @param minBytes        minimum bytes to accumulate
 * @param maxBytes        maximum bytes in the response (soft: one batch may exceed it)
 * @param isolationLevel  0 read_uncommitted, 1 read_committed
 * @param sessionId       v7+, else 0 (no session)
 * @param sessionEpoch    v7+, else -1
 * @param topics          partitions to fetch
 * @param forgottenTopics v7+, partitions to drop from the session, else empty
 * @param rackId          v11+, else ""
 */
public record FetchRequest(int replicaId, int maxWaitMs, int minBytes, int maxBytes, byte isolationLevel,
                           int sessionId, int sessionEpoch, List<Topic> topics, List<ForgottenTopic> forgottenTopics,
                           String rackId) {

    /**
     * Copies the lists, so the record is immutable.
     *
     * @param replicaId       -1 for consumers
     * @param maxWaitMs       longest time to wait for minBytes
     * @param minBytes        minimum bytes to accumulate
     * @param maxBytes        maximum bytes in the response (soft: one batch may exceed it)
     * @param isolationLevel  0 read_uncommitted, 1 read_committed
     * @param sessionId       v7+, else 0 (no session)
     * @param sessionEpoch    v7+, else -1
     * @param topics          partitions to fetch
     * @param forgottenTopics v7+, partitions to drop from the session, else empty
     * @param rackId          v11+, else ""
     */
    public FetchRequest {
        topics = List.copyOf(topics);
        forgottenTopics = List.copyOf(forgottenTopics);
    }

    /**
     * @param topic      topic name
     * @param partitions partitions to fetch
     */
    public record Topic(String topic, List<Partition> partitions) {
        /**
         * Copies the lists, so the record is immutable.
         *
         * @param topic      topic name
         * @param partitions partitions to fetch
         */
        public Topic {
            partitions = List.copyOf(partitions);
        }
    }

    /**
     * @param partition          partition index
     * @param currentLeaderEpoch v9+, else -1
     * @param fetchOffset        offset to fetch from
     * @param logStartOffset     v5+, else -1
     * @param partitionMaxBytes  maximum bytes for this partition (soft)
     */
    public record Partition(int partition, int currentLeaderEpoch, long fetchOffset, long logStartOffset,
                            int partitionMaxBytes) {
    }

    /**
     * @param topic      topic name
     * @param partitions partition indexes to forget
     */
    public record ForgottenTopic(String topic, List<Integer> partitions) {
        /**
         * Copies the lists, so the record is immutable.
         *
         * @param topic      topic name
         * @param partitions partition indexes to forget
         */
        public ForgottenTopic {
            partitions = List.copyOf(partitions);
        }
    }

    /**
     * @param r       the reader positioned at the body
     * @param version 4-11
     * @return the request
     */
    public static FetchRequest read(WireReader r, short version) {
        int replicaId = r.readInt32("replica_id");
        int maxWait = r.readInt32("max_wait_ms");
        int minBytes = r.readInt32("min_bytes");
        int maxBytes = r.readInt32("max_bytes");
        byte isolation = r.readInt8("isolation_level");
        int sessionId = version >= 7 ? r.readInt32("session_id") : 0;
        int sessionEpoch = version >= 7 ? r.readInt32("session_epoch") : -1;
        List<Topic> topics = r.readArray("topics", false, t -> new Topic(t.readString("topics.topic"),
                t.readArray("topics.partitions", false, p -> new Partition(
                        p.readInt32("partitions.partition"),
                        version >= 9 ? p.readInt32("partitions.current_leader_epoch") : -1,
                        p.readInt64("partitions.fetch_offset"),
                        version >= 5 ? p.readInt64("partitions.log_start_offset") : -1L,
                        p.readInt32("partitions.partition_max_bytes")))));
        List<ForgottenTopic> forgotten = version >= 7
                ? r.readArray("forgotten_topics_data", false, t -> new ForgottenTopic(
                        t.readString("forgotten_topics_data.topic"),
                        t.readInt32Array("forgotten_topics_data.partitions", false)))
                : List.of();
        String rackId = version >= 11 ? r.readString("rack_id") : "";
        return new FetchRequest(replicaId, maxWait, minBytes, maxBytes, isolation, sessionId, sessionEpoch, topics,
                forgotten, rackId);
    }

    /**
     * @param w       the writer
     * @param version 4-11
     */
    public void write(WireWriter w, short version) {
        w.writeInt32(replicaId);
        w.writeInt32(maxWaitMs);
        w.writeInt32(minBytes);
        w.writeInt32(maxBytes);
        w.writeInt8(isolationLevel);
        if (version >= 7) {
            w.writeInt32(sessionId);
            w.writeInt32(sessionEpoch);
        }
        w.writeArray(topics, false, (tw, t) -> {
            tw.writeString(t.topic());
            tw.writeArray(t.partitions(), false, (pw, p) -> {
                pw.writeInt32(p.partition());
                if (version >= 9) {
                    pw.writeInt32(p.currentLeaderEpoch());
                }
                pw.writeInt64(p.fetchOffset());
                if (version >= 5) {
                    pw.writeInt64(p.logStartOffset());
                }
                pw.writeInt32(p.partitionMaxBytes());
            });
        });
        if (version >= 7) {
            w.writeArray(forgottenTopics, false, (tw, t) -> {
                tw.writeString(t.topic());
                tw.writeInt32Array(t.partitions(), false);
            });
        }
        if (version >= 11) {
            w.writeString(rackId);
        }
    }
}
