package dev.brook.broker.api;

import dev.brook.protocol.ErrorCode;
import dev.brook.protocol.message.InitProducerIdRequest;
import dev.brook.protocol.message.InitProducerIdResponse;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * InitProducerId (v0-1) for idempotent producers: a new producer id (never reused, across restarts) at epoch 0.
 * Transactional producers are refused with INVALID_REQUEST: transactions are not implemented.
 */
final class InitProducerIdHandler {
    private static final Logger log = LoggerFactory.getLogger(InitProducerIdHandler.class);

    private final LongSupplier producerIds;

    InitProducerIdHandler(LongSupplier producerIds) {
        this.producerIds = producerIds;
    }

    InitProducerIdResponse handle(InitProducerIdRequest request) {
        if (request.transactionalId() != null) {
            log.warn("Refusing InitProducerId for transactional.id {}: transactions are not supported",
                    request.transactionalId());
            return new InitProducerIdResponse(0, ErrorCode.INVALID_REQUEST.code(), -1, (short) -1);
        }
        try {
            return new InitProducerIdResponse(0, ErrorCode.NONE.code(), producerIds.getAsLong(), (short) 0);
        } catch (RuntimeException e) {
            return new InitProducerIdResponse(0, ErrorMapping.of(e, "InitProducerId").code(), -1, (short) -1);
        }
    }
}
