package dev.brook.partition.topic;

import dev.brook.log.checkpoint.CheckpointCodec;
import dev.brook.log.checkpoint.CheckpointFile;
import dev.brook.log.checkpoint.CorruptCheckpointException;
import dev.brook.log.checkpoint.PayloadReader;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Topic metadata on disk: one file per topic, {@code <logdir>/brook-metadata/topics/<name>.topic}, in log-core's
 * checkpoint envelope ({@link CheckpointFile}: magic, kind {@value #KIND}, version, CRC-32C; replaced by write to
 * {@code .tmp}, fsync, atomic rename, directory fsync).
 *
 * <h2>Payload, version 1</h2>
 *
 * <p>Inside the envelope, in this order, each line ending in LF, numbers in canonical decimal:
 *
 * <pre>
 * bytes              content
 * "name" SP          the topic name ([a-zA-Z0-9._-], 1..249 chars); must match the file name
 * "topic-id" SP      the topic id, 36 chars, lowercase UUID text (8-4-4-4-12 hex digits)
 * "partitions" SP    partition count, 1..2147483647
 * "replication-factor" SP  replication factor, 1..32767
 * "configs" SP       n, the number of config override lines, 0..2147483647
 * then n lines, sorted by name, no duplicates:
 *   &lt;config name&gt; SP &lt;canonical value&gt;   (neither contains a space)
 * </pre>
 *
 * <p>Example:
 *
 * <pre>
 * brook-checkpoint topic 1
 * name orders
 * topic-id 3f1c2b1e-8a4e-4a47-9c36-2b8f0f4b7c10
 * partitions 3
 * replication-factor 1
 * configs 1
 * retention.ms 3600000
 * crc32c 1a2b3c4d
 * </pre>
 *
 * <p>The {@code .tmp} sibling of the write path adds 10 characters to the file name, so topic names longer than
 * {@value #MAX_STORABLE_NAME_LENGTH} characters (legal in Kafka up to 249) do not fit a 255-byte file name; such
 * names are refused by {@link #write} with an {@link InvalidTopicException}.
 *
 * <p>Not thread-safe on its own: the partition store serialises topic changes.
 */
public final class TopicStore {
    private static final Logger LOG = LoggerFactory.getLogger(TopicStore.class);

    /** Kind in the checkpoint header. */
    public static final String KIND = "topic";
    /** Payload version written, and the newest read. */
    public static final int VERSION = 1;
    /** Suffix of topic files. */
    public static final String SUFFIX = ".topic";
    /** Directory under the log dir holding Brook's own metadata. */
    public static final String METADATA_DIR = "brook-metadata";
    /** Longest topic name whose file (and its {@code .tmp} sibling) fits a 255-byte file name. */
    public static final int MAX_STORABLE_NAME_LENGTH = 255 - SUFFIX.length() - ".tmp".length();

    private final Path dir;

    /**
     * Opens the topic directory of a log dir, creating it if needed.
     *
     * @throws TopicStorageException if the directory cannot be created
     */
    public TopicStore(Path logDir) {
        this.dir = logDir.resolve(METADATA_DIR).resolve("topics");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new TopicStorageException("cannot create topic metadata directory " + dir, e);
        }
    }

    /** The directory holding the topic files. */
    public Path directory() {
        return dir;
    }

    /** The file of a topic. */
    public Path path(String topic) {
        return dir.resolve(topic + SUFFIX);
    }

    /**
     * Reads every topic file. Leftover {@code .tmp} files of interrupted writes are deleted.
     *
     * @return topics by name, sorted
     * @throws CorruptTopicFileException naming the file if any topic file fails its checks
     * @throws TopicStorageException if the directory cannot be read
     */
    public Map<String, TopicMetadata> loadAll() {
        Map<String, TopicMetadata> topics = new TreeMap<>();
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path file : stream) {
                files.add(file);
            }
        } catch (IOException e) {
            throw new TopicStorageException("cannot list topic metadata directory " + dir, e);
        }
        for (Path file : files) {
            String fileName = file.getFileName().toString();
            if (fileName.endsWith(".tmp")) {
                deleteLeftover(file);
            } else if (fileName.endsWith(SUFFIX)) {
                TopicMetadata topic = read(file);
                String expected = fileName.substring(0, fileName.length() - SUFFIX.length());
                if (!topic.name().equals(expected)) {
                    throw new CorruptTopicFileException(file, "holds topic \"" + topic.name()
                            + "\" but is named for \"" + expected + "\"", null);
                }
                topics.put(topic.name(), topic);
            } else {
                LOG.warn("ignoring unexpected file {} in the topic metadata directory", file);
            }
        }
        return topics;
    }

    private static void deleteLeftover(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new TopicStorageException("cannot delete leftover " + file, e);
        }
    }

    private static TopicMetadata read(Path file) {
        try {
            return checkpoint(file).read().orElseThrow(() -> new CorruptTopicFileException(file,
                    "disappeared while loading", null));
        } catch (CorruptCheckpointException e) {
            throw new CorruptTopicFileException(file, e.problem(), e);
        } catch (IOException e) {
            throw new TopicStorageException("cannot read topic metadata file " + file, e);
        }
    }

    /**
     * Writes a topic's file atomically and durably, replacing any earlier version.
     *
     * @throws InvalidTopicException if the name is longer than {@value #MAX_STORABLE_NAME_LENGTH}
     * @throws TopicStorageException if the write is not durable
     */
    public void write(TopicMetadata topic) {
        TopicName.validate(topic.name());
        if (topic.name().length() > MAX_STORABLE_NAME_LENGTH) {
            throw new InvalidTopicException("Topic name is too long for Brook's metadata file name: "
                    + topic.name().length() + " characters, at most " + MAX_STORABLE_NAME_LENGTH + " are supported");
        }
        Path file = path(topic.name());
        try {
            checkpoint(file).write(topic);
        } catch (IOException e) {
            throw new TopicStorageException("cannot write topic metadata file " + file, e);
        }
    }

    /**
     * Deletes a topic's file durably.
     *
     * @return whether it existed
     */
    public boolean delete(String topic) {
        Path file = path(topic);
        try {
            return checkpoint(file).delete();
        } catch (IOException e) {
            throw new TopicStorageException("cannot delete topic metadata file " + file, e);
        }
    }

    private static CheckpointFile<TopicMetadata> checkpoint(Path file) {
        return new CheckpointFile<>(file, KIND, VERSION, new Codec());
    }

    /** The payload lines described in the class Javadoc. */
    private static final class Codec implements CheckpointCodec<TopicMetadata> {
        @Override
        public List<String> encode(TopicMetadata topic) {
            List<String> lines = new ArrayList<>();
            lines.add("name " + topic.name());
            lines.add("topic-id " + topic.topicId());
            lines.add("partitions " + topic.partitionCount());
            lines.add("replication-factor " + topic.replicationFactor());
            lines.add("configs " + topic.configOverrides().size());
            topic.configOverrides().forEach((name, value) -> {
                if (name.isEmpty() || value.isEmpty() || name.contains(" ") || value.contains(" ")) {
                    throw new IllegalArgumentException("config " + name + "=" + value + " cannot be stored");
                }
                lines.add(name + " " + value);
            });
            return lines;
        }

        @Override
        public TopicMetadata decode(PayloadReader payload) throws CorruptCheckpointException {
            String[] nameFields = payload.readFields(2, "name <topic>");
            String name = nameFields[1];
            if (!nameFields[0].equals("name") || !TopicName.isValid(name)) {
                throw payload.corruptLine("illegal topic name " + name);
            }
            String[] idFields = payload.readFields(2, "topic-id <uuid>");
            if (!idFields[0].equals("topic-id")) {
                throw payload.corruptLine("expected topic-id");
            }
            UUID id;
            try {
                id = UUID.fromString(idFields[1]);
            } catch (IllegalArgumentException e) {
                throw payload.corruptLine("malformed topic id " + idFields[1]);
            }
            if (!id.toString().equals(idFields[1])) {
                throw payload.corruptLine("topic id not in canonical form: " + idFields[1]);
            }
            int partitions = payload.readInt("partitions");
            int replicationFactor = payload.readInt("replication-factor");
            if (partitions < 1 || replicationFactor < 1 || replicationFactor > Short.MAX_VALUE) {
                throw payload.corruptLine("partition count " + partitions + " or replication factor "
                        + replicationFactor + " out of range");
            }
            int count = payload.readInt("configs");
            if (count < 0) {
                throw payload.corruptLine("negative config count " + count);
            }
            Map<String, String> configs = new TreeMap<>();
            String previous = null;
            for (int i = 0; i < count; i++) {
                String[] fields = payload.readFields(2, "<config name> <value>");
                if (previous != null && fields[0].compareTo(previous) <= 0) {
                    throw payload.corruptLine("config names not strictly sorted: " + fields[0]);
                }
                previous = fields[0];
                configs.put(fields[0], fields[1]);
            }
            return new TopicMetadata(name, id, partitions, replicationFactor, configs);
        }
    }
}
