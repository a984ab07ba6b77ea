package dev.brook.protocol.message;

import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.List;

/**
 * DeleteGroups request (key 42), v0-1. These versions are identical on the wire and non-flexible (flexible from v2).
 * Byte layout of the body:
 * <pre>
 * groups_names   ARRAY of STRING
 * </pre>
 *
 * @param groupsNames the group ids to delete
 */
public record DeleteGroupsRequest(List<String> groupsNames) {

    /** Copies the list. */
    public DeleteGroupsRequest {
        groupsNames = List.copyOf(groupsNames);
    }

    /**
     * @param r       the reader positioned at the body
     * @param version the api version, 0-1
     * @return the request
     */
    public static DeleteGroupsRequest read(WireReader r, short version) {
        return new DeleteGroupsRequest(r.readArray("groups_names", false, g -> g.readString("groups_names")));
    }

    /**
     * @param w       the writer
     * @param version the api version, 0-1
     */
    public void write(WireWriter w, short version) {
        w.writeArray(groupsNames, false, WireWriter::writeString);
    }
}
