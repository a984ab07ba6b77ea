package dev.brook.protocol.message;

import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.List;

/**
 * DeleteRecords request (key 21), v0-1. These versions are identical on the wire and non-flexible (flexible from
 * v2). Byte layout of the body:
 * <pre>
 * topics               ARRAY of
 *   name               STRING
 *   partitions         ARRAY of
 *     partition_index  int32
 *     offset           int64   (records below it are deleted; -1 = up to the high watermark)
 * timeout_ms           int32
 * </pre>
 *
 * @param topics    the topics and partitions to delete records from
 * @param timeoutMs how long to wait for the deletion
 */
public record DeleteRecordsRequest(List<Topic> topics, int timeoutMs) {

    /**
     * One topic.
     *
     * @param name       the topic name
     * @param partitions its partitions
     */
    public record Topic(String name, List<Partition> partitions) {
        /** Copies the list. */
        public Topic {
            partitions = List.copyOf(partitions);
        }
    }

    /**
     * One partition.
     *
     * @param partitionIndex the partition
     * @param offset         the new log start offset, or -1 for the high watermark
     */
    public record Partition(int partitionIndex, long offset) {
    }

    /** Copies the list. */
    public DeleteRecordsRequest {
        topics = List.copyOf(topics);
    }

    /**
     * @param r       the reader positioned at the body
     * @param version the api version, 0-1
     * @return the request
     */
    public static DeleteRecordsRequest read(WireReader r, short version) {
        List<Topic> topics = r.readArray("topics", false, t -> new Topic(
                t.readString("topics.name"),
                t.readArray("topics.partitions", false, p -> new Partition(
                        p.readInt32("topics.partitions.partition_index"),
                        p.readInt64("topics.partitions.offset")))));
        return new DeleteRecordsRequest(topics, r.readInt32("timeout_ms"));
    }

    /**
     * @param w       the writer
     * @param version the api version, 0-1
     */
    public void write(WireWriter w, short version) {
        w.writeArray(topics, false, (tw, t) -> {
            tw.writeString(t.name());
            tw.writeArray(t.partitions(), false, (pw, p) -> {
                pw.writeInt32(p.partitionIndex());
                pw.writeInt64(p.offset());
            });
        });
        w.writeInt32(timeoutMs);
    }
}
