package dev.brook.partition.topic;

/**
 * A topic config value is malformed or out of range; the message names the setting. Kafka's INVALID_CONFIG (40).
 */
public class InvalidConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String configName;

    public InvalidConfigException(String configName, String message) {
        super(message);
        this.configName = configName;
    }

    /** The setting at fault. */
    public String configName() {
        return configName;
    }
}
