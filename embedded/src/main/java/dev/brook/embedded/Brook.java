package dev.brook.embedded;

import dev.brook.broker.Broker;
import dev.brook.broker.DataDirectory;
import dev.brook.broker.config.BrokerConfig;
import dev.brook.groups.GroupCoordinator;
import dev.brook.compaction.LogCleaner;
import dev.brook.partition.PartitionStore;
import dev.brook.partition.topic.TopicPartition;
import dev.brook.partition.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * Brook inside a JVM: an event log in a directory, opened in-process. The one entry point of the embedded API.
 *
 * <pre>{@code
 * try (Brook brook = Brook.open(Path.of("data"))) {
 *     brook.topics().create("orders", 3);
 *     try (Producer<String, String> producer = brook.producer(Serdes.string(), Serdes.string())) {
 *         producer.sendSync("orders", "order-1", "created");
 *     }
 *     try (Reader<String, String> reader = brook.reader("orders", Serdes.string(), Serdes.string(),
 *             StartPosition.earliest())) {
 *         reader.poll(Duration.ofSeconds(1)).forEach(System.out::println);
 *     }
 * }
 * }</pre>
 *
 * <p>Nothing listens on the network unless {@link #listen(int)} is called; then Kafka clients share the same topics.
 * Opening takes milliseconds (plus log recovery after a crash) and needs no JVM flags. The directory is locked while
 * open: a second {@code Brook} or broker on it fails at once.
 *
 * <p>Thread-safe. {@link #close()} closes every group consumer (leaving its group), producer (flushing it), reader
 * and subscription it handed out, stops the network server, then flushes every log to disk and marks it cleanly
 * shut down; reopening sees every record that was appended.
 */
public final class Brook implements AutoCloseable {
    private final DataDirectory data;
    private final BrookOptions options;
    private final Path temporaryDir;
    private final Topics topics;
    private final ScheduledExecutorService lingerScheduler;
    private final Set<AutoCloseable> handedOut = ConcurrentHashMap.newKeySet();
    private Broker server;
    /** Heartbeats and async commits of group consumers, started with the first; guarded by this. */
    private ScheduledExecutorService groupScheduler;
    private volatile boolean closed;

    private Brook(DataDirectory data, BrookOptions options, BrokerConfig config, Path temporaryDir) {
        this.data = data;
        this.options = options;
        this.temporaryDir = temporaryDir;
        this.topics = new Topics(data.store(), config.autoCreateTopicsEnable());
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "brook-producer-linger");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        this.lingerScheduler = Executors.unconfigurableScheduledExecutorService(scheduler);
    }

    /**
     * Opens (creating if needed) Brook in {@code dir} with Kafka's default settings.
     *
     * @throws IOException if the directory cannot be used or another Brook or broker has it open
     */
    public static Brook open(Path dir) throws IOException {
        return open(dir, BrookOptions.defaults());
    }

    /**
     * Opens (creating if needed) Brook in {@code dir}, recovering the logs if it was not closed cleanly.
     *
     * @throws IOException if the directory cannot be used or another Brook or broker has it open
     * @throws dev.brook.broker.config.ConfigException if the directory belongs to another node id
     */
    public static Brook open(Path dir, BrookOptions options) throws IOException {
        return open(dir, options, null);
    }

    /** Opens Brook in a new temporary directory that {@link #close()} removes: for tests and scratch work. */
    public static Brook openTemporary() throws IOException {
        return openTemporary(BrookOptions.defaults());
    }

    /** {@link #openTemporary()} with settings. */
    public static Brook openTemporary(BrookOptions options) throws IOException {
        Path dir = Files.createTempDirectory("brook-");
        try {
            return open(dir, options, dir);
        } catch (IOException | RuntimeException e) {
            try {
                Directories.deleteRecursively(dir);
            } catch (IOException | UncheckedIOException deleting) {
                e.addSuppressed(deleting);
            }
            throw e;
        }
    }

    private static Brook open(Path dir, BrookOptions options, Path temporaryDir) throws IOException {
        BrokerConfig config = options.brokerConfig(dir, "PLAINTEXT://127.0.0.1:0");
        return new Brook(DataDirectory.open(config), options, config, temporaryDir);
    }

    /** The data directory. */
    public Path directory() {
        return data.path();
    }

    /** Topic admin. */
    public Topics topics() {
        return topics;
    }

    /**
     * A producer with the default options: no linger (each send appended before it returns), batches up to 16 KiB,
     * no compression, the Kafka default partitioner.
     */
    public <K, V> Producer<K, V> producer(Serializer<K> keySerializer, Serializer<V> valueSerializer) {
        return producer(keySerializer, valueSerializer, ProducerOptions.defaults());
    }

    /** A producer with the given batching, compression and partitioner. */
    public <K, V> Producer<K, V> producer(Serializer<K> keySerializer, Serializer<V> valueSerializer,
            ProducerOptions producerOptions) {
        ensureOpen();
        return track(new Producer<>(data.store(), topics, keySerializer, valueSerializer, producerOptions,
                lingerScheduler, handedOut::remove));
    }

    /**
     * A reader of every partition of a topic, including partitions added later.
     *
     * @throws dev.brook.partition.UnknownTopicOrPartitionException if the topic does not exist
     */
    public <K, V> Reader<K, V> reader(String topic, Deserializer<K> keyDeserializer,
            Deserializer<V> valueDeserializer, StartPosition start) {
        ensureOpen();
        return track(new Reader<>(data.store(), topic, null, keyDeserializer, valueDeserializer, start,
                handedOut::remove));
    }

    /**
     * A reader of one partition.
     *
     * @throws dev.brook.partition.UnknownTopicOrPartitionException if the partition does not exist
     */
    public <K, V> Reader<K, V> reader(TopicPartition partition, Deserializer<K> keyDeserializer,
            Deserializer<V> valueDeserializer, StartPosition start) {
        ensureOpen();
        return track(new Reader<>(data.store(), partition.topic(), partition.partition(), keyDeserializer,
                valueDeserializer, start, handedOut::remove));
    }

    /**
     * Delivers every record of a topic (all partitions) from {@code start} on to {@code listener}, on a daemon thread
     * of the subscription's own, until it is closed.
     *
     * @throws dev.brook.partition.UnknownTopicOrPartitionException if the topic does not exist
     */
    public <K, V> Subscription subscribe(String topic, Deserializer<K> keyDeserializer,
            Deserializer<V> valueDeserializer, StartPosition start, RecordListener<K, V> listener) {
        Reader<K, V> reader = reader(topic, keyDeserializer, valueDeserializer, start);
        Subscription subscription = track(new Subscription(reader, listener, handedOut::remove));
        subscription.start();
        return subscription;
    }

    /** {@link #subscribe(String, Deserializer, Deserializer, StartPosition, RecordListener)} with raw bytes. */
    public Subscription subscribe(String topic, StartPosition start, RecordListener<byte[], byte[]> listener) {
        return subscribe(topic, Serdes.bytes(), Serdes.bytes(), start, listener);
    }

    /**
     * Joins consumer group {@code groupId} in-process as a new member subscribed to {@code topics} (see
     * {@link GroupConsumer}). The group's partitions are shared among its members in this process; committed offsets
     * are kept in {@code __consumer_offsets} in this directory.
     *
     * @param options assignor, session timeout, auto commit, reset position, static membership
     * @param listener told before partitions are revoked and after they are assigned
     * @throws IllegalArgumentException if {@code groupId} is empty or {@code topics} is empty
     */
    public <K, V> GroupConsumer<K, V> groupConsumer(String groupId, Collection<String> topics,
            Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer, GroupConsumerOptions options,
            RebalanceListener listener) {
        ensureOpen();
        return track(new GroupConsumer<>(data.groups(), data.store(), groupScheduler(), groupId, topics,
                keyDeserializer, valueDeserializer, options, listener, handedOut::remove));
    }

    /** {@link #groupConsumer(String, Collection, Deserializer, Deserializer, GroupConsumerOptions,
     * RebalanceListener)} with the default options and no listener. */
    public <K, V> GroupConsumer<K, V> groupConsumer(String groupId, Collection<String> topics,
            Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
        return groupConsumer(groupId, topics, keyDeserializer, valueDeserializer, GroupConsumerOptions.defaults(),
                RebalanceListener.NONE);
    }

    /**
     * The group coordinator of this directory (opened with it, reloading {@code __consumer_offsets}), the same one
     * {@link #listen(int)} serves to Kafka clients: for tools and tests that list or describe groups or read lag.
     * Its settings are the options' {@code group.*} and {@code offsets.*} settings.
     */
    public GroupCoordinator groupCoordinator() {
        ensureOpen();
        return data.groups();
    }

    private synchronized ScheduledExecutorService groupScheduler() {
        if (groupScheduler == null) {
            ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
                Thread thread = new Thread(runnable, "brook-group-heartbeat");
                thread.setDaemon(true);
                return thread;
            });
            scheduler.setRemoveOnCancelPolicy(true);
            groupScheduler = Executors.unconfigurableScheduledExecutorService(scheduler);
        }
        return groupScheduler;
    }

    /**
     * A {@link Table} of a compacted topic: the latest value of every key, loaded from the log before this returns
     * and kept up to date from then on, iterated in the order of the serialized key bytes.
     *
     * @throws dev.brook.partition.UnknownTopicOrPartitionException if the topic does not exist
     * @throws IllegalArgumentException if the topic's {@code cleanup.policy} does not include {@code compact}
     */
    public <K, V> Table<K, V> table(String topic, Deserializer<K> keyDeserializer,
            Deserializer<V> valueDeserializer) {
        return table(topic, keyDeserializer, valueDeserializer, null);
    }

    /**
     * {@link #table(String, Deserializer, Deserializer)} iterated in {@code keyOrder} (ties between distinct
     * serialized keys broken by their bytes); {@code null} means the serialized key bytes' order.
     */
    public <K, V> Table<K, V> table(String topic, Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer,
            Comparator<? super K> keyOrder) {
        ensureOpen();
        Table<K, V> table = new Table<>(data.store(), topic, keyDeserializer, valueDeserializer, keyOrder,
                handedOut::remove);
        try {
            track(table);
        } catch (RuntimeException e) {
            table.close();
            throw e;
        }
        table.start();
        return table;
    }

    /**
     * Starts serving this instance's topics over the Kafka protocol on {@code 127.0.0.1:port} (0 picks a free port)
     * and returns the bootstrap address for Kafka clients. In-process producers and readers and Kafka clients then
     * share the same partitions. A second call returns the address already served.
     *
     * @throws BrookException if the port cannot be bound or the thread is interrupted
     */
    public synchronized String listen(int port) {
        ensureOpen();
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        if (server != null) {
            return server.bootstrapServers();
        }
        BrokerConfig config = options.brokerConfig(data.path(), "PLAINTEXT://127.0.0.1:" + port);
        try {
            server = Broker.serve(data, config);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrookException("interrupted while binding 127.0.0.1:" + port, e);
        } catch (RuntimeException e) {
            throw new BrookException("cannot serve on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        return server.bootstrapServers();
    }

    /** The Kafka bootstrap address if {@link #listen(int)} was called. */
    public synchronized Optional<String> bootstrapServers() {
        return server == null ? Optional.empty() : Optional.of(server.bootstrapServers());
    }

    /** The partition store underneath, for tools and tests that need the partition layer itself. */
    public PartitionStore partitionStore() {
        return data.store();
    }

    /**
     * The log cleaner of this instance's compacted topics: {@link LogCleaner#health()} reports each compacted
     * partition's cleanings and failures, and {@link LogCleaner#cleanOnce()} cleans what is due now.
     */
    public LogCleaner logCleaner() {
        return data.logCleaner();
    }

    private <T extends AutoCloseable> T track(T resource) {
        handedOut.add(resource);
        if (closed) {
            handedOut.remove(resource);
            throw new IllegalStateException("Brook on " + data.path() + " is closed");
        }
        return resource;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("Brook on " + data.path() + " is closed");
        }
    }

    /**
     * Closes group consumers, subscriptions, readers and producers handed out (producers flush first), stops the
     * network server, closes the group coordinator, flushes and closes every log cleanly, releases the directory,
     * and for {@link #openTemporary()} removes it.
     * Idempotent.
     *
     * @throws RuntimeException the first failure, with later ones suppressed, after trying every step
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        List<Exception> failures = new ArrayList<>();
        // Group members first (they leave their groups), then subscriptions and tables (they own readers), then
        // readers, then producers so their last batches are appended.
        closeAll(GroupConsumer.class, failures);
        closeAll(Subscription.class, failures);
        closeAll(Table.class, failures);
        closeAll(Reader.class, failures);
        closeAll(Producer.class, failures);
        synchronized (this) {
            if (server != null) {
                attempt(server::close, failures);
            }
        }
        lingerScheduler.shutdownNow();
        synchronized (this) {
            if (groupScheduler != null) {
                groupScheduler.shutdownNow();
            }
        }
        // Closes the group coordinator too, after the members above have left.
        attempt(data::close, failures);
        if (temporaryDir != null) {
            attempt(() -> Directories.deleteRecursively(temporaryDir), failures);
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0) instanceof RuntimeException r ? r
                    : new BrookException("closing Brook on " + data.path() + " failed", failures.get(0));
            failures.stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
    }

    private void closeAll(Class<?> type, List<Exception> failures) {
        for (AutoCloseable resource : List.copyOf(handedOut)) {
            if (type.isInstance(resource)) {
                attempt(resource::close, failures);
            }
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void attempt(Step step, List<Exception> failures) {
        try {
            step.run();
        } catch (Exception e) {
            failures.add(e);
        }
    }

    @Override
    public String toString() {
        return "Brook(" + data.path() + (temporaryDir != null ? ", temporary" : "") + ")";
    }
}
