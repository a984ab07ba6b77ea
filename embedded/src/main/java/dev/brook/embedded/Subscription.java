package dev.brook.embedded;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A push-style reader: a daemon thread of its own polls a {@link Reader} and hands each record to a
 * {@link RecordListener}, in offset order per partition. It runs until {@link #close()}; if the listener or the
 * reader throws, the subscription stops, logs the failure and keeps it for {@link #failure()}.
 */
public final class Subscription implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Subscription.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final Reader<?, ?> reader;
    private final Thread thread;
    private final Consumer<Subscription> onClose;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean closed;

    <K, V> Subscription(Reader<K, V> reader, RecordListener<K, V> listener, Consumer<Subscription> onClose) {
        this.reader = reader;
        this.onClose = onClose;
        this.thread = new Thread(() -> run(reader, listener), "brook-subscription-" + reader.topic());
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private <K, V> void run(Reader<K, V> source, RecordListener<K, V> listener) {
        try {
            while (!closed) {
                for (BrookRecord<K, V> record : source.poll(POLL)) {
                    if (closed) {
                        return;
                    }
                    listener.onRecord(record);
                }
            }
        } catch (Exception | Error e) {
            if (closed && e instanceof IllegalStateException) {
                return; // the reader was closed underneath a poll by close()
            }
            failure.set(e);
            LOG.error("subscription to {} stopped: its listener or reader failed", source.topic(), e);
            source.close();
        }
    }

    /** Whether the subscription still delivers records. */
    public boolean isRunning() {
        return thread.isAlive() && !closed;
    }

    /** What stopped the subscription, if the listener or the reader failed. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }

    /**
     * Stops delivering and waits for the listener to return from the record it is handling (unless called from the
     * listener itself). Idempotent.
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
        if (Thread.currentThread() != thread) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BrookException("interrupted while stopping the subscription to " + reader.topic(), e);
            }
        }
        onClose.accept(this);
    }
}
