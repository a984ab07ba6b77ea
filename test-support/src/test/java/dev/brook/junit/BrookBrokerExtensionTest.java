package dev.brook.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
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

/** A test written the way an application would write one: annotation, bootstrap address, plain kafka-clients. */
@BrookBroker(topics = {@Topic(name = "orders", partitions = 3), @Topic(name = "audit", configs = "retention.ms=60000")},
        settings = "num.partitions=2")
class BrookBrokerExtensionTest {

    @Test
    void declaredTopicsExistAndKafkaClientsProduceAndConsume(@BootstrapServers String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            assertThat(admin.listTopics().names().get()).contains("orders", "audit");
            assertThat(admin.describeTopics(List.of("orders")).allTopicNames().get().get("orders").partitions())
                    .hasSize(3);
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < 30; i++) {
                producer.send(new ProducerRecord<>("orders", "order-" + i, "placed")).get();
            }
        }
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = List.of(new TopicPartition("orders", 0),
                    new TopicPartition("orders", 1), new TopicPartition("orders", 2));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            for (int attempt = 0; attempt < 100 && keys.size() < 30; attempt++) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    keys.add(r.key());
                }
            }
        }
        assertThat(keys).hasSize(30).doesNotHaveDuplicates();
    }

    @Test
    void settingsApplyAndTestsMayCreateTopics(RunningBrook brook) throws Exception {
        brook.createTopic("made-in-test");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                brook.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).contains("made-in-test");
        }
        // num.partitions=2 applies to topics created without a count (auto-created ones).
        assertThat(brook.broker().partitions().createTopic("defaulted", -1, -1, Map.of()).partitionCount())
                .isEqualTo(2);
    }
}
