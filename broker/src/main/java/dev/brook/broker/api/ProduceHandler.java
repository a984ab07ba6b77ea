package dev.brook.broker.api;

import dev.brook.broker.network.RequestProcessor;
import dev.brook.partition.AppendResult;
import dev.brook.partition.Partition;
import dev.brook.partition.topic.TopicPartition;
import dev.brook.protocol.ErrorCode;
import dev.brook.protocol.message.ProduceRequest;
import dev.brook.protocol.message.ProduceResponse;
import dev.brook.protocol.message.ProduceResponse.PartitionResponse;
import dev.brook.protocol.message.ProduceResponse.TopicResponse;
import dev.brook.protocol.wire.ByteBufferRecords;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produce (v3-7): appends each partition's batches as the leader and answers per partition.
 *
 * <p>The batches are validated by log-core (CRC, sizes, offsets, compression) before anything is written; a batch
 * that fails is answered with its error and nothing of it is stored. A retry of a batch an idempotent producer
 * already wrote is answered NONE with the original offsets. With one replica, acks=1 and acks=all complete as soon
 * as the append returns; acks=0 gets no response at all, as the protocol requires.
 */
final class ProduceHandler {
    private static final Logger log = LoggerFactory.getLogger(ProduceHandler.class);

    private final PartitionLookup partitions;

    ProduceHandler(PartitionLookup partitions) {
        this.partitions = partitions;
    }

    Object handle(ProduceRequest request) {
        if (request.transactionalId() != null) {
            log.warn("Refusing a transactional produce (transactional.id {}): transactions are not supported",
                    request.transactionalId());
        }
        List<TopicResponse> topics = new ArrayList<>(request.topicData().size());
        for (ProduceRequest.TopicData topic : request.topicData()) {
            List<PartitionResponse> out = new ArrayList<>(topic.partitionData().size());
            for (ProduceRequest.PartitionData p : topic.partitionData()) {
                out.add(p.index() < 0 ? error(p.index(), ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)
                        : append(request, new TopicPartition(topic.name(), p.index()), p));
            }
            topics.add(new TopicResponse(topic.name(), out));
        }
        return request.acks() == 0 ? RequestProcessor.NO_RESPONSE : new ProduceResponse(topics, 0);
    }

    private PartitionResponse append(ProduceRequest request, TopicPartition tp, ProduceRequest.PartitionData data) {
        if (request.transactionalId() != null) {
            return error(tp.partition(), ErrorCode.INVALID_REQUEST);
        }
        try {
            InternalTopics.refuseClientChange(tp.topic(), "produce to");
            Partition partition = partitions.leader(tp);
            ByteBufferRecords records = (ByteBufferRecords) data.records();
            if (records == null) {
                return error(tp.partition(), ErrorCode.CORRUPT_MESSAGE);
            }
            AppendResult r = partition.appendAsLeader(records.writableBuffer(), request.acks());
            return new PartitionResponse(tp.partition(), ErrorCode.NONE.code(), r.baseOffset(), r.logAppendTime(),
                    r.logStartOffset());
        } catch (RuntimeException e) {
            return error(tp.partition(), ErrorMapping.of(e, tp));
        }
    }

    private static PartitionResponse error(int partition, ErrorCode code) {
        return new PartitionResponse(partition, code.code(), -1, -1, -1);
    }
}
