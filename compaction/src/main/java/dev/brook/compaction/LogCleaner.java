package dev.brook.compaction;

import dev.brook.log.Log;
import dev.brook.log.SwapListener;
import dev.brook.partition.topic.TopicPartition;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background log cleaner: {@code log.cleaner.threads} threads that each repeatedly pick the registered
 * compacted log most in need of cleaning and clean it ({@link LogCompactor}), each with its own off-heap
 * {@link OffsetMap} of {@code log.cleaner.dedupe.buffer.size / threads} bytes.
 *
 * <p>A log is due when its dirty ratio reaches {@code min.cleanable.dirty.ratio}, when its oldest dirty record
 * has waited {@code max.compaction.lag.ms}, or when a tombstone it keeps has passed its delete horizon; among due
 * logs the one with the highest dirty ratio goes first. A log whose active segment's first record has waited
 * {@code max.compaction.lag.ms} gets that segment rolled, so quiet logs are compacted too. For
 * {@code compact,delete} logs retention runs before each look. {@code delete} logs may be registered and are left
 * alone (their policy may change later through {@link #updateConfig}).
 *
 * <p>Isolation: a failure cleaning one log is logged with its cause and recorded in {@link #health()}; the log
 * is retried after a backoff that doubles with each consecutive failure (capped), and never quarantined for good.
 * Other logs keep being cleaned. The cleaner never holds a log's append lock except inside a segment swap.
 *
 * <p>Thread-safe. {@link #cleanOnce()} and {@link #clean(TopicPartition)} run on the caller's thread, for tests
 * and tools; they work whether or not the threads were started.
 */
public final class LogCleaner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogCleaner.class);

    private final CleanerSettings settings;
    private final Clock clock;
    private final SwapListener swapListener;
    private final Map<TopicPartition, Entry> logs = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Object wakeUp = new Object();
    private final ReentrantLock callerMapLock = new ReentrantLock();
    private OffsetMap callerMap;
    private volatile boolean running;
    private volatile boolean stopping;

    /** One registered log and its cleaning state; {@code lock} is held while it is being cleaned. */
    private static final class Entry {
        final TopicPartition partition;
        final Log log;
        final LongSupplier upperBound;
        final ReentrantLock lock = new ReentrantLock();
        volatile CompactionConfig config;
        volatile boolean removed;
        long cleanings;
        int failures;
        String lastError;
        long lastErrorAtMs = -1;
        long nextRetryAtMs = -1;
        long lastCleanedAtMs = -1;
        double dirtyRatio;
        /** Earliest horizon of a kept tombstone; Long.MIN_VALUE = unknown (not cleaned since registration). */
        long earliestHorizon = Long.MIN_VALUE;

        Entry(TopicPartition partition, Log log, CompactionConfig config, LongSupplier upperBound) {
            this.partition = partition;
            this.log = log;
            this.config = config;
            this.upperBound = upperBound;
        }

        synchronized PartitionCleanerHealth health() {
            return new PartitionCleanerHealth(cleanings, failures, lastError, lastErrorAtMs,
                    failures == 0 ? -1 : nextRetryAtMs, lastCleanedAtMs, dirtyRatio);
        }
    }

    /**
     * Creates a stopped cleaner.
     *
     * @param settings thread count, map memory, backoffs
     * @param clock the time source for lags, delete horizons and backoffs
     */
    public LogCleaner(CleanerSettings settings, Clock clock) {
        this(settings, clock, SwapListener.NONE);
    }

    /**
     * Creates a stopped cleaner whose swaps report their steps to {@code swapListener} (crash tests).
     */
    public LogCleaner(CleanerSettings settings, Clock clock, SwapListener swapListener) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.swapListener = Objects.requireNonNull(swapListener, "swapListener");
    }

    /** Starts the cleaning threads. */
    public synchronized LogCleaner start() {
        if (running || stopping) {
            throw new IllegalStateException("the log cleaner was already started");
        }
        running = true;
        for (int i = 0; i < settings.threads(); i++) {
            OffsetMap map = new OffsetMap(settings.bytesPerThread(), settings.loadFactor());
            Thread thread = new Thread(() -> run(map), "brook-log-cleaner-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        return this;
    }

    /**
     * Registers a log for cleaning (or replaces an earlier registration of the same partition), cleanable up to
     * its log end offset.
     */
    public void register(TopicPartition partition, Log log, CompactionConfig config) {
        register(partition, log, config, () -> Long.MAX_VALUE);
    }

    /**
     * Registers a log for cleaning, never cleaning a segment that reaches {@code cleanableUpTo} (the partition's
     * high watermark or last stable offset: Kafka never cleans uncommitted data).
     */
    public void register(TopicPartition partition, Log log, CompactionConfig config, LongSupplier cleanableUpTo) {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(config, "config");
        Entry previous = logs.put(partition, new Entry(partition, log, config, cleanableUpTo));
        if (previous != null) {
            previous.removed = true;
        }
        wake();
    }

    /** Changes a registered log's settings; they apply from its next cleaning. */
    public void updateConfig(TopicPartition partition, CompactionConfig config) {
        Entry entry = logs.get(partition);
        if (entry == null) {
            throw new IllegalArgumentException(partition + " is not registered with the log cleaner");
        }
        entry.config = Objects.requireNonNull(config, "config");
        wake();
    }

    /**
     * Stops cleaning a log. Waits for a cleaning of it in progress to finish, so the caller may close the log when
     * this returns.
     */
    public void unregister(TopicPartition partition) {
        Entry entry = logs.remove(partition);
        if (entry != null) {
            entry.removed = true;
            entry.lock.lock();
            entry.lock.unlock();
        }
    }

    /** The registered partitions and their cleaning health, in no particular order. */
    public Map<TopicPartition, PartitionCleanerHealth> health() {
        Map<TopicPartition, PartitionCleanerHealth> view = new LinkedHashMap<>();
        for (Entry entry : logs.values()) {
            view.put(entry.partition, entry.health());
        }
        return view;
    }

    /** The health of one partition, or null when it is not registered. */
    public PartitionCleanerHealth health(TopicPartition partition) {
        Entry entry = logs.get(partition);
        return entry == null ? null : entry.health();
    }

    /**
     * Cleans, on the caller's thread, every registered log that is due now (as a cleaner thread would), skipping
     * logs another thread is cleaning or that wait for a retry. Failures are recorded in {@link #health()}, not
     * thrown.
     *
     * @return the number of logs cleaned
     */
    public int cleanOnce() {
        int cleaned = 0;
        callerMapLock.lock();
        try {
            OffsetMap map = callerMap();
            List<Entry> entries = new ArrayList<>(logs.values());
            for (Entry entry : entries) {
                if (stopping) {
                    break;
                }
                if (entry.lock.tryLock()) {
                    try {
                        if (!entry.removed && isDue(entry, clock.millis()) && attempt(entry, map, false)) {
                            cleaned++;
                        }
                    } finally {
                        entry.lock.unlock();
                    }
                }
            }
        } finally {
            callerMapLock.unlock();
        }
        return cleaned;
    }

    /**
     * Cleans one log now on the caller's thread, whatever its dirty ratio and retry backoff (the lag settings and
     * the upper bound still apply). Waits while a cleaner thread cleans it.
     *
     * @return what the cleaning did
     * @throws IllegalArgumentException if the partition is not registered
     * @throws CleanerException (or the log's own exception) if cleaning failed; it is also recorded in
     *     {@link #health()}
     */
    public CleanResult clean(TopicPartition partition) {
        Entry entry = logs.get(partition);
        if (entry == null) {
            throw new IllegalArgumentException(partition + " is not registered with the log cleaner");
        }
        callerMapLock.lock();
        entry.lock.lock();
        try {
            return cleanEntry(entry, callerMap(), true);
        } finally {
            entry.lock.unlock();
            callerMapLock.unlock();
        }
    }

    /** Stops the threads, cancelling cleanings in progress (their scratch files are deleted), and waits for them. */
    @Override
    public void close() {
        synchronized (this) {
            stopping = true;
            running = false;
        }
        wake();
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private OffsetMap callerMap() {
        if (callerMap == null) {
            callerMap = new OffsetMap(settings.bytesPerThread(), settings.loadFactor());
        }
        return callerMap;
    }

    private void wake() {
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    private void run(OffsetMap map) {
        while (running) {
            Entry entry = grabFilthiest();
            if (entry == null) {
                synchronized (wakeUp) {
                    if (!running) {
                        return;
                    }
                    try {
                        wakeUp.wait(settings.idleMs());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                continue;
            }
            try {
                if (!entry.removed) {
                    attempt(entry, map, false);
                }
            } finally {
                entry.lock.unlock();
            }
        }
    }

    /** The due log with the highest dirty ratio, locked; null when none is due. */
    private Entry grabFilthiest() {
        long now = clock.millis();
        List<Entry> due = new ArrayList<>();
        for (Entry entry : logs.values()) {
            if (!entry.removed && !entry.lock.isLocked() && isDue(entry, now)) {
                due.add(entry);
            }
        }
        due.sort((a, b) -> Double.compare(b.dirtyRatio, a.dirtyRatio));
        for (Entry entry : due) {
            if (entry.lock.tryLock()) {
                return entry;
            }
        }
        return null;
    }

    /**
     * Whether the log needs cleaning now; also applies retention for compact,delete, rolls an active segment held
     * past {@code max.compaction.lag.ms}, and refreshes the dirty ratio. Errors count as failures of the log.
     */
    private boolean isDue(Entry entry, long now) {
        CompactionConfig config = entry.config;
        if (!config.compacts()) {
            return false;
        }
        synchronized (entry) {
            if (entry.failures > 0 && now < entry.nextRetryAtMs) {
                return false;
            }
        }
        try {
            Log log = entry.log;
            long maxLag = config.maxCompactionLagMs();
            long activeFirst = log.activeSegmentFirstTimestamp();
            if (maxLag != Long.MAX_VALUE && activeFirst >= 0 && now - activeFirst >= maxLag) {
                LOG.debug("{}: rolling the active segment, its first record waited max.compaction.lag.ms", entry.partition);
                log.roll();
            }
            CleanableRange range = CleanableRange.of(log, config, now, entry.upperBound.getAsLong());
            synchronized (entry) {
                entry.dirtyRatio = range.dirtyRatio();
            }
            if (range.segments().isEmpty()) {
                return false;
            }
            boolean ratio = range.dirtyBytes() > 0 && range.dirtyRatio() >= config.minCleanableDirtyRatio();
            boolean lag = range.dirtyBytes() > 0 && maxLag != Long.MAX_VALUE && range.firstDirtyTimestamp() >= 0
                    && now - range.firstDirtyTimestamp() >= maxLag;
            long horizon;
            synchronized (entry) {
                horizon = entry.earliestHorizon;
            }
            boolean tombstones = horizon == Long.MIN_VALUE ? range.cleanBytes() > 0 : now >= horizon;
            return ratio || lag || tombstones;
        } catch (RuntimeException e) {
            recordFailure(entry, e, now);
            return false;
        }
    }

    /** Cleans and records the outcome; returns whether it succeeded. Failures are not thrown. */
    private boolean attempt(Entry entry, OffsetMap map, boolean force) {
        try {
            cleanEntry(entry, map, force);
            return true;
        } catch (CancellationException e) {
            LOG.debug("{}: cleaning cancelled, the cleaner is stopping", entry.partition);
            return false;
        } catch (RuntimeException e) {
            return false; // recorded by cleanEntry
        }
    }

    private CleanResult cleanEntry(Entry entry, OffsetMap map, boolean force) {
        long now = clock.millis();
        try {
            CompactionConfig config = entry.config;
            if (!config.compacts()) {
                return CleanResult.nothing(entry.log.cleanerCheckpoint());
            }
            if (config.cleanupPolicy().deletes()) {
                entry.log.deleteRetainedSegments();
            }
            LogCompactor compactor = new LogCompactor(entry.log, config, map, swapListener, () -> stopping);
            CleanResult result = compactor.clean(now, entry.upperBound.getAsLong());
            synchronized (entry) {
                entry.cleanings++;
                entry.failures = 0;
                entry.nextRetryAtMs = -1;
                entry.lastCleanedAtMs = clock.millis();
                entry.earliestHorizon = compactor.earliestRetainedHorizon();
            }
            if (result.cleaned()) {
                LOG.debug("{}: cleaned {}", entry.partition, result);
            }
            return result;
        } catch (CancellationException e) {
            throw e;
        } catch (RuntimeException e) {
            recordFailure(entry, e, now);
            throw e;
        }
    }

    private void recordFailure(Entry entry, RuntimeException e, long now) {
        long backoff;
        synchronized (entry) {
            entry.failures++;
            int shift = Math.min(entry.failures - 1, 30);
            backoff = Math.min(settings.maxRetryBackoffMs(), settings.initialRetryBackoffMs() << shift);
            if (backoff < 0) {
                backoff = settings.maxRetryBackoffMs();
            }
            entry.lastError = describe(e);
            entry.lastErrorAtMs = now;
            entry.nextRetryAtMs = now + backoff;
        }
        LOG.error("cleaning {} failed (attempt {}), retrying in {} ms; other partitions are unaffected",
                entry.partition, entry.failures, backoff, e);
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(e.toString());
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append("; caused by ").append(cause);
        }
        return text.toString();
    }
}
