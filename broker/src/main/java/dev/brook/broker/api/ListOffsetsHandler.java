package dev.brook.broker.api;

import dev.brook.log.TimestampAndOffset;
import dev.brook.partition.FetchIsolation;
import dev.brook.partition.Partition;
import dev.brook.partition.topic.TopicPartition;
import dev.brook.protocol.ErrorCode;
import dev.brook.protocol.message.ListOffsetsRequest;
import dev.brook.protocol.message.ListOffsetsResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ListOffsets (v1-5): the earliest offset (timestamp -2), the latest (-1: the high watermark, which is also the last
 * stable offset as Brook has no transactions), or the first offset whose record timestamp is at or after a given
 * time (answered -1/-1 when there is none below the high watermark). Replicas (replica id >= 0) see the log end.
 */
final class ListOffsetsHandler {
    static final long LATEST = -1;
    static final long EARLIEST = -2;

    private final PartitionLookup partitions;

    ListOffsetsHandler(PartitionLookup partitions) {
        this.partitions = partitions;
    }

    ListOffsetsResponse handle(ListOffsetsRequest request) {
        FetchIsolation isolation = request.replicaId() >= 0 ? FetchIsolation.LOG_END : FetchIsolation.HIGH_WATERMARK;
        List<ListOffsetsResponse.Topic> topics = new ArrayList<>();
        for (ListOffsetsRequest.Topic t : request.topics()) {
            List<ListOffsetsResponse.Partition> out = new ArrayList<>();
            for (ListOffsetsRequest.Partition p : t.partitions()) {
                out.add(p.partitionIndex() < 0
                        ? new ListOffsetsResponse.Partition(p.partitionIndex(),
                                ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.code(), -1, -1, -1)
                        : lookup(new TopicPartition(t.name(), p.partitionIndex()), p.timestamp(), isolation));
            }
            topics.add(new ListOffsetsResponse.Topic(t.name(), out));
        }
        return new ListOffsetsResponse(0, topics);
    }

    private ListOffsetsResponse.Partition lookup(TopicPartition tp, long timestamp, FetchIsolation isolation) {
        try {
            Partition partition = partitions.leader(tp);
            int epoch = partition.leaderEpoch();
            if (timestamp == LATEST) {
                return found(tp, -1, partition.latestOffset(isolation), epoch);
            }
            if (timestamp == EARLIEST) {
                return found(tp, -1, partition.earliestOffset(), epoch);
            }
            if (timestamp < 0) {
                return new ListOffsetsResponse.Partition(tp.partition(), ErrorCode.INVALID_REQUEST.code(), -1, -1, -1);
            }
            Optional<TimestampAndOffset> hit = partition.offsetForTimestamp(timestamp, isolation);
            return hit.map(h -> found(tp, h.timestamp(), h.offset(), epoch))
                    .orElseGet(() -> found(tp, -1, -1, -1));
        } catch (RuntimeException e) {
            return new ListOffsetsResponse.Partition(tp.partition(), ErrorMapping.of(e, tp).code(), -1, -1, -1);
        }
    }

    private static ListOffsetsResponse.Partition found(TopicPartition tp, long timestamp, long offset, int epoch) {
        return new ListOffsetsResponse.Partition(tp.partition(), ErrorCode.NONE.code(), timestamp, offset, epoch);
    }
}
