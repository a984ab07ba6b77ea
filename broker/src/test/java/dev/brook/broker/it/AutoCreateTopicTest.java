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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Producing to a topic that does not exist: created with num.partitions, or refused when auto-creation is off. */
class AutoCreateTopicTest {
    @TempDir
    Path dir;

    @Test
    void producingToAnUnknownTopicCreatesItWithNumPartitions() throws Exception {
        try (TestBroker broker = TestBroker.start(dir, Map.of("num.partitions", "3"))) {
            try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
                RecordMetadata m = producer.send(new ProducerRecord<>("made-on-demand", bytes("k"), bytes("v")))
                        .get(15, TimeUnit.SECONDS);
                assertThat(m.offset()).isZero();
            }
            try (Admin admin = broker.admin()) {
                assertThat(admin.describeTopics(List.of("made-on-demand")).allTopicNames().get(15, TimeUnit.SECONDS)
                        .get("made-on-demand").partitions()).hasSize(3);
            }
        }
    }

    @Test
    void withAutoCreationOffTheSendTimesOutAndNoTopicAppears() throws Exception {
        try (TestBroker broker = TestBroker.start(dir, Map.of("auto.create.topics.enable", "false"))) {
            try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG,
                    1_000))) {
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>("never-made", bytes("v")))
                        .get(15, TimeUnit.SECONDS))
                        .satisfies(e -> assertThat(e instanceof ExecutionException ? e.getCause() : e)
                                .isInstanceOf(TimeoutException.class)
                                .hasMessageContaining("never-made"));
            }
            try (Admin admin = broker.admin()) {
                assertThat(admin.listTopics().names().get(15, TimeUnit.SECONDS)).doesNotContain("never-made");
            }
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
