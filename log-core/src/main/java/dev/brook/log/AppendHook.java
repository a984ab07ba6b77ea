package dev.brook.log;

import dev.brook.log.record.RecordBatch;
import java.util.List;

/**
 * Work a caller runs inside a leader append's critical section (see {@link Log#append(java.nio.ByteBuffer, int,
 * AppendHook)}). Both methods run under the log's append lock and must be quick.
 */
public interface AppendHook {
    /** A hook that does nothing. */
    AppendHook NONE = new AppendHook() {
        @Override
        public void beforeWrite(List<RecordBatch> batches) {
        }

        @Override
        public void afterWrite(List<RecordBatch> batches) {
        }
    };

    /**
     * Called once offsets are assigned (the batches carry their final base offsets) and before anything is
     * written. Throwing rejects the whole append; the exception reaches the caller of {@code append}.
     */
    void beforeWrite(List<RecordBatch> batches);

    /** Called after the batches are written and visible at their offsets. */
    void afterWrite(List<RecordBatch> batches);
}
