package dev.brook.junit;

import dev.brook.broker.Broker;
import java.util.Map;

/** The broker a test runs against. */
public final class RunningBrook {
    private final Broker broker;

    RunningBrook(Broker broker) {
        this.broker = broker;
    }

    /** The value for a Kafka client's {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** Creates a topic now (replication factor 1). */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        broker.partitions().createTopic(name, partitions, 1, configs);
    }

    /** Creates a topic with one partition and default configs. */
    public void createTopic(String name) {
        createTopic(name, 1, Map.of());
    }

    /** The broker itself, for tests that need its partitions or want to stop it. */
    public Broker broker() {
        return broker;
    }
}
