package dev.brook.log.record;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One compression codec's stream framing. Implementations are stateless and thread-safe; the streams they return
 * are not. Callers own the returned streams and must close them (closing also closes the wrapped stream).
 */
interface Codec {
    /** The codec for uncompressed batches: streams pass through untouched. */
    Codec IDENTITY = new Codec() {
        @Override
        public OutputStream compress(OutputStream out) {
            return out;
        }

        @Override
        public InputStream decompress(InputStream in) {
            return in;
        }
    };

    /** Wraps {@code out} so that bytes written to the result reach {@code out} compressed. */
    OutputStream compress(OutputStream out) throws IOException;

    /**
     * Wraps {@code in}, which holds one compressed records section, so that reads return the decompressed bytes.
     * Corrupt input surfaces as an {@link IOException} or an unchecked exception of the underlying library; the
     * caller converts both into {@link CorruptRecordException}.
     */
    InputStream decompress(InputStream in) throws IOException;
}
