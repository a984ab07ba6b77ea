package dev.brook.log.record;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Decodes one record body: the bytes after the record's Length varint. Layout:
 *
 * <pre>
 * field            encoding   rule checked here
 * Attributes       int8       must be 0: no record attribute is defined for magic 2
 * TimestampDelta   varlong    record timestamp = batch BaseTimestamp + delta
 * OffsetDelta      varint     record offset = batch BaseOffset + delta (ordering is {@link RecordIterator}'s job)
 * KeyLen           varint     -1 = null key, otherwise 0..bytes left
 * Key              KeyLen bytes
 * ValueLen         varint     -1 = null value (tombstone), otherwise 0..bytes left
 * Value            ValueLen bytes
 * HeadersCount     varint     0..what the bytes left can hold (each header takes at least 2 bytes)
 * Headers          HeadersCount times:
 *   HeaderKeyLen   varint     0..bytes left; a header key is never null
 *   HeaderKey      UTF-8
 *   HeaderValueLen varint     -1 = null value, otherwise 0..bytes left
 *   HeaderValue    bytes
 * </pre>
 *
 * The body must end exactly after the last header: the Length varint and the fields have to agree. Every length is
 * checked against the bytes left before anything is sliced or allocated, so a corrupt body fails with a
 * {@link CorruptRecordException} and never with a buffer or allocation error.
 */
final class RecordParser {
    /** The smallest possible header: a 1-byte key length (0) and a 1-byte value length (-1). */
    private static final int MIN_HEADER_SIZE = 2;

    private RecordParser() {
    }

    /**
     * Parses {@code body} (position 0 to limit = the record) into a record that shares its bytes.
     *
     * @param baseOffset the batch's base offset
     * @param baseTimestamp the batch's base timestamp
     * @param logAppendTime whether the batch is a LogAppendTime batch, whose max timestamp (the broker's append
     *     time) replaces every record's own timestamp, as Kafka's clients report it
     * @param maxTimestamp the batch's max timestamp
     * @throws CorruptRecordException if the body breaks the layout above
     */
    static Record parse(ByteBuffer body, long baseOffset, long baseTimestamp, boolean logAppendTime,
            long maxTimestamp) {
        int length = body.remaining();
        if (!body.hasRemaining()) {
            throw new CorruptRecordException("empty record body");
        }
        byte attributes = body.get();
        if (attributes != 0) {
            throw new CorruptRecordException("record attributes must be 0, found 0x"
                    + Integer.toHexString(attributes & 0xFF));
        }
        long timestampDelta = varlong(body, "timestamp delta");
        int offsetDelta = varint(body, "offset delta");
        ByteBuffer key = bytes(body, "key");
        ByteBuffer value = bytes(body, "value");
        List<Header> headers = headers(body);
        if (body.hasRemaining()) {
            throw new CorruptRecordException("record length says " + length + " bytes, but its fields end after "
                    + body.position() + " (" + body.remaining() + " trailing bytes)");
        }
        long timestamp = logAppendTime ? maxTimestamp : baseTimestamp + timestampDelta;
        return Record.decoded(baseOffset + offsetDelta, timestamp, key, value, headers);
    }

    private static List<Header> headers(ByteBuffer body) {
        int count = varint(body, "header count");
        if (count < 0 || count > body.remaining() / MIN_HEADER_SIZE) {
            throw new CorruptRecordException("header count " + count + " impossible with " + body.remaining()
                    + " bytes left in the record");
        }
        if (count == 0) {
            return List.of();
        }
        List<Header> headers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int keyLength = varint(body, "header key length");
            if (keyLength < 0) {
                throw new CorruptRecordException("header " + i + " has a null key (length " + keyLength + ")");
            }
            byte[] key = array(body, keyLength, "header key");
            int valueLength = varint(body, "header value length");
            byte[] value = valueLength == -1 ? null : array(body, valueLength, "header value");
            headers.add(Header.decoded(key, value));
        }
        return Collections.unmodifiableList(headers);
    }

    /** A nullable length-prefixed field as a read-only slice of the body. */
    private static ByteBuffer bytes(ByteBuffer body, String field) {
        int length = varint(body, field + " length");
        if (length == -1) {
            return null;
        }
        checkLength(body, length, field);
        ByteBuffer slice = body.slice(body.position(), length).asReadOnlyBuffer();
        body.position(body.position() + length);
        return slice;
    }

    private static byte[] array(ByteBuffer body, int length, String field) {
        checkLength(body, length, field);
        byte[] bytes = new byte[length];
        body.get(bytes);
        return bytes;
    }

    private static void checkLength(ByteBuffer body, int length, String field) {
        if (length < 0 || length > body.remaining()) {
            throw new CorruptRecordException(field + " length " + length + " impossible with " + body.remaining()
                    + " bytes left in the record");
        }
    }

    private static int varint(ByteBuffer body, String field) {
        try {
            return Varints.readVarint(body);
        } catch (CorruptRecordException e) {
            throw new CorruptRecordException(field + ": " + e.getMessage(), e);
        }
    }

    private static long varlong(ByteBuffer body, String field) {
        try {
            return Varints.readVarlong(body);
        } catch (CorruptRecordException e) {
            throw new CorruptRecordException(field + ": " + e.getMessage(), e);
        }
    }
}
