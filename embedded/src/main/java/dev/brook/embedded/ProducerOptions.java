package dev.brook.embedded;

import dev.brook.partition.partitioner.DefaultPartitioner;
import dev.brook.partition.partitioner.Partitioner;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How a {@link Producer} batches: Kafka's {@code linger.ms}, {@code batch.size}, {@code compression.type} and
 * partitioner. Immutable; each {@code with} returns a copy.
 *
 * <p>Defaults: linger 0 (each send is appended before it returns, so {@code sendSync} costs no wait), batch size
 * 16384 bytes, no compression, and a fresh {@link DefaultPartitioner} per producer, so keyed records land on the
 * partition kafka-clients would choose.
 */
public final class ProducerOptions {
    private static final ProducerOptions DEFAULTS = new ProducerOptions(Duration.ZERO, 16_384, CompressionType.NONE,
            DefaultPartitioner::new);

    private final Duration linger;
    private final int batchSizeBytes;
    private final CompressionType compression;
    private final Supplier<Partitioner> partitioner;

    private ProducerOptions(Duration linger, int batchSizeBytes, CompressionType compression,
            Supplier<Partitioner> partitioner) {
        this.linger = linger;
        this.batchSizeBytes = batchSizeBytes;
        this.compression = compression;
        this.partitioner = partitioner;
    }

    /** The defaults described above. */
    public static ProducerOptions defaults() {
        return DEFAULTS;
    }

    /**
     * How long a batch waits for more records before it is appended ({@code linger.ms}); a full batch goes at once.
     *
     * @throws IllegalArgumentException if negative
     */
    public ProducerOptions linger(Duration value) {
        if (value.isNegative()) {
            throw new IllegalArgumentException("linger must not be negative: " + value);
        }
        return new ProducerOptions(value, batchSizeBytes, compression, partitioner);
    }

    /**
     * The size at which a batch is appended without waiting ({@code batch.size}); a larger single record gets a
     * batch of its own.
     *
     * @throws IllegalArgumentException if not positive
     */
    public ProducerOptions batchSize(int bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("batch size must be positive: " + bytes);
        }
        return new ProducerOptions(linger, bytes, compression, partitioner);
    }

    /** The batch compression ({@code compression.type}). */
    public ProducerOptions compression(CompressionType value) {
        return new ProducerOptions(linger, batchSizeBytes, Objects.requireNonNull(value, "compression"), partitioner);
    }

    /** A partitioner instance, shared by every thread of the producer (it must be thread-safe). */
    public ProducerOptions partitioner(Partitioner value) {
        Objects.requireNonNull(value, "partitioner");
        return new ProducerOptions(linger, batchSizeBytes, compression, () -> value);
    }

    /** The linger time. */
    public Duration linger() {
        return linger;
    }

    /** The batch size in bytes. */
    public int batchSize() {
        return batchSizeBytes;
    }

    /** The compression. */
    public CompressionType compression() {
        return compression;
    }

    /** The partitioner a new producer uses. */
    Partitioner newPartitioner() {
        return partitioner.get();
    }
}
