package dev.brook.protocol;

import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;

/**
 * A response header. v0: {@code correlation_id int32}. v1: the same plus an (empty) TAG_BUFFER. The version comes from
 * {@link ApiKey#responseHeaderVersion(short)}: ApiVersions always uses v0.
 *
 * @param correlationId the request's correlation id
 */
public record ResponseHeader(int correlationId) {

    /**
     * @param r             the reader at the start of the response (after the size prefix)
     * @param headerVersion 0 or 1
     * @return the header
     */
    public static ResponseHeader read(WireReader r, short headerVersion) {
        ResponseHeader h = new ResponseHeader(r.readInt32("response_header.correlation_id"));
        if (headerVersion >= 1) {
            r.readTaggedFields();
        }
        return h;
    }

    /**
     * @param w             the writer
     * @param headerVersion 0 or 1
     */
    public void write(WireWriter w, short headerVersion) {
        w.writeInt32(correlationId);
        if (headerVersion >= 1) {
            w.writeTaggedFields();
        }
    }
}
