package dev.brook.embedded;

/**
 * Told of each record of a {@linkplain Brook#subscribe subscription}, in offset order per partition, on the
 * subscription's own thread. An exception it throws stops the subscription (see {@link Subscription#failure()}).
 *
 * @param <K> key type
 * @param <V> value type
 */
@FunctionalInterface
public interface RecordListener<K, V> {
    /** @param record the next record */
    void onRecord(BrookRecord<K, V> record) throws Exception;
}
