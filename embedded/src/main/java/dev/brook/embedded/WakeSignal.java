package dev.brook.embedded;

import dev.brook.partition.HighWatermarkListener;
import dev.brook.partition.topic.TopicPartition;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes a waiting reader when a high watermark it follows moves (or it is closed). A version counter makes a
 * wake-up between "read nothing" and "start waiting" count, so none is lost and nothing spins.
 */
final class WakeSignal implements HighWatermarkListener {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long version;

    /** The current version; pass it to {@link #awaitChange} after finding nothing to read. */
    long version() {
        lock.lock();
        try {
            return version;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiter. Quick and non-blocking beyond the short lock, as listeners must be. */
    void wakeUp() {
        lock.lock();
        try {
            version++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onHighWatermarkAdvanced(TopicPartition partition, long highWatermark) {
        wakeUp();
    }

    /**
     * Waits until the version moves past {@code seen} or {@code nanos} pass.
     *
     * @throws InterruptedException if interrupted
     */
    void awaitChange(long seen, long nanos) throws InterruptedException {
        lock.lock();
        try {
            long left = nanos;
            while (version == seen && left > 0) {
                left = changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }
}
