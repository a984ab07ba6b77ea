package dev.brook.protocol.testing;

import dev.brook.protocol.wire.ByteBufferRecords;
import dev.brook.protocol.wire.RecordsPayload;
import org.apache.kafka.common.record.internal.BaseRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;

/** Converts records payloads between Brook and kafka-clients for the codec tests. */
public final class KafkaRecords {
    private KafkaRecords() {
    }

    /** @return Kafka's view of the same bytes, or null */
    public static MemoryRecords toKafka(RecordsPayload records) {
        return records == null ? null : MemoryRecords.readableRecords(((ByteBufferRecords) records).buffer());
    }

    /** @return Brook's view of the same bytes, or null */
    public static ByteBufferRecords fromKafka(BaseRecords records) {
        return records == null ? null : new ByteBufferRecords(((MemoryRecords) records).buffer());
    }
}
