package dev.brook.broker.config;

import static dev.brook.broker.config.Setting.any;
import static dev.brook.broker.config.Setting.atLeast;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The table of settings the broker knows, with Kafka's defaults. */
final class BrokerSettings {
    private static final Set<String> TIMESTAMP_TYPES = Set.of("CreateTime", "LogAppendTime");
    private static final Set<String> CLEANUP_POLICIES = Set.of("delete", "compact");

    private BrokerSettings() {
    }

    static Map<String, Setting> all() {
        Map<String, Setting> m = new LinkedHashMap<>();
        add(m, "node.id", SettingType.INT, "1", atLeast(0), ">= 0", "this broker's id");
        add(m, "broker.id", SettingType.INT, null, atLeast(0), ">= 0", "alias of node.id");
        add(m, "listeners", SettingType.LIST, "PLAINTEXT://127.0.0.1:9092", any(), "a listener list",
                "addresses to accept connections on");
        add(m, "advertised.listeners", SettingType.LIST, null, any(), "a listener list",
                "addresses clients are told to connect to (default: listeners)");
        add(m, "log.dirs", SettingType.LIST, null, any(), "a directory", "the data directory");
        add(m, "log.dir", SettingType.STRING, "./data", any(), "a directory", "the data directory if log.dirs is unset");
        add(m, "num.partitions", SettingType.INT, "1", atLeast(1), ">= 1", "partitions of auto-created topics");
        add(m, "default.replication.factor", SettingType.INT, "1", atLeast(1), ">= 1",
                "replication factor of auto-created topics");
        add(m, "auto.create.topics.enable", SettingType.BOOLEAN, "true", any(), "a boolean",
                "create a topic when a client asks for metadata of an unknown one");
        add(m, "delete.topic.enable", SettingType.BOOLEAN, "true", any(), "a boolean", "allow DeleteTopics");
        add(m, "log.retention.ms", SettingType.LONG, null, atLeast(-1), ">= -1", "retention time, -1 = forever");
        add(m, "log.retention.minutes", SettingType.INT, null, atLeast(-1), ">= -1", "retention time in minutes");
        add(m, "log.retention.hours", SettingType.INT, "168", atLeast(-1), ">= -1", "retention time in hours");
        add(m, "log.retention.bytes", SettingType.LONG, "-1", atLeast(-1), ">= -1", "retention size per partition");
        add(m, "log.retention.check.interval.ms", SettingType.LONG, "300000", atLeast(1), ">= 1",
                "how often retention and flush-by-time run");
        add(m, "log.segment.bytes", SettingType.INT, "1073741824", atLeast(1024), ">= 1024", "segment size");
        add(m, "log.roll.ms", SettingType.LONG, null, atLeast(1), ">= 1", "segment age that forces a roll");
        add(m, "log.roll.hours", SettingType.INT, "168", atLeast(1), ">= 1", "segment age in hours");
        add(m, "log.index.size.max.bytes", SettingType.INT, "10485760", atLeast(4096), ">= 4096",
                "maximum size of an offset or time index");
        add(m, "log.index.interval.bytes", SettingType.INT, "4096", atLeast(0), ">= 0",
                "bytes between index entries");
        add(m, "log.flush.interval.messages", SettingType.LONG, Long.toString(Long.MAX_VALUE), atLeast(1), ">= 1",
                "fsync after this many messages");
        add(m, "log.flush.interval.ms", SettingType.LONG, null, atLeast(0), ">= 0", "fsync after this long");
        add(m, "log.message.timestamp.type", SettingType.STRING, "CreateTime", TIMESTAMP_TYPES::contains,
                "CreateTime or LogAppendTime", "which timestamp records keep");
        add(m, "log.cleanup.policy", SettingType.LIST, "delete",
                v -> !((List<?>) v).isEmpty() && CLEANUP_POLICIES.containsAll((List<?>) v),
                "delete, compact or compact,delete", "default cleanup policy");
        add(m, "log.segment.delete.delay.ms", SettingType.LONG, "60000", atLeast(0), ">= 0",
                "how long a deleted segment's files stay for readers still using them");
        add(m, "log.cleaner.enable", SettingType.BOOLEAN, "true", any(), "a boolean",
                "run the log cleaner, which compacts topics whose cleanup.policy includes compact");
        add(m, "log.cleaner.threads", SettingType.INT, "1", atLeast(0), ">= 0", "log cleaner threads");
        add(m, "log.cleaner.dedupe.buffer.size", SettingType.LONG, "134217728", atLeast(0), ">= 0",
                "off-heap bytes of the key to latest-offset map, shared by the cleaner threads");
        add(m, "log.cleaner.backoff.ms", SettingType.LONG, "15000", atLeast(0), ">= 0",
                "how long a cleaner thread sleeps when no log needs cleaning, and the first retry delay after a "
                        + "failure");
        add(m, "log.cleaner.delete.retention.ms", SettingType.LONG, "86400000", atLeast(0), ">= 0",
                "default delete.retention.ms: how long tombstones are kept after the cleaner first reaches them");
        add(m, "log.cleaner.min.cleanable.ratio", SettingType.DOUBLE, "0.5",
                v -> (Double) v >= 0 && (Double) v <= 1, "between 0 and 1", "default min.cleanable.dirty.ratio");
        add(m, "log.cleaner.min.compaction.lag.ms", SettingType.LONG, "0", atLeast(0), ">= 0",
                "default min.compaction.lag.ms");
        add(m, "log.cleaner.max.compaction.lag.ms", SettingType.LONG, Long.toString(Long.MAX_VALUE), atLeast(1),
                ">= 1", "default max.compaction.lag.ms");
        add(m, "message.max.bytes", SettingType.INT, "1048588", atLeast(0), ">= 0", "largest record batch");
        add(m, "socket.request.max.bytes", SettingType.INT, "104857600", atLeast(1), ">= 1", "largest request");
        add(m, "num.network.threads", SettingType.INT, "3", atLeast(1), ">= 1", "Netty event-loop threads");
        add(m, "num.io.threads", SettingType.INT, "8", atLeast(1), ">= 1", "request handler threads");
        add(m, "queued.max.requests", SettingType.INT, "500", atLeast(1), ">= 1",
                "requests in flight per connection before reading pauses");
        add(m, "connections.max.idle.ms", SettingType.LONG, "600000", atLeast(1), ">= 1",
                "close connections idle this long");
        add(m, "producer.id.expiration.ms", SettingType.INT, "86400000", atLeast(1), ">= 1",
                "forget an idle idempotent producer after this long");
        add(m, "group.min.session.timeout.ms", SettingType.INT, "6000", atLeast(1), ">= 1",
                "shortest session timeout a group member may ask for");
        add(m, "group.max.session.timeout.ms", SettingType.INT, "1800000", atLeast(1), ">= 1",
                "longest session timeout a group member may ask for");
        add(m, "group.initial.rebalance.delay.ms", SettingType.INT, "3000", atLeast(0), ">= 0",
                "how long the first rebalance of an empty group waits for more members");
        add(m, "group.max.size", SettingType.INT, Integer.toString(Integer.MAX_VALUE), atLeast(1), ">= 1",
                "most members one group may have");
        add(m, "offsets.retention.minutes", SettingType.INT, "10080", atLeast(1), ">= 1",
                "how long an empty group's committed offsets are kept");
        add(m, "offsets.retention.check.interval.ms", SettingType.LONG, "600000", atLeast(1), ">= 1",
                "how often expired committed offsets are removed");
        add(m, "offsets.topic.num.partitions", SettingType.INT, "1", atLeast(1), ">= 1",
                "partitions of the internal __consumer_offsets topic (when it is first created)");
        add(m, "offset.metadata.max.bytes", SettingType.INT, "4096", atLeast(0), ">= 0",
                "largest metadata string committed with an offset");
        return Collections.unmodifiableMap(m);
    }

    private static void add(Map<String, Setting> m, String name, SettingType type, String def,
                            java.util.function.Predicate<Object> valid, String rule, String doc) {
        m.put(name, new Setting(name, type, def, valid, rule, doc));
    }

    /** A "did you mean" hint for a misspelt setting, or empty. */
    static String suggestion(String unknown) {
        String best = null;
        int bestDistance = 4;
        for (String known : all().keySet()) {
            int d = distance(unknown, known);
            if (d < bestDistance) {
                bestDistance = d;
                best = known;
            }
        }
        return best == null ? "" : " (did you mean " + best + "?)";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
