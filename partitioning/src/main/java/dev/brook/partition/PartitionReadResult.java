package dev.brook.partition;

import dev.brook.log.LogReadResult;

/**
 * What a read returned, with the partition's offsets as the Fetch response reports them.
 *
 * @param data the file regions read (whole batches; the first may start before the fetch offset)
 * @param highWatermark the high watermark the read was bounded by (for HIGH_WATERMARK isolation, no returned
 *     batch reaches it)
 * @param logStartOffset the log start offset when the read ran
 * @param logEndOffset the log end offset when the read ran
 */
public record PartitionReadResult(LogReadResult data, long highWatermark, long logStartOffset, long logEndOffset) {
}
