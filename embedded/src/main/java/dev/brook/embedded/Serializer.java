package dev.brook.embedded;

/**
 * Turns a key or value into the bytes stored in the log. A {@code null} key or value is stored as null without
 * calling the serializer, so implementations never see {@code null}. See {@link Serdes} for the built-in ones.
 *
 * @param <T> the type serialized
 */
@FunctionalInterface
public interface Serializer<T> {
    /**
     * @param value the value, never {@code null}
     * @return its bytes; {@code null} stores a null key or value
     */
    byte[] serialize(T value);
}
