package dev.brook.embedded;

import dev.brook.partition.topic.TopicPartition;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A group member on a thread of its own that polls until stopped (a rebalance needs every member polling),
 * recording the records it got and its rebalance callbacks, numbered on a sequence shared by all members.
 */
final class PollingMember {
    /** One callback: which, with what, and when in the shared sequence. */
    record Event(String member, String kind, List<TopicPartition> partitions, long sequence) {
    }

    final String name;
    final GroupConsumer<String, String> consumer;
    final Queue<BrookRecord<String, String>> records = new ConcurrentLinkedQueue<>();
    final Map<TopicPartition, Boolean> owned = new ConcurrentHashMap<>();
    final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean running = true;

    PollingMember(Brook brook, String name, String groupId, Collection<String> topics, GroupConsumerOptions options,
            AtomicLong sequence, Queue<Event> events) {
        this.name = name;
        RebalanceListener listener = new RebalanceListener() {
            @Override
            public void onRevoked(Collection<TopicPartition> partitions) {
                // The event first: a test that sees the ownership change then reads the sequence sees the event too.
                events.add(new Event(name, "revoked", List.copyOf(partitions), sequence.incrementAndGet()));
                partitions.forEach(owned::remove);
            }

            @Override
            public void onAssigned(Collection<TopicPartition> partitions) {
                events.add(new Event(name, "assigned", List.copyOf(partitions), sequence.incrementAndGet()));
                partitions.forEach(tp -> owned.put(tp, true));
            }
        };
        this.consumer = brook.groupConsumer(groupId, topics, Serdes.string(), Serdes.string(), options, listener);
        this.thread = new Thread(this::run, "member-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                records.addAll(consumer.poll(java.time.Duration.ofMillis(100)));
            }
        } catch (RuntimeException | Error e) {
            if (running) {
                failure.set(e);
            }
        }
    }

    /** Stops polling, then closes the consumer on the caller's thread (leaving the group). */
    void close() throws InterruptedException {
        running = false;
        thread.join();
        consumer.close();
    }
}
