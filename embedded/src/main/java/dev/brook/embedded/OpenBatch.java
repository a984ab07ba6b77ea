package dev.brook.embedded;

import dev.brook.log.record.Compression;
import dev.brook.log.record.Header;
import dev.brook.log.record.RecordBatchBuilder;
import dev.brook.partition.AppendResult;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The records a producer has gathered for one partition and not yet appended, with the futures to complete once
 * they are. Guarded by its {@link PartitionAppender}.
 */
final class OpenBatch {
    /** Bytes a record costs beyond key, value and header bytes: its varints and attributes, generously. */
    private static final int RECORD_OVERHEAD = 21;
    private static final int HEADER_OVERHEAD = 10;

    private final RecordBatchBuilder builder;
    private final List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
    private final List<Long> timestamps = new ArrayList<>();

    OpenBatch(Compression compression) {
        this.builder = new RecordBatchBuilder(compression);
    }

    /** An upper estimate of the bytes a record adds to a batch. */
    static int estimateSize(byte[] key, byte[] value, Header[] headers) {
        int size = RECORD_OVERHEAD + (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
        for (Header header : headers) {
            byte[] headerValue = header.value();
            size += HEADER_OVERHEAD + header.key().length() * 3 + (headerValue == null ? 0 : headerValue.length);
        }
        return size;
    }

    void append(long timestamp, byte[] key, byte[] value, Header[] headers, CompletableFuture<RecordMetadata> future) {
        builder.append(timestamp, key, value, headers);
        futures.add(future);
        timestamps.add(timestamp);
    }

    int recordCount() {
        return futures.size();
    }

    int sizeInBytes() {
        return builder.estimatedSizeInBytes();
    }

    ByteBuffer build() {
        return builder.build();
    }

    /** Completes every future with its record's offset and timestamp. */
    void complete(String topic, int partition, AppendResult result) {
        for (int i = 0; i < futures.size(); i++) {
            long timestamp = result.logAppendTime() != -1 ? result.logAppendTime() : timestamps.get(i);
            futures.get(i).complete(new RecordMetadata(topic, partition, result.baseOffset() + i, timestamp));
        }
    }

    /** Fails every future with {@code failure}. */
    void fail(Throwable failure) {
        for (CompletableFuture<RecordMetadata> future : futures) {
            future.completeExceptionally(failure);
        }
    }
}
