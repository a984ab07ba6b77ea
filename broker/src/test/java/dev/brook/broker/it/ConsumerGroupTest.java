package dev.brook.broker.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kafka-clients consumers (classic group protocol) in one group over three topics: every partition owned by exactly
 * one member; a member that dies without LeaveGroup loses its partitions after the session timeout; with
 * commitSync after each batch and an idempotent producer, every record is processed, and a record is processed
 * twice only if its batch's commit failed (at-least-once).
 */
class ConsumerGroupTest {
    static final List<String> TOPICS = List.of("orders", "payments", "shipments");
    static final int PARTITIONS = 3;

    @TempDir
    Path dir;

    /** Broker settings that let a test see a dead member removed within seconds. */
    static Map<String, String> groupSettings() {
        return Map.of("group.min.session.timeout.ms", "1000", "group.initial.rebalance.delay.ms", "0");
    }

    /** Consumer settings of one member: small session timeout, manual commits, the given assignor. */
    static Map<String, Object> memberSettings(String group, String assignor) {
        Map<String, Object> m = new HashMap<>();
        m.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        m.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        m.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, assignorClass(assignor));
        m.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000);
        m.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 500);
        m.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 30_000);
        m.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
        return m;
    }

    static String assignorClass(String assignor) {
        return switch (assignor) {
            case "range" -> org.apache.kafka.clients.consumer.RangeAssignor.class.getName();
            case "cooperative-sticky" -> org.apache.kafka.clients.consumer.CooperativeStickyAssignor.class.getName();
            default -> throw new IllegalArgumentException(assignor);
        };
    }

    static Set<TopicPartition> allPartitions() {
        Set<TopicPartition> all = new HashSet<>();
        for (String t : TOPICS) {
            for (int p = 0; p < PARTITIONS; p++) {
                all.add(new TopicPartition(t, p));
            }
        }
        return all;
    }

    static void createTopics(TestBroker broker) throws Exception {
        try (Admin admin = broker.admin()) {
            admin.createTopics(TOPICS.stream().map(t -> new NewTopic(t, PARTITIONS, (short) 1)).toList()).all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    /** Produces {@code perTopic} keyed records to every topic; returns the keys. */
    static List<String> produce(KafkaProducer<byte[], byte[]> producer, String batch, int perTopic)
            throws Exception {
        List<String> keys = new ArrayList<>();
        for (String t : TOPICS) {
            for (int i = 0; i < perTopic; i++) {
                String key = t + "-" + batch + "-" + i;
                keys.add(key);
                producer.send(new ProducerRecord<>(t, key.getBytes(StandardCharsets.UTF_8),
                        ("v-" + key).getBytes(StandardCharsets.UTF_8)));
            }
        }
        producer.flush();
        return keys;
    }

    static Map<String, Object> idempotentProducer() {
        return Map.of(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all");
    }

    /** Waits (generously) for {@code condition}; fails with {@code what} if it never holds. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }

    /** True when the members' latest assignments cover every partition exactly once. */
    static boolean ownedExactlyOnce(List<GroupMember> members) {
        Map<TopicPartition, Integer> owners = new HashMap<>();
        for (GroupMember m : members) {
            for (TopicPartition tp : m.assignment()) {
                owners.merge(tp, 1, Integer::sum);
            }
        }
        return owners.keySet().equals(allPartitions()) && owners.values().stream().allMatch(n -> n == 1);
    }

    static void assertAtLeastOnce(List<String> keys, Map<String, AtomicInteger> processed, Set<String> uncommitted) {
        assertThat(processed.keySet()).as("every produced key is processed").containsAll(keys);
        Set<String> twice = processed.entrySet().stream().filter(e -> e.getValue().get() > 1).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        assertThat(uncommitted).as("only records whose commit failed may be processed twice").containsAll(twice);
    }

    @ParameterizedTest
    @ValueSource(strings = {"range", "cooperative-sticky"})
    void membersShareThePartitionsAndADeadMembersPartitionsMoveAfterTheSessionTimeout(String assignor)
            throws Exception {
        String group = "group-" + assignor;
        try (TestBroker broker = TestBroker.start(dir, groupSettings());
             KafkaProducer<byte[], byte[]> producer = broker.producer(idempotentProducer())) {
            createTopics(broker);
            Map<String, AtomicInteger> processed = new ConcurrentHashMap<>();
            Set<String> uncommitted = ConcurrentHashMap.newKeySet();
            List<String> keys = new ArrayList<>(produce(producer, "first", 60));

            List<GroupMember> members = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    members.add(new GroupMember(assignor + "-" + i, broker.consumer(memberSettings(group, assignor)),
                            TOPICS, processed, uncommitted));
                }
                await("three members own every partition exactly once, each some",
                        () -> ownedExactlyOnce(members) && members.stream().noneMatch(m -> m.assignment().isEmpty()));
                await("the first records are processed", () -> processed.keySet().containsAll(keys));

                GroupMember dead = members.remove(0);
                Set<TopicPartition> orphaned = dead.assignment();
                dead.crash();
                keys.addAll(produce(producer, "second", 60));
                await("the two survivors own every partition, the dead member's " + orphaned + " too",
                        () -> ownedExactlyOnce(members));
                await("every record is processed", () -> processed.keySet().containsAll(keys));
            } finally {
                for (GroupMember m : members) {
                    m.close();
                }
            }
            assertAtLeastOnce(keys, processed, uncommitted);

            try (Admin admin = broker.admin()) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> latest = allPartitions().stream()
                        .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
                Map<TopicPartition, Long> ends = new HashMap<>();
                admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> {
                    if (info.offset() > 0) {
                        ends.put(tp, info.offset()); // a partition that never got a record has nothing committed
                    }
                });
                Map<TopicPartition, Long> committedOffsets = new HashMap<>();
                committed.forEach((tp, om) -> committedOffsets.put(tp, om.offset()));
                assertThat(committedOffsets).as("committed offsets reach the log end").isEqualTo(ends);
            }
        }
    }
}
