package dev.brook.broker.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One idempotent producer keeps sending while the broker restarts under it (same port, same directory). Batches
 * in flight at the restart are retried; the broker must recognise those it already wrote from the producer state
 * it kept, so every record lands exactly once and in send order.
 */
class IdempotentProducerRestartTest {
    private static final String TOPIC = "exactly-once";
    private static final int PARTITIONS = 3;
    private static final int RECORDS = 6_000;

    @TempDir
    Path dir;

    @Test
    void retriesAcrossARestartLeaveNoDuplicatesAndNoGaps() throws Exception {
        try (TestBroker broker = TestBroker.start(dir, TestBroker.freePort(), Map.of())) {
            try (Admin admin = broker.admin()) {
                admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all()
                        .get(15, TimeUnit.SECONDS);
            }
            List<Future<RecordMetadata>> acks = new ArrayList<>(RECORDS);
            try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of(
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                    ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE,
                    ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 50,
                    ProducerConfig.RECONNECT_BACKOFF_MS_CONFIG, 50,
                    ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200,
                    ProducerConfig.LINGER_MS_CONFIG, 0,
                    ProducerConfig.BATCH_SIZE_CONFIG, 2_048,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000))) {
                for (int i = 0; i < RECORDS; i++) {
                    acks.add(producer.send(new ProducerRecord<>(TOPIC, key(i), new byte[100])));
                    if (i == RECORDS / 3) {
                        // Let some batches complete, then restart with the rest in flight or queued.
                        acks.get(RECORDS / 6).get(15, TimeUnit.SECONDS);
                        broker.restart();
                    }
                }
                producer.flush();
            }
            Map<Integer, Integer> partitionOf = new HashMap<>();
            for (int i = 0; i < RECORDS; i++) {
                partitionOf.put(i, acks.get(i).get(30, TimeUnit.SECONDS).partition());
            }

            List<TopicPartition> tps = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                tps.add(new TopicPartition(TOPIC, p));
            }
            try (KafkaConsumer<byte[], byte[]> consumer = broker.consumer()) {
                consumer.assign(tps);
                consumer.seekToBeginning(tps);
                Map<TopicPartition, Long> end = consumer.endOffsets(tps);
                assertThat(end.values().stream().mapToLong(Long::longValue).sum()).as("records stored")
                        .isEqualTo(RECORDS);
                List<ConsumerRecord<byte[], byte[]>> got = TestBroker.pollUntil(consumer, RECORDS);
                int[] seen = new int[RECORDS];
                Map<Integer, Integer> lastKey = new HashMap<>();
                for (ConsumerRecord<byte[], byte[]> r : got) {
                    int k = ByteBuffer.wrap(r.key()).getInt();
                    seen[k]++;
                    assertThat(r.partition()).as("partition of %d", k).isEqualTo(partitionOf.get(k));
                    assertThat(k).as("send order in partition %d", r.partition())
                            .isGreaterThan(lastKey.getOrDefault(r.partition(), -1));
                    lastKey.put(r.partition(), k);
                }
                for (int k = 0; k < RECORDS; k++) {
                    assertThat(seen[k]).as("copies of record %d", k).isEqualTo(1);
                }
            }
        }
    }

    private static byte[] key(int i) {
        return ByteBuffer.allocate(4).putInt(i).array();
    }
}
