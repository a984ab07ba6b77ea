package dev.brook.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.partition.partitioner.DefaultPartitioner;
import dev.brook.partition.topic.TopicPartition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Several producer threads (a shared lingering producer and producers of their own, compressed and not) and several
 * readers at once (topic readers, one reader per partition, a subscription): every reader sees every record of its
 * scope exactly once, in offset order without gaps per partition, keys on the default partitioner's partition, and
 * each thread's records to a partition in send order.
 */
class ConcurrencyTest {
    private static final String TOPIC = "c";
    private static final int PARTITIONS = 4;
    private static final int THREADS = 4;
    private static final int PER_THREAD = 2_000;

    @Test
    void everyReaderSeesEveryRecordOnceInOrder() throws Exception {
        long seed = Long.getLong("brook.seed", System.nanoTime());
        String why = "seed " + seed + " (rerun with -Dbrook.seed=" + seed + ")";
        Random random = new Random(seed);
        ExecutorService pool = Executors.newCachedThreadPool();
        try (Brook brook = Brook.openTemporary()) {
            brook.topics().create(TOPIC, PARTITIONS);
            List<ReaderLoop> loops = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                loops.add(new ReaderLoop(brook.reader(TOPIC, Serdes.string(), Serdes.string(),
                        StartPosition.earliest())));
            }
            for (int p = 0; p < PARTITIONS; p++) {
                loops.add(new ReaderLoop(brook.reader(new TopicPartition(TOPIC, p), Serdes.string(), Serdes.string(),
                        StartPosition.earliest())));
            }
            List<BrookRecord<String, String>> pushed = java.util.Collections.synchronizedList(new ArrayList<>());
            Subscription subscription = brook.subscribe(TOPIC, Serdes.string(), Serdes.string(),
                    StartPosition.earliest(), pushed::add);
            List<Future<?>> readers = new ArrayList<>();
            for (ReaderLoop loop : loops) {
                readers.add(pool.submit(loop));
            }

            Producer<String, String> shared = brook.producer(Serdes.string(), Serdes.string(),
                    ProducerOptions.defaults().linger(Duration.ofMillis(2)).batchSize(4096));
            List<Future<?>> producers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                long threadSeed = random.nextLong();
                boolean own = t % 2 == 0;
                Producer<String, String> producer = own ? brook.producer(Serdes.string(), Serdes.string(),
                        ProducerOptions.defaults().compression(t == 0 ? CompressionType.LZ4 : CompressionType.NONE))
                        : shared;
                producers.add(pool.submit(() -> {
                    Random r = new Random(threadSeed);
                    List<CompletableFuture<RecordMetadata>> sent = new ArrayList<>();
                    for (int i = 0; i < PER_THREAD; i++) {
                        String key = r.nextInt(10) == 0 ? null : "key-" + r.nextInt(300);
                        sent.add(producer.send(TOPIC, key, thread + ":" + i));
                    }
                    producer.flush();
                    CompletableFuture.allOf(sent.toArray(new CompletableFuture<?>[0])).join();
                    return null;
                }));
            }
            for (Future<?> f : producers) {
                f.get(60, TimeUnit.SECONDS);
            }
            Map<Integer, Long> ends = new HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                ends.put(p, brook.partitionStore().partition(new TopicPartition(TOPIC, p)).highWatermark());
            }
            assertThat(ends.values().stream().mapToLong(Long::longValue).sum()).as(why)
                    .isEqualTo((long) THREADS * PER_THREAD);
            for (ReaderLoop loop : loops) {
                loop.until(ends);
            }
            for (Future<?> f : readers) {
                f.get(60, TimeUnit.SECONDS);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (pushed.size() < THREADS * PER_THREAD && subscription.isRunning() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            subscription.close();
            assertThat(subscription.failure()).as(why).isEmpty();

            check(loops.get(0).records, THREADS * PER_THREAD, why);
            check(loops.get(1).records, THREADS * PER_THREAD, why);
            check(new ArrayList<>(pushed), THREADS * PER_THREAD, why);
            List<BrookRecord<String, String>> union = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                int partition = p;
                List<BrookRecord<String, String>> own = loops.get(2 + p).records;
                assertThat(own).as(why).allMatch(r -> r.partition() == partition);
                assertThat((long) own.size()).as(why).isEqualTo(ends.get(p));
                union.addAll(own);
            }
            check(union, THREADS * PER_THREAD, why);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void check(List<BrookRecord<String, String>> records, int expected, String why) {
        assertThat(records).as(why).hasSize(expected);
        assertThat(records).extracting(BrookRecord::value).as(why).doesNotHaveDuplicates();
        Map<Integer, Long> nextOffset = new HashMap<>();
        Map<String, Integer> lastSeqOfThreadInPartition = new HashMap<>();
        for (BrookRecord<String, String> r : records) {
            long next = nextOffset.getOrDefault(r.partition(), 0L);
            assertThat(r.offset()).as("%s: offset order in partition %d", why, r.partition()).isEqualTo(next);
            nextOffset.put(r.partition(), next + 1);
            if (r.key() != null) {
                assertThat(r.partition()).as("%s: partition of key %s", why, r.key())
                        .isEqualTo(DefaultPartitioner.forKey(r.key().getBytes(StandardCharsets.UTF_8), PARTITIONS));
            }
            String[] parts = r.value().split(":");
            String threadInPartition = parts[0] + "@" + r.partition();
            int seq = Integer.parseInt(parts[1]);
            Integer last = lastSeqOfThreadInPartition.put(threadInPartition, seq);
            assertThat(last == null || last < seq).as("%s: send order of thread %s in partition %d", why, parts[0],
                    r.partition()).isTrue();
        }
    }

    /** Polls a reader until its positions reach the given ends (set once the producers are done). */
    private static final class ReaderLoop implements java.util.concurrent.Callable<Void> {
        private final Reader<String, String> reader;
        private final List<BrookRecord<String, String>> records = new ArrayList<>();
        private final Map<Integer, Long> ends = new ConcurrentHashMap<>();
        private volatile boolean endsKnown;

        ReaderLoop(Reader<String, String> reader) {
            this.reader = reader;
        }

        void until(Map<Integer, Long> finalEnds) {
            ends.putAll(finalEnds);
            endsKnown = true;
        }

        @Override
        public Void call() {
            while (!(endsKnown && caughtUp())) {
                records.addAll(reader.poll(Duration.ofMillis(100)));
            }
            reader.close();
            return null;
        }

        private boolean caughtUp() {
            for (int p : reader.partitions()) {
                if (reader.position(p) < ends.get(p)) {
                    return false;
                }
            }
            return true;
        }
    }
}
