package dev.brook.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.log.record.Header;
import dev.brook.partition.partitioner.DefaultPartitioner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** listen(): Kafka clients and in-process producers and readers share the same topics. */
class ListenTest {
    private static final int EACH = 50;

    @Test
    void kafkaClientsAndInProcessProducersShareTopics() throws Exception {
        try (Brook brook = Brook.openTemporary()) {
            brook.topics().create("shared", 3);
            String bootstrap = brook.listen(0);
            Producer<String, String> local = brook.producer(Serdes.string(), Serdes.string());
            for (int i = 0; i < EACH; i++) {
                local.sendSync("shared", "key-" + i, "local-" + i,
                        List.of(new Header("from", "brook".getBytes(StandardCharsets.UTF_8))));
            }
            Properties producerProps = new Properties();
            producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
            try (KafkaProducer<String, String> kafka = new KafkaProducer<>(producerProps, new StringSerializer(),
                    new StringSerializer())) {
                for (int i = 0; i < EACH; i++) {
                    String key = "key-" + i;
                    int partition = kafka.send(new ProducerRecord<>("shared", key, "kafka-" + i)).get().partition();
                    // Both sides agree on where a key goes.
                    assertThat(partition).isEqualTo(
                            DefaultPartitioner.forKey(key.getBytes(StandardCharsets.UTF_8), 3));
                }
            }

            Properties consumerProps = new Properties();
            consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            List<ConsumerRecord<String, String>> fromKafka = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(),
                    new StringDeserializer())) {
                List<TopicPartition> all = List.of(new TopicPartition("shared", 0), new TopicPartition("shared", 1),
                        new TopicPartition("shared", 2));
                consumer.assign(all);
                consumer.seekToBeginning(all);
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (fromKafka.size() < 2 * EACH && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(200)).forEach(fromKafka::add);
                }
            }
            assertThat(fromKafka).hasSize(2 * EACH);
            assertThat(fromKafka).filteredOn(r -> r.value().startsWith("local-"))
                    .hasSize(EACH)
                    .allMatch(r -> new String(r.headers().lastHeader("from").value(), StandardCharsets.UTF_8)
                            .equals("brook"));

            try (Reader<String, String> reader = brook.reader("shared", Serdes.string(), Serdes.string(),
                    StartPosition.earliest())) {
                List<BrookRecord<String, String>> local2 = ReaderTest.readAll(reader, 2 * EACH);
                assertThat(local2).extracting(BrookRecord::value).filteredOn(v -> v.startsWith("kafka-"))
                        .hasSize(EACH);
                for (BrookRecord<String, String> r : local2) {
                    assertThat(fromKafka).anyMatch(k -> k.partition() == r.partition() && k.offset() == r.offset()
                            && k.value().equals(r.value()) && k.key().equals(r.key()));
                }
            }
        }
    }
}
