package dev.brook.protocol.message;

import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.List;

/**
 * Produce response (key 0), v3-7 (all non-flexible). Byte layout of the body:
 * <pre>
 * responses                  ARRAY of
 *   name                     STRING
 *   partition_responses      ARRAY of
 *     index                  INT32
 *     error_code             INT16
 *     base_offset            INT64
 *     log_append_time_ms     INT64   (-1 unless the topic uses LogAppendTime)
 *     log_start_offset       INT64   v5+
 * throttle_time_ms           INT32
 * </pre>
 *
 * @param responses      results per topic
 * @param throttleTimeMs always 0 from Brook
 */
public record ProduceResponse(List<TopicResponse> responses, int throttleTimeMs) {

    /**
     * Copies the lists, so the record is immutable.
     *
     * @param responses      results per topic
     * @param throttleTimeMs always 0 from Brook
     */
    public ProduceResponse {
        responses = List.copyOf(responses);
    }

    /**
     * @param name               topic name
     * @param partitionResponses results per partition
     */
    public record TopicResponse(String name, List<PartitionResponse> partitionResponses) {
        /**
         * Copies the lists, so the record is immutable.
         *
         * @param name               topic name
         * @param partitionResponses results per partition
         */
        public TopicResponse {
            partitionResponses = List.copyOf(partitionResponses);
        }
    }

    /**
     * @param index           partition index
     * @param errorCode       error, 0 on success
     * @param baseOffset      offset of the first appended record
     * @param logAppendTimeMs broker append time for LogAppendTime topics, else -1
     * @param logStartOffset  v5+, else -1
     */
    public record PartitionResponse(int index, short errorCode, long baseOffset, long logAppendTimeMs,
                                    long logStartOffset) {
    }

    /**
     * @param r       the reader positioned at the body
     * @param version 3-7
     * @return the response
     */
    public static ProduceResponse read(WireReader r, short version) {
        List<TopicResponse> responses = r.readArray("responses", false, t -> new TopicResponse(
                t.readString("responses.name"),
                t.readArray("partition_responses", false, p -> new PartitionResponse(
                        p.readInt32("partition_responses.index"),
                        p.readInt16("partition_responses.error_code"),
                        p.readInt64("partition_responses.base_offset"),
                        p.readInt64("partition_responses.log_append_time_ms"),
                        version >= 5 ? p.readInt64("partition_responses.log_start_offset") : -1L))));
        int throttle = r.readInt32("throttle_time_ms");
        return new ProduceResponse(responses, throttle);
    }

    /**
     * @param w       the writer
     * @param version 3-7
     */
    public void write(WireWriter w, short version) {
        w.writeArray(responses, false, (tw, t) -> {
            tw.writeString(t.name());
            tw.writeArray(t.partitionResponses(), false, (pw, p) -> {
                pw.writeInt32(p.index());
                pw.writeInt16(p.errorCode());
                pw.writeInt64(p.baseOffset());
                pw.writeInt64(p.logAppendTimeMs());
                if (version >= 5) {
                    pw.writeInt64(p.logStartOffset());
                }
            });
        });
        w.writeInt32(throttleTimeMs);
    }
}
