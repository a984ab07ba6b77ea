package dev.brook.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.partition.InvalidRecordException;
import dev.brook.partition.topic.TopicPartition;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tables of compacted topics: load on open, live updates from in-process and Kafka producers, listeners, reopen. */
class TableTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Map<String, String> COMPACT = Map.of("cleanup.policy", "compact");

    @TempDir
    Path dir;
    private Brook brook;
    private Producer<String, String> producer;

    @BeforeEach
    void open() throws IOException {
        brook = Brook.open(dir);
        brook.topics().create("accounts", 3, COMPACT);
        producer = brook.producer(Serdes.string(), Serdes.string());
    }

    @AfterEach
    void close() {
        brook.close();
    }

    private List<String> rows(Table<String, String> table) {
        List<String> out = new ArrayList<>();
        table.forEach(e -> out.add(e.getKey() + "=" + e.getValue()));
        return out;
    }

    @Test
    void loadsTheLatestValuePerKeyOnOpenInKeyOrder() {
        producer.sendSync("accounts", "b", "1");
        producer.sendSync("accounts", "a", "1");
        producer.sendSync("accounts", "b", "2");
        producer.sendSync("accounts", "c", "1");
        producer.sendSync("accounts", "c", null);
        try (Table<String, String> table = brook.table("accounts", Serdes.string(), Serdes.string())) {
            assertThat(table.get("a")).isEqualTo("1");
            assertThat(table.get("b")).isEqualTo("2");
            assertThat(table.get("c")).isNull();
            assertThat(table.containsKey("c")).isFalse();
            assertThat(table.size()).isEqualTo(2);
            assertThat(rows(table)).containsExactly("a=1", "b=2");
            assertThat(table.keys()).containsExactly("a", "b");
        }
    }

    @Test
    void followsAppendsAndTellsListenersOfEveryChangeIncludingDeletes() {
        producer.sendSync("accounts", "a", "0");
        try (Table<String, String> table = brook.table("accounts", Serdes.string(), Serdes.string())) {
            List<String> events = new CopyOnWriteArrayList<>();
            table.addListener((key, oldValue, newValue) -> events.add(key + ":" + oldValue + "->" + newValue));
            producer.sendSync("accounts", "a", "1");
            producer.sendSync("accounts", "b", "1");
            producer.sendSync("accounts", "a", null);
            producer.sendSync("accounts", "zzz", null); // deleting an absent key changes nothing
            assertThat(table.awaitCaughtUp(WAIT)).isTrue();
            assertThat(table.get("a")).isNull();
            assertThat(table.get("b")).isEqualTo("1");
            assertThat(table.size()).isEqualTo(1);
            assertThat(events).containsExactlyInAnyOrder("a:0->1", "b:null->1", "a:1->null");
            // Per key, in offset order ("a" lives in one partition).
            assertThat(events.stream().filter(e -> e.startsWith("a:")).toList())
                    .containsExactly("a:0->1", "a:1->null");
        }
    }

    @Test
    void aFailingListenerIsCountedAndTheTableCarriesOn() {
        try (Table<String, String> table = brook.table("accounts", Serdes.string(), Serdes.string())) {
            List<String> good = new CopyOnWriteArrayList<>();
            table.addListener((key, oldValue, newValue) -> {
                throw new IllegalStateException("listener bug");
            });
            table.addListener((key, oldValue, newValue) -> good.add(key));
            producer.sendSync("accounts", "a", "1");
            producer.sendSync("accounts", "b", "1");
            assertThat(table.awaitCaughtUp(WAIT)).isTrue();
            assertThat(table.listenerFailures()).isEqualTo(2);
            assertThat(good).containsExactlyInAnyOrder("a", "b");
            assertThat(table.failure()).isEmpty();
        }
    }

    @Test
    void followsRecordsProducedByKafkaClientsOverTheWire() throws Exception {
        String bootstrap = brook.listen(0);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (Table<String, String> table = brook.table("accounts", Serdes.string(), Serdes.string());
                KafkaProducer<String, String> kafka = new KafkaProducer<>(props, new StringSerializer(),
                        new StringSerializer())) {
            for (int i = 0; i < 10; i++) {
                kafka.send(new ProducerRecord<>("accounts", "k" + i, "v" + i)).get();
            }
            kafka.send(new ProducerRecord<>("accounts", "k3", null)).get();
            kafka.send(new ProducerRecord<>("accounts", "k4", "v4b")).get();
            assertThat(table.awaitCaughtUp(WAIT)).isTrue();
            assertThat(table.size()).isEqualTo(9);
            assertThat(table.get("k3")).isNull();
            assertThat(table.get("k4")).isEqualTo("v4b");
        }
    }

    @Test
    void reopeningLoadsTheSameTableAgainAfterARestart() throws IOException {
        long seed = Long.getLong("brook.seed", System.nanoTime());
        Random random = new Random(seed);
        TreeMap<String, String> model = new TreeMap<>();
        for (int i = 0; i < 500; i++) {
            String key = "key-" + random.nextInt(60);
            String value = random.nextInt(5) == 0 ? null : "v" + i;
            producer.sendSync("accounts", key, value);
            if (value == null) {
                model.remove(key);
            } else {
                model.put(key, value);
            }
        }
        List<String> expected = model.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        try (Table<String, String> table = brook.table("accounts", Serdes.string(), Serdes.string())) {
            assertThat(rows(table)).as("seed %d", seed).containsExactlyElementsOf(expected);
        }
        brook.close();
        brook = Brook.open(dir);
        try (Table<String, String> table = brook.table("accounts", Serdes.string(), Serdes.string())) {
            assertThat(rows(table)).as("seed %d, after reopen", seed).containsExactlyElementsOf(expected);
            assertThat(table.size()).as("seed %d", seed).isEqualTo(model.size());
        }
    }

    @Test
    void iteratesInTheGivenOrderAndLooksUpByteArrayKeysByContent() {
        producer.sendSync("accounts", "a", "1");
        producer.sendSync("accounts", "B", "2");
        producer.sendSync("accounts", "c", "3");
        try (Table<String, String> table = brook.table("accounts", Serdes.string(), Serdes.string(),
                String.CASE_INSENSITIVE_ORDER.reversed())) {
            assertThat(table.keys()).containsExactly("c", "B", "a");
        }
        try (Table<byte[], String> table = brook.table("accounts", Serdes.bytes(), Serdes.string())) {
            assertThat(table.get("B".getBytes(java.nio.charset.StandardCharsets.UTF_8))).isEqualTo("2");
            // Byte order: 'B' (0x42) sorts before 'a' (0x61).
            assertThat(table.keys()).extracting(k -> new String(k, java.nio.charset.StandardCharsets.UTF_8))
                    .containsExactly("B", "a", "c");
        }
        assertThat(Comparator.<String>naturalOrder().compare("B", "a")).isNegative();
    }

    @Test
    void refusesTopicsThatAreNotCompactedAndKeylessRecordsOnCompactedOnes() {
        brook.topics().create("events", 1);
        assertThatThrownBy(() -> brook.table("events", Serdes.string(), Serdes.string()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not compacted");
        assertThatThrownBy(() -> producer.sendSync("accounts", null, "no key"))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("without key");
    }

    @Test
    void closingStopsFollowingButKeepsTheRows() throws ExecutionException {
        producer.sendSync("accounts", "a", "1");
        Table<String, String> table = brook.table("accounts", Serdes.string(), Serdes.string());
        table.close();
        producer.sendSync("accounts", "a", "2");
        assertThat(table.get("a")).isEqualTo("1");
        assertThatThrownBy(() -> table.awaitCaughtUp(WAIT)).isInstanceOf(IllegalStateException.class);
        // Brook.close() closes tables still open.
        Table<String, String> open = brook.table("accounts", Serdes.string(), Serdes.string());
        assertThat(open.get("a")).isEqualTo("2");
        brook.close();
        assertThatThrownBy(() -> open.awaitCaughtUp(WAIT)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aTableLoadedFromTheCleanedLogEqualsOneLoadedBeforeCleaningAndKeepsFollowing() {
        long seed = Long.getLong("brook.seed", System.nanoTime());
        Random random = new Random(seed);
        brook.topics().create("compacted", 1, COMPACT);
        TopicPartition tp = new TopicPartition("compacted", 0);
        for (int i = 0; i < 400; i++) {
            producer.sendSync("compacted", "k" + random.nextInt(25), random.nextInt(5) == 0 ? null : "v" + i);
            if (random.nextInt(50) == 0) {
                brook.partitionStore().partition(tp).log().roll();
            }
        }
        brook.partitionStore().partition(tp).log().roll();
        List<String> before;
        try (Table<String, String> table = brook.table("compacted", Serdes.string(), Serdes.string())) {
            before = rows(table);
        }
        assertThat(brook.logCleaner().clean(tp).cleaned()).as("seed %d", seed).isTrue();
        try (Table<String, String> table = brook.table("compacted", Serdes.string(), Serdes.string())) {
            assertThat(rows(table)).as("seed %d", seed).containsExactlyElementsOf(before);
            List<String> events = new CopyOnWriteArrayList<>();
            table.addListener((key, oldValue, newValue) -> events.add(key + ":" + oldValue + "->" + newValue));
            producer.sendSync("compacted", "fresh", "1");
            assertThat(table.awaitCaughtUp(WAIT)).isTrue();
            assertThat(table.get("fresh")).isEqualTo("1");
            assertThat(events).containsExactly("fresh:null->1");
        }
        assertThat(brook.logCleaner().health(tp).healthy()).as("seed %d", seed).isTrue();
    }
}
