package dev.brook.log.checkpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A checkpoint file exists but cannot be trusted: it is truncated, is not a Brook checkpoint, holds another kind
 * of checkpoint, was written by a newer Brook with a version this build cannot read, fails its CRC-32C, or its
 * checksummed content is malformed or out of range.
 *
 * <p>It is an {@link IOException} because it is a fault of what is on disk, raised by the same calls that raise
 * I/O errors; callers that can rebuild the state (for example by rescanning the log) catch this type, while
 * other I/O errors stay fatal. The message always names the file and the problem.
 */
public final class CorruptCheckpointException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Not serialised with the exception: {@link Path} is not serializable, and the message already names it. */
    private final transient Path file;
    /** What is wrong with the file, without the file name. */
    private final String problem;

    /**
     * Creates the exception for one file.
     *
     * @param file the checkpoint file that was read
     * @param problem what is wrong with it, for example {@code "checksum mismatch: ..."}
     */
    public CorruptCheckpointException(Path file, String problem) {
        super("corrupt checkpoint " + file + ": " + problem);
        this.file = Objects.requireNonNull(file, "file");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /**
     * Returns the file that failed to read.
     *
     * @return the checkpoint file; {@code null} only after Java deserialisation
     */
    public Path file() {
        return file;
    }

    /**
     * Returns what is wrong with the file, without the file name.
     *
     * @return the problem description
     */
    public String problem() {
        return problem;
    }
}
