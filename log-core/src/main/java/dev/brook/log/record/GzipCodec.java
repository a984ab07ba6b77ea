package dev.brook.log.record;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Codec 1: a standard gzip stream (RFC 1952) as written by {@link GZIPOutputStream}, the same framing Kafka and
 * librdkafka use.
 *
 * <pre>
 * 1F 8B      magic
 * 08         method: deflate
 * FLG        header flags (extra, name, comment, header CRC are skipped by the reader)
 * MTIME(4) XFL(1) OS(1)
 * ...        deflate data
 * CRC32(4)   little-endian CRC-32 of the uncompressed bytes
 * ISIZE(4)   little-endian uncompressed size mod 2^32
 * </pre>
 *
 * Concatenated gzip members are read as one stream, as {@link GZIPInputStream} does.
 */
final class GzipCodec implements Codec {
    /** The deflater's internal buffer; records are written in one call, so a bigger one gains nothing. */
    private static final int DEFLATE_BUFFER = 8 * 1024;
    /**
     * The record reader pulls the length varint byte by byte; without a buffer each of those single-byte reads
     * would go through the inflater.
     */
    private static final int READ_BUFFER = 16 * 1024;

    @Override
    public OutputStream compress(OutputStream out) throws IOException {
        return new GZIPOutputStream(out, DEFLATE_BUFFER);
    }

    @Override
    public InputStream decompress(InputStream in) throws IOException {
        return new BufferedInputStream(new GZIPInputStream(in, DEFLATE_BUFFER), READ_BUFFER);
    }
}
