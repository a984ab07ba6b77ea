package dev.brook.protocol;

/**
 * Kafka error codes Brook may send or receive (names and codes as in Kafka's {@code Errors}), with Kafka's
 * retriable classification: a retriable error tells the client to refresh metadata or back off and try again.
 */
public enum ErrorCode {
    /** Kafka error -1. */
    UNKNOWN_SERVER_ERROR(-1, false),
    /** Kafka error 0. */
    NONE(0, false),
    /** Kafka error 1. */
    OFFSET_OUT_OF_RANGE(1, false),
    /** Kafka error 2. */
    CORRUPT_MESSAGE(2, true),
    /** Kafka error 3. */
    UNKNOWN_TOPIC_OR_PARTITION(3, true),
    /** Kafka error 4. */
    INVALID_FETCH_SIZE(4, false),
    /** Kafka error 5. */
    LEADER_NOT_AVAILABLE(5, true),
    /** Kafka error 6. */
    NOT_LEADER_OR_FOLLOWER(6, true),
    /** Kafka error 7. */
    REQUEST_TIMED_OUT(7, true),
    /** Kafka error 8. */
    BROKER_NOT_AVAILABLE(8, false),
    /** Kafka error 9. */
    REPLICA_NOT_AVAILABLE(9, true),
    /** Kafka error 10. */
    MESSAGE_TOO_LARGE(10, false),
    /** Kafka error 12. */
    OFFSET_METADATA_TOO_LARGE(12, false),
    /** Kafka error 13. */
    NETWORK_EXCEPTION(13, true),
    /** Kafka error 14. */
    COORDINATOR_LOAD_IN_PROGRESS(14, true),
    /** Kafka error 15. */
    COORDINATOR_NOT_AVAILABLE(15, true),
    /** Kafka error 16. */
    NOT_COORDINATOR(16, true),
    /** Kafka error 17. */
    INVALID_TOPIC_EXCEPTION(17, false),
    /** Kafka error 18. */
    RECORD_LIST_TOO_LARGE(18, false),
    /** Kafka error 19. */
    NOT_ENOUGH_REPLICAS(19, true),
    /** Kafka error 20. */
    NOT_ENOUGH_REPLICAS_AFTER_APPEND(20, true),
    /** Kafka error 21. */
    INVALID_REQUIRED_ACKS(21, false),
    /** Kafka error 22. */
    ILLEGAL_GENERATION(22, false),
    /** Kafka error 23. */
    INCONSISTENT_GROUP_PROTOCOL(23, false),
    /** Kafka error 24. */
    INVALID_GROUP_ID(24, false),
    /** Kafka error 25. */
    UNKNOWN_MEMBER_ID(25, false),
    /** Kafka error 26. */
    INVALID_SESSION_TIMEOUT(26, false),
    /** Kafka error 27. */
    REBALANCE_IN_PROGRESS(27, false),
    /** Kafka error 28. */
    INVALID_COMMIT_OFFSET_SIZE(28, false),
    /** Kafka error 29. */
    TOPIC_AUTHORIZATION_FAILED(29, false),
    /** Kafka error 30. */
    GROUP_AUTHORIZATION_FAILED(30, false),
    /** Kafka error 31. */
    CLUSTER_AUTHORIZATION_FAILED(31, false),
    /** Kafka error 32. */
    INVALID_TIMESTAMP(32, false),
    /** Kafka error 33. */
    UNSUPPORTED_SASL_MECHANISM(33, false),
    /** Kafka error 34. */
    ILLEGAL_SASL_STATE(34, false),
    /** Kafka error 35. */
    UNSUPPORTED_VERSION(35, false),
    /** Kafka error 36. */
    TOPIC_ALREADY_EXISTS(36, false),
    /** Kafka error 37. */
    INVALID_PARTITIONS(37, false),
    /** Kafka error 38. */
    INVALID_REPLICATION_FACTOR(38, false),
    /** Kafka error 39. */
    INVALID_REPLICA_ASSIGNMENT(39, false),
    /** Kafka error 40. */
    INVALID_CONFIG(40, false),
    /** Kafka error 41. */
    NOT_CONTROLLER(41, true),
    /** Kafka error 42. */
    INVALID_REQUEST(42, false),
    /** Kafka error 43. */
    UNSUPPORTED_FOR_MESSAGE_FORMAT(43, false),
    /** Kafka error 44. */
    POLICY_VIOLATION(44, false),
    /** Kafka error 45. */
    OUT_OF_ORDER_SEQUENCE_NUMBER(45, false),
    /** Kafka error 46. */
    DUPLICATE_SEQUENCE_NUMBER(46, false),
    /** Kafka error 47. */
    INVALID_PRODUCER_EPOCH(47, false),
    /** Kafka error 48. */
    INVALID_TXN_STATE(48, false),
    /** Kafka error 49. */
    INVALID_PRODUCER_ID_MAPPING(49, false),
    /** Kafka error 50. */
    INVALID_TRANSACTION_TIMEOUT(50, false),
    /** Kafka error 51. */
    CONCURRENT_TRANSACTIONS(51, true),
    /** Kafka error 52. */
    TRANSACTION_COORDINATOR_FENCED(52, false),
    /** Kafka error 53. */
    TRANSACTIONAL_ID_AUTHORIZATION_FAILED(53, false),
    /** Kafka error 56. */
    KAFKA_STORAGE_ERROR(56, true),
    /** Kafka error 58. */
    SASL_AUTHENTICATION_FAILED(58, false),
    /** Kafka error 59. */
    UNKNOWN_PRODUCER_ID(59, false),
    /** Kafka error 68: DeleteGroups on a group that still has members. */
    NON_EMPTY_GROUP(68, false),
    /** Kafka error 69. */
    GROUP_ID_NOT_FOUND(69, false),
    /** Kafka error 70. */
    FETCH_SESSION_ID_NOT_FOUND(70, true),
    /** Kafka error 71. */
    INVALID_FETCH_SESSION_EPOCH(71, true),
    /** Kafka error 73: DeleteTopics while {@code delete.topic.enable=false}. */
    TOPIC_DELETION_DISABLED(73, false),
    /** Kafka error 74. */
    FENCED_LEADER_EPOCH(74, true),
    /** Kafka error 75. */
    UNKNOWN_LEADER_EPOCH(75, true),
    /** Kafka error 76. */
    UNSUPPORTED_COMPRESSION_TYPE(76, false),
    /** Kafka error 78. */
    OFFSET_NOT_AVAILABLE(78, true),
    /** Kafka error 79. */
    MEMBER_ID_REQUIRED(79, false),
    /** Kafka error 81: JoinGroup beyond the group's member limit. */
    GROUP_MAX_SIZE_REACHED(81, false),
    /** Kafka error 82: a static member (group_instance_id) replaced by a newer instance. */
    FENCED_INSTANCE_ID(82, false),
    /** Kafka error 86: OffsetDelete of a topic the group is still subscribed to. */
    GROUP_SUBSCRIBED_TO_TOPIC(86, false),
    /** Kafka error 87. */
    INVALID_RECORD(87, false);

    private final short code;
    private final boolean retriable;

    ErrorCode(int code, boolean retriable) {
        this.code = (short) code;
        this.retriable = retriable;
    }

    /** @return the int16 written on the wire */
    public short code() {
        return code;
    }

    /** @return whether Kafka clients retry after this error */
    public boolean retriable() {
        return retriable;
    }

    /**
     * @param code a wire error code
     * @return the matching constant, or null for a code Brook does not know
     */
    public static ErrorCode forCode(short code) {
        for (ErrorCode e : values()) {
            if (e.code == code) {
                return e;
            }
        }
        return null;
    }
}
