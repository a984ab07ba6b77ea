package dev.brook.protocol.message;

import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.List;

/**
 * OffsetDelete response (key 47), v0, the only version; never flexible. Note the top-level error code comes before
 * the throttle time. Byte layout of the body:
 * <pre>
 * error_code            int16
 * throttle_time_ms      int32
 * topics                ARRAY of
 *   name                STRING
 *   partitions          ARRAY of
 *     partition_index   int32
 *     error_code        int16
 * </pre>
 *
 * @param errorCode      0, or the Kafka error code for the whole group (e.g. GROUP_ID_NOT_FOUND(69))
 * @param throttleTimeMs always 0 from Brook (clients self-throttle otherwise)
 * @param topics         one result per requested topic
 */
public record OffsetDeleteResponse(short errorCode, int throttleTimeMs, List<Topic> topics) {

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
     * @param errorCode      0, or the Kafka error code (e.g. GROUP_SUBSCRIBED_TO_TOPIC(86))
     */
    public record Partition(int partitionIndex, short errorCode) {
    }

    /** Copies the list. */
    public OffsetDeleteResponse {
        topics = List.copyOf(topics);
    }

    /**
     * @param r       the reader positioned at the body
     * @param version the api version, 0
     * @return the response
     */
    public static OffsetDeleteResponse read(WireReader r, short version) {
        short errorCode = r.readInt16("error_code");
        int throttle = r.readInt32("throttle_time_ms");
        List<Topic> topics = r.readArray("topics", false, t -> new Topic(
                t.readString("topics.name"),
                t.readArray("topics.partitions", false, p -> new Partition(
                        p.readInt32("topics.partitions.partition_index"),
                        p.readInt16("topics.partitions.error_code")))));
        return new OffsetDeleteResponse(errorCode, throttle, topics);
    }

    /**
     * @param w       the writer
     * @param version the api version, 0
     */
    public void write(WireWriter w, short version) {
        w.writeInt16(errorCode);
        w.writeInt32(throttleTimeMs);
        w.writeArray(topics, false, (tw, t) -> {
            tw.writeString(t.name());
            tw.writeArray(t.partitions(), false, (pw, p) -> {
                pw.writeInt32(p.partitionIndex());
                pw.writeInt16(p.errorCode());
            });
        });
    }
}
