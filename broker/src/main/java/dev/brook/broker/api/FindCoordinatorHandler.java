package dev.brook.broker.api;

import dev.brook.protocol.ErrorCode;
import dev.brook.protocol.message.FindCoordinatorRequest;
import dev.brook.protocol.message.FindCoordinatorResponse;

/**
 * FindCoordinator (v0-2) before a group coordinator exists: every key, group or transaction, is answered
 * COORDINATOR_NOT_AVAILABLE. It is advertised anyway because librdkafka ties features to it (lz4 compression among
 * them); a group consumer retries until its own timeout, as it would against a Kafka cluster whose coordinator is
 * down. The consumer-groups work replaces this with the real coordinator.
 */
final class FindCoordinatorHandler {
    private FindCoordinatorHandler() {
    }

    static FindCoordinatorResponse handle(FindCoordinatorRequest request) {
        return new FindCoordinatorResponse(0, ErrorCode.COORDINATOR_NOT_AVAILABLE.code(),
                "The group coordinator is not available: consumer groups are not implemented yet", -1, "", -1);
    }
}
