package dev.brook.log.index;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An index file exists but cannot be trusted: its header does not match (magic, version, entry size, base
 * offset), its length is not a header plus whole entries, or its entries break an ordering or bound rule.
 *
 * <p>It is an {@link IOException} because it is a fault of what is on disk, raised by the same calls that raise
 * I/O errors. Indexes are derived data, so the expected reaction is to delete the file and rebuild it from the
 * segment's {@code .log} file; other I/O errors stay fatal. The message always names the file and the problem
 * (and the entry, when one entry is at fault).
 */
public final class CorruptIndexException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Not serialised with the exception: {@link Path} is not serializable, and the message already names it. */
    private final transient Path file;
    private final String problem;

    /**
     * Creates the exception for one file.
     *
     * @param file the index file that was read
     * @param problem what is wrong with it, for example {@code "entry 3: position 40 is not above 80"}
     */
    public CorruptIndexException(Path file, String problem) {
        super("corrupt index " + file + ": " + problem);
        this.file = Objects.requireNonNull(file, "file");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /**
     * Returns the file that failed the check.
     *
     * @return the index file; {@code null} only after Java deserialisation
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
