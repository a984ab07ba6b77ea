package dev.brook.broker.fetch;

import dev.brook.broker.network.FileRegionSource;
import dev.brook.log.LogRegion;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.FileRegion;
import java.util.ArrayList;
import java.util.List;

/**
 * The record batches a fetch read from a partition's log, sent zero-copy: each {@link LogRegion} becomes a Netty
 * {@link DefaultFileRegion} that the epoll transport sends with native {@code sendfile} and NIO with
 * {@code FileChannel.transferTo} into the socket.
 *
 * <p>Each region opens its segment file by path when it is first sent and closes it when done, so the log's own
 * channels are never handed to Netty (which closes what it sends). A segment deleted by retention stays readable
 * under its {@code .deleted} name only through already-open channels, so a fetch racing a deletion of its very
 * segment fails its connection; the client reconnects and gets OFFSET_OUT_OF_RANGE.
 */
public final class LogRegionRecords implements FileRegionSource {
    private final List<LogRegion> regions;
    private final int sizeInBytes;

    public LogRegionRecords(List<LogRegion> regions) {
        this.regions = List.copyOf(regions);
        long size = 0;
        for (LogRegion r : regions) {
            size += r.sizeInBytes();
        }
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("fetch of " + size + " bytes does not fit a response");
        }
        this.sizeInBytes = (int) size;
    }

    @Override
    public int sizeInBytes() {
        return sizeInBytes;
    }

    @Override
    public List<FileRegion> fileRegions() {
        List<FileRegion> out = new ArrayList<>(regions.size());
        for (LogRegion r : regions) {
            out.add(new DefaultFileRegion(r.file().toFile(), r.position(), r.sizeInBytes()));
        }
        return out;
    }

    @Override
    public String toString() {
        return "LogRegionRecords" + regions;
    }
}
