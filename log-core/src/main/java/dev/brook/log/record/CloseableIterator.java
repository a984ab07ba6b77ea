package dev.brook.log.record;

import java.util.Iterator;

/**
 * An iterator over resources that must be released, such as a decompressor's native memory. Use it in
 * try-with-resources; closing early is allowed and closing twice is harmless.
 *
 * @param <T> the element type
 */
public interface CloseableIterator<T> extends Iterator<T>, AutoCloseable {
    /** Releases the resources; never throws. */
    @Override
    void close();
}
