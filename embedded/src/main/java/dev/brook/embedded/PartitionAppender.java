package dev.brook.embedded;

import dev.brook.log.record.Compression;
import dev.brook.log.record.Header;
import dev.brook.partition.AppendResult;
import dev.brook.partition.PartitionStore;
import dev.brook.partition.partitioner.Partitioner;
import dev.brook.partition.topic.TopicPartition;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One producer's batching for one partition. Adding a record, closing a batch and appending it all happen under
 * this object's lock, so batches reach the log in the order they were closed and one thread's records to a
 * partition keep their send order. Futures are completed after the lock is released, so callbacks may send again.
 */
final class PartitionAppender {
    private final TopicPartition topicPartition;
    private final PartitionStore store;
    private final Partitioner partitioner;
    private final Compression compression;
    private final long lingerNanos;
    private final int batchSize;
    private final ScheduledExecutorService scheduler;
    private OpenBatch open;
    private ScheduledFuture<?> lingerTask;

    PartitionAppender(TopicPartition topicPartition, PartitionStore store, Partitioner partitioner,
            ProducerOptions options, ScheduledExecutorService scheduler) {
        this.topicPartition = topicPartition;
        this.store = store;
        this.partitioner = partitioner;
        this.compression = options.compression().codec();
        this.lingerNanos = options.linger().toNanos();
        this.batchSize = options.batchSize();
        this.scheduler = scheduler;
    }

    /** Adds a record; appends the batch at once when it is full or linger is zero. */
    void add(long timestamp, byte[] key, byte[] value, Header[] headers, CompletableFuture<RecordMetadata> future) {
        Runnable completion = () -> { };
        synchronized (this) {
            if (open != null && open.sizeInBytes() + OpenBatch.estimateSize(key, value, headers) > batchSize) {
                // Close the batch first, so only a record larger than batch.size makes a batch larger than it.
                completion = appendOpen();
            }
            if (open == null) {
                open = new OpenBatch(compression);
                if (lingerNanos > 0) {
                    OpenBatch batch = open;
                    lingerTask = scheduler.schedule(() -> lingerExpired(batch), lingerNanos, TimeUnit.NANOSECONDS);
                }
            }
            open.append(timestamp, key, value, headers, future);
            if (lingerNanos == 0 || open.sizeInBytes() >= batchSize) {
                Runnable first = completion;
                Runnable second = appendOpen();
                completion = () -> {
                    first.run();
                    second.run();
                };
            }
        }
        completion.run();
    }

    private void lingerExpired(OpenBatch batch) {
        Runnable completion;
        synchronized (this) {
            if (open != batch) {
                return;
            }
            completion = appendOpen();
        }
        completion.run();
    }

    /** Appends whatever is gathered now. */
    void flush() {
        Runnable completion;
        synchronized (this) {
            if (open == null) {
                return;
            }
            completion = appendOpen();
        }
        completion.run();
    }

    /** Closes the open batch, appends it, and returns what completes its futures. Holds the lock. */
    private Runnable appendOpen() {
        OpenBatch batch = open;
        open = null;
        if (lingerTask != null) {
            lingerTask.cancel(false);
            lingerTask = null;
        }
        partitioner.batchCompleted(topicPartition.topic(), topicPartition.partition());
        try {
            AppendResult result = store.partition(topicPartition).appendAsLeader(batch.build(), (short) -1);
            return () -> batch.complete(topicPartition.topic(), topicPartition.partition(), result);
        } catch (RuntimeException e) {
            // Reported through every future of the batch; sendSync and join() rethrow it.
            return () -> batch.fail(e);
        }
    }
}
