package dev.brook.embedded;

import dev.brook.log.record.Header;
import dev.brook.partition.PartitionStore;
import dev.brook.partition.partitioner.DefaultPartitioner;
import dev.brook.partition.partitioner.Partitioner;
import dev.brook.partition.topic.TopicMetadata;
import dev.brook.partition.topic.TopicPartition;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * Sends records to topics of its {@link Brook}, appending them straight to the partitions' logs as Kafka record
 * batches (no sockets, no protocol encoding). The partitioner picks each record's partition (by default where
 * kafka-clients would put its key); records for a partition are gathered into a batch until it reaches the batch
 * size or the linger time passes, then appended. With the default linger of zero every send is appended before it
 * returns.
 *
 * <p>Thread-safe: share one producer between threads. Records one thread sends to one partition are stored in send
 * order. A record is readable (and its future complete) once its batch is appended; it is on disk per the topic's
 * flush settings, and at the latest when Brook closes.
 *
 * <p>Sending to a topic that does not exist creates it with the defaults when {@code auto.create.topics.enable} is
 * on (the default), as a Kafka producer's first send does; otherwise it fails with
 * {@link dev.brook.partition.UnknownTopicOrPartitionException}.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class Producer<K, V> implements AutoCloseable {
    private static final Header[] NO_HEADERS = new Header[0];

    private final PartitionStore store;
    private final Topics topics;
    private final Serializer<K> keySerializer;
    private final Serializer<V> valueSerializer;
    private final ProducerOptions options;
    private final Partitioner partitioner;
    private final ScheduledExecutorService scheduler;
    private final Consumer<Producer<?, ?>> onClose;
    private final Map<TopicPartition, PartitionAppender> appenders = new ConcurrentHashMap<>();
    private final Set<CompletableFuture<RecordMetadata>> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    Producer(PartitionStore store, Topics topics, Serializer<K> keySerializer, Serializer<V> valueSerializer,
            ProducerOptions options, ScheduledExecutorService scheduler, Consumer<Producer<?, ?>> onClose) {
        this.store = store;
        this.topics = topics;
        this.keySerializer = Objects.requireNonNull(keySerializer, "keySerializer");
        this.valueSerializer = Objects.requireNonNull(valueSerializer, "valueSerializer");
        this.options = Objects.requireNonNull(options, "options");
        this.partitioner = options.newPartitioner();
        this.scheduler = scheduler;
        this.onClose = onClose;
    }

    /**
     * Sends a record stamped with the current time.
     *
     * @param key the key, or {@code null} (keyless records spread over partitions)
     * @param value the value, or {@code null}
     * @return completes with where the record was stored, or exceptionally with the append's failure
     * @throws IllegalStateException if the producer is closed
     */
    public CompletableFuture<RecordMetadata> send(String topic, K key, V value) {
        return send(topic, key, value, List.of(), System.currentTimeMillis());
    }

    /** {@link #send(String, Object, Object)} with headers. */
    public CompletableFuture<RecordMetadata> send(String topic, K key, V value, List<Header> headers) {
        return send(topic, key, value, headers, System.currentTimeMillis());
    }

    /**
     * {@link #send(String, Object, Object)} with headers and an explicit timestamp (kept unless the topic uses
     * {@code LogAppendTime}).
     *
     * @param timestampMs the record's timestamp, epoch milliseconds, not negative
     */
    public CompletableFuture<RecordMetadata> send(String topic, K key, V value, List<Header> headers,
            long timestampMs) {
        if (closed) {
            throw new IllegalStateException("the producer is closed");
        }
        Objects.requireNonNull(topic, "topic");
        if (timestampMs < 0) {
            throw new IllegalArgumentException("timestamp must not be negative: " + timestampMs);
        }
        byte[] keyBytes = key == null ? null : keySerializer.serialize(key);
        byte[] valueBytes = value == null ? null : valueSerializer.serialize(value);
        Header[] headerArray = headers.isEmpty() ? NO_HEADERS : headers.toArray(NO_HEADERS);
        TopicMetadata metadata = topics.forProduce(topic);
        if (!(partitioner instanceof DefaultPartitioner) && store.copartitionGroupOf(topic).isPresent()) {
            // Copartitioned topics promise that partition i of each holds the same keys: only the shared default
            // partitioner keeps that promise.
            throw new IllegalStateException("topic " + topic + " is copartitioned with "
                    + store.copartitionGroupOf(topic).get() + "; copartitioned topics take the default partitioner, "
                    + "not " + partitioner.getClass().getName());
        }
        int partition = partitioner.partition(topic, keyBytes, metadata.partitionCount());
        if (partition < 0 || partition >= metadata.partitionCount()) {
            throw new IllegalArgumentException("the partitioner chose partition " + partition + " of " + topic
                    + ", which has " + metadata.partitionCount());
        }
        TopicPartition tp = new TopicPartition(topic, partition);
        PartitionAppender appender = appenders.computeIfAbsent(tp,
                t -> new PartitionAppender(t, store, partitioner, options, scheduler));
        CompletableFuture<RecordMetadata> future = new CompletableFuture<>();
        pending.add(future);
        future.whenComplete((metadataOut, failure) -> pending.remove(future));
        appender.add(timestampMs, keyBytes, valueBytes, headerArray, future);
        return future;
    }

    /**
     * Sends a record and waits until it is appended.
     *
     * @return where it was stored
     * @throws RuntimeException the append's failure as it was thrown (for example
     *     {@link dev.brook.log.RecordBatchTooLargeException})
     * @throws BrookException if interrupted while waiting
     */
    public RecordMetadata sendSync(String topic, K key, V value) {
        return await(send(topic, key, value));
    }

    /** {@link #sendSync(String, Object, Object)} with headers. */
    public RecordMetadata sendSync(String topic, K key, V value, List<Header> headers) {
        return await(send(topic, key, value, headers));
    }

    /** {@link #sendSync(String, Object, Object)} with headers and an explicit timestamp. */
    public RecordMetadata sendSync(String topic, K key, V value, List<Header> headers, long timestampMs) {
        return await(send(topic, key, value, headers, timestampMs));
    }

    private static RecordMetadata await(CompletableFuture<RecordMetadata> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrookException("interrupted while waiting for an append", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new BrookException("the append failed", e.getCause());
        }
    }

    /**
     * Appends every gathered record now and waits until every record sent before the call is complete (stored or
     * failed). Failures are reported through the records' futures, not here.
     *
     * @throws BrookException if interrupted while waiting
     */
    public void flush() {
        List<CompletableFuture<RecordMetadata>> before = List.copyOf(pending);
        for (PartitionAppender appender : appenders.values()) {
            appender.flush();
        }
        try {
            CompletableFuture.allOf(before.toArray(new CompletableFuture<?>[0])).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrookException("interrupted while flushing", e);
        } catch (ExecutionException | CancellationException e) {
            // A failed record was reported to its sender through its future; flush only waits.
            return;
        }
    }

    /** Flushes, then refuses further sends. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            flush();
        } finally {
            onClose.accept(this);
        }
    }
}
