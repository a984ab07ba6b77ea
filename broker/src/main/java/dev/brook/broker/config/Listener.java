package dev.brook.broker.config;

import java.util.Locale;

/**
 * One entry of {@code listeners} or {@code advertised.listeners}: {@code PLAINTEXT://host:port}.
 *
 * @param securityProtocol only {@code PLAINTEXT} for now; TLS and SASL listeners are refused at start
 * @param host             the host to bind or advertise; empty means every interface (bind only)
 * @param port             0 binds any free port (tests), never advertised
 */
public record Listener(String securityProtocol, String host, int port) {

    /** Parses {@code PROTOCOL://host:port}; IPv6 hosts are written in brackets as Kafka does. */
    static Listener parse(String setting, String text) {
        int sep = text.indexOf("://");
        if (sep <= 0) {
            throw new ConfigException(setting, "'" + text + "' is not of the form PLAINTEXT://host:port");
        }
        String protocol = text.substring(0, sep).toUpperCase(Locale.ROOT);
        if (!protocol.equals("PLAINTEXT")) {
            throw new ConfigException(setting, "listener '" + text + "' uses " + protocol
                    + "; this broker supports only PLAINTEXT listeners");
        }
        String hostPort = text.substring(sep + 3);
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0) {
            throw new ConfigException(setting, "'" + text + "' has no port");
        }
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new ConfigException(setting, "'" + text + "' has a port that is not a number");
        }
        if (port < 0 || port > 65535) {
            throw new ConfigException(setting, "'" + text + "' has port " + port + " outside 0-65535");
        }
        return new Listener(protocol, host, port);
    }

    /** This listener with another port: what is advertised once a port-0 listener is bound. */
    public Listener withPort(int newPort) {
        return new Listener(securityProtocol, host, newPort);
    }

    @Override
    public String toString() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return securityProtocol + "://" + h + ":" + port;
    }
}
