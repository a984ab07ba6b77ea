package dev.brook.broker.network;

import dev.brook.protocol.wire.ByteBufferRecords;
import dev.brook.protocol.wire.EncodedMessage;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.FileRegion;

/**
 * Writes an encoded response to a channel chunk by chunk: encoder bytes and in-memory records as wrapped buffers
 * (no copy), records that live in segment files as {@link FileRegion}s, which the transport sends with sendfile.
 */
final class ResponseChunks {
    private ResponseChunks() {
    }

    /** Writes and flushes every chunk; returns the last write's future. Must run on the channel's event loop. */
    static ChannelFuture writeTo(ChannelHandlerContext ctx, EncodedMessage message) {
        ChannelFuture last = null;
        for (EncodedMessage.Chunk chunk : message.chunks()) {
            if (chunk instanceof EncodedMessage.Bytes bytes) {
                last = ctx.write(Unpooled.wrappedBuffer(bytes.buffer()));
            } else {
                var payload = ((EncodedMessage.Records) chunk).payload();
                if (payload instanceof ByteBufferRecords records) {
                    last = ctx.write(Unpooled.wrappedBuffer(records.buffer()));
                } else if (payload instanceof FileRegionSource source) {
                    for (FileRegion region : source.fileRegions()) {
                        last = ctx.write(region);
                    }
                } else {
                    throw new IllegalStateException("cannot send records of type " + payload.getClass().getName());
                }
            }
        }
        ctx.flush();
        return last == null ? ctx.newSucceededFuture() : last;
    }
}
