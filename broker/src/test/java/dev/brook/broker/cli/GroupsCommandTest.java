package dev.brook.broker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.broker.Broker;
import dev.brook.broker.TestBrokers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code brook groups list|describe} against a running broker with a live consumer group. */
class GroupsCommandTest {
    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = GroupsCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void listAndDescribeShowMembersAssignmentsCommittedOffsetsAndLag() throws Exception {
        try (Broker broker = TestBrokers.start(dir, Map.of("group.initial.rebalance.delay.ms", "0"))) {
            String bootstrap = broker.bootstrapServers();
            broker.partitions().createTopic("cli-topic", 2, 1, Map.of());
            Properties pp = new Properties();
            pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(pp, new StringSerializer(),
                    new StringSerializer())) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>("cli-topic", 0, "k" + i, "v" + i));
                    producer.send(new ProducerRecord<>("cli-topic", 1, "k" + i, "v" + i));
                }
                producer.flush();
            }
            Properties cp = new Properties();
            cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            cp.put(ConsumerConfig.GROUP_ID_CONFIG, "cli-group");
            cp.put(ConsumerConfig.CLIENT_ID_CONFIG, "cli-client");
            cp.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(cp, new StringDeserializer(),
                    new StringDeserializer())) {
                consumer.subscribe(List.of("cli-topic"));
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (consumer.assignment().size() < 2 && System.nanoTime() < deadline) {
                    ConsumerRecords<String, String> ignored = consumer.poll(Duration.ofMillis(100));
                    assertThat(ignored).isNotNull();
                }
                consumer.commitSync(Map.of(new TopicPartition("cli-topic", 0), new OffsetAndMetadata(4),
                        new TopicPartition("cli-topic", 1), new OffsetAndMetadata(10)));

                Run list = run("list", "--bootstrap-server", bootstrap);
                assertThat(list.exitCode()).as(list.err()).isZero();
                assertThat(list.out()).containsPattern("(?m)^GROUP\\s+STATE\\s+PROTOCOL-TYPE\\s+PROTOCOL\\s+MEMBERS$")
                        .containsPattern("(?m)^cli-group\\s+Stable\\s+consumer\\s+range\\s+1$");

                Run describe = run("describe", "cli-group", "--bootstrap-server", bootstrap);
                assertThat(describe.exitCode()).as(describe.err()).isZero();
                assertThat(describe.out())
                        .contains("Group cli-group: state Stable, protocol type consumer, protocol range, 1 member(s)")
                        .containsPattern("(?m)^\\S+\\s+-\\s+cli-client\\s+/127\\.0\\.0\\.1\\s+cli-topic\\[0, 1\\]$")
                        .containsPattern("(?m)^cli-topic\\s+0\\s+4\\s+10\\s+6\\s+\\S+$")
                        .containsPattern("(?m)^cli-topic\\s+1\\s+10\\s+10\\s+0\\s+\\S+$");
            }
        }
    }

    @Test
    void describingAnUnknownGroupFails() throws Exception {
        try (Broker broker = TestBrokers.start(dir)) {
            Run r = run("describe", "no-such-group", "--bootstrap-server", broker.bootstrapServers());
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.err()).contains("group no-such-group does not exist");
        }
    }

    @Test
    void badArgumentsAreAUsageError() {
        assertThat(run().exitCode()).isEqualTo(2);
        assertThat(run("describe").exitCode()).isEqualTo(2);
        assertThat(run("list", "--bootstrap-server", "nope").exitCode()).isEqualTo(2);
        assertThat(run("list", "--frobnicate").err()).contains("usage: bin/brook groups");
    }
}
