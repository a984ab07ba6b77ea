package dev.brook.embedded;

import java.util.Arrays;
import java.util.Comparator;

/**
 * A table row's identity: the serialized key bytes (what compaction compares) with the key deserialized once.
 * Equality and hash are the bytes'; the order is the user's comparator on the keys, ties broken by the bytes, or the
 * bytes alone (unsigned, lexicographic).
 */
record TableKey<K>(byte[] bytes, K key) {
    @Override
    public boolean equals(Object o) {
        return o instanceof TableKey<?> other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return String.valueOf(key);
    }

    /** Unsigned lexicographic order of the serialized keys. */
    static <K> Comparator<TableKey<K>> byBytes() {
        return (a, b) -> Arrays.compareUnsigned(a.bytes, b.bytes);
    }

    /** The user's order of the keys, then the bytes, so distinct serialized keys never collapse into one row. */
    static <K> Comparator<TableKey<K>> by(Comparator<? super K> keyOrder) {
        Comparator<TableKey<K>> bytes = byBytes();
        return (a, b) -> {
            int c = keyOrder.compare(a.key, b.key);
            return c != 0 ? c : bytes.compare(a, b);
        };
    }

    /**
     * The lookup form of a deserialized key for {@link Table#get}: byte arrays by content, everything else as it
     * is (its own equals and hashCode).
     */
    static Object lookup(Object key) {
        return key instanceof byte[] array ? new ArrayContent(array) : key;
    }

    /** A byte array compared by content. */
    private record ArrayContent(byte[] array) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ArrayContent other && Arrays.equals(array, other.array);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(array);
        }
    }
}
