package dev.brook.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.log.record.RecordBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Appenders and tailing readers on one log: readers never see a partial or out-of-order batch. */
class LogConcurrencyTest {
    @TempDir
    Path dir;

    @Test
    void concurrentAppendersGetDenseOffsetsAndTailingReadersSeeWholeBatchesInOrder() throws Exception {
        LogConfig config = LogConfig.defaults().withSegmentBytes(16 * 1024).withIndexIntervalBytes(512)
                .withFlushPolicy(FlushPolicy.everyAppend());
        int appenders = 3;
        int batchesEach = 150;
        long total = (long) appenders * batchesEach * 2;
        ExecutorService pool = Executors.newFixedThreadPool(appenders + 2);
        try (Log log = Log.open(dir, config)) {
            Set<Long> firstOffsets = ConcurrentHashMap.newKeySet();
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int a = 0; a < appenders; a++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < batchesEach; i++) {
                        LogAppendInfo info = log.append(TestBatches.batch(2, 100, 50), 0);
                        assertThat(log.recoveryPoint()).isGreaterThan(info.lastOffset()); // fsynced on return
                        firstOffsets.add(info.firstOffset());
                    }
                    return null;
                }));
            }
            for (int r = 0; r < 2; r++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    long next = 0;
                    while (next < total) {
                        LogReadResult result = log.read(next, 4096);
                        for (RecordBatch batch : result.batches()) {
                            assertThat(batch.baseOffset()).isEqualTo(next);
                            next = batch.nextOffset();
                        }
                        if (result.isEmpty()) {
                            Thread.onSpinWait();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
            assertThat(log.logEndOffset()).isEqualTo(total);
            assertThat(firstOffsets).hasSize(appenders * batchesEach);
        } finally {
            pool.shutdownNow();
        }
    }
}
