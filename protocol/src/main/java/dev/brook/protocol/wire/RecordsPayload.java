package dev.brook.protocol.wire;

/**
 * The bytes of one RECORDS field (record batches inside a Produce request or a Fetch response). The protocol module
 * only needs the size to write the length prefix; how the bytes reach the socket is up to whoever supplied the payload
 * (a heap/direct buffer via {@link ByteBufferRecords}, or a file region the broker sends zero-copy).
 */
public interface RecordsPayload {
    /**
     * @return the number of bytes this payload puts on the wire, never negative
     */
    int sizeInBytes();
}
