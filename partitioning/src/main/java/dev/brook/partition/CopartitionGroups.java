package dev.brook.partition;

import dev.brook.log.checkpoint.CheckpointCodec;
import dev.brook.log.checkpoint.CheckpointFile;
import dev.brook.log.checkpoint.CorruptCheckpointException;
import dev.brook.log.checkpoint.PayloadReader;
import dev.brook.partition.topic.TopicName;
import dev.brook.partition.topic.TopicStorageException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The named groups of copartitioned topics: topics that must keep the same partition count (and use the same,
 * default, partitioner), so that partition {@code i} of each holds the same keys and a consumer can be given
 * partition {@code i} of all of them together. Not thread-safe: the {@link PartitionStore} calls it under its admin
 * lock.
 *
 * <h2>File format</h2>
 * {@code <logdir>/brook-metadata/copartition-groups.checkpoint}: a {@link CheckpointFile} of kind
 * {@code copartition-groups}, version 1. Payload: {@code groups <n>}, then n lines
 * {@code group <name> <topic>,<topic>,...}; group and topic names are legal Kafka topic names, so they contain no
 * space or comma. Written atomically and durably on every change.
 */
final class CopartitionGroups {
    static final String FILE_NAME = "copartition-groups.checkpoint";

    private final CheckpointFile<Map<String, Set<String>>> file;
    private final Map<String, Set<String>> groups;

    CopartitionGroups(Path metadataDir) {
        this.file = new CheckpointFile<>(metadataDir.resolve(FILE_NAME), "copartition-groups", 1, new Codec());
        try {
            this.groups = new TreeMap<>(file.read().orElse(Map.of()));
        } catch (IOException e) {
            throw new TopicStorageException("cannot read " + file.path(), e);
        }
    }

    Optional<Set<String>> groupOf(String topic) {
        return groups.values().stream().filter(g -> g.contains(topic)).findFirst()
                .map(Collections::unmodifiableSet);
    }

    Optional<String> groupNameOf(String topic) {
        return groups.entrySet().stream().filter(e -> e.getValue().contains(topic)).map(Map.Entry::getKey)
                .findFirst();
    }

    Map<String, Set<String>> all() {
        Map<String, Set<String>> copy = new TreeMap<>();
        groups.forEach((k, v) -> copy.put(k, Collections.unmodifiableSet(v)));
        return copy;
    }

    /** Adds {@code topics} to group {@code name} (created if new) and persists. */
    void add(String name, Set<String> topics) {
        Map<String, Set<String>> next = copy();
        next.computeIfAbsent(name, n -> new TreeSet<>()).addAll(topics);
        persist(next);
    }

    /** Removes a topic from whatever group holds it (dropping a group left with fewer than two topics). */
    void remove(String topic) {
        Map<String, Set<String>> next = copy();
        boolean changed = false;
        for (var it = next.entrySet().iterator(); it.hasNext();) {
            var e = it.next();
            if (e.getValue().remove(topic)) {
                changed = true;
                if (e.getValue().size() < 2) {
                    it.remove();
                }
            }
        }
        if (changed) {
            persist(next);
        }
    }

    private Map<String, Set<String>> copy() {
        Map<String, Set<String>> copy = new TreeMap<>();
        groups.forEach((k, v) -> copy.put(k, new TreeSet<>(v)));
        return copy;
    }

    private void persist(Map<String, Set<String>> next) {
        try {
            java.nio.file.Files.createDirectories(file.path().getParent());
            file.write(next);
        } catch (IOException e) {
            throw new TopicStorageException("cannot write " + file.path(), e);
        }
        groups.clear();
        groups.putAll(next);
    }

    private static final class Codec implements CheckpointCodec<Map<String, Set<String>>> {
        @Override
        public List<String> encode(Map<String, Set<String>> value) {
            List<String> lines = new ArrayList<>();
            lines.add("groups " + value.size());
            value.forEach((name, topics) -> lines.add("group " + name + " " + String.join(",", topics)));
            return lines;
        }

        @Override
        public Map<String, Set<String>> decode(PayloadReader payload) throws CorruptCheckpointException {
            int count = payload.readInt("groups");
            Map<String, Set<String>> out = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                String[] f = payload.readFields(3, "group <name> <topic>,<topic>,...");
                if (!f[0].equals("group") || !TopicName.isValid(f[1])) {
                    throw payload.corruptLine("expected a group line");
                }
                Set<String> topics = new LinkedHashSet<>(List.of(f[2].split(",")));
                for (String t : topics) {
                    if (!TopicName.isValid(t)) {
                        throw payload.corruptLine("illegal topic name " + t);
                    }
                }
                out.put(f[1], new TreeSet<>(topics));
            }
            return out;
        }
    }
}
