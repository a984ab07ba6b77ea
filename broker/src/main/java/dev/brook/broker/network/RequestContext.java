package dev.brook.broker.network;

import dev.brook.protocol.RequestHeader;
import java.net.SocketAddress;

/**
 * What a request handler may know about where a request came from.
 *
 * @param header        the decoded request header (api key, version, correlation id, client id)
 * @param clientAddress the peer's address, for logs
 * @param listenerPort  the local port the request arrived on, to pick the matching advertised listener
 */
public record RequestContext(RequestHeader header, SocketAddress clientAddress, int listenerPort) {

    /** The request's API version, the one the response must be encoded in. */
    public short apiVersion() {
        return header.apiVersion();
    }
}
