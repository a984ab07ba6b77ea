package dev.brook.broker.fetch;

import dev.brook.log.LogRegion;
import dev.brook.partition.FetchIsolation;
import dev.brook.partition.Partition;
import dev.brook.partition.PartitionReadResult;
import dev.brook.partition.topic.TopicPartition;
import dev.brook.protocol.ErrorCode;
import dev.brook.protocol.message.FetchRequest;
import dev.brook.protocol.message.FetchResponse;
import dev.brook.protocol.message.FetchResponse.PartitionData;
import dev.brook.protocol.message.FetchResponse.TopicResponse;
import dev.brook.protocol.wire.ByteBufferRecords;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Reads every partition of one Fetch request once, within the request's byte limits, and builds the response.
 *
 * <p>Limits (KIP-74): partitions are read in request order; each gets at most its {@code partition_max_bytes} and
 * together at most {@code max_bytes}, except that the first partition returning data returns at least one whole
 * batch even if it is larger, so a consumer can always make progress.
 */
public final class FetchReader {
    private static final ByteBufferRecords EMPTY = new ByteBufferRecords(ByteBuffer.allocate(0));

    /** Finds a partition, or throws the exception that names the error. */
    @FunctionalInterface
    public interface Lookup {
        /** @return the partition led here; throws the exception whose error code answers the request otherwise */
        Partition leader(TopicPartition tp);
    }

    private final Lookup lookup;
    private final BiFunction<Throwable, Object, ErrorCode> errors;

    FetchReader(Lookup lookup, BiFunction<Throwable, Object, ErrorCode> errors) {
        this.lookup = lookup;
        this.errors = errors;
    }

    /** The result of one pass: the response and whether it already satisfies the request's wait conditions. */
    record Pass(FetchResponse response, long bytes, boolean anyError) {
    }

    Pass read(FetchRequest request) {
        FetchIsolation isolation = request.replicaId() >= 0 ? FetchIsolation.LOG_END : FetchIsolation.HIGH_WATERMARK;
        long budget = Math.max(0, request.maxBytes());
        long bytes = 0;
        boolean anyError = false;
        List<TopicResponse> topics = new ArrayList<>(request.topics().size());
        for (FetchRequest.Topic topic : request.topics()) {
            List<PartitionData> partitions = new ArrayList<>(topic.partitions().size());
            for (FetchRequest.Partition p : topic.partitions()) {
                if (p.partition() < 0) {
                    // No such partition; a negative index cannot even name one.
                    partitions.add(new PartitionData(p.partition(), ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.code(), -1,
                            -1, -1, List.of(), -1, EMPTY));
                    anyError = true;
                    continue;
                }
                TopicPartition tp = new TopicPartition(topic.topic(), p.partition());
                int limit = (int) Math.min(Math.max(0, p.partitionMaxBytes()), budget - bytes);
                PartitionData data = readPartition(tp, p, limit, bytes == 0, isolation);
                anyError |= data.errorCode() != ErrorCode.NONE.code();
                bytes += data.records().sizeInBytes();
                partitions.add(data);
            }
            topics.add(new TopicResponse(topic.topic(), partitions));
        }
        return new Pass(new FetchResponse(0, ErrorCode.NONE.code(), 0, topics), bytes, anyError);
    }

    private PartitionData readPartition(TopicPartition tp, FetchRequest.Partition p, int limit, boolean minOneBatch,
                                        FetchIsolation isolation) {
        try {
            Partition partition = lookup.leader(tp);
            PartitionReadResult r = partition.read(p.fetchOffset(), limit, minOneBatch, isolation);
            List<LogRegion> regions = r.data().regions();
            return new PartitionData(tp.partition(), ErrorCode.NONE.code(), r.highWatermark(), r.highWatermark(),
                    r.logStartOffset(), List.of(), -1, regions.isEmpty() ? EMPTY : new LogRegionRecords(regions));
        } catch (RuntimeException e) {
            ErrorCode code = errors.apply(e, tp);
            return new PartitionData(tp.partition(), code.code(), -1, -1, -1, List.of(), -1, EMPTY);
        }
    }
}
