package dev.brook.partition;

import static dev.brook.partition.producer.ProducerBatches.idempotent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.log.LogConfig;
import dev.brook.log.record.RecordBatch;
import dev.brook.partition.producer.ProducerStateEntry;
import dev.brook.partition.topic.TopicConfig;
import dev.brook.partition.topic.TopicDefaults;
import dev.brook.partition.topic.TopicPartition;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Appenders of several producers (each retrying some batches) race with tailing readers: every batch lands once,
 * sequences stay dense per producer, the high watermark only rises, and no read returns data at or above the
 * high watermark it reports.
 */
class PartitionConcurrencyTest {
    private static final int PRODUCERS = 4;
    private static final int BATCHES = 300;

    @TempDir
    Path tmp;

    @Test
    void appendersAndReadersKeepTheInvariants() throws Exception {
        TopicConfig config = TopicConfig.of(TopicDefaults.fromLogConfig(LogConfig.defaults().withSegmentBytes(8192)
                .withSegmentIndexBytes(1024)), Map.of());
        Clock clock = Clock.systemUTC();
        try (Partition partition = Partition.open(new TopicPartition("t", 0), tmp.resolve("t-0"), config, 1,
                86_400_000L, clock)) {
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            AtomicLong lastSeenHw = new AtomicLong();
            partition.addHighWatermarkListener((tp, hw) -> lastSeenHw.accumulateAndGet(hw, Math::max));
            AtomicBoolean done = new AtomicBoolean();
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                long pid = 100 + p;
                threads.add(new Thread(() -> {
                    for (int i = 0; i < BATCHES; i++) {
                        long ts = clock.millis();
                        AppendResult first = partition.appendAsLeader(idempotent(pid, (short) 0, i, 1, ts), (short) -1);
                        if (i % 7 == 0) {
                            AppendResult retry = partition.appendAsLeader(idempotent(pid, (short) 0, i, 1, ts),
                                    (short) -1);
                            if (!retry.duplicate() || retry.baseOffset() != first.baseOffset()) {
                                problems.add("retry of " + pid + "/" + i + " answered " + retry);
                            }
                        }
                    }
                }));
            }
            for (int r = 0; r < 2; r++) {
                threads.add(new Thread(() -> {
                    long previousHw = 0;
                    while (!done.get()) {
                        PartitionReadResult read = partition.read(partition.logStartOffset(), 1 << 16, true,
                                FetchIsolation.HIGH_WATERMARK);
                        if (read.highWatermark() < previousHw) {
                            problems.add("high watermark went down: " + previousHw + " -> " + read.highWatermark());
                        }
                        previousHw = read.highWatermark();
                        try {
                            for (RecordBatch batch : read.data().batches()) {
                                if (batch.lastOffset() >= read.highWatermark()) {
                                    problems.add("read batch " + batch.baseOffset() + " at or above hw "
                                            + read.highWatermark());
                                }
                            }
                        } catch (java.io.IOException e) {
                            problems.add(e.toString());
                        }
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (int i = 0; i < PRODUCERS; i++) {
                threads.get(i).join();
            }
            done.set(true);
            for (Thread t : threads) {
                t.join();
            }
            assertThat(problems).isEmpty();
            assertThat(partition.logEndOffset()).isEqualTo((long) PRODUCERS * BATCHES);
            assertThat(partition.highWatermark()).isEqualTo(partition.logEndOffset());
            assertThat(lastSeenHw.get()).isEqualTo(partition.highWatermark());
            for (int p = 0; p < PRODUCERS; p++) {
                ProducerStateEntry entry = partition.producerState().entry(100 + p).orElseThrow();
                assertThat(entry.lastSeq()).isEqualTo(BATCHES - 1);
            }
        }
    }
}
