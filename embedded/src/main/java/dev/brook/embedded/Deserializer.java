package dev.brook.embedded;

/**
 * Turns stored bytes back into a key or value. A null key or value is handed out as {@code null} without calling
 * the deserializer. See {@link Serdes} for the built-in ones.
 *
 * @param <T> the type produced
 */
@FunctionalInterface
public interface Deserializer<T> {
    /**
     * @param data the stored bytes, never {@code null}; the array is the caller's to keep
     * @return the value
     */
    T deserialize(byte[] data);
}
