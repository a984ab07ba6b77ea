package dev.brook.broker.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * One kafka-clients group member running its own poll loop on its own thread, the way a service instance would:
 * poll, "process" each record (count its key in a map shared by the group), then commitSync. A batch whose commit
 * fails (a rebalance got in between) is remembered, because its records may legitimately be processed again
 * (at-least-once); any other record processed twice is a bug.
 *
 * <p>{@link #crash()} stops the loop and closes the consumer with {@code REMAIN_IN_GROUP} and a zero timeout, so no
 * LeaveGroup is sent: to the coordinator the member simply goes silent, as if its process died, and only the
 * session timeout removes it.
 */
final class GroupMember {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, AtomicInteger> processed;
    private final Set<String> uncommitted;
    private final Thread thread;
    private final AtomicReference<Set<TopicPartition>> assignment = new AtomicReference<>(Set.of());
    private final AtomicInteger rebalances = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile boolean leaveOnStop = true;

    /**
     * Starts the member on a new thread.
     *
     * @param consumer    a consumer configured with the group, not yet subscribed (owned by the member from now)
     * @param topics      the topics to subscribe to
     * @param processed   key → times processed, shared by the group
     * @param uncommitted keys of batches whose commit failed, shared by the group
     */
    GroupMember(String name, KafkaConsumer<byte[], byte[]> consumer, Collection<String> topics,
                Map<String, AtomicInteger> processed, Set<String> uncommitted) {
        this.consumer = consumer;
        this.processed = processed;
        this.uncommitted = uncommitted;
        this.thread = new Thread(() -> loop(List.copyOf(topics)), "group-member-" + name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void loop(List<String> topics) {
        try {
            consumer.subscribe(topics, new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    rebalances.incrementAndGet();
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    rebalances.incrementAndGet();
                }
            });
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                assignment.set(Set.copyOf(consumer.assignment()));
                if (records.isEmpty()) {
                    continue;
                }
                List<String> keys = new ArrayList<>(records.count());
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    String key = new String(r.key(), java.nio.charset.StandardCharsets.UTF_8);
                    keys.add(key);
                    processed.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                }
                try {
                    consumer.commitSync(Duration.ofSeconds(15));
                } catch (KafkaException e) {
                    // CommitFailedException, RebalanceInProgressException, a timeout: these records may come again.
                    uncommitted.addAll(keys);
                }
            }
        } catch (Throwable t) {
            failure.set(t);
        } finally {
            try {
                if (leaveOnStop) {
                    consumer.close(CloseOptions.timeout(Duration.ofSeconds(10)));
                } else {
                    consumer.close(CloseOptions.groupMembershipOperation(
                            CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP).withTimeout(Duration.ZERO));
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
            assignment.set(Set.of());
            finished.countDown();
        }
    }

    /** The partitions the member owned after its latest poll. */
    Set<TopicPartition> assignment() {
        return assignment.get();
    }

    /** How many times a rebalance callback ran (revoked or assigned). */
    int rebalanceCallbacks() {
        return rebalances.get();
    }

    /** Stops the member without LeaveGroup, as if its process died; returns once the consumer is closed. */
    void crash() throws InterruptedException {
        leaveOnStop = false;
        stop();
    }

    private void stop() throws InterruptedException {
        running = false;
        if (!finished.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("member " + thread.getName() + " did not stop");
        }
        Throwable t = failure.get();
        if (t != null) {
            throw new AssertionError("member " + thread.getName() + " failed", t);
        }
    }

    /** Stops the member and closes it normally (LeaveGroup for a dynamic member). Idempotent. */
    void close() throws InterruptedException {
        if (finished.getCount() > 0) {
            stop();
        }
    }
}
