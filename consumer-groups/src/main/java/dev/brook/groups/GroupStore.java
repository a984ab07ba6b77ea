package dev.brook.groups;

import dev.brook.partition.topic.TopicPartition;
import java.util.Collection;
import java.util.Map;

/**
 * Where the coordinator makes group metadata and offsets durable. Each call writes before the coordinator changes
 * its memory, and throws on failure (the coordinator answers an error and changes nothing).
 */
interface GroupStore {
    /** Stores the group's generation, protocol, members and assignments (called under the group's lock). */
    void storeGroup(ClassicGroup group);

    /** Stores offset commits of a group. */
    void storeOffsets(String groupId, Map<TopicPartition, CommittedOffset> offsets);

    /** Removes offsets of a group (tombstones). */
    void deleteOffsets(String groupId, Collection<TopicPartition> partitions);

    /** Removes a group: its metadata and the given offsets (tombstones). */
    void deleteGroup(String groupId, Collection<TopicPartition> partitions);

    /** Nothing is stored: memory only. */
    GroupStore NONE = new GroupStore() {
        @Override
        public void storeGroup(ClassicGroup group) {
        }

        @Override
        public void storeOffsets(String groupId, Map<TopicPartition, CommittedOffset> offsets) {
        }

        @Override
        public void deleteOffsets(String groupId, Collection<TopicPartition> partitions) {
        }

        @Override
        public void deleteGroup(String groupId, Collection<TopicPartition> partitions) {
        }
    };
}
