package dev.brook.broker.api;

import dev.brook.log.CorruptLogException;
import dev.brook.log.LogStorageException;
import dev.brook.log.OffsetOutOfRangeException;
import dev.brook.log.RecordBatchTooLargeException;
import dev.brook.log.record.CorruptRecordException;
import dev.brook.log.record.InvalidBatchException;
import dev.brook.log.record.UnsupportedCompressionException;
import dev.brook.partition.InvalidPartitionsException;
import dev.brook.partition.InvalidRecordException;
import dev.brook.partition.InvalidReplicationFactorException;
import dev.brook.partition.InvalidRequiredAcksException;
import dev.brook.partition.NotEnoughReplicasException;
import dev.brook.partition.NotLeaderException;
import dev.brook.partition.PolicyViolationException;
import dev.brook.partition.TopicExistsException;
import dev.brook.partition.UnknownTopicOrPartitionException;
import dev.brook.partition.producer.InvalidProducerEpochException;
import dev.brook.partition.producer.OutOfOrderSequenceException;
import dev.brook.partition.topic.InvalidConfigException;
import dev.brook.partition.topic.InvalidTopicException;
import dev.brook.partition.topic.TopicStorageException;
import dev.brook.protocol.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one table from the storage and partition layers' typed exceptions to Kafka error codes. Handlers catch per
 * partition or per topic and ask here, so every API answers the same failure with the same code. An exception not
 * in the table is a bug or an environment failure: it is logged with its stack trace and answered
 * UNKNOWN_SERVER_ERROR, for that partition only.
 */
final class ErrorMapping {
    private static final Logger log = LoggerFactory.getLogger(ErrorMapping.class);

    /** Most specific first: the first assignable entry wins. */
    private static final Map<Class<? extends Throwable>, ErrorCode> TABLE = new LinkedHashMap<>();

    static {
        TABLE.put(UnknownTopicOrPartitionException.class, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
        TABLE.put(NotLeaderException.class, ErrorCode.NOT_LEADER_OR_FOLLOWER);
        TABLE.put(OffsetOutOfRangeException.class, ErrorCode.OFFSET_OUT_OF_RANGE);
        TABLE.put(CorruptRecordException.class, ErrorCode.CORRUPT_MESSAGE);
        TABLE.put(UnsupportedCompressionException.class, ErrorCode.UNSUPPORTED_COMPRESSION_TYPE);
        TABLE.put(InvalidBatchException.class, ErrorCode.INVALID_RECORD);
        TABLE.put(InvalidRecordException.class, ErrorCode.INVALID_RECORD);
        TABLE.put(RecordBatchTooLargeException.class, ErrorCode.MESSAGE_TOO_LARGE);
        TABLE.put(InvalidProducerEpochException.class, ErrorCode.INVALID_PRODUCER_EPOCH);
        TABLE.put(OutOfOrderSequenceException.class, ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER);
        TABLE.put(InvalidRequiredAcksException.class, ErrorCode.INVALID_REQUIRED_ACKS);
        TABLE.put(NotEnoughReplicasException.class, ErrorCode.NOT_ENOUGH_REPLICAS);
        TABLE.put(TopicExistsException.class, ErrorCode.TOPIC_ALREADY_EXISTS);
        TABLE.put(InvalidTopicException.class, ErrorCode.INVALID_TOPIC_EXCEPTION);
        TABLE.put(InvalidPartitionsException.class, ErrorCode.INVALID_PARTITIONS);
        TABLE.put(InvalidReplicationFactorException.class, ErrorCode.INVALID_REPLICATION_FACTOR);
        TABLE.put(InvalidConfigException.class, ErrorCode.INVALID_CONFIG);
        TABLE.put(PolicyViolationException.class, ErrorCode.POLICY_VIOLATION);
        TABLE.put(CorruptLogException.class, ErrorCode.KAFKA_STORAGE_ERROR);
        TABLE.put(LogStorageException.class, ErrorCode.KAFKA_STORAGE_ERROR);
        TABLE.put(TopicStorageException.class, ErrorCode.KAFKA_STORAGE_ERROR);
        TABLE.put(UncheckedIOException.class, ErrorCode.KAFKA_STORAGE_ERROR);
        TABLE.put(IOException.class, ErrorCode.KAFKA_STORAGE_ERROR);
    }

    private ErrorMapping() {
    }

    /** The Kafka error code for {@code error}; logs it when it is not an expected, client-caused failure. */
    static ErrorCode of(Throwable error, Object where) {
        for (Map.Entry<Class<? extends Throwable>, ErrorCode> e : TABLE.entrySet()) {
            if (e.getKey().isInstance(error)) {
                ErrorCode code = e.getValue();
                if (code == ErrorCode.KAFKA_STORAGE_ERROR) {
                    log.error("Storage failure serving {}", where, error);
                } else {
                    log.debug("{} for {}: {}", code, where, error.getMessage());
                }
                return code;
            }
        }
        log.error("Unexpected failure serving {}", where, error);
        return ErrorCode.UNKNOWN_SERVER_ERROR;
    }

    /** The error message to put in responses that carry one (null for NONE). */
    static String message(Throwable error) {
        return error == null ? null : error.getMessage();
    }
}
