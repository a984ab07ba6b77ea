package dev.brook.log;

import java.nio.file.Path;

/**
 * Bytes on disk that are not a valid batch where one must be. Carries the file and byte position so an operator
 * can find them; the bytes are never handed to a reader as data. Maps to Kafka's CORRUPT_MESSAGE (2) or
 * KAFKA_STORAGE_ERROR at the wire.
 */
public class CorruptLogException extends LogException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long position;

    public CorruptLogException(Path file, long position, String problem) {
        super(problem + " in " + file + " at position " + position);
        this.file = file;
        this.position = position;
    }

    public CorruptLogException(Path file, long position, String problem, Throwable cause) {
        super(problem + " in " + file + " at position " + position, cause);
        this.file = file;
        this.position = position;
    }

    /** The file holding the corrupt bytes. */
    public Path file() {
        return file;
    }

    /** Byte position of the corrupt batch in {@link #file()}. */
    public long position() {
        return position;
    }
}
