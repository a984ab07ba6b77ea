package dev.brook.protocol.message;

import dev.brook.protocol.wire.RecordsPayload;
import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.List;

/**
 * Produce request (key 0), v3-7 (all non-flexible; v0-2 are advertised for librdkafka's compression check but refused
 * by {@link dev.brook.protocol.RequestDecoder}). Byte layout of the body (v3-7 are identical on the wire):
 * <pre>
 * transactional_id      NULLABLE_STRING
 * acks                  INT16   (0 = no response at all, 1 = leader, -1 = all in-sync replicas)
 * timeout_ms            INT32
 * topic_data            ARRAY of
 *   name                STRING
 *   partition_data      ARRAY of
 *     index             INT32
 *     records           RECORDS (INT32 length, -1 = null, then record batches)
 * </pre>
 * When read, each records payload is a zero-copy slice of the request frame.
 *
 * @param transactionalId the transactional id, or null
 * @param acks            required acks
 * @param timeoutMs       how long to wait for acks
 * @param topicData       the data per topic
 */
public record ProduceRequest(String transactionalId, short acks, int timeoutMs, List<TopicData> topicData) {

    /**
     * Copies the lists, so the record is immutable.
     *
     * @param transactionalId the transactional id, or null
     * @param acks            required acks
     * @param timeoutMs       how long to wait for acks
     * @param topicData       the data per topic
     */
    public ProduceRequest {
        topicData = List.copyOf(topicData);
    }

    /**
     * @param name          topic name
     * @param partitionData the data per partition
     */
    public record TopicData(String name, List<PartitionData> partitionData) {
        /**
         * Copies the lists, so the record is immutable.
         *
         * @param name          topic name
         * @param partitionData the data per partition
         */
        public TopicData {
            partitionData = List.copyOf(partitionData);
        }
    }

    /**
     * @param index   partition index
     * @param records the record batches, or null
     */
    public record PartitionData(int index, RecordsPayload records) {
    }

    /**
     * @param r       the reader positioned at the body
     * @param version 3-7
     * @return the request
     */
    public static ProduceRequest read(WireReader r, short version) {
        String txnId = r.readNullableString("transactional_id");
        short acks = r.readInt16("acks");
        int timeout = r.readInt32("timeout_ms");
        List<TopicData> topics = r.readArray("topic_data", false, t -> new TopicData(t.readString("topic_data.name"),
                t.readArray("partition_data", false, p -> new PartitionData(p.readInt32("partition_data.index"),
                        p.readRecords("partition_data.records", false)))));
        return new ProduceRequest(txnId, acks, timeout, topics);
    }

    /**
     * @param w       the writer
     * @param version 3-7
     */
    public void write(WireWriter w, short version) {
        w.writeNullableString(transactionalId);
        w.writeInt16(acks);
        w.writeInt32(timeoutMs);
        w.writeArray(topicData, false, (tw, t) -> {
            tw.writeString(t.name());
            tw.writeArray(t.partitionData(), false, (pw, p) -> {
                pw.writeInt32(p.index());
                pw.writeRecords(p.records(), false);
            });
        });
    }
}
