package dev.brook.broker.it;

import static dev.brook.broker.it.ConsumerGroupTest.TOPICS;
import static dev.brook.broker.it.ConsumerGroupTest.assertAtLeastOnce;
import static dev.brook.broker.it.ConsumerGroupTest.await;
import static dev.brook.broker.it.ConsumerGroupTest.createTopics;
import static dev.brook.broker.it.ConsumerGroupTest.groupSettings;
import static dev.brook.broker.it.ConsumerGroupTest.idempotentProducer;
import static dev.brook.broker.it.ConsumerGroupTest.memberSettings;
import static dev.brook.broker.it.ConsumerGroupTest.produce;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker restarts while a group consumes: the committed offsets survive (they are reloaded from
 * {@code __consumer_offsets}), the members rejoin and resume from them, so nothing committed is processed again;
 * and a consumer started after a second restart begins exactly at the committed offsets.
 */
class GroupRestartTest {
    @TempDir
    Path dir;

    @Test
    void committedOffsetsSurviveARestartAndConsumersResumeFromThem() throws Exception {
        String group = "restart-group";
        int port = TestBroker.freePort();
        try (TestBroker broker = TestBroker.start(dir, port, groupSettings())) {
            createTopics(broker);
            Map<String, AtomicInteger> processed = new ConcurrentHashMap<>();
            Set<String> uncommitted = ConcurrentHashMap.newKeySet();
            List<String> keys = new ArrayList<>();
            List<GroupMember> members = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    members.add(new GroupMember("restart-" + i, broker.consumer(memberSettings(group, "range")),
                            TOPICS, processed, uncommitted));
                }
                try (KafkaProducer<byte[], byte[]> producer = broker.producer(idempotentProducer())) {
                    keys.addAll(produce(producer, "before", 50));
                }
                await("the records before the restart are processed", () -> processed.keySet().containsAll(keys));

                broker.restart();

                try (KafkaProducer<byte[], byte[]> producer = broker.producer(idempotentProducer())) {
                    keys.addAll(produce(producer, "after", 50));
                }
                await("the records after the restart are processed", () -> processed.keySet().containsAll(keys));
            } finally {
                for (GroupMember m : members) {
                    m.close();
                }
            }
            assertAtLeastOnce(keys, processed, uncommitted);

            Map<TopicPartition, Long> before = committed(broker, group);
            assertThat(before.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(keys.size());
            broker.restart();
            assertThat(committed(broker, group)).as("committed offsets after a restart").isEqualTo(before);

            // A new member of the group starts where the group left off: nothing is left to read.
            try (KafkaProducer<byte[], byte[]> producer = broker.producer(idempotentProducer())) {
                keys.addAll(produce(producer, "late", 10));
            }
            Map<String, Object> settings = new HashMap<>(memberSettings(group, "range"));
            settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            try (KafkaConsumer<byte[], byte[]> late = broker.consumer(settings)) {
                late.subscribe(TOPICS);
                List<String> got = TestBroker.pollUntil(late, 30).stream()
                        .map(r -> new String(r.key(), java.nio.charset.StandardCharsets.UTF_8)).toList();
                assertThat(got).as("only the records produced after the last commit")
                        .hasSize(30).allMatch(k -> k.contains("-late-"));
            }
        }
    }

    private static Map<TopicPartition, Long> committed(TestBroker broker, String group) throws Exception {
        try (Admin admin = broker.admin()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, Long> out = new HashMap<>();
            offsets.forEach((tp, om) -> out.put(tp, om.offset()));
            return out;
        }
    }
}
