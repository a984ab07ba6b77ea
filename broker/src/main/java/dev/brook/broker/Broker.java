package dev.brook.broker;

import dev.brook.broker.api.KafkaApis;
import dev.brook.broker.config.BrokerConfig;
import dev.brook.broker.config.ConfigException;
import dev.brook.broker.config.Listener;
import dev.brook.broker.network.BrokerServer;
import dev.brook.partition.PartitionStore;
import dev.brook.partition.PartitionStoreConfig;
import dev.brook.partition.topic.InvalidConfigException;
import dev.brook.partition.topic.TopicDefaults;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Brook broker: the partition store on the configured log directory behind a Kafka-protocol server.
 *
 * <p>Start-up order: lock the data directory (a second broker on it fails at once), read or create its identity,
 * open every topic and partition (recovering logs after a crash), then bind the listeners. Shutdown runs the other
 * way: stop accepting and let in-flight requests finish, then flush and close every log with its clean-shutdown
 * marker, then release the lock.
 */
public final class Broker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Broker.class);
    private static final String LOCK_FILE = ".lock";

    private final BrokerConfig config;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final PartitionStore store;
    private final ScheduledExecutorService timer;
    private volatile List<Listener> bound = List.of();
    private volatile List<Listener> advertised = List.of();
    private BrokerServer server;
    private boolean closed;

    private Broker(BrokerConfig config, FileChannel lockChannel, FileLock lock, PartitionStore store) {
        this.config = config;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.store = store;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "brook-fetch-waits");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts a broker and returns once it accepts connections.
     *
     * @throws ConfigException       if a setting is invalid, or the data directory belongs to another node
     * @throws IOException           if the data directory cannot be used, or a listener cannot bind
     * @throws InterruptedException  if interrupted while binding
     */
    public static Broker start(BrokerConfig config) throws IOException, InterruptedException {
        Path dir = config.logDirs().get(0).toAbsolutePath().normalize();
        Files.createDirectories(dir);
        FileChannel lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (IOException | RuntimeException e) {
            lockChannel.close();
            throw e;
        }
        if (lock == null) {
            lockChannel.close();
            throw new IOException("data directory " + dir + " is in use by another Brook process");
        }
        Broker broker = null;
        try {
            Path metadata = dir.resolve("brook-metadata");
            Files.createDirectories(metadata);
            ClusterIdentity identity = ClusterIdentity.loadOrCreate(metadata, config.nodeId());
            ProducerIdAllocator producerIds = new ProducerIdAllocator(metadata);
            PartitionStore store = PartitionStore.open(storeConfig(config, dir));
            broker = new Broker(config, lockChannel, lock, store);
            broker.serve(identity, producerIds);
            log.info("Brook node {} of cluster {} serving {} topic(s) from {}", config.nodeId(), identity.clusterId(),
                    store.topicNames().size(), dir);
            return broker;
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (broker != null) {
                broker.close();
            } else {
                lock.release();
                lockChannel.close();
            }
            throw e;
        }
    }

    private static PartitionStoreConfig storeConfig(BrokerConfig config, Path dir) {
        TopicDefaults defaults;
        try {
            defaults = TopicDefaults.of(config.explicitTopicConfigDefaults())
                    .withFileDeleteDelayMs(config.logSegmentDeleteDelayMs());
        } catch (InvalidConfigException e) {
            throw new ConfigException("log.*", e.getMessage());
        }
        return PartitionStoreConfig.of(dir)
                .withTopicDefaults(defaults)
                .withDefaultPartitions(config.numPartitions())
                .withProducerIdExpirationMs(config.producerIdExpirationMs());
    }

    private void serve(ClusterIdentity identity, ProducerIdAllocator producerIds) throws InterruptedException {
        KafkaApis apis = new KafkaApis(store, config, identity.clusterId(), this::advertisedFor,
                producerIds::allocate, timer);
        List<Listener> listeners = config.listeners();
        server = BrokerServer.start(listeners, new BrokerServer.Settings(config.socketRequestMaxBytes(),
                config.numNetworkThreads(), config.numIoThreads(), config.queuedMaxRequests(),
                config.connectionsMaxIdleMs()), apis);
        bound = server.boundListeners(listeners);
        List<Listener> adv = config.advertisedListeners();
        List<Listener> resolved = new java.util.ArrayList<>(adv.size());
        for (int i = 0; i < adv.size(); i++) {
            // A listener bound to port 0 is advertised with the port it got.
            resolved.add(adv.get(i).port() == 0 ? adv.get(i).withPort(bound.get(i).port()) : adv.get(i));
        }
        advertised = List.copyOf(resolved);
    }

    /**
     * The advertised listener paired with the listener bound on {@code localPort}. A request can arrive between the
     * bind and the recording of the bound ports; it then gets the configured advertised listener, with the local
     * port where that one says 0.
     */
    private Listener advertisedFor(int localPort) {
        List<Listener> b = bound;
        List<Listener> adv = advertised;
        for (int i = 0; i < b.size() && i < adv.size(); i++) {
            if (b.get(i).port() == localPort) {
                return adv.get(i);
            }
        }
        if (!adv.isEmpty()) {
            return adv.get(0);
        }
        Listener configured = config.advertisedListeners().get(0);
        return configured.port() == 0 ? configured.withPort(localPort) : configured;
    }

    /** The listeners as bound (real ports for port 0). */
    public List<Listener> boundListeners() {
        return bound;
    }

    /** {@code host:port,...} of the advertised listeners: what a Kafka client's {@code bootstrap.servers} takes. */
    public String bootstrapServers() {
        return advertised.stream().map(l -> (l.host().contains(":") ? "[" + l.host() + "]" : l.host()) + ":"
                + l.port()).collect(Collectors.joining(","));
    }

    /** The partitions this broker hosts (for tests and the embedded API). */
    public PartitionStore partitions() {
        return store;
    }

    /** Stops serving, flushes and closes every log cleanly, and releases the data directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        try {
            if (server != null) {
                server.close();
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        timer.shutdownNow();
        try {
            store.close();
        } catch (RuntimeException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            log.warn("Could not release the data directory lock", e);
        }
        if (failure != null) {
            throw failure;
        }
    }
}
