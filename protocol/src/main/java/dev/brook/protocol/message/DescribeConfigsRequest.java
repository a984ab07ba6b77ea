package dev.brook.protocol.message;

import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.List;

/**
 * DescribeConfigs request (key 32), v1-3, non-flexible (flexible from v4). Byte layout of the body:
 * <pre>
 * resources                 ARRAY of
 *   resource_type           int8    (2 = topic, 4 = broker, ...)
 *   resource_name           STRING
 *   configuration_keys      ARRAY of STRING, nullable (-1 = all keys)
 * include_synonyms          BOOLEAN
 * include_documentation     BOOLEAN  v3+
 * </pre>
 *
 * @param resources            the resources to describe
 * @param includeSynonyms      whether to list each config's synonyms
 * @param includeDocumentation whether to include documentation (v3+; false when read at an older version, and not
 *                             written there)
 */
public record DescribeConfigsRequest(List<Resource> resources, boolean includeSynonyms,
        boolean includeDocumentation) {

    /**
     * One resource to describe.
     *
     * @param resourceType      the resource type
     * @param resourceName      the resource name
     * @param configurationKeys the keys to list, or null for all
     */
    public record Resource(byte resourceType, String resourceName, List<String> configurationKeys) {
        /** Copies the list, keeping null. */
        public Resource {
            configurationKeys = configurationKeys == null ? null : List.copyOf(configurationKeys);
        }
    }

    /** Copies the list. */
    public DescribeConfigsRequest {
        resources = List.copyOf(resources);
    }

    /**
     * @param r       the reader positioned at the body
     * @param version the api version, 1-3
     * @return the request
     */
    public static DescribeConfigsRequest read(WireReader r, short version) {
        List<Resource> resources = r.readArray("resources", false, e -> new Resource(
                e.readInt8("resources.resource_type"),
                e.readString("resources.resource_name"),
                e.readNullableArray("resources.configuration_keys", false,
                        k -> k.readString("resources.configuration_keys[]"))));
        boolean includeSynonyms = r.readBoolean("include_synonyms");
        boolean includeDocumentation = version >= 3 && r.readBoolean("include_documentation");
        return new DescribeConfigsRequest(resources, includeSynonyms, includeDocumentation);
    }

    /**
     * @param w       the writer
     * @param version the api version, 1-3
     */
    public void write(WireWriter w, short version) {
        w.writeArray(resources, false, (ew, e) -> {
            ew.writeInt8(e.resourceType());
            ew.writeString(e.resourceName());
            ew.writeArray(e.configurationKeys(), false, WireWriter::writeString);
        });
        w.writeBoolean(includeSynonyms);
        if (version >= 3) {
            w.writeBoolean(includeDocumentation);
        }
    }
}
