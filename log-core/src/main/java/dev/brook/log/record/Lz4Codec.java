package dev.brook.log.record;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import net.jpountz.lz4.LZ4SafeDecompressor;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;

/**
 * Codec 3: one LZ4 frame (LZ4 frame format 1.5.1), byte for byte what Kafka's {@code Lz4BlockOutputStream} and
 * librdkafka write for magic 2 batches. All multi-byte fields are little-endian.
 *
 * <pre>
 * 04 22 4D 18   magic 0x184D2204
 * 60            FLG: version 01, block independence; no block checksum, no content size, no content checksum
 * 40            BD: maximum block size 64 KiB (code 4)
 * 82            header checksum: (xxhash32(FLG..BD, seed 0) &gt;&gt; 8) &amp; 0xFF
 * blocks        int32 size (bit 31 set = stored uncompressed), then that many bytes
 * 00 00 00 00   end mark
 * </pre>
 *
 * <p>64 KiB blocks matter: readers allocate one block buffer per stream, and the 4 MiB default of lz4-java would
 * make every consumer allocate 4 MiB per batch. Decompression uses the <em>safe</em> decompressor, which never
 * reads or writes outside its buffers on malformed input (the fast decompressor trusts the input). The reader
 * stops after the first frame, as Kafka's does, and verifies checksums only if the frame declares them.
 */
final class Lz4Codec implements Codec {
    private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4Factory.fastestInstance().safeDecompressor();
    private static final XXHash32 XXHASH = XXHashFactory.fastestInstance().hash32();

    @Override
    public OutputStream compress(OutputStream out) throws IOException {
        // The two-argument constructor enables BLOCK_INDEPENDENCE only: exactly the FLG byte 0x60 above.
        return new LZ4FrameOutputStream(out, LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB);
    }

    @Override
    public InputStream decompress(InputStream in) throws IOException {
        return new LZ4FrameInputStream(in, DECOMPRESSOR, XXHASH, true);
    }
}
