package dev.brook.embedded;

import dev.brook.log.record.Compression;

/** How a producer compresses its batches; Kafka's {@code compression.type} values that Brook supports. */
public enum CompressionType {
    /** Batches are stored as they are. */
    NONE(Compression.NONE),
    /** gzip. */
    GZIP(Compression.GZIP),
    /** LZ4 frames. */
    LZ4(Compression.LZ4);

    private final Compression codec;

    CompressionType(Compression codec) {
        this.codec = codec;
    }

    Compression codec() {
        return codec;
    }
}
