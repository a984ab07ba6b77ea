package dev.brook.partition.producer;

import dev.brook.log.record.RecordBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The state of one producer id in one partition: its current epoch, its last {@value #MAX_CACHED_BATCHES}
 * batches (oldest first) and the time of its last append. Immutable; an append produces a new entry.
 *
 * @param producerId the producer id
 * @param producerEpoch the newest epoch seen
 * @param batches up to {@value #MAX_CACHED_BATCHES} batches of that epoch, oldest first
 * @param lastTimestamp max timestamp of the producer's last batch, which expiration is measured from (as Kafka)
 */
public record ProducerStateEntry(long producerId, short producerEpoch, List<BatchMetadata> batches,
        long lastTimestamp) {
    /** Batches kept per producer: Kafka's limit on in-flight requests of an idempotent producer. */
    public static final int MAX_CACHED_BATCHES = 5;

    public ProducerStateEntry {
        batches = List.copyOf(batches);
        if (batches.size() > MAX_CACHED_BATCHES) {
            throw new IllegalArgumentException("at most " + MAX_CACHED_BATCHES + " batches, got " + batches.size());
        }
    }

    /** The last sequence appended in the current epoch, or {@link RecordBatch#NO_SEQUENCE}. */
    public int lastSeq() {
        return batches.isEmpty() ? RecordBatch.NO_SEQUENCE : batches.get(batches.size() - 1).lastSeq();
    }

    /** The cached batch of the current epoch with exactly this sequence range, if any (Kafka's duplicate test). */
    public Optional<BatchMetadata> findDuplicate(short epoch, int firstSeq, int lastSeq) {
        if (epoch != producerEpoch) {
            return Optional.empty();
        }
        return batches.stream().filter(b -> b.firstSeq() == firstSeq && b.lastSeq() == lastSeq).findFirst();
    }

    /** This entry after a data batch: a new epoch clears the cached batches; the oldest of six is dropped. */
    public ProducerStateEntry withBatch(short epoch, BatchMetadata batch) {
        List<BatchMetadata> next = new ArrayList<>(epoch == producerEpoch ? batches : List.of());
        if (next.size() == MAX_CACHED_BATCHES) {
            next.remove(0);
        }
        next.add(batch);
        return new ProducerStateEntry(producerId, epoch, next, batch.timestamp());
    }

    /** This entry after a control batch (transaction marker): the epoch may move on, no sequence is used. */
    public ProducerStateEntry withMarker(short epoch, long timestamp) {
        return new ProducerStateEntry(producerId, epoch, epoch == producerEpoch ? batches : List.of(), timestamp);
    }

    /** A producer not seen before. */
    static ProducerStateEntry empty(long producerId) {
        return new ProducerStateEntry(producerId, RecordBatch.NO_PRODUCER_EPOCH, List.of(), RecordBatch.NO_TIMESTAMP);
    }
}
