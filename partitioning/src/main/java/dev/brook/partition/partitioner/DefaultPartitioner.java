package dev.brook.partition.partitioner;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The partitioner kafka-clients uses by default, so in-process producers and Kafka producers agree on where a key
 * goes:
 * <ul>
 *   <li>a keyed record goes to {@code (murmur2(serializedKey) & 0x7fffffff) % partitionCount} (see {@link Murmur2});
 *   <li>a keyless record goes to the topic's current sticky partition, which moves to another partition (chosen at
 *       random) each time a batch for it completes, so keyless records fill whole batches and spread evenly over
 *       time, as kafka-clients' built-in partitioner does (KIP-480).
 * </ul>
 */
public final class DefaultPartitioner implements Partitioner {
    /** Topic → the partition keyless records currently go to. */
    private final Map<String, Integer> sticky = new ConcurrentHashMap<>();
    /** Topic → the sticky partition whose batch completed last, avoided by the next choice. */
    private final Map<String, Integer> retired = new ConcurrentHashMap<>();

    @Override
    public int partition(String topic, byte[] serializedKey, int partitionCount) {
        if (partitionCount <= 0) {
            throw new IllegalArgumentException("topic " + topic + " has no partitions");
        }
        if (serializedKey != null) {
            return forKey(serializedKey, partitionCount);
        }
        int current = sticky.computeIfAbsent(topic, t -> next(t, partitionCount));
        return current < partitionCount ? current : sticky.compute(topic, (t, c) -> next(t, partitionCount));
    }

    /** The partition kafka-clients' {@code BuiltInPartitioner.partitionForKey} gives a serialized key. */
    public static int forKey(byte[] serializedKey, int partitionCount) {
        return Murmur2.toPositive(Murmur2.hash(serializedKey)) % partitionCount;
    }

    @Override
    public void batchCompleted(String topic, int partition) {
        if (sticky.remove(topic, partition)) {
            retired.put(topic, partition);
        }
    }

    private int next(String topic, int partitionCount) {
        if (partitionCount == 1) {
            return 0;
        }
        Integer avoid = retired.get(topic);
        int choice = ThreadLocalRandom.current().nextInt(avoid == null || avoid >= partitionCount
                ? partitionCount : partitionCount - 1);
        return avoid != null && avoid < partitionCount && choice >= avoid ? choice + 1 : choice;
    }
}
