package dev.brook.partition;

import dev.brook.log.LogMaintenanceAgent;
import dev.brook.partition.topic.ConfigEntry;
import dev.brook.partition.topic.InvalidTopicException;
import dev.brook.partition.topic.TopicConfig;
import dev.brook.partition.topic.TopicMetadata;
import dev.brook.partition.topic.TopicName;
import dev.brook.partition.topic.TopicPartition;
import dev.brook.partition.topic.TopicStorageException;
import dev.brook.partition.topic.TopicStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every partition hosted by this node, in one log directory:
 *
 * <pre>
 * &lt;logdir&gt;/
 *   brook-metadata/topics/&lt;topic&gt;.topic     topic metadata ({@link TopicStore})
 *   brook-metadata/deleting/&lt;id&gt;-&lt;n&gt;/     partition directories of deleted topics, being removed
 *   &lt;topic&gt;-&lt;partition&gt;/                     one {@link Partition} each (log, checkpoints, producer state)
 * </pre>
 *
 * <p>Topic changes (create, delete, alter configs, add partitions) are serialised and write the topic file
 * durably before the change is visible; crash consistency comes from the load rules: a topic file is the truth,
 * a missing partition directory of a known topic is created empty, and a partition directory of no known topic
 * (or past its topic's partition count) is an orphan, removed with a warning. Deleting a topic removes its file
 * first, closes its partitions (waiting for in-flight appends), renames their directories into
 * {@code brook-metadata/deleting/} and removes them on a background thread; leftovers are removed on the next
 * start.
 *
 * <p>One {@link LogMaintenanceAgent} thread runs flush, checkpoints, retention, producer expiration and
 * snapshots for every partition; a failure on one partition is reported in its health and does not stop the
 * others. {@link #close()} closes every partition cleanly (producer snapshots and clean-shutdown markers).
 *
 * <p>Only replication factor 1 is accepted while Brook runs on one node.
 */
public final class PartitionStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionStore.class);

    /** Directory under {@code brook-metadata/} holding partition directories of deleted topics. */
    public static final String DELETING_DIR = "deleting";
    /** Brokers in the cluster, for replication-factor checks: this node alone. */
    private static final int BROKER_COUNT = 1;
    private static final Pattern PARTITION_DIR = Pattern.compile("(.+)-(0|[1-9][0-9]{0,9})");

    private record TopicState(TopicMetadata metadata, TopicConfig config) {
    }

    private final PartitionStoreConfig config;
    private final TopicStore topicStore;
    private final Path deletingDir;
    private final LogMaintenanceAgent maintenance;
    private final ExecutorService deleter;
    private final Object adminLock = new Object();
    private final Map<String, TopicState> topics = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Partition> partitions = new ConcurrentHashMap<>();
    private final CopartitionGroups copartitions;
    private final List<PartitionLifecycleListener> lifecycleListeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private PartitionStore(PartitionStoreConfig config) {
        this.config = config;
        this.topicStore = new TopicStore(config.logDir());
        this.deletingDir = config.logDir().resolve(TopicStore.METADATA_DIR).resolve(DELETING_DIR);
        this.copartitions = new CopartitionGroups(config.logDir().resolve(TopicStore.METADATA_DIR));
        this.maintenance = new LogMaintenanceAgent(config.maintenanceIdleMs(), "brook-log-maintenance");
        this.deleter = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "brook-topic-deleter");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Opens the store: loads every topic file, opens (recovering as needed) every partition, removes orphan
     * partition directories and leftovers of deletions, and starts the maintenance thread.
     *
     * @throws dev.brook.partition.topic.CorruptTopicFileException naming the file if a topic file is corrupt
     * @throws TopicStorageException or {@link dev.brook.log.LogStorageException} on I/O failures
     */
    public static PartitionStore open(PartitionStoreConfig config) {
        PartitionStore store = new PartitionStore(config);
        try {
            store.load();
        } catch (RuntimeException e) {
            store.closePartitions(e);
            store.deleter.shutdownNow();
            throw e;
        }
        store.maintenance.start();
        return store;
    }

    private void load() {
        Map<String, TopicMetadata> stored = topicStore.loadAll();
        for (TopicMetadata metadata : stored.values()) {
            TopicConfig topicConfig = TopicConfig.of(config.topicDefaults(), metadata.configOverrides());
            topics.put(metadata.name(), new TopicState(metadata, topicConfig));
            for (int p = 0; p < metadata.partitionCount(); p++) {
                openPartition(metadata, topicConfig, p);
            }
        }
        removeOrphans();
        // A crash between deleting a topic's file and updating its copartition group leaves a stale member.
        for (Set<String> group : copartitions.all().values()) {
            for (String member : group) {
                if (!topics.containsKey(member)) {
                    copartitions.remove(member);
                }
            }
        }
        scheduleLeftoverDeletions();
        LOG.info("loaded {} topic(s), {} partition(s) from {}", topics.size(), partitions.size(), config.logDir());
    }

    private Partition openPartition(TopicMetadata metadata, TopicConfig topicConfig, int index) {
        TopicPartition tp = new TopicPartition(metadata.name(), index);
        Partition partition = Partition.open(tp, config.logDir().resolve(tp.dirName()), topicConfig,
                metadata.replicationFactor(), config.producerIdExpirationMs(), config.clock());
        partitions.put(tp, partition);
        maintenance.register(partition);
        tellListeners("opened", partition, listener -> listener.partitionOpened(partition));
        return partition;
    }

    private void removeOrphans() {
        List<Path> orphans = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(config.logDir(), Files::isDirectory)) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                Matcher m = PARTITION_DIR.matcher(name);
                if (!m.matches() || !TopicName.isValid(m.group(1))) {
                    continue;
                }
                if (!partitions.containsKey(new TopicPartition(m.group(1), Integer.parseInt(m.group(2))))) {
                    orphans.add(dir);
                }
            }
        } catch (IOException e) {
            throw new TopicStorageException("cannot list log directory " + config.logDir(), e);
        }
        for (Path orphan : orphans) {
            LOG.warn("removing partition directory {}: its topic or partition does not exist", orphan);
            try {
                Directories.deleteRecursively(orphan);
            } catch (IOException e) {
                throw new TopicStorageException("cannot remove orphan partition directory " + orphan, e);
            }
        }
    }

    private void scheduleLeftoverDeletions() {
        if (!Files.isDirectory(deletingDir)) {
            return;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(deletingDir)) {
            for (Path dir : dirs) {
                scheduleDeletion(dir);
            }
        } catch (IOException e) {
            throw new TopicStorageException("cannot list " + deletingDir, e);
        }
    }

    private void scheduleDeletion(Path dir) {
        deleter.execute(() -> {
            try {
                Directories.deleteRecursively(dir);
            } catch (IOException | UncheckedIOException e) {
                // The topic is already gone; the directory is retried on the next start.
                LOG.error("cannot remove deleted partition directory {}; retrying on the next start", dir, e);
            }
        });
    }

    /** The store's settings. */
    public PartitionStoreConfig config() {
        return config;
    }

    /**
     * Checks a CreateTopics entry without creating anything (validate_only), in Kafka's order: name, existence,
     * collision, partitions, replication factor, configs.
     *
     * @param partitionCount partitions, or -1 for the default ({@code num.partitions})
     * @param replicationFactor replicas, or -1 for the default (1)
     * @return the metadata the topic would get (with a fresh topic id)
     * @throws InvalidTopicException for an illegal or colliding name
     * @throws TopicExistsException if the topic exists
     * @throws InvalidPartitionsException for a partition count that is not positive (or -1)
     * @throws InvalidReplicationFactorException for a replication factor that is not 1 (or -1)
     * @throws dev.brook.partition.topic.InvalidConfigException for an unknown config or bad value
     */
    public TopicMetadata validateCreateTopic(String name, int partitionCount, int replicationFactor,
            Map<String, String> configs) {
        TopicName.validate(name);
        if (topics.containsKey(name)) {
            throw new TopicExistsException("Topic '" + name + "' already exists.");
        }
        Optional<String> collision = TopicName.collidingWith(name, topics.keySet());
        if (collision.isPresent()) {
            throw new InvalidTopicException("Topic '" + name + "' collides with existing topic: " + collision.get());
        }
        if (name.length() > TopicStore.MAX_STORABLE_NAME_LENGTH) {
            throw new InvalidTopicException("Topic name is too long for Brook's metadata file name: " + name.length()
                    + " characters, at most " + TopicStore.MAX_STORABLE_NAME_LENGTH + " are supported");
        }
        int count = partitionCount == -1 ? config.defaultPartitions() : partitionCount;
        if (count <= 0) {
            throw new InvalidPartitionsException("Number of partitions was set to an invalid non-positive value.");
        }
        int rf = replicationFactor == -1 ? 1 : replicationFactor;
        if (rf <= 0) {
            throw new InvalidReplicationFactorException(
                    "Replication factor must be larger than 0, or -1 to use the default value.");
        }
        if (rf > BROKER_COUNT) {
            throw new InvalidReplicationFactorException("Unable to replicate the partition " + rf
                    + " time(s): The target replication factor of " + rf + " cannot be reached because only "
                    + BROKER_COUNT + " broker(s) are registered.");
        }
        TopicConfig topicConfig = TopicConfig.of(config.topicDefaults(), configs);
        return new TopicMetadata(name, UUID.randomUUID(), count, rf, topicConfig.overrides());
    }

    /**
     * Creates a topic and its partitions (see {@link #validateCreateTopic} for the checks). The topic file is
     * written durably before the partitions open; a failure undoes both.
     *
     * @return the new topic's metadata
     */
    public TopicMetadata createTopic(String name, int partitionCount, int replicationFactor,
            Map<String, String> configs) {
        synchronized (adminLock) {
            ensureOpen();
            TopicMetadata metadata = validateCreateTopic(name, partitionCount, replicationFactor, configs);
            if (TopicName.hasCollisionChars(name)) {
                LOG.warn("topic {} contains '.' or '_'; it would collide in metrics with a name differing only in those",
                        name);
            }
            TopicConfig topicConfig = TopicConfig.of(config.topicDefaults(), metadata.configOverrides());
            topicStore.write(metadata);
            List<Partition> opened = new ArrayList<>();
            try {
                for (int p = 0; p < metadata.partitionCount(); p++) {
                    opened.add(openPartition(metadata, topicConfig, p));
                }
            } catch (RuntimeException e) {
                undoCreate(metadata, opened, e);
                throw e;
            }
            topics.put(name, new TopicState(metadata, topicConfig));
            LOG.info("created topic {} ({}) with {} partition(s)", name, metadata.topicId(), metadata.partitionCount());
            return metadata;
        }
    }

    private void undoCreate(TopicMetadata metadata, List<Partition> opened, RuntimeException failure) {
        for (Partition partition : opened) {
            partitions.remove(partition.topicPartition());
            tellListeners("closing", partition, listener -> listener.partitionClosing(partition));
            maintenance.unregister(partition);
            try {
                partition.close();
                Directories.deleteRecursively(partition.dir());
            } catch (IOException | RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
        try {
            topicStore.delete(metadata.name());
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Deletes a topic: its file at once (durably), then its partitions are closed and their directories moved
     * aside and removed in the background. Appends in flight finish first; later operations on its partitions
     * fail with {@link UnknownTopicOrPartitionException}.
     *
     * @throws UnknownTopicOrPartitionException if the topic does not exist
     */
    public void deleteTopic(String name) {
        synchronized (adminLock) {
            ensureOpen();
            TopicState state = requireTopic(name);
            topicStore.delete(name);
            topics.remove(name);
            copartitions.remove(name);
            RuntimeException failure = null;
            for (int p = 0; p < state.metadata().partitionCount(); p++) {
                Partition partition = partitions.remove(new TopicPartition(name, p));
                if (partition == null) {
                    continue;
                }
                tellListeners("closing", partition, listener -> listener.partitionClosing(partition));
                maintenance.unregister(partition);
                try {
                    partition.close();
                    Files.createDirectories(deletingDir);
                    Path target = deletingDir.resolve(state.metadata().topicId() + "-" + p);
                    Files.move(partition.dir(), target, StandardCopyOption.ATOMIC_MOVE);
                    scheduleDeletion(target);
                } catch (IOException | RuntimeException e) {
                    // The topic file is gone, so a leftover directory is an orphan removed on the next start.
                    RuntimeException wrapped = e instanceof RuntimeException r ? r
                            : new TopicStorageException("cannot move aside " + partition.dir(), e);
                    if (failure == null) {
                        failure = wrapped;
                    } else {
                        failure.addSuppressed(wrapped);
                    }
                }
            }
            LOG.info("deleted topic {} ({})", name, state.metadata().topicId());
            if (failure != null) {
                throw failure;
            }
        }
    }

    /**
     * Replaces a topic's config overrides (AlterConfigs) and applies them to its partitions.
     *
     * @return the new effective config
     * @throws UnknownTopicOrPartitionException if the topic does not exist
     * @throws dev.brook.partition.topic.InvalidConfigException for an unknown config or bad value
     */
    public TopicConfig alterConfigs(String name, Map<String, String> overrides) {
        synchronized (adminLock) {
            ensureOpen();
            TopicState state = requireTopic(name);
            return applyConfig(state, state.config().withOverrides(overrides));
        }
    }

    /**
     * Changes some config overrides (IncrementalAlterConfigs SET and DELETE) and applies them to its partitions.
     *
     * @return the new effective config
     */
    public TopicConfig incrementalAlterConfigs(String name, Map<String, String> set, Collection<String> delete) {
        synchronized (adminLock) {
            ensureOpen();
            TopicState state = requireTopic(name);
            return applyConfig(state, state.config().withChanges(set, delete));
        }
    }

    private TopicConfig applyConfig(TopicState state, TopicConfig newConfig) {
        TopicMetadata metadata = state.metadata().withConfigOverrides(newConfig.overrides());
        topicStore.write(metadata);
        topics.put(metadata.name(), new TopicState(metadata, newConfig));
        for (int p = 0; p < metadata.partitionCount(); p++) {
            Partition partition = partitions.get(new TopicPartition(metadata.name(), p));
            if (partition != null) {
                partition.updateConfig(newConfig);
                tellListeners("config change", partition,
                        listener -> listener.partitionConfigChanged(partition, state.config(), newConfig));
            }
        }
        return newConfig;
    }

    /**
     * Raises a topic's partition count (CreatePartitions); new partitions start empty.
     *
     * @throws UnknownTopicOrPartitionException if the topic does not exist
     * @throws InvalidPartitionsException if {@code newCount} is not above the current count
     */
    public TopicMetadata createPartitions(String name, int newCount) {
        synchronized (adminLock) {
            ensureOpen();
            requireTopic(name);
            Optional<String> group = copartitions.groupNameOf(name);
            if (group.isPresent()) {
                throw new InvalidPartitionsException("Topic " + name + " is copartitioned with "
                        + copartitions.groupOf(name).orElseThrow() + " (group " + group.get() + "); raise the "
                        + "partitions of the whole group together with increaseCopartitionedPartitions");
            }
            return addPartitions(name, newCount);
        }
    }

    /**
     * Raises the partition count of every topic of a copartition group to {@code newCount}, keeping them equal.
     * Each topic file is written durably before its new partitions open; after a crash in the middle the group
     * is found with unequal counts and the call can simply be repeated.
     *
     * @throws UnknownTopicOrPartitionException if there is no such group
     * @throws InvalidPartitionsException if {@code newCount} is not above the group's count
     */
    public void increaseCopartitionedPartitions(String groupName, int newCount) {
        synchronized (adminLock) {
            ensureOpen();
            Set<String> members = copartitions.all().get(groupName);
            if (members == null) {
                throw new UnknownTopicOrPartitionException("no copartition group " + groupName);
            }
            boolean grows = false;
            for (String topic : members) {
                int current = requireTopic(topic).metadata().partitionCount();
                if (current > newCount) {
                    throw new InvalidPartitionsException("Topic " + topic + " already has more than " + newCount
                            + " partitions.");
                }
                grows |= current < newCount;
            }
            if (!grows) {
                throw new InvalidPartitionsException("Group " + groupName + " already has " + newCount
                        + " partitions.");
            }
            for (String topic : members) {
                if (requireTopic(topic).metadata().partitionCount() < newCount) {
                    addPartitions(topic, newCount);
                }
            }
        }
    }

    /**
     * Declares topics copartitioned under {@code groupName} (created, or extended if it exists): they must have
     * the same partition count now, and from then on a partition-count change of one of them alone is refused.
     * Deleting a topic takes it out of its group.
     *
     * @throws UnknownTopicOrPartitionException if a topic does not exist
     * @throws InvalidPartitionsException if the topics' partition counts differ
     * @throws PolicyViolationException if a topic already belongs to another group
     * @throws dev.brook.partition.topic.InvalidTopicException if the group name is not a legal topic-style name
     */
    public void declareCopartitioned(String groupName, Collection<String> topicNames) {
        TopicName.validate(groupName);
        synchronized (adminLock) {
            ensureOpen();
            Set<String> all = new TreeSet<>(topicNames);
            all.addAll(copartitions.all().getOrDefault(groupName, Set.of()));
            Integer count = null;
            for (String topic : all) {
                int c = requireTopic(topic).metadata().partitionCount();
                if (count != null && c != count) {
                    throw new InvalidPartitionsException("Copartitioned topics must have the same partition count: "
                            + all + " do not");
                }
                count = c;
                Optional<String> other = copartitions.groupNameOf(topic);
                if (other.isPresent() && !other.get().equals(groupName)) {
                    throw new PolicyViolationException("Topic " + topic + " is already copartitioned in group "
                            + other.get());
                }
            }
            copartitions.add(groupName, all);
        }
    }

    /** The topics copartitioned with {@code topic} (itself included), if it belongs to a group. */
    public Optional<Set<String>> copartitionGroupOf(String topic) {
        synchronized (adminLock) {
            return copartitions.groupOf(topic);
        }
    }

    private TopicMetadata addPartitions(String name, int newCount) {
        TopicState state = requireTopic(name);
        int current = state.metadata().partitionCount();
        if (newCount < current) {
            throw new InvalidPartitionsException("Topic currently has " + current
                    + " partitions, which is higher than the requested " + newCount + ".");
        }
        if (newCount == current) {
            throw new InvalidPartitionsException("Topic already has " + current + " partitions.");
        }
        TopicMetadata metadata = state.metadata().withPartitionCount(newCount);
        topicStore.write(metadata);
        topics.put(name, new TopicState(metadata, state.config()));
        for (int p = current; p < newCount; p++) {
            openPartition(metadata, state.config(), p);
        }
        return metadata;
    }

    /** Names of all topics, sorted. */
    public Set<String> topicNames() {
        return new TreeSet<>(topics.keySet());
    }

    /** A topic's metadata, if it exists. */
    public Optional<TopicMetadata> topic(String name) {
        TopicState state = topics.get(name);
        return state == null ? Optional.empty() : Optional.of(state.metadata());
    }

    /** A topic's metadata by topic id (Fetch v13+ and Metadata v10+ name topics by id). */
    public Optional<TopicMetadata> topicById(UUID topicId) {
        return topics.values().stream().map(TopicState::metadata).filter(m -> m.topicId().equals(topicId))
                .findFirst();
    }

    /**
     * A topic's metadata.
     *
     * @throws UnknownTopicOrPartitionException if the topic does not exist
     */
    public TopicMetadata describeTopic(String name) {
        return requireTopic(name).metadata();
    }

    /** A topic's effective config. */
    public TopicConfig topicConfig(String name) {
        return requireTopic(name).config();
    }

    /** DescribeConfigs rows of a topic. */
    public List<ConfigEntry> describeConfigs(String name) {
        return requireTopic(name).config().describe();
    }

    /**
     * The partition, for produce, fetch and list-offsets.
     *
     * @throws UnknownTopicOrPartitionException if it is not hosted here
     */
    public Partition partition(TopicPartition tp) {
        Partition partition = partitions.get(tp);
        if (partition == null) {
            throw new UnknownTopicOrPartitionException("This server does not host this topic-partition: " + tp);
        }
        return partition;
    }

    /** The partition, if hosted here. */
    public Optional<Partition> findPartition(TopicPartition tp) {
        return Optional.ofNullable(partitions.get(tp));
    }

    /** Every partition hosted here. */
    public List<Partition> partitions() {
        return List.copyOf(partitions.values());
    }

    /**
     * Adds a listener of partition opens, config changes and closes, and tells it at once of every partition open
     * now ({@link PartitionLifecycleListener#partitionOpened}), so nothing is missed whenever it is added.
     */
    public void addLifecycleListener(PartitionLifecycleListener listener) {
        synchronized (adminLock) {
            ensureOpen();
            lifecycleListeners.add(listener);
            for (Partition partition : partitions.values()) {
                tell(listener, "opened", partition, l -> l.partitionOpened(partition));
            }
        }
    }

    /** Removes a lifecycle listener; it is told nothing more. */
    public void removeLifecycleListener(PartitionLifecycleListener listener) {
        synchronized (adminLock) {
            lifecycleListeners.remove(listener);
        }
    }

    private void tellListeners(String event, Partition partition,
            Consumer<PartitionLifecycleListener> call) {
        for (PartitionLifecycleListener listener : lifecycleListeners) {
            tell(listener, event, partition, call);
        }
    }

    private static void tell(PartitionLifecycleListener listener, String event, Partition partition,
            Consumer<PartitionLifecycleListener> call) {
        try {
            call.accept(listener);
        } catch (RuntimeException e) {
            // The change itself stands; the listener (the cleaner) reports its own health.
            LOG.error("partition lifecycle listener {} failed on {} of {}", listener, event,
                    partition.topicPartition(), e);
        }
    }

    /** Per-partition maintenance failures (background duties report here rather than stopping). */
    public Map<LogMaintenanceAgent.Maintainable, LogMaintenanceAgent.LogHealth> maintenanceHealth() {
        return maintenance.health();
    }

    /** Runs one maintenance cycle on the caller's thread (tests, and an embedder that wants it now). */
    public int runMaintenanceNow() {
        return maintenance.doWork();
    }

    private TopicState requireTopic(String name) {
        TopicState state = topics.get(name);
        if (state == null) {
            throw new UnknownTopicOrPartitionException("This server does not host this topic: " + name);
        }
        return state;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the partition store of " + config.logDir() + " is closed");
        }
    }

    /**
     * Stops maintenance and closes every partition cleanly (producer-state snapshots, flush, clean-shutdown
     * markers), then waits for background directory removal.
     *
     * @throws RuntimeException the first failure to close a partition, with later ones suppressed, after trying
     *     them all
     */
    @Override
    public void close() {
        synchronized (adminLock) {
            if (closed) {
                return;
            }
            closed = true;
            maintenance.close();
            RuntimeException failure = closePartitions(null);
            deleter.shutdown();
            try {
                if (!deleter.awaitTermination(1, TimeUnit.MINUTES)) {
                    LOG.warn("directory removal still running at close; leftovers are removed on the next start");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    private RuntimeException closePartitions(RuntimeException earlier) {
        RuntimeException failure = earlier;
        for (Partition partition : partitions.values()) {
            tellListeners("closing", partition, listener -> listener.partitionClosing(partition));
            try {
                partition.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        partitions.clear();
        topics.clear();
        return earlier == null ? failure : null;
    }
}
