package dev.brook.log.record;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The type of the single record in a control batch (attribute bit 5), read from that record's key.
 *
 * <p>Key layout (big-endian), the same for every type:
 *
 * <pre>
 * offset  size  field
 *      0     2  Version  0 is the only version; a higher one may append fields after Type
 *      2     2  Type     see the constants below
 * </pre>
 *
 * Transaction markers ({@link #ABORT}, {@link #COMMIT}) carry the value {@code int16 version (0), int32
 * coordinatorEpoch}; the other types carry KRaft messages that Brook stores without interpreting.
 */
public enum ControlRecordType {
    /** Transaction marker: the producer's records since its last marker are aborted. */
    ABORT(0),
    /** Transaction marker: the producer's records since its last marker are committed. */
    COMMIT(1),
    /** KRaft: the leader of the metadata log changed. */
    LEADER_CHANGE(2),
    /** KRaft: first record of a snapshot. */
    SNAPSHOT_HEADER(3),
    /** KRaft: last record of a snapshot. */
    SNAPSHOT_FOOTER(4),
    /** KRaft: the kraft.version feature level. */
    KRAFT_VERSION(5),
    /** KRaft: the voter set. */
    KRAFT_VOTERS(6),
    /**
     * A well-formed key whose type Brook does not know (a newer Kafka may add types). Parsing yields it; it can
     * never be written.
     */
    UNKNOWN(-1);

    /** Size of a version 0 key. */
    public static final int KEY_SIZE = 4;
    /** The key version Brook writes. */
    public static final short CURRENT_KEY_VERSION = 0;

    private final short id;

    ControlRecordType(int id) {
        this.id = (short) id;
    }

    /** The type id stored in the key, -1 for {@link #UNKNOWN}. */
    public short id() {
        return id;
    }

    /** The type with this id, or {@link #UNKNOWN}. */
    public static ControlRecordType forId(short id) {
        for (ControlRecordType type : values()) {
            if (type.id == id && type != UNKNOWN) {
                return type;
            }
        }
        return UNKNOWN;
    }

    /**
     * Encodes this type's key: version 0, then the type id.
     *
     * @throws IllegalArgumentException for {@link #UNKNOWN}
     */
    public ByteBuffer encodeKey() {
        if (this == UNKNOWN) {
            throw new IllegalArgumentException("UNKNOWN is not a control record type that can be written");
        }
        ByteBuffer key = ByteBuffer.allocate(KEY_SIZE);
        key.putShort(CURRENT_KEY_VERSION).putShort(id).flip();
        return key;
    }

    /**
     * Reads the type from a control record's key without moving the buffer's position.
     *
     * @param key the key between position and limit, or {@code null}
     * @return the type, {@link #UNKNOWN} for a well-formed key of an unknown type
     * @throws CorruptRecordException if the key is null, shorter than 4 bytes, has a negative version, or is a
     *     version 0 key longer than 4 bytes
     */
    public static ControlRecordType parseKey(ByteBuffer key) {
        if (key == null) {
            throw new CorruptRecordException("control record has a null key");
        }
        if (key.remaining() < KEY_SIZE) {
            throw new CorruptRecordException("control record key has " + key.remaining() + " bytes, need "
                    + KEY_SIZE + " (int16 version, int16 type)");
        }
        // The key is big-endian whatever order the caller's buffer is set to.
        ByteBuffer bigEndian = key.duplicate().order(ByteOrder.BIG_ENDIAN);
        short version = bigEndian.getShort(key.position());
        if (version < 0) {
            throw new CorruptRecordException("control record key has negative version " + version);
        }
        if (version == CURRENT_KEY_VERSION && key.remaining() != KEY_SIZE) {
            throw new CorruptRecordException("version 0 control record key has " + key.remaining()
                    + " bytes, expected exactly " + KEY_SIZE);
        }
        return forId(bigEndian.getShort(key.position() + 2));
    }
}
