package dev.brook.broker.cli;

import dev.brook.broker.Broker;
import dev.brook.broker.config.BrokerConfig;
import dev.brook.broker.config.ConfigException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brook's command line ({@code bin/brook}). {@code start} runs a single-node broker in the foreground until SIGTERM
 * or SIGINT, then shuts down cleanly: stops accepting, finishes in-flight requests, flushes every log, writes the
 * clean-shutdown markers, and exits 0. {@code groups list|describe GROUP} shows the consumer groups of a running
 * broker over the Kafka protocol ({@link GroupsCommand}).
 *
 * <p>Exit codes: 0 after a clean stop, 2 for a usage or configuration error (the message names the setting),
 * 1 when the broker cannot start (a port in use, an unreadable data directory).
 */
public final class BrookCommand {
    static final String USAGE = "bin/brook start [--config FILE] [--set KEY=VALUE]...\n       "
            + GroupsCommand.USAGE;
    private static final Logger log = LoggerFactory.getLogger(BrookCommand.class);

    private BrookCommand() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("groups")) {
            System.exit(GroupsCommand.run(List.of(Arrays.copyOfRange(args, 1, args.length)), System.out,
                    System.err));
            return;
        }
        if (args.length == 0 || !args[0].equals("start")) {
            System.err.println("usage: " + USAGE);
            System.exit(2);
        }
        BrokerConfig config;
        try {
            StartCommand cmd = StartCommand.parse(List.of(Arrays.copyOfRange(args, 1, args.length)));
            config = BrokerConfig.load(cmd.configFile(), cmd.overrides());
        } catch (ConfigException e) {
            System.err.println("brook: invalid configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        Broker broker;
        try {
            broker = Broker.start(config);
        } catch (ConfigException e) {
            System.err.println("brook: invalid configuration: " + e.getMessage());
            System.exit(2);
            return;
        } catch (Exception e) {
            log.error("Brook could not start", e);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping Brook (signal received)");
            int status = 0;
            try {
                broker.close();
                log.info("Brook stopped cleanly");
            } catch (RuntimeException e) {
                log.error("Brook did not stop cleanly; the next start recovers the logs", e);
                status = 1;
            }
            stopped.countDown();
            // A JVM stopped by SIGTERM otherwise exits with 143; the clean stop is reported as success.
            Runtime.getRuntime().halt(status);
        }, "brook-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
