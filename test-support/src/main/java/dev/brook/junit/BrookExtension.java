package dev.brook.junit;

import dev.brook.broker.Broker;
import dev.brook.broker.config.BrokerConfig;
import dev.brook.partition.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link BrookBroker}; also usable directly:
 * {@code @RegisterExtension static BrookExtension brook = BrookExtension.withTopics(new TopicSpec("t", 3));}.
 *
 * <p>The broker starts before the class's first test (or lazily, on the first parameter that asks for it) and is
 * stopped, with its temporary directory removed, when the class's extension context closes.
 */
public final class BrookExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BrookExtension.class);

    /**
     * A topic to create, for programmatic registration.
     *
     * @param name       topic name
     * @param partitions partition count
     * @param configs    topic configs (Kafka names)
     */
    public record TopicSpec(String name, int partitions, Map<String, String> configs) {
        public TopicSpec(String name, int partitions) {
            this(name, partitions, Map.of());
        }
    }

    private final List<TopicSpec> programmaticTopics;
    private final Map<String, String> programmaticSettings;

    /** Used by {@link BrookBroker}: topics and settings come from the annotation. */
    public BrookExtension() {
        this(List.of(), Map.of());
    }

    private BrookExtension(List<TopicSpec> topics, Map<String, String> settings) {
        this.programmaticTopics = List.copyOf(topics);
        this.programmaticSettings = Map.copyOf(settings);
    }

    /** An extension for {@code @RegisterExtension} that creates these topics. */
    public static BrookExtension withTopics(TopicSpec... topics) {
        return new BrookExtension(List.of(topics), Map.of());
    }

    /** This extension with broker settings (Kafka names) added. */
    public BrookExtension withSettings(Map<String, String> settings) {
        Map<String, String> merged = new LinkedHashMap<>(programmaticSettings);
        merged.putAll(settings);
        return new BrookExtension(programmaticTopics, merged);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        running(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == RunningBrook.class
                || type == String.class && parameter.isAnnotated(BootstrapServers.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        RunningBrook brook = running(context);
        return parameter.getParameter().getType() == RunningBrook.class ? brook : brook.bootstrapServers();
    }

    /** The class-level broker, started on first use. */
    private RunningBrook running(ExtensionContext context) {
        ExtensionContext classContext = classContext(context);
        return classContext.getStore(NAMESPACE)
                .getOrComputeIfAbsent("brook", key -> start(classContext), StartedBroker.class).brook();
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }

    private StartedBroker start(ExtensionContext context) {
        BrookBroker annotation = context.getTestClass().map(c -> c.getAnnotation(BrookBroker.class)).orElse(null);
        Map<String, String> settings = new LinkedHashMap<>();
        List<TopicSpec> topics = new ArrayList<>(programmaticTopics);
        if (annotation != null) {
            settings.putAll(parse(annotation.settings(), "settings"));
            for (Topic t : annotation.topics()) {
                topics.add(new TopicSpec(t.name(), t.partitions(), parse(t.configs(), "topic " + t.name())));
            }
        }
        settings.putAll(programmaticSettings);
        Path dir;
        try {
            dir = Files.createTempDirectory("brook-junit-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the test broker's data directory", e);
        }
        settings.put("log.dirs", dir.toString());
        settings.putIfAbsent("listeners", "PLAINTEXT://127.0.0.1:0");
        Broker broker;
        try {
            broker = Broker.start(BrokerConfig.of(settings));
        } catch (IOException e) {
            deleteRecursively(dir);
            throw new UncheckedIOException("the test broker did not start", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            deleteRecursively(dir);
            throw new ExtensionConfigurationException("interrupted while starting the test broker", e);
        }
        StartedBroker started = new StartedBroker(new RunningBrook(broker), dir);
        for (TopicSpec t : topics) {
            started.brook().createTopic(t.name(), t.partitions(), t.configs());
        }
        return started;
    }

    private static Map<String, String> parse(String[] pairs, String where) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new ExtensionConfigurationException(where + ": '" + pair + "' is not name=value");
            }
            out.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return out;
    }

    /** Closed by JUnit with the class's extension context: stops the broker and removes its data. */
    private record StartedBroker(RunningBrook brook, Path dir) implements AutoCloseable {
        @Override
        public void close() {
            try {
                brook.broker().close();
            } finally {
                deleteRecursively(dir);
            }
        }
    }

    private static void deleteRecursively(Path dir) {
        try {
            Directories.deleteRecursively(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the test broker's data directory " + dir, e);
        }
    }
}
