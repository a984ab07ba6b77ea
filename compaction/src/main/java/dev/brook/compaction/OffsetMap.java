package dev.brook.compaction;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A bounded map from record key to the latest offset seen for it, held off-heap in one direct {@link ByteBuffer}
 * as an open-addressing hash table with linear probing, as Kafka's {@code SkimpyOffsetMap}.
 *
 * <p>Keys are not stored: each slot holds the key's 16-byte MD5 digest and an offset. Two keys with the same
 * digest would be taken for one (odds about 2^-64 for billions of keys), as in Kafka. Slot layout, 24 bytes,
 * big-endian:
 *
 * <pre>
 * offset  size  field
 *      0    16  MD5 digest of the key bytes
 *     16     8  offset + 1 (0 marks an empty slot, so a zeroed buffer is an empty map)
 * </pre>
 *
 * <p>The map takes at most {@code loadFactor * slots} keys; {@link #put} refuses a new key beyond that, and the
 * cleaner then cleans only up to the offsets the map covers. Not thread-safe: one per cleaner thread.
 */
public final class OffsetMap {
    /** Bytes per slot. */
    public static final int ENTRY_BYTES = 24;
    private static final int HASH_BYTES = 16;

    private final ByteBuffer table;
    private final int slots;
    private final int maxEntries;
    private final MessageDigest digest;
    private final byte[] hash = new byte[HASH_BYTES];
    private int entries;
    private long lookups;
    private long probes;

    /**
     * Allocates the table.
     *
     * @param memoryBytes off-heap bytes to use; the table has {@code memoryBytes / 24} slots
     * @param loadFactor the fraction of slots that may be filled, in (0, 1]
     */
    public OffsetMap(int memoryBytes, double loadFactor) {
        this.slots = memoryBytes / ENTRY_BYTES;
        if (slots < 1 || !(loadFactor > 0 && loadFactor <= 1)) {
            throw new IllegalArgumentException("offset map of " + memoryBytes + " bytes, load factor " + loadFactor);
        }
        this.maxEntries = Math.max(1, (int) Math.min(slots - 1L, (long) (slots * loadFactor)));
        this.table = ByteBuffer.allocateDirect(slots * ENTRY_BYTES);
        try {
            this.digest = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide MD5", e);
        }
    }

    /** How many keys the map takes before it is full. */
    public int capacity() {
        return maxEntries;
    }

    /** Keys in the map. */
    public int size() {
        return entries;
    }

    /** Whether {@code n} more new keys would certainly fit. */
    public boolean hasRoomFor(int n) {
        return (long) entries + n <= maxEntries;
    }

    /**
     * Records {@code offset} as the latest for {@code key} (the bytes from its position to its limit, not moved).
     * Offsets are put in increasing order, so a later put for a key simply replaces the earlier one.
     *
     * @return false, changing nothing, when the key is new and the map is full
     */
    public boolean put(ByteBuffer key, long offset) {
        int slot = find(key);
        int at = slot * ENTRY_BYTES;
        if (table.getLong(at + HASH_BYTES) == 0) {
            if (entries >= maxEntries) {
                return false;
            }
            table.put(at, hash);
            entries++;
        }
        table.putLong(at + HASH_BYTES, offset + 1);
        return true;
    }

    /** The latest offset recorded for {@code key}, or -1. */
    public long get(ByteBuffer key) {
        int at = find(key) * ENTRY_BYTES;
        return table.getLong(at + HASH_BYTES) - 1;
    }

    /** Empties the map. */
    public void clear() {
        for (int i = 0; i < slots * ENTRY_BYTES; i += 8) {
            table.putLong(i, 0L);
        }
        entries = 0;
    }

    /** Average slots probed per lookup so far (1.0 = no collisions), for diagnostics. */
    public double averageProbes() {
        return lookups == 0 ? 0 : (double) probes / lookups;
    }

    /** The slot holding the key's digest, or the empty slot where it would go; leaves the digest in {@link #hash}. */
    private int find(ByteBuffer key) {
        digest.reset();
        digest.update(key.duplicate());
        try {
            digest.digest(hash, 0, HASH_BYTES);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException("MD5 digest of 16 bytes cannot fail", e);
        }
        int start = Math.floorMod(((hash[0] & 0xFF) << 24 | (hash[1] & 0xFF) << 16 | (hash[2] & 0xFF) << 8
                | (hash[3] & 0xFF)), slots);
        lookups++;
        int slot = start;
        while (true) {
            probes++;
            int at = slot * ENTRY_BYTES;
            if (table.getLong(at + HASH_BYTES) == 0 || matches(at)) {
                return slot;
            }
            slot = slot + 1 == slots ? 0 : slot + 1;
        }
    }

    private boolean matches(int at) {
        for (int i = 0; i < HASH_BYTES; i++) {
            if (table.get(at + i) != hash[i]) {
                return false;
            }
        }
        return true;
    }
}
