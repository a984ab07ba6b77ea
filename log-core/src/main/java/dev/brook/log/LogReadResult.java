package dev.brook.log;

import dev.brook.log.record.RecordBatch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The result of {@link Log#read}: zero or more file regions of whole batches, plus the log's bounds at the time
 * of the read.
 *
 * @param regions the data, in offset order (empty when nothing was available)
 * @param logStartOffset the log start offset when the read ran
 * @param logEndOffset the log end offset when the read ran
 */
public record LogReadResult(List<LogRegion> regions, long logStartOffset, long logEndOffset) {
    public LogReadResult {
        regions = List.copyOf(regions);
    }

    /** Total bytes in all regions. */
    public long sizeInBytes() {
        long total = 0;
        for (LogRegion region : regions) {
            total += region.sizeInBytes();
        }
        return total;
    }

    public boolean isEmpty() {
        return regions.isEmpty();
    }

    /** Reads every batch, verifying CRCs (see {@link LogRegion#batches()}). */
    public List<RecordBatch> batches() throws IOException {
        List<RecordBatch> all = new ArrayList<>();
        for (LogRegion region : regions) {
            all.addAll(region.batches());
        }
        return all;
    }
}
