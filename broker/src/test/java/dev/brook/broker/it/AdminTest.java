package dev.brook.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConfigEntry.ConfigSource;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java Admin client against a real broker: topic lifecycle, configs, partitions, records and offsets. */
class AdminTest {
    /** Broker-level overrides, so DescribeConfigs has a static broker source to report. */
    private static final Map<String, String> BROKER_SETTINGS = Map.of("num.partitions", "2",
            "log.retention.ms", "3600000");

    @TempDir
    static Path dir;
    private static TestBroker broker;
    private static Admin admin;

    @BeforeAll
    static void startBroker() {
        broker = TestBroker.start(dir, BROKER_SETTINGS);
        admin = broker.admin();
    }

    @AfterAll
    static void stopBroker() {
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void createsTopicsWithExplicitOrDefaultPartitionsAndConfigs() throws Exception {
        get(admin.createTopics(List.of(
                new NewTopic("explicit", 3, (short) 1).configs(Map.of("segment.bytes", "1048576",
                        "message.timestamp.type", "LogAppendTime")),
                new NewTopic("defaulted", Optional.empty(), Optional.empty()))).all());

        Map<String, TopicDescription> described = get(admin.describeTopics(List.of("explicit", "defaulted"))
                .allTopicNames());
        assertThat(described.get("explicit").partitions()).hasSize(3).allSatisfy(p -> {
            assertThat(p.leader().id()).isEqualTo(1);
            assertThat(p.replicas()).extracting(n -> n.id()).containsExactly(1);
            assertThat(p.isr()).extracting(n -> n.id()).containsExactly(1);
        });
        assertThat(described.get("defaulted").partitions()).as("num.partitions").hasSize(2);
        assertThat(described.get("explicit").isInternal()).isFalse();
        assertThat(get(admin.listTopics().names())).contains("explicit", "defaulted");

        Config config = get(admin.describeConfigs(List.of(topicResource("explicit"))).all())
                .get(topicResource("explicit"));
        assertEntry(config, "segment.bytes", "1048576", ConfigSource.DYNAMIC_TOPIC_CONFIG);
        assertEntry(config, "message.timestamp.type", "LogAppendTime", ConfigSource.DYNAMIC_TOPIC_CONFIG);
        assertEntry(config, "retention.ms", "3600000", ConfigSource.STATIC_BROKER_CONFIG);
        assertEntry(config, "cleanup.policy", "delete", ConfigSource.DEFAULT_CONFIG);
        Config defaulted = get(admin.describeConfigs(List.of(topicResource("defaulted"))).all())
                .get(topicResource("defaulted"));
        assertEntry(defaulted, "segment.bytes", "1073741824", ConfigSource.DEFAULT_CONFIG);
        assertEntry(defaulted, "message.timestamp.type", "CreateTime", ConfigSource.DEFAULT_CONFIG);
    }

    @Test
    void creatingAnExistingTopicOrAnIllegalNameFailsWithTheKafkaException() throws Exception {
        get(admin.createTopics(List.of(new NewTopic("twice", 1, (short) 1))).all());
        assertThatThrownBy(() -> get(admin.createTopics(List.of(new NewTopic("twice", 1, (short) 1))).all()))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(TopicExistsException.class);
        // The admin client checks some names itself; this one only the broker rejects (too long).
        String tooLong = "x".repeat(250);
        assertThatThrownBy(() -> get(admin.createTopics(List.of(new NewTopic(tooLong, 1, (short) 1))).all()))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(InvalidTopicException.class);
        assertThatThrownBy(() -> get(admin.createTopics(List.of(new NewTopic("bad name!", 1, (short) 1))).all()))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(InvalidTopicException.class);
        assertThat(get(admin.listTopics().names())).doesNotContain(tooLong, "bad name!");
    }

    @Test
    void describesTheBrokersConfigWithSources() throws Exception {
        ConfigResource node = new ConfigResource(ConfigResource.Type.BROKER, "1");
        Config config = get(admin.describeConfigs(List.of(node)).all()).get(node);
        assertEntry(config, "num.partitions", "2", ConfigSource.STATIC_BROKER_CONFIG);
        assertEntry(config, "log.retention.ms", "3600000", ConfigSource.STATIC_BROKER_CONFIG);
        assertEntry(config, "auto.create.topics.enable", "true", ConfigSource.DEFAULT_CONFIG);
    }

    @Test
    void addsPartitionsButNeverRemovesThem() throws Exception {
        get(admin.createTopics(List.of(new NewTopic("growing", 2, (short) 1))).all());
        get(admin.createPartitions(Map.of("growing", NewPartitions.increaseTo(5))).all());
        assertThat(get(admin.describeTopics(List.of("growing")).allTopicNames()).get("growing").partitions())
                .hasSize(5);
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
            RecordMetadata m = producer.send(new ProducerRecord<>("growing", 4, null, bytes("in a new partition")))
                    .get(15, TimeUnit.SECONDS);
            assertThat(m.partition()).isEqualTo(4);
            assertThat(m.offset()).isZero();
        }
        assertThatThrownBy(() -> get(admin.createPartitions(Map.of("growing", NewPartitions.increaseTo(3))).all()))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(InvalidPartitionsException.class);
        assertThat(get(admin.describeTopics(List.of("growing")).allTopicNames()).get("growing").partitions())
                .hasSize(5);
    }

    @Test
    void deleteRecordsMovesTheEarliestOffset() throws Exception {
        get(admin.createTopics(List.of(new NewTopic("trimmed", 1, (short) 1))).all());
        TopicPartition tp = new TopicPartition("trimmed", 0);
        produce(tp, 10, 0);
        long low = get(admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(4))).lowWatermarks().get(tp))
                .lowWatermark();
        assertThat(low).isEqualTo(4);
        try (KafkaConsumer<byte[], byte[]> consumer = broker.consumer()) {
            assertThat(consumer.beginningOffsets(List.of(tp))).containsEntry(tp, 4L);
            assertThat(consumer.endOffsets(List.of(tp))).containsEntry(tp, 10L);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            List<ConsumerRecord<byte[], byte[]>> got = TestBroker.pollUntil(consumer, 6);
            assertThat(got).extracting(ConsumerRecord::offset).containsExactly(4L, 5L, 6L, 7L, 8L, 9L);
        }
        assertThat(get(admin.listOffsets(Map.of(tp, OffsetSpec.earliest())).all()).get(tp).offset()).isEqualTo(4);
    }

    @Test
    void deletedTopicsDisappearFromMetadata() throws Exception {
        get(admin.createTopics(List.of(new NewTopic("doomed", 2, (short) 1))).all());
        produce(new TopicPartition("doomed", 1), 3, 0);
        get(admin.deleteTopics(List.of("doomed")).all());
        assertThat(get(admin.listTopics().names())).doesNotContain("doomed");
        assertThatThrownBy(() -> get(admin.describeTopics(List.of("doomed")).allTopicNames()))
                .isInstanceOf(ExecutionException.class).cause()
                .isInstanceOf(UnknownTopicOrPartitionException.class);
        assertThatThrownBy(() -> get(admin.deleteTopics(List.of("doomed")).all()))
                .isInstanceOf(ExecutionException.class).cause()
                .isInstanceOf(UnknownTopicOrPartitionException.class);

        // The name is free again: a new topic under it starts empty, with its own partition count.
        get(admin.createTopics(List.of(new NewTopic("doomed", 1, (short) 1))).all());
        TopicPartition tp = new TopicPartition("doomed", 0);
        try (KafkaConsumer<byte[], byte[]> consumer = broker.consumer()) {
            assertThat(consumer.endOffsets(List.of(tp))).containsEntry(tp, 0L);
        }
        produce(tp, 2, 0);
        assertThat(get(admin.describeTopics(List.of("doomed")).allTopicNames()).get("doomed").partitions())
                .hasSize(1);
    }

    @Test
    void listsEarliestLatestAndTimestampOffsets() throws Exception {
        get(admin.createTopics(List.of(new NewTopic("timed", 1, (short) 1))).all());
        TopicPartition tp = new TopicPartition("timed", 0);
        produce(tp, 10, 1_000); // offset i has timestamp 1000 * (i + 1)

        assertThat(offset(tp, OffsetSpec.earliest())).isZero();
        assertThat(offset(tp, OffsetSpec.latest())).isEqualTo(10);
        ListOffsetsResultInfo at = get(admin.listOffsets(Map.of(tp, OffsetSpec.forTimestamp(4_500))).all()).get(tp);
        assertThat(at.offset()).isEqualTo(4);
        assertThat(at.timestamp()).isEqualTo(5_000);
        assertThat(offset(tp, OffsetSpec.forTimestamp(5_000))).isEqualTo(4);
        assertThat(offset(tp, OffsetSpec.forTimestamp(1))).isZero();
        assertThat(offset(tp, OffsetSpec.forTimestamp(99_999))).as("past the newest timestamp").isEqualTo(-1);

        try (KafkaConsumer<byte[], byte[]> consumer = broker.consumer()) {
            assertThat(consumer.beginningOffsets(List.of(tp))).containsEntry(tp, 0L);
            assertThat(consumer.endOffsets(List.of(tp))).containsEntry(tp, 10L);
            Map<TopicPartition, OffsetAndTimestamp> times = consumer.offsetsForTimes(Map.of(tp, 7_500L));
            assertThat(times.get(tp).offset()).isEqualTo(7);
            assertThat(times.get(tp).timestamp()).isEqualTo(8_000);
            assertThat(consumer.offsetsForTimes(Map.of(tp, 99_999L)).get(tp)).isNull();
        }
    }

    /** Produces {@code count} records to {@code tp}; with a nonzero step record i has timestamp step * (i + 1). */
    private static void produce(TopicPartition tp, int count, long step) throws Exception {
        List<RecordMetadata> acks = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
            for (int i = 0; i < count; i++) {
                Long timestamp = step == 0 ? null : step * (i + 1);
                acks.add(producer.send(new ProducerRecord<>(tp.topic(), tp.partition(), timestamp, null,
                        bytes("record " + i))).get(15, TimeUnit.SECONDS));
            }
        }
        assertThat(acks).extracting(RecordMetadata::offset).isEqualTo(
                java.util.stream.LongStream.range(0, count).boxed().toList());
    }

    private static long offset(TopicPartition tp, OffsetSpec spec) throws Exception {
        return get(admin.listOffsets(Map.of(tp, spec)).all()).get(tp).offset();
    }

    private static void assertEntry(Config config, String name, String value, ConfigSource source) {
        ConfigEntry e = config.get(name);
        assertThat(e).as(name).isNotNull();
        assertThat(e.value()).as(name).isEqualTo(value);
        assertThat(e.source()).as(name + " source").isEqualTo(source);
    }

    private static ConfigResource topicResource(String name) {
        return new ConfigResource(ConfigResource.Type.TOPIC, name);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static <T> T get(KafkaFuture<T> future) throws Exception {
        return future.get(20, TimeUnit.SECONDS);
    }
}
