package dev.brook.compaction;

import static dev.brook.compaction.LogContents.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.log.Log;
import dev.brook.log.LogConfig;
import dev.brook.log.record.Compression;
import dev.brook.log.record.Record;
import dev.brook.log.record.RecordBatchBuilder;
import dev.brook.partition.topic.TopicPartition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded randomized model test: random keyed updates and tombstones in random batches and codecs, cleaning,
 * clock moves, rolls and simulated crashes at random moments; after each step the log must hold, at original
 * offsets, only records the model wrote there, the latest record of every key (a tombstone only until its delete
 * horizon), no key twice below the cleaner checkpoint, and reads from any offset must agree.
 */
class CompactionModelTest {
    private static final long DELETE_RETENTION_MS = 10_000;
    private static final Compression[] CODECS = {Compression.NONE, Compression.GZIP, Compression.LZ4};
    private static final TopicPartition TP = new TopicPartition("model", 0);

    @TempDir
    Path tmp;

    private record Written(long offset, String key, String value) {
    }

    private final TreeMap<Long, Written> written = new TreeMap<>();
    private final Map<String, Written> latest = new HashMap<>();
    /** Tombstone offset -> time the cleaner first reached it. */
    private final Map<Long, Long> firstReached = new HashMap<>();
    private long seed;
    private MutableClock clock;
    private LogCleaner cleaner;
    private Log log;
    private LogConfig logConfig;
    private CompactionConfig compaction;
    private int generation;

    @RepeatedTest(4)
    void compactedLogMatchesTheModel() throws IOException {
        seed = Long.getLong("brook.seed", System.nanoTime());
        Random random = new Random(seed);
        clock = new MutableClock(1_000_000);
        logConfig = LogConfig.defaults().withSegmentBytes(1024 + random.nextInt(4096)).withIndexIntervalBytes(256)
                .withSegmentIndexBytes(4096);
        compaction = CompactionConfig.compactDefaults().withDeleteRetentionMs(DELETE_RETENTION_MS)
                .withMinCleanableDirtyRatio(random.nextDouble());
        long dedupe = 24L * (10 + random.nextInt(random.nextBoolean() ? 40 : 400));
        cleaner = new LogCleaner(CleanerSettings.defaults().withDedupeBufferBytes(dedupe), clock);
        log = Log.open(dir(), logConfig, clock);
        cleaner.register(TP, log, compaction);
        int keys = 5 + random.nextInt(40);
        try {
            for (int step = 0; step < 500; step++) {
                int action = random.nextInt(100);
                if (action < 80) {
                    append(random, keys);
                } else if (action < 86) {
                    clean();
                } else if (action < 89) {
                    cleaner.cleanOnce();
                    recordReached(cleanerReachedNow());
                    verify(random, false);
                } else if (action < 95) {
                    clock.advance(random.nextInt(6_000));
                } else if (action < 98) {
                    log.roll();
                } else {
                    crashAndReopen();
                }
            }
            log.roll();
            cleanFully();
            clock.advance(DELETE_RETENTION_MS);
            cleanFully();
            verify(random, true);
            List<Record> records = LogContents.readAll(log);
            Set<String> seen = new HashSet<>();
            for (Record record : records) {
                String key = text(record.key());
                assertThat(seen.add(key)).as("seed %d: key %s once after full compaction", seed, key).isTrue();
                assertThat(record.isTombstone()).as("seed %d: expired tombstone of %s", seed, key).isFalse();
            }
            for (Written w : latest.values()) {
                assertThat(seen.contains(w.key())).as("seed %d: key %s", seed, w.key()).isEqualTo(w.value() != null);
            }
        } finally {
            cleaner.close();
            log.close();
        }
    }

    private Path dir() {
        return tmp.resolve("model-" + generation);
    }

    private void append(Random random, int keys) {
        RecordBatchBuilder builder = new RecordBatchBuilder(CODECS[random.nextInt(CODECS.length)]);
        int count = 1 + random.nextInt(5);
        List<String[]> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String key = "k" + random.nextInt(keys);
            String value = random.nextInt(100) < 15 ? null : key + "-v" + random.nextInt(1_000_000) + "-"
                    + "x".repeat(random.nextInt(60));
            builder.append(clock.millis(), LogContents.bytes(key), value == null ? null : LogContents.bytes(value));
            records.add(new String[] {key, value});
        }
        long first = log.append(builder.build(), 0).firstOffset();
        for (int i = 0; i < records.size(); i++) {
            Written w = new Written(first + i, records.get(i)[0], records.get(i)[1]);
            written.put(w.offset(), w);
            latest.put(w.key(), w);
        }
    }

    private void clean() {
        CleanResult result = cleaner.clean(TP);
        recordReached(result.cleanedUpTo());
        verify(new Random(seed ^ written.size()), false);
    }

    /** Cleans until the map has covered every sealed segment (a small map covers a part per cleaning). */
    private void cleanFully() {
        long end = log.logEndOffset();
        clean();
        for (int i = 0; i < 1000 && log.cleanerCheckpoint() < end; i++) {
            clean();
        }
        assertThat(log.cleanerCheckpoint()).as("seed %d: cleaned to the end", seed).isEqualTo(end);
    }

    private long cleanerReachedNow() {
        return log.cleanerCheckpoint();
    }

    /** Tombstones below the cleaned offset that the cleaner kept are stamped now (if not already). */
    private void recordReached(long cleanedUpTo) {
        for (Written w : written.headMap(cleanedUpTo).values()) {
            if (w.value() == null && latest.get(w.key()) == w) {
                firstReached.putIfAbsent(w.offset(), clock.millis());
            }
        }
    }

    /** Copies the directory while the log is open (what a killed process leaves), then opens the copy. */
    private void crashAndReopen() throws IOException {
        Path from = dir();
        generation++;
        Path to = dir();
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
        cleaner.unregister(TP);
        log.close();
        log = Log.open(to, logConfig, clock);
        cleaner.register(TP, log, compaction);
        verify(new Random(seed + generation), true);
    }

    private void verify(Random random, boolean everyOffset) {
        List<Record> records = LogContents.readAll(log);
        long previous = -1;
        Map<String, Record> last = new HashMap<>();
        Set<String> cleanKeys = new HashSet<>();
        long checkpoint = log.cleanerCheckpoint();
        for (Record record : records) {
            assertThat(record.offset()).as("seed %d: offsets increase", seed).isGreaterThan(previous);
            previous = record.offset();
            Written w = written.get(record.offset());
            assertThat(w).as("seed %d: offset %d was written", seed, record.offset()).isNotNull();
            assertThat(text(record.key())).as("seed %d: key at %d", seed, record.offset()).isEqualTo(w.key());
            assertThat(text(record.value())).as("seed %d: value at %d", seed, record.offset()).isEqualTo(w.value());
            last.put(w.key(), record);
            if (record.offset() < checkpoint) {
                assertThat(cleanKeys.add(w.key())).as("seed %d: key %s twice below the cleaner checkpoint %d", seed,
                        w.key(), checkpoint).isTrue();
            }
        }
        long now = clock.millis();
        for (Written w : latest.values()) {
            Record found = last.get(w.key());
            if (w.value() != null) {
                assertThat(found).as("seed %d: latest value of %s at %d; segments %s; checkpoint %d; records %s", seed,
                        w.key(), w.offset(), log.sealedSegments(), log.cleanerCheckpoint(), records).isNotNull();
                assertThat(found.offset()).as("seed %d: latest offset of %s", seed, w.key()).isEqualTo(w.offset());
                continue;
            }
            Long reached = firstReached.get(w.offset());
            boolean mayBeGone = reached != null && now >= reached + DELETE_RETENTION_MS;
            if (found == null) {
                assertThat(mayBeGone).as("seed %d: tombstone of %s at %d removed before its horizon (reached %s, now %d)",
                        seed, w.key(), w.offset(), reached, now).isTrue();
            } else {
                assertThat(found.offset()).as("seed %d: last record of %s is its tombstone", seed, w.key())
                        .isEqualTo(w.offset());
            }
        }
        int samples = everyOffset ? Integer.MAX_VALUE : 10;
        long start = log.logStartOffset();
        long end = log.logEndOffset();
        for (long s = start; s < end && samples-- > 0; s = everyOffset ? s + 1 : start + random.nextLong(end - start)) {
            long from = s;
            List<Record> expected = records.stream().filter(r -> r.offset() >= from).toList();
            assertThat(LogContents.readFrom(log, from)).as("seed %d: read from %d", seed, from)
                    .isEqualTo(expected);
            if (!everyOffset && samples == 0) {
                break;
            }
        }
    }
}
