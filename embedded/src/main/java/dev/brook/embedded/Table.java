package dev.brook.embedded;

import dev.brook.partition.PartitionStore;
import dev.brook.partition.topic.TopicPartition;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest value of every key of a compacted topic, kept in memory: a materialized view of the topic, the table
 * side of the table-stream duality. It is loaded from the log (every partition, from its start) before
 * {@link Brook#table} returns, and then follows the log on a daemon thread of its own, applying each committed record
 * as it arrives, whether appended by this process or by a Kafka client over the wire: a record with a value sets its
 * key, a tombstone (null value) deletes it.
 *
 * <p>Only committed records are applied (those below the high watermark, as for a {@link Reader}). Reading from the
 * compacted log gives the same table as reading the whole history would: compaction keeps each key's latest record
 * and tombstones for {@code delete.retention.ms} (see docs/compaction.md), so a table loaded later than that after a
 * delete simply never sees the deleted key.
 *
 * <p>Rows are identified by the serialized key bytes, as compaction identifies them. Iteration is in key order: the
 * serialized bytes compared unsigned and lexicographically, or the {@link Comparator} given to {@link Brook#table}.
 * {@link #get} finds a row by its deserialized key's {@code equals} (byte arrays by content). With several partitions
 * a key normally lives in one of them (Kafka's default partitioner); if the same key was written to two partitions,
 * the last one applied wins.
 *
 * <p>Thread-safe: reads never block and see each change whole; iteration is weakly consistent (it reflects some
 * changes made during it and never fails). {@link #awaitCaughtUp(Duration)} waits until the table shows everything
 * committed when it was called, for read-your-writes.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class Table<K, V> implements AutoCloseable, Iterable<Map.Entry<K, V>> {
    private static final Logger LOG = LoggerFactory.getLogger(Table.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final PartitionStore store;
    private final String topic;
    private final Reader<byte[], byte[]> reader;
    private final Deserializer<K> keyDeserializer;
    private final Deserializer<V> valueDeserializer;
    private final Consumer<Table<?, ?>> onClose;
    private final ConcurrentSkipListMap<TableKey<K>, V> rows;
    /** Deserialized key (lookup form) to its row key, for {@link #get}. */
    private final Map<Object, TableKey<K>> index = new ConcurrentHashMap<>();
    private final List<TableListener<K, V>> listeners = new CopyOnWriteArrayList<>();
    /** Partition to the offset the table has applied everything below; published by the update thread. */
    private final Map<Integer, Long> applied = new ConcurrentHashMap<>();
    private final Object progress = new Object();
    private final AtomicLong listenerFailures = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread updater;
    private volatile boolean closed;
    private boolean warnedKeyless;

    Table(PartitionStore store, String topic, Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer,
            Comparator<? super K> keyOrder, Consumer<Table<?, ?>> onClose) {
        this.store = store;
        this.topic = Objects.requireNonNull(topic, "topic");
        this.keyDeserializer = Objects.requireNonNull(keyDeserializer, "keyDeserializer");
        this.valueDeserializer = Objects.requireNonNull(valueDeserializer, "valueDeserializer");
        this.onClose = onClose;
        if (!store.topicConfig(topic).cleanupPolicy().compacts()) {
            throw new IllegalArgumentException("topic " + topic + " is not compacted (cleanup.policy="
                    + store.topicConfig(topic).cleanupPolicy().configValue() + "): retention could drop keys "
                    + "that are still current, so a table of it would be wrong");
        }
        this.rows = new ConcurrentSkipListMap<>(keyOrder == null ? TableKey.byBytes() : TableKey.by(keyOrder));
        this.reader = new Reader<>(store, topic, null, Serdes.bytes(), Serdes.bytes(), StartPosition.earliest(),
                r -> { });
        try {
            load();
        } catch (RuntimeException | Error e) {
            reader.close();
            throw e;
        }
        this.updater = new Thread(this::follow, "brook-table-" + topic);
        updater.setDaemon(true);
    }

    void start() {
        updater.start();
    }

    /**
     * Applies everything committed at open, on the caller's thread: until every partition reached its high
     * watermark of that moment, or nothing more is readable (compaction may have left no record before it).
     */
    private void load() {
        Map<Integer, Long> target = committedEnds();
        while (!reachedAll(readerPositions(), target)) {
            List<BrookRecord<byte[], byte[]>> records = reader.poll(Duration.ZERO);
            if (records.isEmpty()) {
                break;
            }
            apply(records, false);
        }
        publish(target);
    }

    private void follow() {
        try {
            while (!closed) {
                Map<Integer, Long> before = committedEnds();
                List<BrookRecord<byte[], byte[]>> records = reader.poll(POLL);
                if (closed) {
                    return;
                }
                apply(records, true);
                // An empty poll means nothing is readable below the high watermarks seen before it: caught up.
                publish(records.isEmpty() ? before : Map.of());
            }
        } catch (RuntimeException | Error e) {
            if (closed && e instanceof IllegalStateException) {
                return; // the reader was closed underneath a poll by close()
            }
            failure.set(e);
            LOG.error("table of {} stopped following the topic", topic, e);
            synchronized (progress) {
                progress.notifyAll();
            }
        }
    }

    private void apply(List<BrookRecord<byte[], byte[]>> records, boolean notify) {
        for (BrookRecord<byte[], byte[]> record : records) {
            if (record.key() == null) {
                // Possible only for records appended before the topic became compacted.
                if (!warnedKeyless) {
                    warnedKeyless = true;
                    LOG.warn("table of {} skips records without a key (first at {}-{} offset {})", topic, topic,
                            record.partition(), record.offset());
                }
                continue;
            }
            K key = keyDeserializer.deserialize(record.key());
            TableKey<K> rowKey = new TableKey<>(record.key(), key);
            V oldValue;
            V newValue;
            if (record.value() == null) {
                newValue = null;
                oldValue = rows.remove(rowKey);
                index.remove(TableKey.lookup(key));
                if (oldValue == null) {
                    continue;
                }
            } else {
                newValue = valueDeserializer.deserialize(record.value());
                index.put(TableKey.lookup(key), rowKey);
                oldValue = rows.put(rowKey, newValue);
            }
            if (notify) {
                tell(key, oldValue, newValue);
            }
        }
    }

    private void tell(K key, V oldValue, V newValue) {
        for (TableListener<K, V> listener : listeners) {
            try {
                listener.onChange(key, oldValue, newValue);
            } catch (RuntimeException e) {
                listenerFailures.incrementAndGet();
                LOG.error("table listener {} of {} failed on key {}", listener, topic, key, e);
            }
        }
    }

    /** Per partition, the high watermark now: what a caller of {@link #awaitCaughtUp} has seen committed. */
    private Map<Integer, Long> committedEnds() {
        int count = store.describeTopic(topic).partitionCount();
        Map<Integer, Long> ends = new HashMap<>();
        for (int p = 0; p < count; p++) {
            ends.put(p, store.partition(new TopicPartition(topic, p)).highWatermark());
        }
        return ends;
    }

    private Map<Integer, Long> readerPositions() {
        Map<Integer, Long> positions = new HashMap<>();
        for (int p : reader.partitions()) {
            positions.put(p, reader.position(p));
        }
        return positions;
    }

    /** Publishes how far the table has applied: the reader's positions, or {@code caughtUpTo} where higher. */
    private void publish(Map<Integer, Long> caughtUpTo) {
        Map<Integer, Long> positions = readerPositions();
        caughtUpTo.forEach((p, end) -> positions.merge(p, end, Math::max));
        applied.putAll(positions);
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    private static boolean reachedAll(Map<Integer, Long> positions, Map<Integer, Long> target) {
        for (Map.Entry<Integer, Long> e : target.entrySet()) {
            if (positions.getOrDefault(e.getKey(), -1L) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** The topic this table views. */
    public String topic() {
        return topic;
    }

    /** The latest value of {@code key}, or {@code null} if the key is absent or was deleted. */
    public V get(K key) {
        TableKey<K> rowKey = index.get(TableKey.lookup(Objects.requireNonNull(key, "key")));
        return rowKey == null ? null : rows.get(rowKey);
    }

    /** Whether {@code key} has a value. */
    public boolean containsKey(K key) {
        return get(key) != null;
    }

    /** The number of keys with a value. */
    public int size() {
        return index.size();
    }

    /** Whether the table is empty. */
    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The rows in key order, weakly consistent; the iterator does not support {@code remove}. */
    @Override
    public Iterator<Map.Entry<K, V>> iterator() {
        Iterator<Map.Entry<TableKey<K>, V>> inner = rows.entrySet().iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return inner.hasNext();
            }

            @Override
            public Map.Entry<K, V> next() {
                Map.Entry<TableKey<K>, V> e = inner.next();
                return new AbstractMap.SimpleImmutableEntry<>(e.getKey().key(), e.getValue());
            }
        };
    }

    /** The keys in key order, a copy. */
    public List<K> keys() {
        return rows.keySet().stream().map(TableKey::key).toList();
    }

    /** Registers a listener told of every change from now on (not of the rows already loaded). */
    public void addListener(TableListener<K, V> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Removes a listener; it may still be told of the change being applied. */
    public void removeListener(TableListener<K, V> listener) {
        listeners.remove(listener);
    }

    /** How many times a listener threw (each is logged). */
    public long listenerFailures() {
        return listenerFailures.get();
    }

    /** What stopped the table from following the topic (a deserializer failed, the topic was deleted). */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }

    /**
     * Waits until the table shows every record committed to the topic when this was called (including this
     * thread's own completed appends).
     *
     * @return whether it caught up within {@code timeout}
     * @throws IllegalStateException if the table is closed
     * @throws BrookException if the table stopped following the topic (with the cause), or if interrupted
     */
    public boolean awaitCaughtUp(Duration timeout) {
        if (closed) {
            throw new IllegalStateException("the table of " + topic + " is closed");
        }
        Map<Integer, Long> target = committedEnds();
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        synchronized (progress) {
            while (true) {
                if (closed) {
                    throw new IllegalStateException("the table of " + topic + " is closed");
                }
                Throwable failed = failure.get();
                if (failed != null) {
                    throw new BrookException("the table of " + topic + " stopped following the topic", failed);
                }
                if (reachedAll(applied, target)) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    progress.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BrookException("interrupted while waiting for the table of " + topic, e);
                }
            }
        }
    }

    /**
     * Stops following the topic and waits for a listener call in progress (unless called from a listener). The rows
     * stay readable as they were. Idempotent.
     *
     * @throws BrookException if interrupted while waiting
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        reader.close();
        synchronized (progress) {
            progress.notifyAll();
        }
        if (Thread.currentThread() != updater && updater.isAlive()) {
            try {
                updater.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BrookException("interrupted while closing the table of " + topic, e);
            }
        }
        onClose.accept(this);
    }

    @Override
    public String toString() {
        return "Table(" + topic + ", " + size() + " keys)";
    }
}
