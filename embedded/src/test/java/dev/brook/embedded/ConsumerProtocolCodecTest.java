package dev.brook.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.partition.topic.TopicPartition;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
import org.junit.jupiter.api.Test;

/** The embedded members' metadata and assignments read as Kafka's consumer protocol, checked with kafka-clients. */
class ConsumerProtocolCodecTest {

    @Test
    void kafkaReadsWhatWeWriteAndWeReadWhatKafkaWrites() {
        long seed = Long.getLong("brook.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int trial = 0; trial < 200; trial++) {
            Set<String> topics = new HashSet<>();
            Set<TopicPartition> owned = new HashSet<>();
            int topicCount = random.nextInt(4);
            for (int t = 0; t < topicCount; t++) {
                String topic = "topic-" + random.nextInt(100);
                topics.add(topic);
                for (int p = 0; p < random.nextInt(5); p++) {
                    owned.add(new TopicPartition(topic, random.nextInt(20)));
                }
            }
            String context = "seed=" + seed + " trial=" + trial;

            ConsumerPartitionAssignor.Subscription theirs = ConsumerProtocol.deserializeSubscription(
                    ByteBuffer.wrap(ConsumerProtocolCodec.encodeSubscription(topics, owned)));
            assertThat(new HashSet<>(theirs.topics())).as(context).isEqualTo(topics);
            assertThat(theirs.ownedPartitions()).as(context).map(tp -> new TopicPartition(tp.topic(), tp.partition()))
                    .containsExactlyInAnyOrderElementsOf(owned);
            ConsumerPartitionAssignor.Assignment assignment = ConsumerProtocol.deserializeAssignment(
                    ByteBuffer.wrap(ConsumerProtocolCodec.encodeAssignment(owned)));
            assertThat(assignment.partitions()).as(context).map(tp -> new TopicPartition(tp.topic(), tp.partition()))
                    .containsExactlyInAnyOrderElementsOf(owned);

            List<org.apache.kafka.common.TopicPartition> kafkaOwned = new ArrayList<>();
            owned.forEach(tp -> kafkaOwned.add(new org.apache.kafka.common.TopicPartition(tp.topic(), tp.partition())));
            ByteBuffer kafkaSubscription = ConsumerProtocol.serializeSubscription(
                    new ConsumerPartitionAssignor.Subscription(new ArrayList<>(topics), null, kafkaOwned));
            var ours = ConsumerProtocolCodec.decodeSubscription(bytes(kafkaSubscription));
            assertThat(ours.topics()).as(context).isEqualTo(topics);
            assertThat(ours.owned()).as(context).containsExactlyInAnyOrderElementsOf(owned);
            ByteBuffer kafkaAssignment = ConsumerProtocol.serializeAssignment(
                    new ConsumerPartitionAssignor.Assignment(kafkaOwned));
            assertThat(ConsumerProtocolCodec.decodeAssignment(bytes(kafkaAssignment))).as(context)
                    .containsExactlyInAnyOrderElementsOf(owned);
        }
    }

    @Test
    void garbageIsRefusedAndEmptyMeansNoPartitions() {
        assertThat(ConsumerProtocolCodec.decodeAssignment(new byte[0])).isEmpty();
        assertThatThrownBy(() -> ConsumerProtocolCodec.decodeSubscription(new byte[] {0, 1, 0x7f, 0, 0, 0}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConsumerProtocolCodec.decodeAssignment(new byte[] {0, 1, 0, 0, 0, 1, 0}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }
}
