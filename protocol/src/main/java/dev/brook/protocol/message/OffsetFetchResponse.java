package dev.brook.protocol.message;

import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.List;

/**
 * OffsetFetch response (key 9), v1-5, non-flexible (flexible from v6). Byte layout of the body:
 * <pre>
 * throttle_time_ms           int32             v3+
 * topics                     ARRAY of
 *   name                     STRING
 *   partitions               ARRAY of
 *     partition_index        int32
 *     committed_offset       int64             (-1 = no committed offset)
 *     committed_leader_epoch int32             v5+
 *     metadata               NULLABLE_STRING
 *     error_code             int16
 * error_code                 int16             v2+ (top level; after the topics)
 * </pre>
 *
 * @param throttleTimeMs always 0 from Brook (clients self-throttle otherwise); 0 when read below v3
 * @param topics         the offsets per topic
 * @param errorCode      the top-level error (e.g. COORDINATOR_LOAD_IN_PROGRESS); 0 when read at v1, and not written
 *                       there
 */
public record OffsetFetchResponse(int throttleTimeMs, List<Topic> topics, short errorCode) {

    /**
     * The offsets of one topic.
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
     * The committed offset of one partition.
     *
     * @param partitionIndex       the partition
     * @param committedOffset      the committed offset, or -1 if none
     * @param committedLeaderEpoch the committed leader epoch, or -1; -1 when read below v5, and not written there
     * @param metadata             the client metadata committed with the offset, or null
     * @param errorCode            0, or the Kafka error code
     */
    public record Partition(int partitionIndex, long committedOffset, int committedLeaderEpoch, String metadata,
            short errorCode) {
    }

    /** Copies the list. */
    public OffsetFetchResponse {
        topics = List.copyOf(topics);
    }

    /**
     * @param r       the reader positioned at the body
     * @param version the api version, 1-5
     * @return the response
     */
    public static OffsetFetchResponse read(WireReader r, short version) {
        int throttle = version >= 3 ? r.readInt32("throttle_time_ms") : 0;
        List<Topic> topics = r.readArray("topics", false, t -> new Topic(
                t.readString("topics.name"),
                t.readArray("topics.partitions", false, p -> new Partition(
                        p.readInt32("topics.partitions.partition_index"),
                        p.readInt64("topics.partitions.committed_offset"),
                        version >= 5 ? p.readInt32("topics.partitions.committed_leader_epoch") : -1,
                        p.readNullableString("topics.partitions.metadata"),
                        p.readInt16("topics.partitions.error_code")))));
        short errorCode = version >= 2 ? r.readInt16("error_code") : 0;
        return new OffsetFetchResponse(throttle, topics, errorCode);
    }

    /**
     * @param w       the writer
     * @param version the api version, 1-5
     */
    public void write(WireWriter w, short version) {
        if (version >= 3) {
            w.writeInt32(throttleTimeMs);
        }
        w.writeArray(topics, false, (tw, t) -> {
            tw.writeString(t.name());
            tw.writeArray(t.partitions(), false, (pw, p) -> {
                pw.writeInt32(p.partitionIndex());
                pw.writeInt64(p.committedOffset());
                if (version >= 5) {
                    pw.writeInt32(p.committedLeaderEpoch());
                }
                pw.writeNullableString(p.metadata());
                pw.writeInt16(p.errorCode());
            });
        });
        if (version >= 2) {
            w.writeInt16(errorCode);
        }
    }
}
