package dev.brook.protocol;

/**
 * The Kafka APIs Brook implements, with the version range it advertises in ApiVersions (docs/kafka-protocol.md §1,
 * "Advertise" column), the lowest version it can actually parse (Produce advertises 0 for librdkafka's compression
 * check but parses only 3+; v0-2 get UNSUPPORTED_VERSION), and the first flexible version from Kafka's schemas.
 * Only APIs with codecs are listed. The broker advertises just the subset it serves (the consumer-group APIs have
 * codecs before a coordinator exists), since clients use whatever is advertised.
 */
public enum ApiKey {
    /** Produce: advertise 0-7, parse 3-7, flexible from 9. */
    PRODUCE(0, "Produce", 0, 7, 3, 9),
    /** Fetch: 4-11, flexible from 12. */
    FETCH(1, "Fetch", 4, 11, 4, 12),
    /** ListOffsets: 1-5, flexible from 6. */
    LIST_OFFSETS(2, "ListOffsets", 1, 5, 1, 6),
    /** Metadata: 4-8, flexible from 9. */
    METADATA(3, "Metadata", 4, 8, 4, 9),
    /** OffsetCommit: 2-7 (v7 = group_instance_id; Kafka 4 removed v0-1), flexible from 8. */
    OFFSET_COMMIT(8, "OffsetCommit", 2, 7, 2, 8),
    /** OffsetFetch: 1-5 (v2+ null topics = all; Kafka 4 removed v0), flexible from 6. */
    OFFSET_FETCH(9, "OffsetFetch", 1, 5, 1, 6),
    /** FindCoordinator: 0-2 (librdkafka needs it for groups and lz4), flexible from 3. */
    FIND_COORDINATOR(10, "FindCoordinator", 0, 2, 0, 3),
    /** JoinGroup: 0-5 (v5 = static membership; v4+ may answer MEMBER_ID_REQUIRED(79)), flexible from 6. */
    JOIN_GROUP(11, "JoinGroup", 0, 5, 0, 6),
    /** Heartbeat: 0-3, flexible from 4. */
    HEARTBEAT(12, "Heartbeat", 0, 3, 0, 4),
    /** LeaveGroup: 0-3 (v3 = members array: several or static members), flexible from 4. */
    LEAVE_GROUP(13, "LeaveGroup", 0, 3, 0, 4),
    /** SyncGroup: 0-3, flexible from 4. */
    SYNC_GROUP(14, "SyncGroup", 0, 3, 0, 4),
    /** DescribeGroups: 0-4 (Admin uses it while ConsumerGroupDescribe is not advertised), flexible from 5. */
    DESCRIBE_GROUPS(15, "DescribeGroups", 0, 4, 0, 5),
    /** ListGroups: 0-2 (the states filter is v4+, types v5+), flexible from 3. */
    LIST_GROUPS(16, "ListGroups", 0, 2, 0, 3),
    /** ApiVersions: 0-4, flexible from 3 (but its response header is always v0). */
    API_VERSIONS(18, "ApiVersions", 0, 4, 0, 3),
    /** CreateTopics: 2-4 (v4+ lets Admin use broker-default partitions/replication), flexible from 5. */
    CREATE_TOPICS(19, "CreateTopics", 2, 4, 2, 5),
    /** DeleteTopics: 1-3, flexible from 4. */
    DELETE_TOPICS(20, "DeleteTopics", 1, 3, 1, 4),
    /** DeleteRecords: 0-1, flexible from 2. */
    DELETE_RECORDS(21, "DeleteRecords", 0, 1, 0, 2),
    /** InitProducerId: 0-1 (the idempotent producer needs it), flexible from 2. */
    INIT_PRODUCER_ID(22, "InitProducerId", 0, 1, 0, 2),
    /** DescribeConfigs: 1-3, flexible from 4. */
    DESCRIBE_CONFIGS(32, "DescribeConfigs", 1, 3, 1, 4),
    /** CreatePartitions: 0-1 (kafka-clients 4.3.1 has 0-3), flexible from 2. */
    CREATE_PARTITIONS(37, "CreatePartitions", 0, 1, 0, 2),
    /** DeleteGroups: 0-1 (librdkafka's max; kafka-clients 4.3.1 has 0-2), flexible from 2. */
    DELETE_GROUPS(42, "DeleteGroups", 0, 1, 0, 2),
    /** OffsetDelete: 0 only, never flexible (firstFlexible is Short.MAX_VALUE). */
    OFFSET_DELETE(47, "OffsetDelete", 0, 0, 0, Short.MAX_VALUE),
    // Each constant ends with a comma and the list with this lone semicolon, so adding an API is a one-line change.
    ;

    private static final ApiKey[] BY_ID;

    static {
        int max = 0;
        for (ApiKey k : values()) {
            max = Math.max(max, k.id);
        }
        BY_ID = new ApiKey[max + 1];
        for (ApiKey k : values()) {
            BY_ID[k.id] = k;
        }
    }

    private final short id;
    private final String apiName;
    private final short advertisedMin;
    private final short advertisedMax;
    private final short lowestImplemented;
    private final short firstFlexible;

    ApiKey(int id, String apiName, int advertisedMin, int advertisedMax, int lowestImplemented, int firstFlexible) {
        this.id = (short) id;
        this.apiName = apiName;
        this.advertisedMin = (short) advertisedMin;
        this.advertisedMax = (short) advertisedMax;
        this.lowestImplemented = (short) lowestImplemented;
        this.firstFlexible = (short) firstFlexible;
    }

    /**
     * @param id the wire api key
     * @return the implemented API with that key, or null when Brook does not implement it
     */
    public static ApiKey forId(short id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }

    /** @return the wire api key */
    public short id() {
        return id;
    }

    /** @return the schema name, e.g. "ApiVersions" */
    public String apiName() {
        return apiName;
    }

    /** @return the lowest version advertised in ApiVersions */
    public short advertisedMin() {
        return advertisedMin;
    }

    /** @return the highest version advertised in ApiVersions */
    public short advertisedMax() {
        return advertisedMax;
    }

    /** @return the lowest version Brook can parse; advertised versions below it are answered UNSUPPORTED_VERSION */
    public short lowestImplemented() {
        return lowestImplemented;
    }

    /** @return the first version using flexible (compact, tagged) encoding; Short.MAX_VALUE if none is flexible */
    public short firstFlexible() {
        return firstFlexible;
    }

    /**
     * @param version an api version
     * @return whether Brook parses requests and writes responses at that version
     */
    public boolean isImplemented(short version) {
        return version >= lowestImplemented && version <= advertisedMax;
    }

    /**
     * @param version an api version
     * @return whether that version uses flexible encoding
     */
    public boolean isFlexible(short version) {
        return version >= firstFlexible;
    }

    /**
     * @param version an api version
     * @return 2 for flexible versions, else 1 (header v0 is gone since Kafka 4.0)
     */
    public short requestHeaderVersion(short version) {
        return isFlexible(version) ? (short) 2 : (short) 1;
    }

    /**
     * @param version an api version
     * @return 1 for flexible versions, else 0; always 0 for ApiVersions (KIP-511: a client must be able to parse the
     *         reply to a version the broker does not know)
     */
    public short responseHeaderVersion(short version) {
        if (this == API_VERSIONS) {
            return 0;
        }
        return isFlexible(version) ? (short) 1 : (short) 0;
    }
}
