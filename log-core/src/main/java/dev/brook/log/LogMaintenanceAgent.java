package dev.brook.log;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background agent with one duty: keep registered logs in shape. Each duty cycle calls
 * {@link Maintainable#runMaintenance()} on every registered log (for a {@link Log}: time-based flush,
 * recovery-point checkpoint, retention, closing deleted segments), then idles for the configured period when there was nothing to do.
 *
 * <p>A failure on one log is logged with its cause, counted, and kept as that log's last error in
 * {@link #health()}; the other logs keep being served and the failing one is retried on the next cycle.
 */
public final class LogMaintenanceAgent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogMaintenanceAgent.class);

    /** A log's last failure, or none. */
    public record LogHealth(long failures, String lastError) {
    }

    /** Something with periodic upkeep; {@link Log} is one. */
    @FunctionalInterface
    public interface Maintainable {
        /**
         * Runs one round of upkeep.
         *
         * @return the amount of work done (0 = idle)
         */
        int runMaintenance();
    }

    private final Map<Maintainable, LogHealth> logs = new ConcurrentHashMap<>();
    private final AtomicLong cycles = new AtomicLong();
    private final long idleMs;
    private final Thread thread;
    private volatile boolean running = true;
    /** The idle wait; {@link #close()} wakes it instead of interrupting, see there. */
    private final Object idle = new Object();

    /**
     * @param idleMs how long to sleep after a cycle that found no work
     */
    public LogMaintenanceAgent(long idleMs, String name) {
        this.idleMs = idleMs;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    /** Starts the agent's thread. */
    public LogMaintenanceAgent start() {
        thread.start();
        return this;
    }

    public void register(Maintainable log) {
        logs.putIfAbsent(log, new LogHealth(0, null));
    }

    public void unregister(Maintainable log) {
        logs.remove(log);
    }

    /** Per-log failure counts and last errors. */
    public Map<Maintainable, LogHealth> health() {
        return Map.copyOf(logs);
    }

    /** Number of duty cycles run so far. */
    public long cycles() {
        return cycles.get();
    }

    /** Runs one duty cycle on the caller's thread; returns the work done. */
    public int doWork() {
        int work = 0;
        for (Maintainable log : logs.keySet()) {
            try {
                work += log.runMaintenance();
            } catch (RuntimeException e) {
                LOG.error("maintenance of {} failed; retrying next cycle", log, e);
                logs.computeIfPresent(log, (l, h) -> new LogHealth(h.failures() + 1, e.toString()));
            }
        }
        cycles.incrementAndGet();
        return work;
    }

    private void run() {
        while (running) {
            int work = doWork();
            if (work == 0) {
                try {
                    synchronized (idle) {
                        if (running) {
                            idle.wait(idleMs);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Stops the thread and waits for the current cycle to end. */
    @Override
    public void close() {
        // Never interrupt: an interrupt during a cycle's file I/O closes that FileChannel (ClosedByInterruptException),
        // which fails the cycle and can break the segment the clean shutdown then has to flush.
        running = false;
        synchronized (idle) {
            idle.notifyAll();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
