package dev.brook.embedded;

import dev.brook.partition.topic.TopicPartition;
import java.util.Collection;

/**
 * Told when a {@link GroupConsumer}'s partitions change, on the thread calling {@link GroupConsumer#poll}
 * (or {@link GroupConsumer#close}). Partitions are revoked from every member before any member is given them, so
 * {@link #onRevoked} is the place to finish and commit work on them. An exception thrown here propagates out of the
 * {@code poll} or {@code close} that called it.
 */
public interface RebalanceListener {
    /** A listener that does nothing. */
    RebalanceListener NONE = new RebalanceListener() {
        @Override
        public void onRevoked(Collection<TopicPartition> partitions) {
        }

        @Override
        public void onAssigned(Collection<TopicPartition> partitions) {
        }
    };

    /**
     * Called before partitions are taken away in a rebalance or on close, while offsets can still be committed
     * (with auto commit on, the positions were committed just before). Not called with an empty collection.
     */
    void onRevoked(Collection<TopicPartition> partitions);

    /**
     * Called after a rebalance gave the member its partitions (possibly none), with positions already set from the
     * committed offsets; seeking here overrides them.
     */
    void onAssigned(Collection<TopicPartition> partitions);

    /**
     * Called instead of {@link #onRevoked} when the member lost its partitions without a chance to commit: its
     * session expired, or it was fenced. Others may already own them. Defaults to {@link #onRevoked}.
     */
    default void onLost(Collection<TopicPartition> partitions) {
        onRevoked(partitions);
    }
}
