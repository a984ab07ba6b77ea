package dev.brook.protocol.message;

import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.List;

/**
 * ListOffsets response (key 2), v1-5 (all non-flexible). Byte layout of the body:
 * <pre>
 * throttle_time_ms           INT32   v2+
 * topics                     ARRAY of
 *   name                     STRING
 *   partitions               ARRAY of
 *     partition_index        INT32
 *     error_code             INT16
 *     timestamp              INT64   (-1 when looking up latest/earliest)
 *     offset                 INT64
 *     leader_epoch           INT32   v4+
 * </pre>
 *
 * @param throttleTimeMs v2+, else 0; always 0 from Brook
 * @param topics         results per topic
 */
public record ListOffsetsResponse(int throttleTimeMs, List<Topic> topics) {

    /**
     * Copies the lists, so the record is immutable.
     *
     * @param throttleTimeMs v2+, else 0; always 0 from Brook
     * @param topics         results per topic
     */
    public ListOffsetsResponse {
        topics = List.copyOf(topics);
    }

    /**
     * @param name       topic name
     * @param partitions results per partition
     */
    public record Topic(String name, List<Partition> partitions) {
        /**
         * Copies the lists, so the record is immutable.
         *
         * @param name       topic name
         * @param partitions results per partition
         */
        public Topic {
            partitions = List.copyOf(partitions);
        }
    }

    /**
     * @param partitionIndex partition index
     * @param errorCode      partition error
     * @param timestamp      timestamp of the found offset, or -1
     * @param offset         the offset, or -1
     * @param leaderEpoch    v4+, else -1
     */
    public record Partition(int partitionIndex, short errorCode, long timestamp, long offset, int leaderEpoch) {
    }

    /**
     * @param r       the reader positioned at the body
     * @param version 1-5
     * @return the response
     */
    public static ListOffsetsResponse read(WireReader r, short version) {
        int throttle = version >= 2 ? r.readInt32("throttle_time_ms") : 0;
        List<Topic> topics = r.readArray("topics", false, t -> new Topic(t.readString("topics.name"),
                t.readArray("topics.partitions", false, p -> new Partition(
                        p.readInt32("partitions.partition_index"),
                        p.readInt16("partitions.error_code"),
                        p.readInt64("partitions.timestamp"),
                        p.readInt64("partitions.offset"),
                        version >= 4 ? p.readInt32("partitions.leader_epoch") : -1))));
        return new ListOffsetsResponse(throttle, topics);
    }

    /**
     * @param w       the writer
     * @param version 1-5
     */
    public void write(WireWriter w, short version) {
        if (version >= 2) {
            w.writeInt32(throttleTimeMs);
        }
        w.writeArray(topics, false, (tw, t) -> {
            tw.writeString(t.name());
            tw.writeArray(t.partitions(), false, (pw, p) -> {
                pw.writeInt32(p.partitionIndex());
                pw.writeInt16(p.errorCode());
                pw.writeInt64(p.timestamp());
                pw.writeInt64(p.offset());
                if (version >= 4) {
                    pw.writeInt32(p.leaderEpoch());
                }
            });
        });
    }
}
