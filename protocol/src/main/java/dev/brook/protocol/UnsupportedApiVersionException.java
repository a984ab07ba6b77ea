package dev.brook.protocol;

/**
 * A request named an api key Brook does not implement, or a version of it Brook cannot parse. Carries the parsed
 * header so the broker can answer: ApiVersions with UNSUPPORTED_VERSION(35) and a v0 body (docs/kafka-protocol.md
 * §4), anything else by closing the connection (or an UNSUPPORTED_VERSION error, where the response has room for one).
 */
public final class UnsupportedApiVersionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient RequestHeader header;

    /**
     * @param header the request's header, whose body was not parsed
     */
    public UnsupportedApiVersionException(RequestHeader header) {
        super("unsupported api key " + header.apiKey() + " version " + header.apiVersion()
                + " (correlation id " + header.correlationId() + ")");
        this.header = header;
    }

    /**
     * @return the request's header
     */
    public RequestHeader header() {
        return header;
    }
}
