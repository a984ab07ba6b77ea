package dev.brook.partition.topic;

import java.nio.file.Path;

/**
 * A topic metadata file fails its checks (truncated, checksum mismatch, wrong kind or version, malformed or
 * inconsistent content). The node refuses to guess a topic's partitions or configs, so loading stops here.
 */
public class CorruptTopicFileException extends TopicStorageException {
    private static final long serialVersionUID = 1L;

    /** Not serialised: {@link Path} is not serializable and the message names it. */
    private final transient Path file;

    public CorruptTopicFileException(Path file, String problem, Throwable cause) {
        super("corrupt topic metadata file " + file + ": " + problem, cause);
        this.file = file;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }
}
