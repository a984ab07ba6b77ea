package dev.brook.broker.config;

/**
 * A broker setting is unknown, malformed or out of range. The message always names the setting, so an operator can
 * fix the file or the {@code --set} override without reading a stack trace.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String setting;

    public ConfigException(String setting, String message) {
        super(setting + ": " + message);
        this.setting = setting;
    }

    /** The name of the offending setting, as the operator wrote it. */
    public String setting() {
        return setting;
    }
}
