package dev.brook.broker.api;

import dev.brook.broker.config.Listener;
import dev.brook.protocol.ErrorCode;
import dev.brook.protocol.message.FindCoordinatorRequest;
import dev.brook.protocol.message.FindCoordinatorResponse;
import java.util.function.IntFunction;

/**
 * FindCoordinator (v0-2). A single node coordinates every group, so a group key (key type 0) is answered with this
 * node under the advertised listener paired with the listener the request arrived on (the address the client can
 * reach, as in Metadata). Transactions are not supported: a transaction key (key type 1) is answered
 * COORDINATOR_NOT_AVAILABLE, which a transactional producer treats as retriable until its own timeout.
 */
final class FindCoordinatorHandler {
    private static final byte GROUP_KEY = 0;

    private final int nodeId;
    private final IntFunction<Listener> advertisedForPort;

    FindCoordinatorHandler(int nodeId, IntFunction<Listener> advertisedForPort) {
        this.nodeId = nodeId;
        this.advertisedForPort = advertisedForPort;
    }

    FindCoordinatorResponse handle(FindCoordinatorRequest request, int listenerPort) {
        if (request.keyType() != GROUP_KEY) {
            return new FindCoordinatorResponse(0, ErrorCode.COORDINATOR_NOT_AVAILABLE.code(),
                    "Transactions are not supported by this broker", -1, "", -1);
        }
        Listener self = advertisedForPort.apply(listenerPort);
        return new FindCoordinatorResponse(0, ErrorCode.NONE.code(), null, nodeId, self.host(), self.port());
    }
}
