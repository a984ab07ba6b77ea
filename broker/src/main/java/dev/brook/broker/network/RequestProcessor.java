package dev.brook.broker.network;

import dev.brook.protocol.RequestHeader;
import java.util.concurrent.CompletableFuture;

/**
 * Turns one decoded request into its response body. Called on a request-handler thread, one request at a time per
 * connection (as Kafka does: a connection's next request is not started until the previous one's response is ready,
 * which keeps an idempotent producer's pipelined batches in order).
 */
@FunctionalInterface
public interface RequestProcessor {

    /** Returned (as the future's value) for a request that gets no response: Produce with acks=0. */
    Object NO_RESPONSE = new Object() {
        @Override
        public String toString() {
            return "NO_RESPONSE";
        }
    };

    /**
     * @param context where the request came from, and its header
     * @param body    the decoded request body (one of the protocol module's {@code *Request} records)
     * @return the response body, or {@link #NO_RESPONSE}; completes exceptionally only on a bug, which closes the
     *         connection
     */
    CompletableFuture<Object> process(RequestContext context, Object body);

    /**
     * The answer to a request whose API key or version the broker does not implement.
     *
     * @return a response body to send (Kafka answers ApiVersions this way), or {@code null} to close the connection
     */
    default Object unsupportedVersion(RequestHeader header) {
        return null;
    }
}
