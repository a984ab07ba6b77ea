package dev.brook.log;

import java.io.IOException;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes and deletes removed segments after {@code file.delete.delay.ms}, so readers holding a {@link LogRegion}
 * or looking up an index of a just-removed segment never touch a closed channel or an unmapped buffer.
 */
final class SegmentDeleter {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentDeleter.class);

    private record Pending(LogSegment segment, long dueMs) {
    }

    private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();

    void schedule(LogSegment segment, long dueMs) {
        pending.add(new Pending(segment, dueMs));
    }

    /** Deletes the segments whose delay has passed; returns how many. */
    int closeDue(long nowMs) {
        int done = 0;
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p.dueMs() <= nowMs) {
                it.remove();
                delete(p.segment());
                done++;
            }
        }
        return done;
    }

    /** Deletes everything pending now (the log is closing; no reader may use it any more). */
    void closeAll() {
        Pending p;
        while ((p = pending.poll()) != null) {
            delete(p.segment());
        }
    }

    private static void delete(LogSegment segment) {
        try {
            segment.closeAndDelete();
        } catch (IOException e) {
            // The files are already renamed to *.deleted and are removed on the next open.
            LOG.warn("could not delete {}: {}", segment.logFile(), e.toString());
        }
    }
}
