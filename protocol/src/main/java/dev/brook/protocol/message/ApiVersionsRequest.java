package dev.brook.protocol.message;

import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.regex.Pattern;

/**
 * ApiVersions request (key 18), v0-4. Byte layout of the body:
 * <pre>
 * v0-2: empty
 * v3-4: client_software_name COMPACT_STRING, client_software_version COMPACT_STRING, TAG_BUFFER
 * </pre>
 *
 * @param clientSoftwareName    the client's software name ("" before v3)
 * @param clientSoftwareVersion the client's software version ("" before v3)
 */
public record ApiVersionsRequest(String clientSoftwareName, String clientSoftwareVersion) {

    /** Kafka's rule for the v3+ software name and version (ApiVersionsRequest.isValid). */
    private static final Pattern SOFTWARE = Pattern.compile("[a-zA-Z0-9](?:[a-zA-Z0-9\\-.]*[a-zA-Z0-9])?");

    /**
     * Kafka answers a v3+ request whose software name or version breaks its pattern with INVALID_REQUEST(42); the
     * broker decides, this only applies the pattern.
     *
     * @param version the request's api version
     * @return true before v3, else whether both strings match {@code [a-zA-Z0-9](?:[a-zA-Z0-9\-.]*[a-zA-Z0-9])?}
     */
    public boolean isValid(short version) {
        return version < 3 || (SOFTWARE.matcher(clientSoftwareName).matches()
                && SOFTWARE.matcher(clientSoftwareVersion).matches());
    }

    /**
     * @param r       the reader positioned at the body
     * @param version the api version, 0-4
     * @return the request
     */
    public static ApiVersionsRequest read(WireReader r, short version) {
        if (version < 3) {
            return new ApiVersionsRequest("", "");
        }
        String name = r.readCompactString("client_software_name");
        String softwareVersion = r.readCompactString("client_software_version");
        r.readTaggedFields();
        return new ApiVersionsRequest(name, softwareVersion);
    }

    /**
     * @param w       the writer
     * @param version the api version, 0-4
     */
    public void write(WireWriter w, short version) {
        if (version < 3) {
            return;
        }
        w.writeCompactString(clientSoftwareName);
        w.writeCompactString(clientSoftwareVersion);
        w.writeTaggedFields();
    }
}
