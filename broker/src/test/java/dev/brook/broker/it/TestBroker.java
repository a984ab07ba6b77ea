package dev.brook.broker.it;

import dev.brook.broker.Broker;
import dev.brook.broker.config.BrokerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One in-process Brook broker for integration tests, and kafka-clients configured to talk to it. Binds only
 * 127.0.0.1; the port is free-chosen (0) unless a test needs the same port across a restart. Closing it closes the
 * broker cleanly; the data directory is the caller's (usually a JUnit {@code @TempDir}).
 */
final class TestBroker implements AutoCloseable {
    private final Path dataDir;
    private final Map<String, String> settings;
    private Broker broker;

    private TestBroker(Path dataDir, Map<String, String> settings) {
        this.dataDir = dataDir;
        this.settings = settings;
    }

    /** Starts a broker on {@code dataDir} on a free port with {@code overrides} on top of the test defaults. */
    static TestBroker start(Path dataDir, Map<String, String> overrides) {
        return start(dataDir, 0, overrides);
    }

    /** Starts a broker on {@code dataDir} with the test defaults. */
    static TestBroker start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    /** Starts a broker on {@code dataDir} bound to {@code port} (0 = any free port). */
    static TestBroker start(Path dataDir, int port, Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>();
        settings.put("listeners", "PLAINTEXT://127.0.0.1:" + port);
        settings.put("log.dirs", dataDir.toString());
        settings.putAll(overrides);
        TestBroker b = new TestBroker(dataDir, Map.copyOf(settings));
        b.broker = startBroker(b.settings);
        return b;
    }

    private static Broker startBroker(Map<String, String> settings) {
        NettyLeaks.install();
        try {
            return Broker.start(BrokerConfig.of(settings));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted starting the broker", e);
        }
    }

    /** A free 127.0.0.1 port, for a broker that must come back on the same address after a restart. */
    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes the broker cleanly and starts a new one on the same directory, port and settings. */
    void restart() {
        int port = broker.boundListeners().get(0).port();
        broker.close();
        Map<String, String> same = new HashMap<>(settings);
        same.put("listeners", "PLAINTEXT://127.0.0.1:" + port);
        broker = startBroker(same);
    }

    Broker broker() {
        return broker;
    }

    Path dataDir() {
        return dataDir;
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** A byte-array producer; {@code overrides} on top of short, test-friendly timeouts. */
    KafkaProducer<byte[], byte[]> producer(Map<String, Object> overrides) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.putAll(overrides);
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** A byte-array consumer without a group (tests use assign/seek: groups are not served yet). */
    KafkaConsumer<byte[], byte[]> consumer(Map<String, Object> overrides) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        p.putAll(overrides);
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    KafkaConsumer<byte[], byte[]> consumer() {
        return consumer(Map.of());
    }

    Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        return Admin.create(p);
    }

    /**
     * Polls until {@code count} records have arrived or a generous deadline passes, and returns what arrived in
     * poll order. Callers assert on the size, so a slow machine fails with a message rather than hanging.
     */
    static <K, V> List<ConsumerRecord<K, V>> pollUntil(Consumer<K, V> consumer, int count) {
        List<ConsumerRecord<K, V>> out = new ArrayList<>(count);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (out.size() < count && System.nanoTime() < deadline) {
            for (ConsumerRecord<K, V> r : consumer.poll(Duration.ofMillis(500))) {
                out.add(r);
            }
        }
        return out;
    }

    /** Closes the broker cleanly, then fails if Netty reported a leaked buffer. */
    @Override
    public void close() {
        broker.close();
        NettyLeaks.assertNone();
    }
}
