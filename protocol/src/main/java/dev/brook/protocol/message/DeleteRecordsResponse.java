package dev.brook.protocol.message;

import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.List;

/**
 * DeleteRecords response (key 21), v0-1. These versions are identical on the wire and non-flexible (flexible from
 * v2). Byte layout of the body:
 * <pre>
 * throttle_time_ms     int32
 * topics               ARRAY of
 *   name               STRING
 *   partitions         ARRAY of
 *     partition_index  int32
 *     low_watermark    int64
 *     error_code       int16
 * </pre>
 *
 * @param throttleTimeMs always 0 from Brook (clients self-throttle otherwise)
 * @param topics         one result per requested topic
 */
public record DeleteRecordsResponse(int throttleTimeMs, List<TopicResult> topics) {

    /**
     * The outcome for one topic.
     *
     * @param name       the topic name
     * @param partitions one result per requested partition
     */
    public record TopicResult(String name, List<PartitionResult> partitions) {
        /** Copies the list. */
        public TopicResult {
            partitions = List.copyOf(partitions);
        }
    }

    /**
     * The outcome for one partition.
     *
     * @param partitionIndex the partition
     * @param lowWatermark   the partition's log start offset after the deletion
     * @param errorCode      0, or the Kafka error code
     */
    public record PartitionResult(int partitionIndex, long lowWatermark, short errorCode) {
    }

    /** Copies the list. */
    public DeleteRecordsResponse {
        topics = List.copyOf(topics);
    }

    /**
     * @param r       the reader positioned at the body
     * @param version the api version, 0-1
     * @return the response
     */
    public static DeleteRecordsResponse read(WireReader r, short version) {
        int throttle = r.readInt32("throttle_time_ms");
        List<TopicResult> topics = r.readArray("topics", false, t -> new TopicResult(
                t.readString("topics.name"),
                t.readArray("topics.partitions", false, p -> new PartitionResult(
                        p.readInt32("topics.partitions.partition_index"),
                        p.readInt64("topics.partitions.low_watermark"),
                        p.readInt16("topics.partitions.error_code")))));
        return new DeleteRecordsResponse(throttle, topics);
    }

    /**
     * @param w       the writer
     * @param version the api version, 0-1
     */
    public void write(WireWriter w, short version) {
        w.writeInt32(throttleTimeMs);
        w.writeArray(topics, false, (tw, t) -> {
            tw.writeString(t.name());
            tw.writeArray(t.partitions(), false, (pw, p) -> {
                pw.writeInt32(p.partitionIndex());
                pw.writeInt64(p.lowWatermark());
                pw.writeInt16(p.errorCode());
            });
        });
    }
}
