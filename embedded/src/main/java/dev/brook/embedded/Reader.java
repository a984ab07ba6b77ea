package dev.brook.embedded;

import dev.brook.partition.Partition;
import dev.brook.partition.PartitionStore;
import dev.brook.partition.UnknownTopicOrPartitionException;
import dev.brook.partition.topic.TopicPartition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Reads the committed records of a topic (every partition) or of one partition, in offset order per partition,
 * straight from the logs. Only records below the high watermark are returned, so a record is never seen before its
 * append completed. {@link #poll(Duration)} waits for new records without spinning: the reader is woken by the
 * partitions' high-watermark advances.
 *
 * <p>A topic reader follows partitions added later (from their start), noticing them within about half a second.
 * When retention removed records below a reader's position, it moves on to the first record still kept.
 *
 * <p>A reader belongs to one thread at a time (like a Kafka consumer): its methods are synchronized, and only
 * {@link #close()} may be called from another thread to end a waiting poll.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class Reader<K, V> implements AutoCloseable {
    /** How often a waiting topic reader looks for new partitions, which raise no high-watermark event. */
    private static final long PARTITION_REFRESH_NANOS = Duration.ofMillis(500).toNanos();

    private final PartitionStore store;
    private final String topic;
    private final boolean wholeTopic;
    private final Deserializer<K> keyDeserializer;
    private final Deserializer<V> valueDeserializer;
    private final StartPosition start;
    private final Consumer<Reader<?, ?>> onClose;
    private final WakeSignal signal = new WakeSignal();
    /** Guarded by this. */
    private final Map<Integer, Long> positions = new LinkedHashMap<>();
    /** The partition objects the wake signal is registered on (a recreated topic has new ones). */
    private final Map<Integer, Partition> watched = new ConcurrentHashMap<>();
    private int nextFirst;
    private volatile boolean closed;

    Reader(PartitionStore store, String topic, Integer partition, Deserializer<K> keyDeserializer,
            Deserializer<V> valueDeserializer, StartPosition start, Consumer<Reader<?, ?>> onClose) {
        this.store = store;
        this.topic = Objects.requireNonNull(topic, "topic");
        this.wholeTopic = partition == null;
        this.keyDeserializer = Objects.requireNonNull(keyDeserializer, "keyDeserializer");
        this.valueDeserializer = Objects.requireNonNull(valueDeserializer, "valueDeserializer");
        this.start = Objects.requireNonNull(start, "start");
        this.onClose = onClose;
        int count = store.describeTopic(topic).partitionCount();
        if (wholeTopic) {
            for (int p = 0; p < count; p++) {
                assign(p, start);
            }
        } else {
            if (partition < 0 || partition >= count) {
                throw new UnknownTopicOrPartitionException("topic " + topic + " has no partition " + partition);
            }
            assign(partition, start);
        }
    }

    private void assign(int partition, StartPosition from) {
        Partition p = watch(partition);
        positions.put(partition, from.resolve(p));
    }

    /** The partition, with the wake signal registered on it. */
    private Partition watch(int partition) {
        Partition p = store.partition(new TopicPartition(topic, partition));
        Partition before = watched.put(partition, p);
        if (before != p) {
            if (before != null) {
                before.removeHighWatermarkListener(signal);
            }
            p.addHighWatermarkListener(signal);
        }
        return p;
    }

    /**
     * Returns the next committed records, waiting up to {@code timeout} for some to arrive. Records of one partition
     * come in offset order; partitions take turns so none is starved.
     *
     * @return the records, empty if none arrived in time or the reader was closed meanwhile
     * @throws IllegalStateException if the reader was closed before the call
     * @throws UnknownTopicOrPartitionException if the topic was deleted
     * @throws BrookException if interrupted while waiting
     */
    public synchronized List<BrookRecord<K, V>> poll(Duration timeout) {
        ensureOpen();
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        while (true) {
            long seen = signal.version();
            List<BrookRecord<K, V>> out = readAvailable();
            if (!out.isEmpty() || closed) {
                return out;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return out;
            }
            try {
                signal.awaitChange(seen, wholeTopic ? Math.min(left, PARTITION_REFRESH_NANOS) : left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BrookException("interrupted while polling " + topic, e);
            }
        }
    }

    private List<BrookRecord<K, V>> readAvailable() {
        if (wholeTopic) {
            int count = store.describeTopic(topic).partitionCount();
            for (int p = positions.size(); p < count; p++) {
                assign(p, StartPosition.earliest());
            }
        }
        List<Integer> order = new ArrayList<>(positions.keySet());
        List<BrookRecord<K, V>> out = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            readPartition(order.get((nextFirst + i) % order.size()), out);
        }
        nextFirst = (nextFirst + 1) % Math.max(1, order.size());
        return out;
    }

    private void readPartition(int partition, List<BrookRecord<K, V>> out) {
        Partition p = watch(partition);
        positions.put(partition, PartitionFetch.read(p, topic, partition, positions.get(partition), keyDeserializer,
                valueDeserializer, out));
    }

    /** The topic read. */
    public String topic() {
        return topic;
    }

    /** The partitions read now. */
    public synchronized Set<Integer> partitions() {
        return Set.copyOf(positions.keySet());
    }

    /**
     * The offset of the next record this reader returns from {@code partition}.
     *
     * @throws IllegalArgumentException if the reader does not read that partition
     */
    public synchronized long position(int partition) {
        Long position = positions.get(partition);
        if (position == null) {
            throw new IllegalArgumentException(topic + "-" + partition + " is not read by this reader");
        }
        return position;
    }

    /**
     * Moves the reader in {@code partition} to {@code offset}; the next poll starts there.
     *
     * @throws IllegalArgumentException if the reader does not read that partition, or the offset is negative
     */
    public synchronized void seek(int partition, long offset) {
        seek(partition, StartPosition.offset(offset));
    }

    /**
     * Moves the reader in {@code partition} to a start position (earliest, latest, offset, timestamp).
     *
     * @throws IllegalArgumentException if the reader does not read that partition
     */
    public synchronized void seek(int partition, StartPosition to) {
        position(partition);
        assign(partition, to);
    }

    /** Moves the reader in every partition to a start position. */
    public synchronized void seekAll(StartPosition to) {
        for (int partition : List.copyOf(positions.keySet())) {
            assign(partition, to);
        }
    }

    /** The position this reader was opened at. */
    public StartPosition startPosition() {
        return start;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the reader of " + topic + " is closed");
        }
    }

    /** Stops the reader; a poll waiting on another thread returns at once. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        signal.wakeUp();
        for (Partition p : watched.values()) {
            p.removeHighWatermarkListener(signal);
        }
        onClose.accept(this);
    }
}
