package dev.brook.broker;

import dev.brook.broker.config.BrokerConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Starts in-process brokers for tests: loopback listener on a free port, the given data directory. */
public final class TestBrokers {
    private TestBrokers() {
    }

    /** A broker on {@code dir} with {@code extra} settings (Kafka names) on top of the test defaults. */
    public static Broker start(Path dir, Map<String, String> extra) throws IOException, InterruptedException {
        Map<String, String> settings = new HashMap<>();
        settings.put("listeners", "PLAINTEXT://127.0.0.1:0");
        settings.put("log.dirs", dir.toString());
        settings.putAll(extra);
        return Broker.start(BrokerConfig.of(settings));
    }

    /** A broker on {@code dir} with the test defaults. */
    public static Broker start(Path dir) throws IOException, InterruptedException {
        return start(dir, Map.of());
    }
}
