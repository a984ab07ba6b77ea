package dev.brook.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compacted topics through Kafka's own clients: configs, the key requirement, and what the cleaner leaves. */
class CompactionTest {
    @TempDir
    Path dir;
    private TestBroker broker;
    private Admin admin;

    @BeforeEach
    void start() {
        broker = TestBroker.start(dir);
        admin = broker.admin();
    }

    @AfterEach
    void stop() {
        admin.close();
        broker.close();
    }

    private void createCompacted(String topic, Map<String, String> configs) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(configs))).all()
                .get(30, TimeUnit.SECONDS);
    }

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void describeConfigsShowsTheCompactPolicy() throws Exception {
        createCompacted("table", Map.of("cleanup.policy", "compact", "delete.retention.ms", "1000"));
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "table");
        Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
        assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        assertThat(config.get("cleanup.policy").source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
        assertThat(config.get("delete.retention.ms").value()).isEqualTo("1000");
        assertThat(config.get("min.cleanable.dirty.ratio").value()).isEqualTo("0.5");
    }

    @Test
    void theJavaProducerGetsInvalidRecordForAKeylessRecordOnACompactedTopic() throws Exception {
        createCompacted("table", Map.of("cleanup.policy", "compact"));
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
            // Produce v7 carries no error message, so the client's own text for INVALID_RECORD (87) is all it shows.
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("table", null, utf8("no key"))).get())
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(InvalidRecordException.class);
            // The partition still takes keyed records, and nothing of the refused one was stored.
            assertThat(producer.send(new ProducerRecord<>("table", utf8("k"), utf8("v"))).get().offset()).isZero();
        }
    }
}
