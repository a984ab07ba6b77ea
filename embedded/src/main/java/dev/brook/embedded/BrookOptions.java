package dev.brook.embedded;

import dev.brook.broker.config.BrokerConfig;
import dev.brook.broker.config.ConfigException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Broker-level settings of an embedded Brook under Apache Kafka's names, parsed and checked by the broker's own
 * {@link BrokerConfig}: {@code num.partitions}, {@code log.segment.bytes}, {@code log.retention.ms} (or
 * {@code .hours}/{@code .minutes}), {@code log.retention.bytes}, {@code log.flush.interval.messages},
 * {@code log.message.timestamp.type}, {@code auto.create.topics.enable}, {@code message.max.bytes}, and the network
 * settings used by {@link Brook#listen(int)}. Immutable; each {@code with} returns a checked copy.
 *
 * <p>The data directory comes from {@link Brook#open(Path, BrookOptions)} and the listener from {@code listen}, so
 * {@code log.dirs}, {@code log.dir}, {@code listeners} and {@code advertised.listeners} are refused here.
 */
public final class BrookOptions {
    private static final Set<String> SET_BY_BROOK = Set.of("log.dirs", "log.dir", "listeners", "advertised.listeners");
    private static final BrookOptions DEFAULTS = new BrookOptions(Map.of());

    private final Map<String, String> settings;

    private BrookOptions(Map<String, String> settings) {
        this.settings = Collections.unmodifiableMap(new TreeMap<>(settings));
    }

    /** Kafka's defaults (for example one partition per topic, seven days' retention, topics auto-created). */
    public static BrookOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Options from a map of settings.
     *
     * @throws ConfigException naming the setting if one is unknown, invalid, or set by Brook itself
     */
    public static BrookOptions of(Map<String, String> settings) {
        for (String name : settings.keySet()) {
            if (SET_BY_BROOK.contains(name.trim())) {
                throw new ConfigException(name, "is set by Brook.open (the directory) and Brook.listen (the port)");
            }
        }
        BrookOptions options = new BrookOptions(settings);
        options.brokerConfig(Path.of("."), "PLAINTEXT://127.0.0.1:0");
        return options;
    }

    /**
     * These options with one more setting.
     *
     * @throws ConfigException naming the setting if it is unknown, invalid, or set by Brook itself
     */
    public BrookOptions with(String name, String value) {
        Map<String, String> copy = new TreeMap<>(settings);
        copy.put(name, value);
        return of(copy);
    }

    /** {@link #with(String, String)} for a number. */
    public BrookOptions with(String name, long value) {
        return with(name, Long.toString(value));
    }

    /** The settings given, without defaults. */
    public Map<String, String> settings() {
        return settings;
    }

    /** The full broker configuration for {@code dir}, serving on {@code listener}. */
    BrokerConfig brokerConfig(Path dir, String listener) {
        Map<String, String> all = new TreeMap<>(settings);
        all.put("log.dirs", dir.toString());
        all.put("listeners", listener);
        return BrokerConfig.of(all);
    }

    @Override
    public String toString() {
        return "BrookOptions" + settings;
    }
}
