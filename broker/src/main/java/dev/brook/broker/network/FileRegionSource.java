package dev.brook.broker.network;

import dev.brook.protocol.wire.RecordsPayload;
import io.netty.channel.FileRegion;
import java.util.List;

/** Records that live in files and are sent as Netty {@link FileRegion}s (zero copy). */
public interface FileRegionSource extends RecordsPayload {

    /** New regions, one per file run, each to be written (and thereby released) exactly once. */
    List<FileRegion> fileRegions();
}
