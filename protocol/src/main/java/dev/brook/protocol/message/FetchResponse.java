package dev.brook.protocol.message;

import dev.brook.protocol.wire.RecordsPayload;
import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.List;

/**
 * Fetch response (key 1), v4-11 (all non-flexible). Byte layout of the body:
 * <pre>
 * throttle_time_ms              INT32
 * error_code                    INT16   v7+ (session-level error)
 * session_id                    INT32   v7+ (0 = sessionless)
 * responses                     ARRAY of
 *   topic                       STRING
 *   partitions                  ARRAY of
 *     partition_index           INT32
 *     error_code                INT16
 *     high_watermark            INT64
 *     last_stable_offset        INT64
 *     log_start_offset          INT64   v5+
 *     aborted_transactions      ARRAY (-1 = null) of
 *       producer_id INT64, first_offset INT64
 *     preferred_read_replica    INT32   v11+ (-1 = read from the leader)
 *     records                   RECORDS (INT32 length, -1 = null, then record batches)
 * </pre>
 * When written, each records payload becomes its own chunk of the {@link dev.brook.protocol.wire.EncodedMessage}, so
 * a file region the broker supplies is never copied here.
 *
 * @param throttleTimeMs always 0 from Brook
 * @param errorCode      v7+, else 0
 * @param sessionId      v7+, else 0
 * @param responses      data per topic
 */
public record FetchResponse(int throttleTimeMs, short errorCode, int sessionId, List<TopicResponse> responses) {

    /**
     * Copies the lists, so the record is immutable.
     *
     * @param throttleTimeMs always 0 from Brook
     * @param errorCode      v7+, else 0
     * @param sessionId      v7+, else 0
     * @param responses      data per topic
     */
    public FetchResponse {
        responses = List.copyOf(responses);
    }

    /**
     * @param topic      topic name
     * @param partitions data per partition
     */
    public record TopicResponse(String topic, List<PartitionData> partitions) {
        /**
         * Copies the lists, so the record is immutable.
         *
         * @param topic      topic name
         * @param partitions data per partition
         */
        public TopicResponse {
            partitions = List.copyOf(partitions);
        }
    }

    /**
     * @param partitionIndex       partition index
     * @param errorCode            partition error
     * @param highWatermark        high watermark
     * @param lastStableOffset     last stable offset
     * @param logStartOffset       v5+, else -1
     * @param abortedTransactions  aborted transactions in the returned range (read_committed), or null
     * @param preferredReadReplica v11+, else -1
     * @param records              record batches, or null
     */
    public record PartitionData(int partitionIndex, short errorCode, long highWatermark, long lastStableOffset,
                                long logStartOffset, List<AbortedTransaction> abortedTransactions,
                                int preferredReadReplica, RecordsPayload records) {
        /**
         * Copies the lists, so the record is immutable.
         *
         * @param partitionIndex       partition index
         * @param errorCode            partition error
         * @param highWatermark        high watermark
         * @param lastStableOffset     last stable offset
         * @param logStartOffset       v5+, else -1
         * @param abortedTransactions  aborted transactions in the returned range (read_committed), or null
         * @param preferredReadReplica v11+, else -1
         * @param records              record batches, or null
         */
        public PartitionData {
            abortedTransactions = abortedTransactions == null ? null : List.copyOf(abortedTransactions);
        }
    }

    /**
     * @param producerId  the aborting producer
     * @param firstOffset first offset of its aborted transaction
     */
    public record AbortedTransaction(long producerId, long firstOffset) {
    }

    /**
     * @param r       the reader positioned at the body
     * @param version 4-11
     * @return the response
     */
    public static FetchResponse read(WireReader r, short version) {
        int throttle = r.readInt32("throttle_time_ms");
        short errorCode = version >= 7 ? r.readInt16("error_code") : 0;
        int sessionId = version >= 7 ? r.readInt32("session_id") : 0;
        List<TopicResponse> responses = r.readArray("responses", false, t -> new TopicResponse(
                t.readString("responses.topic"), t.readArray("responses.partitions", false, p -> readPartition(p,
                        version))));
        return new FetchResponse(throttle, errorCode, sessionId, responses);
    }

    private static PartitionData readPartition(WireReader p, short version) {
        int index = p.readInt32("partitions.partition_index");
        short error = p.readInt16("partitions.error_code");
        long hw = p.readInt64("partitions.high_watermark");
        long lso = p.readInt64("partitions.last_stable_offset");
        long logStart = version >= 5 ? p.readInt64("partitions.log_start_offset") : -1L;
        List<AbortedTransaction> aborted = p.readNullableArray("partitions.aborted_transactions", false,
                a -> new AbortedTransaction(a.readInt64("aborted_transactions.producer_id"),
                        a.readInt64("aborted_transactions.first_offset")));
        int preferred = version >= 11 ? p.readInt32("partitions.preferred_read_replica") : -1;
        RecordsPayload records = p.readRecords("partitions.records", false);
        return new PartitionData(index, error, hw, lso, logStart, aborted, preferred, records);
    }

    /**
     * @param w       the writer
     * @param version 4-11
     */
    public void write(WireWriter w, short version) {
        w.writeInt32(throttleTimeMs);
        if (version >= 7) {
            w.writeInt16(errorCode);
            w.writeInt32(sessionId);
        }
        w.writeArray(responses, false, (tw, t) -> {
            tw.writeString(t.topic());
            tw.writeArray(t.partitions(), false, (pw, p) -> {
                pw.writeInt32(p.partitionIndex());
                pw.writeInt16(p.errorCode());
                pw.writeInt64(p.highWatermark());
                pw.writeInt64(p.lastStableOffset());
                if (version >= 5) {
                    pw.writeInt64(p.logStartOffset());
                }
                pw.writeArray(p.abortedTransactions(), false, (aw, a) -> {
                    aw.writeInt64(a.producerId());
                    aw.writeInt64(a.firstOffset());
                });
                if (version >= 11) {
                    pw.writeInt32(p.preferredReadReplica());
                }
                pw.writeRecords(p.records(), false);
            });
        });
    }
}
