package dev.brook.embedded;

/**
 * Told of each change of a {@link Table}, on the table's update thread, in offset order per partition, after the
 * table already shows the change. Must be quick: the table applies nothing else while a listener runs. An exception
 * it throws is logged with its cause and counted in {@link Table#listenerFailures()}; the table and the other
 * listeners carry on.
 *
 * @param <K> key type
 * @param <V> value type
 */
@FunctionalInterface
public interface TableListener<K, V> {
    /**
     * @param key the key that changed
     * @param oldValue the value before, or {@code null} if the key was absent
     * @param newValue the value now, or {@code null} if a tombstone deleted the key
     */
    void onChange(K key, V oldValue, V newValue);
}
