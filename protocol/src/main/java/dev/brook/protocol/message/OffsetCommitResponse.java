package dev.brook.protocol.message;

import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.List;

/**
 * OffsetCommit response (key 8), v2-7, non-flexible (flexible from v8). Byte layout of the body:
 * <pre>
 * throttle_time_ms      int32   v3+
 * topics                ARRAY of
 *   name                STRING
 *   partitions          ARRAY of
 *     partition_index   int32
 *     error_code        int16
 * </pre>
 *
 * @param throttleTimeMs always 0 from Brook (clients self-throttle otherwise); 0 when read at v2
 * @param topics         one result per requested topic
 */
public record OffsetCommitResponse(int throttleTimeMs, List<Topic> topics) {

    /**
     * The outcome for one topic.
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
     * The outcome for one partition.
     *
     * @param partitionIndex the partition
     * @param errorCode      0, or the Kafka error code
     */
    public record Partition(int partitionIndex, short errorCode) {
    }

    /** Copies the list. */
    public OffsetCommitResponse {
        topics = List.copyOf(topics);
    }

    /**
     * @param r       the reader positioned at the body
     * @param version the api version, 2-7
     * @return the response
     */
    public static OffsetCommitResponse read(WireReader r, short version) {
        int throttle = version >= 3 ? r.readInt32("throttle_time_ms") : 0;
        List<Topic> topics = r.readArray("topics", false, t -> new Topic(
                t.readString("topics.name"),
                t.readArray("topics.partitions", false, p -> new Partition(
                        p.readInt32("topics.partitions.partition_index"),
                        p.readInt16("topics.partitions.error_code")))));
        return new OffsetCommitResponse(throttle, topics);
    }

    /**
     * @param w       the writer
     * @param version the api version, 2-7
     */
    public void write(WireWriter w, short version) {
        if (version >= 3) {
            w.writeInt32(throttleTimeMs);
        }
        w.writeArray(topics, false, (tw, t) -> {
            tw.writeString(t.name());
            tw.writeArray(t.partitions(), false, (pw, p) -> {
                pw.writeInt32(p.partitionIndex());
                pw.writeInt16(p.errorCode());
            });
        });
    }
}
