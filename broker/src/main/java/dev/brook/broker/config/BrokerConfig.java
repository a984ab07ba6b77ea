package dev.brook.broker.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The broker's settings, under Apache Kafka's names so that an operator's knowledge (and most of a
 * {@code server.properties}) carries over. Values come from a properties file and {@code --set KEY=VALUE} overrides,
 * overrides winning. Every setting Brook does not know, and every value it cannot parse or that is out of range, fails
 * start-up with a {@link ConfigException} naming the setting: a typo must never silently fall back to a default.
 *
 * <p>The {@code log.*} settings are the defaults for every topic; {@link #topicConfigDefaults()} gives them under the
 * topic-level names ({@code retention.ms}, {@code segment.bytes}, ...) that a topic's own overrides use.
 */
public final class BrokerConfig {
    private static final Map<String, Setting> SETTINGS = BrokerSettings.all();

    /** Broker setting name → topic setting name, for the settings that are per-topic defaults. */
    private static final Map<String, String> TOPIC_DEFAULTS = Map.ofEntries(
            Map.entry("log.segment.bytes", "segment.bytes"),
            Map.entry("log.retention.bytes", "retention.bytes"),
            Map.entry("log.index.size.max.bytes", "segment.index.bytes"),
            Map.entry("log.index.interval.bytes", "index.interval.bytes"),
            Map.entry("log.flush.interval.messages", "flush.messages"),
            Map.entry("log.message.timestamp.type", "message.timestamp.type"),
            Map.entry("log.cleanup.policy", "cleanup.policy"),
            Map.entry("log.segment.delete.delay.ms", "file.delete.delay.ms"),
            Map.entry("log.cleaner.delete.retention.ms", "delete.retention.ms"),
            Map.entry("log.cleaner.min.cleanable.ratio", "min.cleanable.dirty.ratio"),
            Map.entry("log.cleaner.min.compaction.lag.ms", "min.compaction.lag.ms"),
            Map.entry("log.cleaner.max.compaction.lag.ms", "max.compaction.lag.ms"),
            Map.entry("message.max.bytes", "max.message.bytes"));

    private final Map<String, Object> values;
    private final Map<String, String> explicit;

    private BrokerConfig(Map<String, Object> values, Map<String, String> explicit) {
        this.values = values;
        this.explicit = explicit;
    }

    /** Every setting at its default. */
    public static BrokerConfig defaults() {
        return of(Map.of());
    }

    /** Parses the given settings (name → text); unknown names and bad values throw {@link ConfigException}. */
    public static BrokerConfig of(Map<String, String> settings) {
        Map<String, String> explicit = new TreeMap<>();
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String name = e.getKey().trim();
            if (!SETTINGS.containsKey(name)) {
                throw new ConfigException(name, "unknown setting" + BrokerSettings.suggestion(name));
            }
            explicit.put(name, e.getValue());
        }
        if (explicit.containsKey("broker.id")) {
            String alias = explicit.remove("broker.id");
            String nodeId = explicit.putIfAbsent("node.id", alias);
            if (nodeId != null && !nodeId.trim().equals(alias.trim())) {
                throw new ConfigException("broker.id", "is " + alias + " but node.id is " + nodeId
                        + "; set only node.id");
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Setting s : SETTINGS.values()) {
            String text = explicit.get(s.name());
            if (text == null) {
                text = s.defaultText();
            }
            values.put(s.name(), text == null ? null : s.parse(text));
        }
        BrokerConfig config = new BrokerConfig(values, Collections.unmodifiableMap(explicit));
        config.checkCrossSettingRules();
        return config;
    }

    /**
     * Reads a properties file (if {@code file} is not null) and applies {@code overrides} on top.
     *
     * @throws ConfigException if the file cannot be read, or any setting is unknown or invalid
     */
    public static BrokerConfig load(Path file, Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>();
        if (file != null) {
            Properties props = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                props.load(r);
            } catch (IOException e) {
                throw new ConfigException("--config", "cannot read " + file + ": " + e.getMessage());
            }
            for (String name : props.stringPropertyNames()) {
                merged.put(name, props.getProperty(name));
            }
        }
        merged.putAll(overrides);
        return of(merged);
    }

    private void checkCrossSettingRules() {
        if (logDirs().size() != 1) {
            throw new ConfigException("log.dirs", "exactly one log directory is supported, got " + logDirs());
        }
        for (Listener l : advertisedListeners()) {
            if (l.host().isEmpty() || l.host().equals("0.0.0.0") || l.host().equals("::")) {
                throw new ConfigException(explicit.containsKey("advertised.listeners") ? "advertised.listeners"
                        : "listeners", "cannot advertise the wildcard address in '" + l
                        + "'; set advertised.listeners to a host clients can reach");
            }
        }
        if (advertisedListeners().size() != listeners().size()) {
            throw new ConfigException("advertised.listeners", "must name as many listeners as listeners does");
        }
        if (groupMinSessionTimeoutMs() > groupMaxSessionTimeoutMs()) {
            throw new ConfigException("group.min.session.timeout.ms", "is larger than group.max.session.timeout.ms ("
                    + groupMaxSessionTimeoutMs() + ")");
        }
        // Kafka's rule (KafkaConfig): each cleaner thread gets an equal share of the dedupe buffer, at least 1 MiB.
        if (logCleanerThreads() > 0 && logCleanerDedupeBufferSize() / logCleanerThreads() < 1024 * 1024) {
            throw new ConfigException("log.cleaner.dedupe.buffer.size", "must be at least 1 MiB per cleaner thread ("
                    + logCleanerThreads() + " thread(s)), got " + logCleanerDedupeBufferSize());
        }
        if (messageMaxBytes() > socketRequestMaxBytes()) {
            throw new ConfigException("message.max.bytes", "is larger than socket.request.max.bytes ("
                    + socketRequestMaxBytes() + "), so no request could carry such a message");
        }
    }

    public int nodeId() {
        return (Integer) values.get("node.id");
    }

    public List<Listener> listeners() {
        return parseListeners("listeners");
    }

    /** Defaults to {@link #listeners()} when not set. */
    public List<Listener> advertisedListeners() {
        return values.get("advertised.listeners") == null ? listeners() : parseListeners("advertised.listeners");
    }

    @SuppressWarnings("unchecked")
    private List<Listener> parseListeners(String name) {
        List<Listener> out = new ArrayList<>();
        for (String text : (List<String>) values.get(name)) {
            out.add(Listener.parse(name, text));
        }
        if (out.isEmpty()) {
            throw new ConfigException(name, "must name at least one listener");
        }
        return out;
    }

    /** {@code log.dirs}, falling back to {@code log.dir}. */
    @SuppressWarnings("unchecked")
    public List<Path> logDirs() {
        List<String> dirs = (List<String>) values.get("log.dirs");
        if (dirs == null) {
            dirs = List.of((String) values.get("log.dir"));
        }
        return dirs.stream().map(Path::of).toList();
    }

    public int numPartitions() {
        return (Integer) values.get("num.partitions");
    }

    public short defaultReplicationFactor() {
        return ((Integer) values.get("default.replication.factor")).shortValue();
    }

    public boolean autoCreateTopicsEnable() {
        return (Boolean) values.get("auto.create.topics.enable");
    }

    public boolean deleteTopicEnable() {
        return (Boolean) values.get("delete.topic.enable");
    }

    public int socketRequestMaxBytes() {
        return (Integer) values.get("socket.request.max.bytes");
    }

    public int messageMaxBytes() {
        return (Integer) values.get("message.max.bytes");
    }

    public int numNetworkThreads() {
        return (Integer) values.get("num.network.threads");
    }

    public int numIoThreads() {
        return (Integer) values.get("num.io.threads");
    }

    /** Requests a connection may have in flight before the broker stops reading from it. */
    public int queuedMaxRequests() {
        return (Integer) values.get("queued.max.requests");
    }

    public long connectionsMaxIdleMs() {
        return (Long) values.get("connections.max.idle.ms");
    }

    public long logRetentionCheckIntervalMs() {
        return (Long) values.get("log.retention.check.interval.ms");
    }

    public long producerIdExpirationMs() {
        return (Integer) values.get("producer.id.expiration.ms");
    }

    /** {@code group.min.session.timeout.ms}: the shortest session timeout a member may ask for. */
    public int groupMinSessionTimeoutMs() {
        return (Integer) values.get("group.min.session.timeout.ms");
    }

    /** {@code group.max.session.timeout.ms}: the longest session timeout a member may ask for. */
    public int groupMaxSessionTimeoutMs() {
        return (Integer) values.get("group.max.session.timeout.ms");
    }

    /** {@code group.initial.rebalance.delay.ms}: how long an empty group's first rebalance waits for more members. */
    public int groupInitialRebalanceDelayMs() {
        return (Integer) values.get("group.initial.rebalance.delay.ms");
    }

    /** {@code group.max.size}: the most members one group may have. */
    public int groupMaxSize() {
        return (Integer) values.get("group.max.size");
    }

    /** {@code offsets.retention.minutes} in milliseconds. */
    public long offsetsRetentionMs() {
        return (Integer) values.get("offsets.retention.minutes") * 60_000L;
    }

    /** {@code offsets.retention.check.interval.ms}. */
    public long offsetsRetentionCheckIntervalMs() {
        return (Long) values.get("offsets.retention.check.interval.ms");
    }

    /** {@code offsets.topic.num.partitions}: partitions of {@code __consumer_offsets} when it is created. */
    public int offsetsTopicNumPartitions() {
        return (Integer) values.get("offsets.topic.num.partitions");
    }

    /** {@code offset.metadata.max.bytes}: the largest metadata string committed with an offset. */
    public int offsetMetadataMaxBytes() {
        return (Integer) values.get("offset.metadata.max.bytes");
    }

    /** Kafka's precedence: {@code log.retention.ms} over {@code .minutes} over {@code .hours}; negative = forever. */
    public long logRetentionMs() {
        Long ms = (Long) values.get("log.retention.ms");
        if (ms != null) {
            return ms < 0 ? -1 : ms;
        }
        Integer minutes = (Integer) values.get("log.retention.minutes");
        if (minutes != null) {
            return minutes < 0 ? -1 : minutes * 60_000L;
        }
        int hours = (Integer) values.get("log.retention.hours");
        return hours < 0 ? -1 : hours * 3_600_000L;
    }

    /** {@code log.roll.ms} over {@code log.roll.hours}. */
    public long logRollMs() {
        Long ms = (Long) values.get("log.roll.ms");
        return ms != null ? ms : (Integer) values.get("log.roll.hours") * 3_600_000L;
    }

    /** {@code log.flush.interval.ms}; absent means never flush on time. */
    public long logFlushIntervalMs() {
        Long ms = (Long) values.get("log.flush.interval.ms");
        return ms == null ? Long.MAX_VALUE : ms;
    }

    /**
     * The {@code log.*} defaults under topic-level names, every one present (defaults included), values as text:
     * the base that a topic's own overrides are applied on.
     */
    public Map<String, String> topicConfigDefaults() {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, String> e : TOPIC_DEFAULTS.entrySet()) {
            out.put(e.getValue(), text(values.get(e.getKey())));
        }
        out.put("retention.ms", Long.toString(logRetentionMs()));
        out.put("segment.ms", Long.toString(logRollMs()));
        out.put("flush.ms", Long.toString(logFlushIntervalMs()));
        return out;
    }

    /** The names of the topic-level defaults the operator set explicitly (reported as STATIC_BROKER_CONFIG). */
    public List<String> explicitTopicDefaults() {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : TOPIC_DEFAULTS.entrySet()) {
            if (explicit.containsKey(e.getKey())) {
                out.add(e.getValue());
            }
        }
        if (explicit.keySet().stream().anyMatch(k -> k.startsWith("log.retention.") && !k.equals(
                "log.retention.bytes") && !k.equals("log.retention.check.interval.ms"))) {
            out.add("retention.ms");
        }
        if (explicit.containsKey("log.roll.ms") || explicit.containsKey("log.roll.hours")) {
            out.add("segment.ms");
        }
        if (explicit.containsKey("log.flush.interval.ms")) {
            out.add("flush.ms");
        }
        return out;
    }

    private static String text(Object value) {
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(Object::toString).toList());
        }
        return String.valueOf(value);
    }

    /**
     * Every known setting that has a value (given or default), as text, for DescribeConfigs on the broker. The
     * {@code broker.id} alias is reported as {@code node.id}.
     */
    public Map<String, String> describe() {
        Map<String, String> out = new TreeMap<>();
        values.forEach((name, value) -> {
            if (value != null && !name.equals("broker.id")) {
                out.put(name, text(value));
            }
        });
        return out;
    }

    /**
     * The topic-level defaults the operator set explicitly, under topic-level names (retention.ms, ...): what the
     * partition layer reports as STATIC_BROKER_CONFIG. {@code file.delete.delay.ms} is not a topic setting and is
     * left out (see {@link #logSegmentDeleteDelayMs()}).
     */
    public Map<String, String> explicitTopicConfigDefaults() {
        Map<String, String> all = topicConfigDefaults();
        Map<String, String> out = new TreeMap<>();
        for (String name : explicitTopicDefaults()) {
            if (!name.equals("file.delete.delay.ms")) {
                out.put(name, all.get(name));
            }
        }
        return out;
    }

    /** {@code log.cleaner.enable}: whether the log cleaner runs at all. */
    public boolean logCleanerEnable() {
        return (Boolean) values.get("log.cleaner.enable");
    }

    /** {@code log.cleaner.threads}: cleaner threads (0 = none, like {@code log.cleaner.enable=false}). */
    public int logCleanerThreads() {
        return (Integer) values.get("log.cleaner.threads");
    }

    /** {@code log.cleaner.dedupe.buffer.size}: bytes of the cleaners' key maps, shared by the threads. */
    public long logCleanerDedupeBufferSize() {
        return (Long) values.get("log.cleaner.dedupe.buffer.size");
    }

    /** {@code log.cleaner.backoff.ms}: idle sleep of a cleaner thread with nothing to clean. */
    public long logCleanerBackoffMs() {
        return (Long) values.get("log.cleaner.backoff.ms");
    }

    public long logSegmentDeleteDelayMs() {
        return (Long) values.get("log.segment.delete.delay.ms");
    }

    /** The settings as the operator gave them (after aliasing), for the start-up log line. */
    public Map<String, String> explicitSettings() {
        return explicit;
    }

    @Override
    public String toString() {
        return "BrokerConfig" + explicit;
    }
}
