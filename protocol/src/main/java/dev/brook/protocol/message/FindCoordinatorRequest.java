package dev.brook.protocol.message;

import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;

/**
 * FindCoordinator request (key 10), v0-2, non-flexible (flexible from v3; batched keys from v4). Byte layout of the
 * body:
 * <pre>
 * key        STRING   (group id or transactional id)
 * key_type   int8     v1+ (0 = group, 1 = transaction)
 * </pre>
 *
 * @param key     the coordinator key
 * @param keyType 0 for a group, 1 for a transaction; 0 when read at v0, and not written there
 */
public record FindCoordinatorRequest(String key, byte keyType) {

    /** Kafka's key type for a consumer group. */
    public static final byte KEY_TYPE_GROUP = 0;
    /** Kafka's key type for a transactional id. */
    public static final byte KEY_TYPE_TRANSACTION = 1;

    /**
     * @param r       the reader positioned at the body
     * @param version the api version, 0-2
     * @return the request
     */
    public static FindCoordinatorRequest read(WireReader r, short version) {
        String key = r.readString("key");
        byte keyType = version >= 1 ? r.readInt8("key_type") : KEY_TYPE_GROUP;
        return new FindCoordinatorRequest(key, keyType);
    }

    /**
     * @param w       the writer
     * @param version the api version, 0-2
     */
    public void write(WireWriter w, short version) {
        w.writeString(key);
        if (version >= 1) {
            w.writeInt8(keyType);
        }
    }
}
