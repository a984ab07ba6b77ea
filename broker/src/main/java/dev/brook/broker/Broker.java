package dev.brook.broker;

import dev.brook.broker.api.KafkaApis;
import dev.brook.broker.config.BrokerConfig;
import dev.brook.broker.config.ConfigException;
import dev.brook.broker.config.Listener;
import dev.brook.broker.network.BrokerServer;
import dev.brook.compaction.LogCleaner;
import dev.brook.partition.PartitionStore;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Brook broker: a {@link DataDirectory} (the partition store on the configured log directory) behind a
 * Kafka-protocol server.
 *
 * <p>{@link #start} opens the data directory and serves it; the broker owns the directory and closes it. {@link
 * #serve} serves a directory someone else opened (the embedded API) and leaves it open on {@link #close()}.
 *
 * <p>Start-up order: lock the data directory (a second broker on it fails at once), read or create its identity,
 * open every topic and partition (recovering logs after a crash), then bind the listeners. Shutdown runs the other
 * way: stop accepting and let in-flight requests finish, then flush and close every log with its clean-shutdown
 * marker, then release the lock.
 */
public final class Broker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Broker.class);

    private final BrokerConfig config;
    private final DataDirectory data;
    private final boolean ownsData;
    private final ScheduledExecutorService timer;
    private volatile List<Listener> bound = List.of();
    private volatile List<Listener> advertised = List.of();
    private BrokerServer server;
    private boolean closed;

    private Broker(BrokerConfig config, DataDirectory data, boolean ownsData) {
        this.config = config;
        this.data = data;
        this.ownsData = ownsData;
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
        DataDirectory data = DataDirectory.open(config);
        try {
            return serve(config, data, true);
        } catch (InterruptedException | RuntimeException e) {
            try {
                data.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /**
     * Serves an already open data directory on {@code config}'s listeners; the other settings that matter here are
     * the network and request limits ({@code log.dirs} is not consulted). {@link #close()} stops serving and leaves
     * the directory open: its opener closes it.
     *
     * @throws ConfigException       if a setting is invalid
     * @throws InterruptedException  if interrupted while binding
     */
    public static Broker serve(DataDirectory data, BrokerConfig config) throws InterruptedException {
        return serve(config, data, false);
    }

    private static Broker serve(BrokerConfig config, DataDirectory data, boolean owns) throws InterruptedException {
        Broker broker = new Broker(config, data, owns);
        try {
            broker.bind();
        } catch (InterruptedException | RuntimeException e) {
            broker.stopServing(e);
            throw e;
        }
        log.info("Brook node {} of cluster {} serving {} topic(s) from {}", config.nodeId(), data.clusterId(),
                data.store().topicNames().size(), data.path());
        return broker;
    }

    private void bind() throws InterruptedException {
        KafkaApis apis = new KafkaApis(data.store(), config, data.clusterId(), this::advertisedFor,
                data.producerIds()::allocate, timer, data.groups());
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
        return data.store();
    }

    /** The log cleaner of the compacted partitions, with its per-partition {@link LogCleaner#health()}. */
    public LogCleaner logCleaner() {
        return data.logCleaner();
    }

    /**
     * Stops serving; if the broker opened the data directory ({@link #start}), also flushes and closes every log
     * cleanly and releases the directory. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = stopServing(null);
        if (ownsData) {
            try {
                data.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Closes the server and the fetch-wait timer; returns a failure to rethrow, added to {@code earlier} if set. */
    private RuntimeException stopServing(Exception earlier) {
        RuntimeException failure = null;
        try {
            if (server != null) {
                server.close();
            }
        } catch (RuntimeException e) {
            if (earlier != null) {
                earlier.addSuppressed(e);
            } else {
                failure = e;
            }
        }
        timer.shutdownNow();
        return failure;
    }
}
