package dev.brook.partition.topic;

/** {@code cleanup.policy}. Stored and reported now; compaction itself arrives with the compaction module. */
public enum CleanupPolicy {
    DELETE("delete"),
    COMPACT("compact"),
    COMPACT_DELETE("compact,delete");

    private final String configValue;

    CleanupPolicy(String configValue) {
        this.configValue = configValue;
    }

    /** The canonical config spelling. */
    public String configValue() {
        return configValue;
    }

    /** Whether old segments are deleted by retention. */
    public boolean deletes() {
        return this != COMPACT;
    }

    /** Whether the log is compacted. */
    public boolean compacts() {
        return this != DELETE;
    }

    /** Parses a canonical value (as {@link TopicConfigKey#normalize} produces). */
    static CleanupPolicy fromConfigValue(String value) {
        for (CleanupPolicy policy : values()) {
            if (policy.configValue.equals(value)) {
                return policy;
            }
        }
        throw new InvalidConfigException(TopicConfigKey.CLEANUP_POLICY.configName(),
                "Invalid value " + value + " for configuration cleanup.policy");
    }
}
