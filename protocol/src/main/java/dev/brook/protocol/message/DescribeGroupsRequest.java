package dev.brook.protocol.message;

import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.List;

/**
 * DescribeGroups request (key 15), v0-4, non-flexible (flexible from v5). Byte layout of the body:
 * <pre>
 * groups                          ARRAY of STRING
 * include_authorized_operations   BOOLEAN (int8)   v3+
 * </pre>
 *
 * @param groups                      the group ids to describe
 * @param includeAuthorizedOperations whether to fill in authorized operations; false when read below v3, and not
 *                                    written there
 */
public record DescribeGroupsRequest(List<String> groups, boolean includeAuthorizedOperations) {

    /** Copies the list. */
    public DescribeGroupsRequest {
        groups = List.copyOf(groups);
    }

    /**
     * @param r       the reader positioned at the body
     * @param version the api version, 0-4
     * @return the request
     */
    public static DescribeGroupsRequest read(WireReader r, short version) {
        List<String> groups = r.readArray("groups", false, g -> g.readString("groups"));
        boolean include = version >= 3 && r.readBoolean("include_authorized_operations");
        return new DescribeGroupsRequest(groups, include);
    }

    /**
     * @param w       the writer
     * @param version the api version, 0-4
     */
    public void write(WireWriter w, short version) {
        w.writeArray(groups, false, WireWriter::writeString);
        if (version >= 3) {
            w.writeBoolean(includeAuthorizedOperations);
        }
    }
}
