package dev.brook.partition.topic;

/** A topic config name Brook does not know. Kafka answers INVALID_CONFIG (40) with the same wording. */
public class UnknownConfigException extends InvalidConfigException {
    private static final long serialVersionUID = 1L;

    public UnknownConfigException(String configName) {
        super(configName, "Unknown topic config name: " + configName);
    }
}
