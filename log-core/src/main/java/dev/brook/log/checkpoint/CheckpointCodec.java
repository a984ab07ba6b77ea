package dev.brook.log.checkpoint;

import java.util.List;

/**
 * Converts the value of one kind of checkpoint to and from the payload lines of a {@link CheckpointFile}. The
 * envelope (magic, kind, version, CRC-32C) is the file's business; a codec only sees its own lines.
 *
 * @param <T> the value the checkpoint holds
 */
public interface CheckpointCodec<T> {
    /**
     * Encodes a value as payload lines for the current version.
     *
     * @param value the value to store
     * @return the lines, each printable US-ASCII (0x20 to 0x7E) without its line terminator
     * @throws IllegalArgumentException if the value cannot be stored
     */
    List<String> encode(T value);

    /**
     * Decodes the payload lines of a file whose envelope and checksum have already been verified. The file
     * rejects lines left over after this returns, so a codec reads exactly what it expects and no more.
     *
     * @param payload the payload lines and the version they were written with
     * @return the value
     * @throws CorruptCheckpointException if the lines are malformed
     * @throws IllegalArgumentException if the lines parse but describe an impossible value; the file reports
     *     it as corrupt
     */
    T decode(PayloadReader payload) throws CorruptCheckpointException;
}
