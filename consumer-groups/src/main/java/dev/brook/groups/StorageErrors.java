package dev.brook.groups;

import dev.brook.log.RecordBatchTooLargeException;
import dev.brook.partition.NotEnoughReplicasException;
import dev.brook.partition.NotLeaderException;
import dev.brook.partition.UnknownTopicOrPartitionException;

/** Kafka's mapping of a failed write to {@code __consumer_offsets} onto the error a group API answers. */
final class StorageErrors {
    private StorageErrors() {
    }

    /**
     * @param commit whether the write was an offset commit (a too-large batch is then INVALID_COMMIT_OFFSET_SIZE)
     */
    static GroupError toGroupError(RuntimeException e, boolean commit) {
        if (e instanceof NotLeaderException) {
            return GroupError.NOT_COORDINATOR;
        }
        if (e instanceof UnknownTopicOrPartitionException || e instanceof NotEnoughReplicasException) {
            return GroupError.COORDINATOR_NOT_AVAILABLE;
        }
        if (e instanceof RecordBatchTooLargeException) {
            return commit ? GroupError.INVALID_COMMIT_OFFSET_SIZE : GroupError.UNKNOWN_SERVER_ERROR;
        }
        return GroupError.UNKNOWN_SERVER_ERROR;
    }
}
