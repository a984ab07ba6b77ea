package dev.brook.log.tool;

import dev.brook.log.FlushPolicy;
import dev.brook.log.Log;
import dev.brook.log.LogAppendInfo;
import dev.brook.log.LogConfig;
import dev.brook.log.LogReadResult;
import dev.brook.log.record.CloseableIterator;
import dev.brook.log.record.Compression;
import dev.brook.log.record.Header;
import dev.brook.log.record.Record;
import dev.brook.log.record.RecordBatch;
import dev.brook.log.record.RecordBatchBuilder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

/**
 * What {@code bin/brook start} runs until the Kafka-protocol broker exists: opens a log under {@code ./data},
 * appends one batch per supported codec, reads the whole log back (verifying every CRC) and prints it.
 * Running it again recovers the log from disk and appends after what is there.
 */
public final class LogDemo {
    private LogDemo() {
    }

    /**
     * Entry point.
     *
     * @param args {@code [--data DIR]}
     */
    public static void main(String[] args) throws IOException {
        Path data = Path.of("data");
        for (int i = 0; i < args.length; i++) {
            if ("--data".equals(args[i]) && i + 1 < args.length) {
                data = Path.of(args[++i]);
            } else {
                System.err.println("usage: bin/brook start [--data DIR]");
                System.exit(2);
            }
        }
        run(data.resolve("demo-0"), System.out);
    }

    static void run(Path dir, PrintStream out) throws IOException {
        LogConfig config = LogConfig.defaults().withFlushPolicy(FlushPolicy.everyAppend());
        try (Log log = Log.open(dir, config)) {
            out.printf("brook: opened log %s: offsets [%d, %d), %d segment(s)%n", dir.toAbsolutePath(),
                    log.logStartOffset(), log.logEndOffset(), log.segmentCount());
            long now = System.currentTimeMillis();
            for (Compression codec : new Compression[] {Compression.NONE, Compression.GZIP, Compression.LZ4}) {
                RecordBatchBuilder builder = new RecordBatchBuilder(codec);
                for (int i = 0; i < 3; i++) {
                    String key = "account-" + i;
                    String value = codec.codecName() + " event " + i + " at " + Instant.ofEpochMilli(now);
                    builder.append(now, key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8),
                            new Header("source", "bin/brook".getBytes(StandardCharsets.UTF_8)));
                }
                ByteBuffer batch = builder.build();
                LogAppendInfo info = log.append(batch, 0);
                out.printf("brook: appended %d %s record(s) at offsets %d..%d (fsynced)%n", info.recordCount(),
                        codec.codecName(), info.firstOffset(), info.lastOffset());
            }
            long offset = log.logStartOffset();
            long records = 0;
            while (offset < log.logEndOffset()) {
                LogReadResult result = log.read(offset, 1 << 20);
                for (RecordBatch batch : result.batches()) {
                    try (CloseableIterator<Record> it = batch.records()) {
                        while (it.hasNext()) {
                            Record record = it.next();
                            records++;
                            if (record.offset() >= log.logEndOffset() - 9) {
                                out.printf("  %6d  %-10s %s%n", record.offset(), text(record.key()),
                                        text(record.value()));
                            }
                        }
                    }
                    offset = batch.nextOffset();
                }
            }
            out.printf("brook: read back %d record(s), every batch CRC-checked; log end offset %d%n", records,
                    log.logEndOffset());
        }
    }

    private static String text(ByteBuffer buffer) {
        if (buffer == null) {
            return "null";
        }
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
