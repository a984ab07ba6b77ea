package dev.brook.broker;

import dev.brook.broker.config.BrokerConfig;
import dev.brook.broker.config.ConfigException;
import dev.brook.groups.GroupConfig;
import dev.brook.groups.GroupCoordinator;
import dev.brook.compaction.CleanerSettings;
import dev.brook.compaction.LogCleaner;
import dev.brook.partition.PartitionStore;
import dev.brook.partition.PartitionStoreConfig;
import dev.brook.partition.topic.InvalidConfigException;
import dev.brook.partition.topic.TopicDefaults;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open Brook data directory: its lock, its identity files and the {@link PartitionStore} of every topic in it.
 * The standalone {@link Broker} opens one and serves it; the embedded API opens one, appends and reads in-process,
 * and may serve it over the network later with {@link Broker#serve(DataDirectory, BrokerConfig)}.
 *
 * <p>Opening order: lock {@code <dir>/.lock} (a second process or instance on the directory fails at once), read or
 * create the identity under {@code brook-metadata/}, open every topic and partition (recovering logs after a
 * crash), start the {@link LogCleaner} of the compacted ones, then open the group coordinator over the store (which
 * reloads groups and committed offsets). {@link #close()} closes the coordinator, stops the cleaner, closes the store
 * cleanly (flush, clean-shutdown markers) and then releases the lock.
 *
 * <p>The lock file is empty; only the OS lock on it matters.
 */
public final class DataDirectory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);
    private static final String LOCK_FILE = ".lock";

    private final Path path;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final ClusterIdentity identity;
    private final ProducerIdAllocator producerIds;
    private final PartitionStore store;
    private final LogCleaner cleaner;
    private final GroupCoordinator groups;
    private boolean closed;

    private DataDirectory(Path path, FileChannel lockChannel, FileLock lock, ClusterIdentity identity,
            ProducerIdAllocator producerIds, PartitionStore store, LogCleaner cleaner, GroupCoordinator groups) {
        this.path = path;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.identity = identity;
        this.producerIds = producerIds;
        this.store = store;
        this.cleaner = cleaner;
        this.groups = groups;
    }

    /**
     * Locks and opens the data directory named by {@code log.dirs}, creating it if needed.
     *
     * @throws ConfigException if a setting is invalid, or the directory belongs to another node
     * @throws IOException     if the directory cannot be used or is locked by another Brook instance
     */
    public static DataDirectory open(BrokerConfig config) throws IOException {
        Path dir = config.logDirs().get(0).toAbsolutePath().normalize();
        Files.createDirectories(dir);
        FileChannel lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            // The lock is held by this JVM (another instance on the same directory): the same answer as another process.
            lockChannel.close();
            throw new IOException("data directory " + dir + " is in use by another Brook instance in this process", e);
        } catch (IOException | RuntimeException e) {
            lockChannel.close();
            throw e;
        }
        if (lock == null) {
            lockChannel.close();
            throw new IOException("data directory " + dir + " is in use by another Brook process");
        }
        try {
            Path metadata = dir.resolve("brook-metadata");
            Files.createDirectories(metadata);
            ClusterIdentity identity = ClusterIdentity.loadOrCreate(metadata, config.nodeId());
            ProducerIdAllocator producerIds = new ProducerIdAllocator(metadata);
            PartitionStore store = PartitionStore.open(storeConfig(config, dir));
            LogCleaner cleaner = null;
            GroupCoordinator groups;
            try {
                cleaner = startCleaner(config, store);
                groups = GroupCoordinator.open(store, groupConfig(config));
            } catch (RuntimeException e) {
                try {
                    if (cleaner != null) {
                        cleaner.close();
                    }
                    store.close();
                } catch (RuntimeException closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
            return new DataDirectory(dir, lockChannel, lock, identity, producerIds, store, cleaner, groups);
        } catch (IOException | RuntimeException e) {
            try {
                lock.release();
                lockChannel.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /**
     * The log cleaner of the store's compacted partitions. It always exists and follows the partitions, so
     * {@link LogCleaner#cleanOnce()} and {@link LogCleaner#clean} work on demand; its threads run only with
     * {@code log.cleaner.enable=true} and {@code log.cleaner.threads} above 0 (Kafka's defaults).
     */
    private static LogCleaner startCleaner(BrokerConfig config, PartitionStore store) {
        int threads = Math.max(1, config.logCleanerThreads());
        CleanerSettings settings = CleanerSettings.defaults().withThreads(threads)
                .withDedupeBufferBytes(config.logCleanerDedupeBufferSize())
                .withIdleMs(Math.max(1, config.logCleanerBackoffMs()));
        LogCleaner cleaner = new LogCleaner(settings, store.config().clock());
        store.addLifecycleListener(new CompactedPartitions(cleaner));
        if (config.logCleanerEnable() && config.logCleanerThreads() > 0) {
            cleaner.start();
            LOG.info("log cleaner started: {} thread(s), {} MiB dedupe buffer, {} ms backoff; {} compacted "
                    + "partition(s)", threads, config.logCleanerDedupeBufferSize() >> 20,
                    config.logCleanerBackoffMs(), cleaner.health().size());
        } else {
            LOG.info("log cleaner disabled (log.cleaner.enable={}, log.cleaner.threads={}): compacted topics "
                    + "grow until cleaned on demand", config.logCleanerEnable(), config.logCleanerThreads());
        }
        return cleaner;
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

    /** The group coordinator's settings, from the broker settings of the same (Kafka) names. */
    private static GroupConfig groupConfig(BrokerConfig config) {
        try {
            return GroupConfig.of(Map.of(
                    GroupConfig.MIN_SESSION_TIMEOUT_MS, Integer.toString(config.groupMinSessionTimeoutMs()),
                    GroupConfig.MAX_SESSION_TIMEOUT_MS, Integer.toString(config.groupMaxSessionTimeoutMs()),
                    GroupConfig.INITIAL_REBALANCE_DELAY_MS, Integer.toString(config.groupInitialRebalanceDelayMs()),
                    GroupConfig.MAX_SIZE, Integer.toString(config.groupMaxSize()),
                    GroupConfig.OFFSETS_RETENTION_MINUTES, Long.toString(config.offsetsRetentionMs() / 60_000L),
                    GroupConfig.OFFSETS_RETENTION_CHECK_INTERVAL_MS,
                    Long.toString(config.offsetsRetentionCheckIntervalMs()),
                    GroupConfig.OFFSETS_TOPIC_NUM_PARTITIONS, Integer.toString(config.offsetsTopicNumPartitions()),
                    GroupConfig.OFFSET_METADATA_MAX_BYTES, Integer.toString(config.offsetMetadataMaxBytes())));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("group.*", e.getMessage());
        }
    }

    /** The directory, absolute and normalised. */
    public Path path() {
        return path;
    }

    /** The cluster id stored in the directory (reported in Metadata). */
    public String clusterId() {
        return identity.clusterId();
    }

    /** Every topic and partition in the directory. */
    public PartitionStore store() {
        return store;
    }

    /** The group coordinator of the groups stored in this directory (the broker serves it; embedded members join it). */
    public GroupCoordinator groups() {
        return groups;
    }

    /**
     * The log cleaner: its {@link LogCleaner#health()} tells, per compacted partition, cleanings, consecutive
     * failures with the last error and the next retry, and the dirty ratio.
     */
    public LogCleaner logCleaner() {
        return cleaner;
    }

    ProducerIdAllocator producerIds() {
        return producerIds;
    }

    /**
     * Closes the group coordinator (waiting joins are answered NOT_COORDINATOR; committed offsets are already in the
     * store), then the store cleanly (flush, clean-shutdown markers), then releases the lock. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            // The store is closed even if the coordinator fails to close; that failure is rethrown afterwards.
            groups.close();
        } finally {
            closeStoreAndUnlock();
        }
    }

    private void closeStoreAndUnlock() {
        try {
            // The cleaner first: its threads stop (cancelling a cleaning in progress) before the logs close.
            try {
                cleaner.close();
            } finally {
                store.close();
            }
        } finally {
            try {
                lock.release();
                lockChannel.close();
            } catch (IOException e) {
                // The OS drops the lock with the process anyway; the store is already closed cleanly.
                LOG.warn("Could not release the data directory lock of {}", path, e);
            }
        }
    }
}
