package dev.brook.broker.network;

import dev.brook.broker.config.Listener;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty server: accepts connections on every listener and hands each decoded frame to the
 * {@link RequestProcessor} on a pool of request-handler threads, so that disk work (appends, fsync) never runs on an
 * event loop.
 *
 * <p>Wire framing: every request and response is an int32 big-endian size followed by that many bytes. A size
 * larger than {@code socket.request.max.bytes} closes the connection before any of the frame is buffered.
 */
public final class BrokerServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BrokerServer.class);

    /**
     * Server settings.
     *
     * @param maxRequestBytes    {@code socket.request.max.bytes}
     * @param networkThreads     {@code num.network.threads}
     * @param ioThreads          {@code num.io.threads}
     * @param maxInFlight        {@code queued.max.requests}, per connection
     * @param idleTimeoutMs      {@code connections.max.idle.ms}
     */
    public record Settings(int maxRequestBytes, int networkThreads, int ioThreads, int maxInFlight,
                           long idleTimeoutMs) {
    }

    private final Transport transport = Transport.best();
    private final EventLoopGroup acceptors;
    private final EventLoopGroup workers;
    private final ExecutorService requestExecutor;
    private final List<Channel> serverChannels = new ArrayList<>();
    /** Every open client connection, so close() can end them before the request handlers stop. */
    private final ChannelGroup connections = new DefaultChannelGroup("brook-connections",
            GlobalEventExecutor.INSTANCE);

    private BrokerServer(Settings settings) {
        this.acceptors = transport.newGroup(1, new DefaultThreadFactory("brook-accept", true));
        this.workers = transport.newGroup(settings.networkThreads(), new DefaultThreadFactory("brook-network", true));
        this.requestExecutor = Executors.newFixedThreadPool(settings.ioThreads(),
                new DefaultThreadFactory("brook-request", true));
    }

    /**
     * Binds every listener and starts serving.
     *
     * @return the running server; {@link #boundListeners()} tells the ports actually bound (for port 0)
     * @throws InterruptedException if interrupted while binding
     * @throws java.net.BindException (sneaky, from Netty) if a port is taken
     */
    public static BrokerServer start(List<Listener> listeners, Settings settings, RequestProcessor processor)
            throws InterruptedException {
        BrokerServer server = new BrokerServer(settings);
        try {
            server.bind(listeners, settings, processor);
        } catch (InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void bind(List<Listener> listeners, Settings settings, RequestProcessor processor)
            throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptors, workers)
                .channel(transport.serverChannelClass())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ch.pipeline()
                                .addLast("idle", new IdleStateHandler(0, 0, settings.idleTimeoutMs(),
                                        TimeUnit.MILLISECONDS))
                                .addLast("frames", new LengthFieldBasedFrameDecoder(settings.maxRequestBytes(),
                                        0, 4, 0, 4, true))
                                .addLast("requests", new KafkaConnectionHandler(processor, requestExecutor,
                                        settings.maxInFlight()));
                    }
                });
        for (Listener l : listeners) {
            InetSocketAddress address = l.host().isEmpty() ? new InetSocketAddress(l.port())
                    : new InetSocketAddress(l.host(), l.port());
            Channel ch = bootstrap.bind(address).sync().channel();
            serverChannels.add(ch);
        }
        log.info("Brook accepting Kafka connections on {} ({} transport)", boundListeners(listeners),
                transport.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** The listeners with the ports actually bound, in configuration order. */
    public List<Listener> boundListeners(List<Listener> configured) {
        List<Listener> out = new ArrayList<>();
        for (int i = 0; i < configured.size(); i++) {
            int port = ((InetSocketAddress) serverChannels.get(i).localAddress()).getPort();
            out.add(configured.get(i).withPort(port));
        }
        return out;
    }

    /** Stops accepting, closes every connection, and waits for in-progress requests to finish. */
    @Override
    public void close() {
        for (Channel ch : serverChannels) {
            ch.close().awaitUninterruptibly();
        }
        // Order matters: connections first (no new requests), then the request handlers, and the event loops last,
        // because a finishing request hands its response or completion to its channel's event loop; a terminated
        // loop rejects that and the request failed with an ERROR at every shutdown under load.
        connections.close().awaitUninterruptibly();
        requestExecutor.shutdown();
        try {
            if (!requestExecutor.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("Request handlers still busy after 10 s; interrupting them");
                requestExecutor.shutdownNow();
            }
        } catch (InterruptedException e) {
            requestExecutor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
