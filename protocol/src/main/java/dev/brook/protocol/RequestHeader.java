package dev.brook.protocol;

import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;

/**
 * A request header, v1 or v2 (v0 was removed in Kafka 4.0). Byte layout:
 * <pre>
 * offset 0  api_key        int16
 * offset 2  api_version    int16
 * offset 4  correlation_id int32
 * offset 8  client_id      NULLABLE_STRING (int16 length, -1 = null; non-compact even in v2 so any broker can
 *                          parse it)
 * then      TAG_BUFFER     v2 only (flexible api versions)
 * </pre>
 *
 * @param apiKey        the wire api key, possibly one Brook does not implement
 * @param apiVersion    the request's api version
 * @param correlationId echoed in the response
 * @param clientId      the client id, or null
 */
public record RequestHeader(short apiKey, short apiVersion, int correlationId, String clientId) {

    /** @return the implemented API, or null when Brook does not implement this key */
    public ApiKey api() {
        return ApiKey.forId(apiKey);
    }

    /** @return 2 if the api version is flexible, else 1; 1 for keys Brook does not implement */
    public short headerVersion() {
        ApiKey api = api();
        return api == null ? 1 : api.requestHeaderVersion(apiVersion);
    }

    /**
     * Reads the v1 fields; the caller reads the v2 tag buffer once it knows the api is implemented (for an unknown
     * api or version it cannot know whether one follows, and does not need to).
     *
     * @param r the reader at the start of the frame (after the size prefix)
     * @return the header
     */
    static RequestHeader readFixedPart(WireReader r) {
        short key = r.readInt16("request_header.api_key");
        short version = r.readInt16("request_header.api_version");
        int correlationId = r.readInt32("request_header.correlation_id");
        String clientId = r.readNullableString("request_header.client_id");
        return new RequestHeader(key, version, correlationId, clientId);
    }

    /**
     * Writes this header at {@link #headerVersion()} (used by tests and clients of this module).
     *
     * @param w the writer
     */
    public void write(WireWriter w) {
        w.writeInt16(apiKey);
        w.writeInt16(apiVersion);
        w.writeInt32(correlationId);
        w.writeNullableString(clientId);
        if (headerVersion() >= 2) {
            w.writeTaggedFields();
        }
    }
}
