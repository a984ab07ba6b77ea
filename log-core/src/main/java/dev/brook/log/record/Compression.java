package dev.brook.log.record;

/**
 * The compression codec of a batch, stored in attribute bits 0-2. With a codec set, the whole records section
 * (everything after the 61-byte header) is one compressed blob; the header itself is never compressed.
 *
 * <p>Brook reads and writes {@link #NONE}, {@link #GZIP} and {@link #LZ4}. {@link #SNAPPY} and {@link #ZSTD} are
 * recognised so that a batch using them is refused with a precise {@link UnsupportedCompressionException}
 * instead of being mistaken for corruption; ids 5-7 name no codec and are refused the same way.
 */
public enum Compression {
    /** Id 0: records are stored as they are. */
    NONE(0, "none", Codec.IDENTITY),
    /** Id 1: a gzip stream. */
    GZIP(1, "gzip", new GzipCodec()),
    /** Id 2: snappy (xerial or raw framing); refused by Brook. */
    SNAPPY(2, "snappy", null),
    /** Id 3: one LZ4 frame with independent 64 KiB blocks. */
    LZ4(3, "lz4", new Lz4Codec()),
    /** Id 4: one zstd frame; refused by Brook. */
    ZSTD(4, "zstd", null);

    private static final Compression[] BY_ID = {NONE, GZIP, SNAPPY, LZ4, ZSTD};

    private final int id;
    private final String codecName;
    private final Codec codec;

    Compression(int id, String codecName, Codec codec) {
        this.id = id;
        this.codecName = codecName;
        this.codec = codec;
    }

    /**
     * The codec with this attribute id, supported or not.
     *
     * @throws UnsupportedCompressionException if no codec has this id (5-7, or anything outside 0-7)
     */
    public static Compression forId(int id) {
        if (id < 0 || id >= BY_ID.length) {
            throw new UnsupportedCompressionException(id, null);
        }
        return BY_ID[id];
    }

    /** The id stored in attribute bits 0-2. */
    public int id() {
        return id;
    }

    /** The codec's lower-case name, as Kafka's {@code compression.type} spells it. */
    public String codecName() {
        return codecName;
    }

    /** Whether Brook can read and write batches with this codec. */
    public boolean isSupported() {
        return codec != null;
    }

    /**
     * Returns this codec if Brook supports it.
     *
     * @throws UnsupportedCompressionException for snappy and zstd
     */
    public Compression requireSupported() {
        if (codec == null) {
            throw new UnsupportedCompressionException(id, codecName);
        }
        return this;
    }

    /** The stream framing; only for supported codecs. */
    Codec codec() {
        return requireSupported().codec;
    }
}
