package dev.brook.broker.fetch;

import dev.brook.partition.HighWatermarkListener;
import dev.brook.partition.Partition;
import dev.brook.partition.topic.TopicPartition;
import dev.brook.protocol.ErrorCode;
import dev.brook.protocol.message.FetchRequest;
import dev.brook.protocol.message.FetchResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetch (v4-11) with long poll. A fetch is answered at once when it has {@code min_bytes} of data, an error, or a
 * {@code max_wait_ms} of zero; otherwise it is parked: it listens to the high watermark of every partition it asked
 * for and is read again each time one moves, and answered when it has enough data or its wait runs out. A parked
 * fetch holds no thread and no file.
 *
 * <p>Fetch sessions (KIP-227) are not kept: every response carries session id 0, which tells clients to send full
 * fetch requests; a request naming a session gets FETCH_SESSION_ID_NOT_FOUND.
 */
public final class FetchHandler {
    private static final Logger log = LoggerFactory.getLogger(FetchHandler.class);

    private final FetchReader reader;
    private final FetchReader.Lookup lookup;
    private final ScheduledExecutorService timer;

    /**
     * @param lookup finds the partitions a request names; throws the exception whose error code is answered
     * @param errors maps a read failure to its error code
     * @param timer  runs parked fetches' re-reads and timeouts
     */
    public FetchHandler(FetchReader.Lookup lookup, BiFunction<Throwable, Object, ErrorCode> errors,
                        ScheduledExecutorService timer) {
        this.reader = new FetchReader(lookup, errors);
        this.lookup = lookup;
        this.timer = timer;
    }

    public CompletableFuture<Object> handle(FetchRequest request) {
        if (request.sessionId() != 0) {
            return CompletableFuture.completedFuture(new FetchResponse(0,
                    ErrorCode.FETCH_SESSION_ID_NOT_FOUND.code(), 0, List.of()));
        }
        FetchReader.Pass first = reader.read(request);
        if (isSatisfied(request, first)) {
            return CompletableFuture.completedFuture(first.response());
        }
        return new ParkedFetch(request).start();
    }

    private static boolean isSatisfied(FetchRequest request, FetchReader.Pass pass) {
        return request.maxWaitMs() <= 0 || pass.anyError() || pass.bytes() >= Math.max(1, request.minBytes())
                || request.topics().isEmpty();
    }

    /** A fetch waiting for data: completes once, on enough data or on timeout, whichever is first. */
    private final class ParkedFetch implements HighWatermarkListener {
        private final FetchRequest request;
        private final CompletableFuture<Object> result = new CompletableFuture<>();
        private final AtomicBoolean done = new AtomicBoolean();
        private final AtomicBoolean rereadQueued = new AtomicBoolean();
        private final List<Partition> watched = new CopyOnWriteArrayList<>();
        private ScheduledFuture<?> timeout;

        ParkedFetch(FetchRequest request) {
            this.request = request;
        }

        CompletableFuture<Object> start() {
            for (FetchRequest.Topic t : request.topics()) {
                for (FetchRequest.Partition p : t.partitions()) {
                    try {
                        Partition partition = lookup.leader(new TopicPartition(t.topic(), p.partition()));
                        partition.addHighWatermarkListener(this);
                        watched.add(partition);
                    } catch (RuntimeException e) {
                        // The first read found it; if it vanished since, the re-read reports the error.
                        log.debug("Not watching {}-{}: {}", t.topic(), p.partition(), e.getMessage());
                    }
                }
            }
            timeout = timer.schedule(this::expire, request.maxWaitMs(), TimeUnit.MILLISECONDS);
            if (done.get()) {
                release(); // completed while registering: undo what was registered after its release
            }
            // Data may have arrived between the first read and registering: look once more.
            scheduleReread();
            return result;
        }

        @Override
        public void onHighWatermarkAdvanced(TopicPartition partition, long highWatermark) {
            scheduleReread();
        }

        private void scheduleReread() {
            if (!done.get() && rereadQueued.compareAndSet(false, true)) {
                timer.execute(this::reread);
            }
        }

        private void reread() {
            rereadQueued.set(false);
            if (done.get()) {
                return;
            }
            try {
                FetchReader.Pass pass = reader.read(request);
                if (isSatisfied(request, pass)) {
                    complete(pass.response());
                }
            } catch (RuntimeException e) {
                fail(e);
            }
        }

        private void expire() {
            if (done.get()) {
                return;
            }
            try {
                complete(reader.read(request).response());
            } catch (RuntimeException e) {
                fail(e);
            }
        }

        private void complete(FetchResponse response) {
            if (done.compareAndSet(false, true)) {
                release();
                result.complete(response);
            }
        }

        private void fail(RuntimeException e) {
            if (done.compareAndSet(false, true)) {
                release();
                result.completeExceptionally(e);
            }
        }

        private void release() {
            for (Partition p : watched) {
                p.removeHighWatermarkListener(this);
            }
            if (timeout != null) {
                timeout.cancel(false);
            }
        }
    }
}
