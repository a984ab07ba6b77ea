package dev.brook.groups.assignor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.partition.topic.TopicPartition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription;
import org.apache.kafka.clients.consumer.internals.AbstractPartitionAssignor;
import org.junit.jupiter.api.Test;

/**
 * Without copartition groups, range and round-robin give exactly what kafka-clients' assignors of the same name give,
 * so a group mixing Brook's server-side assignment with Kafka clients' expectations sees the same layout.
 */
class KafkaAgreementTest {
    private static final int TRIALS = 300;

    @Test
    void rangeAgreesWithKafka() {
        agree(new RangeAssignor(), new org.apache.kafka.clients.consumer.RangeAssignor());
    }

    @Test
    void roundRobinAgreesWithKafka() {
        agree(new RoundRobinAssignor(), new org.apache.kafka.clients.consumer.RoundRobinAssignor());
    }

    private static void agree(Assignor ours, AbstractPartitionAssignor kafka) {
        long seed = Long.getLong("brook.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int trial = 0; trial < TRIALS; trial++) {
            RandomGroup group = RandomGroup.generate(random);
            Map<String, List<TopicPartition>> expected = new HashMap<>();
            Map<String, Subscription> subscriptions = new HashMap<>();
            group.members().forEach((id, s) -> subscriptions.put(id, new Subscription(new ArrayList<>(s.topics()))));
            kafka.assign(group.partitionCounts(), subscriptions).forEach((id, partitions) -> expected.put(id,
                    partitions.stream().map(tp -> new TopicPartition(tp.topic(), tp.partition()))
                            .sorted(AssignmentProblem.PARTITION_ORDER).toList()));
            Map<String, List<TopicPartition>> actual = ours.assign(group.members(), group.partitionCounts(), List.of());
            assertThat(actual).as("%s seed=%d trial=%d input=%s", ours.name(), seed, trial, group)
                    .isEqualTo(expected);
        }
    }

    @Test
    void namesAreKafkas() {
        assertThat(new TreeSet<>(Assignor.builtIn().stream().map(Assignor::name).toList()))
                .isEqualTo(Set.of("range", "roundrobin", "sticky"));
        assertThat(new RangeAssignor().name()).isEqualTo(org.apache.kafka.clients.consumer.RangeAssignor.RANGE_ASSIGNOR_NAME);
        assertThat(Assignor.builtIn("nope")).isEmpty();
    }
}
