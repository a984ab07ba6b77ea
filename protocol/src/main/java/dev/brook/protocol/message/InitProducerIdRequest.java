package dev.brook.protocol.message;

import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;

/**
 * InitProducerId request (key 22), v0-1. These versions are identical on the wire and non-flexible (flexible from
 * v2; v3 adds the epoch bump). Byte layout of the body:
 * <pre>
 * transactional_id         NULLABLE_STRING  (null for an idempotent, non-transactional producer)
 * transaction_timeout_ms   int32
 * </pre>
 *
 * @param transactionalId      the transactional id, or null
 * @param transactionTimeoutMs the idle-transaction timeout, meaningful only with a transactional id
 */
public record InitProducerIdRequest(String transactionalId, int transactionTimeoutMs) {

    /**
     * @param r       the reader positioned at the body
     * @param version the api version, 0-1
     * @return the request
     */
    public static InitProducerIdRequest read(WireReader r, short version) {
        String transactionalId = r.readNullableString("transactional_id");
        return new InitProducerIdRequest(transactionalId, r.readInt32("transaction_timeout_ms"));
    }

    /**
     * @param w       the writer
     * @param version the api version, 0-1
     */
    public void write(WireWriter w, short version) {
        w.writeNullableString(transactionalId);
        w.writeInt32(transactionTimeoutMs);
    }
}
