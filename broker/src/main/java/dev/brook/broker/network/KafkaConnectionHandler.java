package dev.brook.broker.network;

import dev.brook.protocol.DecodedRequest;
import dev.brook.protocol.RequestDecoder;
import dev.brook.protocol.RequestHeader;
import dev.brook.protocol.ResponseEncoder;
import dev.brook.protocol.UnsupportedApiVersionException;
import dev.brook.protocol.message.ProduceRequest;
import dev.brook.protocol.wire.EncodedMessage;
import dev.brook.protocol.wire.MalformedMessageException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: decodes each frame into a request, runs the requests one after another on the request
 * executor, and writes the responses back in request order.
 *
 * <p>Flow control: at most {@code maxInFlight} requests of a connection are read but not yet answered; at that
 * point the handler stops reading from the socket (auto-read off) until a response goes out, so a client that
 * pipelines faster than the broker answers is slowed by TCP, not by the broker's heap.
 *
 * <p>Failures: a frame over {@code socket.request.max.bytes} (rejected by the frame decoder before it is buffered),
 * a malformed request, or an unsupported version of any API but ApiVersions closes the connection, as Kafka does;
 * an ApiVersions request of an unknown version is answered with UNSUPPORTED_VERSION and the broker's ranges so the
 * client can retry with one it knows. Nothing here can take down the server: every path ends in a response or a close.
 */
final class KafkaConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(KafkaConnectionHandler.class);

    private final RequestProcessor processor;
    private final Executor requestExecutor;
    private final int maxInFlight;

    /** The last request's completion; the next request starts after it. Touched only on the event loop. */
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
    /** Requests read but not answered. Touched only on the event loop. */
    private int inFlight;

    KafkaConnectionHandler(RequestProcessor processor, Executor requestExecutor, int maxInFlight) {
        this.processor = processor;
        this.requestExecutor = requestExecutor;
        this.maxInFlight = maxInFlight;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        if (++inFlight >= maxInFlight) {
            ctx.channel().config().setAutoRead(false);
        }
        tail = tail.thenComposeAsync(ignored -> handle(ctx, frame), this::executeOrRunHere)
                .exceptionally(e -> {
                    log.error("Closing connection from {}: request handling failed", ctx.channel().remoteAddress(), e);
                    ctx.close();
                    return null;
                });
    }

    /**
     * Runs a request on the request executor; once the executor is shut down (the broker is stopping, its
     * connections already closed) the step runs here instead, where it finds the channel inactive and releases the
     * frame, so no request buffer outlives the broker.
     */
    private void executeOrRunHere(Runnable step) {
        try {
            requestExecutor.execute(step);
        } catch (RejectedExecutionException e) {
            step.run();
        }
    }

    private CompletableFuture<Void> handle(ChannelHandlerContext ctx, ByteBuf frame) {
        if (!ctx.channel().isActive()) {
            frame.release();
            return answered(ctx);
        }
        DecodedRequest request;
        try {
            request = RequestDecoder.decode(frame.nioBuffer());
        } catch (UnsupportedApiVersionException e) {
            frame.release();
            Object answer = processor.unsupportedVersion(e.header());
            if (answer == null) {
                log.warn("Closing connection from {}: {}", ctx.channel().remoteAddress(), e.getMessage());
                ctx.close();
                return answered(ctx);
            }
            return write(ctx, e.header(), answer);
        } catch (MalformedMessageException e) {
            frame.release();
            log.warn("Closing connection from {}: malformed request: {}", ctx.channel().remoteAddress(),
                    e.getMessage());
            ctx.close();
            return answered(ctx);
        }
        // Only a Produce body points into the frame (its records are slices of it); any other request is fully
        // decoded, so its frame is released now. A parked long-poll Fetch otherwise pinned its frame for max_wait_ms,
        // and leaked it when the broker stopped before the wait ended.
        ByteBuf held = request.body() instanceof ProduceRequest ? frame : null;
        if (held == null) {
            frame.release();
        }
        RequestContext context = new RequestContext(request.header(), ctx.channel().remoteAddress(),
                ((InetSocketAddress) ctx.channel().localAddress()).getPort());
        CompletableFuture<Object> response;
        try {
            response = processor.process(context, request.body());
        } catch (RuntimeException e) {
            response = CompletableFuture.failedFuture(e);
        }
        return response.handle((body, error) -> {
            // A Produce's records are done with once its response exists.
            if (held != null) {
                held.release();
            }
            if (error instanceof UnsupportedApiVersionException
                    || error != null && error.getCause() instanceof UnsupportedApiVersionException) {
                // A decodable API the processor does not serve (FindCoordinator before groups exist): the client's
                // mistake, not a broker failure, so closed like an unknown key, without an error and stack trace.
                log.warn("Closing connection from {}: {} is not served", ctx.channel().remoteAddress(),
                        request.header());
                ctx.close();
                return answered(ctx);
            }
            if (error != null) {
                log.error("Closing connection from {}: {} failed", ctx.channel().remoteAddress(), request.header(),
                        error);
                ctx.close();
                return answered(ctx);
            }
            return body == RequestProcessor.NO_RESPONSE ? answered(ctx) : write(ctx, request.header(), body);
        }).thenCompose(f -> f);
    }

    private CompletableFuture<Void> write(ChannelHandlerContext ctx, RequestHeader header, Object body) {
        EncodedMessage message = ResponseEncoder.encode(header, body);
        onEventLoop(ctx, () -> {
            ResponseChunks.writeTo(ctx, message).addListener((ChannelFutureListener) f -> {
                if (!f.isSuccess()) {
                    log.debug("Closing connection from {}: writing a response failed: {}",
                            f.channel().remoteAddress(), f.cause().toString());
                    f.channel().close();
                }
            });
            onAnswered(ctx);
        });
        return CompletableFuture.completedFuture(null);
    }

    private CompletableFuture<Void> answered(ChannelHandlerContext ctx) {
        onEventLoop(ctx, () -> onAnswered(ctx));
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Runs {@code task} on the connection's event loop. During shutdown the loops stop before the request
     * executor has drained, so a request finishing then finds its loop terminated: its connection is already
     * closed and there is nobody to answer, which is not a failure of the request (nothing is allocated for a
     * response until the task runs).
     */
    private static void onEventLoop(ChannelHandlerContext ctx, Runnable task) {
        try {
            ctx.channel().eventLoop().execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("Dropping the answer to {}: the server is shutting down", ctx.channel().remoteAddress());
        }
    }

    private void onAnswered(ChannelHandlerContext ctx) {
        if (--inFlight < maxInFlight && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            log.debug("Closing idle connection from {}", ctx.channel().remoteAddress());
            ctx.close();
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            log.warn("Closing connection from {}: request larger than socket.request.max.bytes ({})",
                    ctx.channel().remoteAddress(), cause.getMessage());
        } else if (cause instanceof IOException) {
            log.debug("Connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            log.warn("Closing connection from {}", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
