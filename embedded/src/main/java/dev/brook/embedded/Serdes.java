package dev.brook.embedded;

import java.nio.charset.StandardCharsets;

/**
 * The built-in serializers and deserializers: raw bytes and UTF-8 strings (the encoding Kafka's
 * {@code StringSerializer} uses, so keys land on the same partitions as a Kafka producer's).
 */
public final class Serdes {
    private static final Serde<byte[]> BYTES = new Serde<>(bytes -> bytes, bytes -> bytes);
    private static final Serde<String> STRING = new Serde<>(s -> s.getBytes(StandardCharsets.UTF_8),
            bytes -> new String(bytes, StandardCharsets.UTF_8));

    private Serdes() {
    }

    /**
     * A serializer and its deserializer for one type; usable as either.
     *
     * @param <T> the type
     */
    public static final class Serde<T> implements Serializer<T>, Deserializer<T> {
        private final Serializer<T> serializer;
        private final Deserializer<T> deserializer;

        private Serde(Serializer<T> serializer, Deserializer<T> deserializer) {
            this.serializer = serializer;
            this.deserializer = deserializer;
        }

        @Override
        public byte[] serialize(T value) {
            return serializer.serialize(value);
        }

        @Override
        public T deserialize(byte[] data) {
            return deserializer.deserialize(data);
        }
    }

    /** Bytes as they are (no copy). */
    public static Serde<byte[]> bytes() {
        return BYTES;
    }

    /** Strings as UTF-8. */
    public static Serde<String> string() {
        return STRING;
    }
}
