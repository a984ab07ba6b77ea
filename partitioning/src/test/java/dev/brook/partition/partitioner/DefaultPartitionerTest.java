package dev.brook.partition.partitioner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

class DefaultPartitionerTest {
    private static final long SEED = Long.getLong("brook.seed", System.nanoTime());

    @Test
    void murmur2MatchesTheSpecVectors() {
        assertVector("", 275646681, 0, 1);
        assertVector("a", -1563381124, 1, 4);
        assertVector("abc", 479470107, 0, 7);
        assertVector("foo", 597841616, 2, 6);
        assertVector("kafka", -798503068, 1, 0);
        assertVector("hello world", 1221641059, 1, 9);
        assertVector("key-42", -187086521, 0, 7);
        assertVector("été", -2101193575, 1, 3);
    }

    private static void assertVector(String key, int hash, int mod3, int mod10) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        assertThat(Murmur2.hash(bytes)).as(key).isEqualTo(hash);
        assertThat(DefaultPartitioner.forKey(bytes, 3)).as(key).isEqualTo(mod3);
        assertThat(DefaultPartitioner.forKey(bytes, 10)).as(key).isEqualTo(mod10);
    }

    @Test
    void everyKeyGoesWhereKafkaClientsPutsIt() {
        Random random = new Random(SEED);
        DefaultPartitioner partitioner = new DefaultPartitioner();
        for (int i = 0; i < 20_000; i++) {
            byte[] key = new byte[random.nextInt(64)];
            random.nextBytes(key);
            int partitions = 1 + random.nextInt(1000);
            assertThat(Murmur2.hash(key)).as("seed %d", SEED).isEqualTo(Utils.murmur2(key));
            assertThat(partitioner.partition("t", key, partitions)).as("seed %d, %d partitions", SEED, partitions)
                    .isEqualTo(BuiltInPartitioner.partitionForKey(key, partitions));
        }
        assertThat(Murmur2.toPositive(Integer.MIN_VALUE)).isZero();
    }

    @Test
    void keylessRecordsStickUntilTheBatchCompletesThenMoveToAnotherPartition() {
        DefaultPartitioner partitioner = new DefaultPartitioner();
        int first = partitioner.partition("t", null, 6);
        for (int i = 0; i < 100; i++) {
            assertThat(partitioner.partition("t", null, 6)).isEqualTo(first);
        }
        Set<Integer> seen = new HashSet<>();
        int current = first;
        for (int i = 0; i < 200; i++) {
            partitioner.batchCompleted("t", current);
            int next = partitioner.partition("t", null, 6);
            assertThat(next).isNotEqualTo(current).isBetween(0, 5);
            seen.add(next);
            current = next;
        }
        assertThat(seen).as("keyless records spread over every partition").hasSize(6);
        partitioner.batchCompleted("t", (current + 1) % 6); // a stale completion changes nothing
        assertThat(partitioner.partition("t", null, 6)).isEqualTo(current);
        assertThat(partitioner.partition("single", null, 1)).isZero();
    }
}
