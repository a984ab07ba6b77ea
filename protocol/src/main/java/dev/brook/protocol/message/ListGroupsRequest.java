package dev.brook.protocol.message;

import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;

/**
 * ListGroups request (key 16), v0-2, non-flexible (flexible from v3). The body is empty in these versions (the states
 * filter arrives in v4, the types filter in v5): zero bytes.
 */
public record ListGroupsRequest() {

    /**
     * @param r       the reader positioned at the body
     * @param version the api version, 0-2
     * @return the request
     */
    public static ListGroupsRequest read(WireReader r, short version) {
        return new ListGroupsRequest();
    }

    /**
     * Writes nothing: the body is empty.
     *
     * @param w       the writer
     * @param version the api version, 0-2
     */
    public void write(WireWriter w, short version) {
        // Empty body in v0-2.
    }
}
