package dev.brook.benchmarks.log;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Records and bytes moved per second, reported by JMH next to the operation rate of the append and read
 * benchmarks (record overhead and batch headers included in the bytes).
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class RecordsAndBytes {
    /** Records moved in this iteration (counted from batch headers where batches are not parsed). */
    public long records;
    /** Batch bytes moved in this iteration. */
    public long bytes;

    /** Starts each iteration from zero. */
    @Setup(Level.Iteration)
    public void reset() {
        records = 0;
        bytes = 0;
    }
}
