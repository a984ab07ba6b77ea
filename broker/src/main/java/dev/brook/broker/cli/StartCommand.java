package dev.brook.broker.cli;

import dev.brook.broker.config.ConfigException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arguments of {@code bin/brook start [--config FILE] [--set KEY=VALUE]...}. This syntax is what operators'
 * scripts rely on: keep it stable.
 *
 * @param configFile the properties file, or {@code null}
 * @param overrides  the {@code --set} settings in order (a later one wins)
 */
record StartCommand(Path configFile, Map<String, String> overrides) {

    static StartCommand parse(List<String> args) {
        Path config = null;
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--config" -> {
                    if (i + 1 >= args.size()) {
                        throw new ConfigException("--config", "needs a file name");
                    }
                    config = Path.of(args.get(++i));
                }
                case "--set" -> {
                    if (i + 1 >= args.size()) {
                        throw new ConfigException("--set", "needs KEY=VALUE");
                    }
                    String kv = args.get(++i);
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw new ConfigException("--set", "'" + kv + "' is not KEY=VALUE");
                    }
                    overrides.put(kv.substring(0, eq).trim(), kv.substring(eq + 1));
                }
                default -> throw new ConfigException(arg, "unknown argument; usage: " + BrookCommand.USAGE);
            }
        }
        return new StartCommand(config, overrides);
    }
}
