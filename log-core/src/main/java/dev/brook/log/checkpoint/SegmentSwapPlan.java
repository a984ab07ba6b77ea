package dev.brook.log.checkpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The commit record of one cleaner segment swap: which offset range of the log the cleaned segment
 * {@code <from>.log.swap} replaces. It lives in {@code <from>.swap.checkpoint} (kind {@value #KIND}, 20-digit
 * zero-padded base offset, like the segment names) from just before the cleaned files are renamed to
 * {@code .swap} until the swap is complete; the log loader uses it to finish an interrupted swap (see
 * {@code dev.brook.log.SegmentSwap}).
 *
 * <h2>Payload, version 1</h2>
 *
 * <p>Inside the envelope described in {@link CheckpointFile}, exactly two lines, in this order:
 *
 * <pre>
 * bytes        content
 * [0, 20)      "replaced-from-offset"
 * [20, 21)     SP (0x20)
 * [21, a)      from: the base offset of the first replaced segment, which is also the cleaned segment's base
 *              offset; canonical decimal, 0 to 9223372036854775807
 * [a, a+1)     LF
 * [a+1, a+19)  "replaced-to-offset"
 * [a+19, a+20) SP (0x20)
 * [a+20, b)    to: the base offset of the segment after the last replaced one (exclusive end of the range);
 *              canonical decimal, greater than from
 * [b, b+1)     LF
 * </pre>
 *
 * <p>A complete {@code 00000000000000001000.swap.checkpoint}:
 *
 * <pre>
 * brook-checkpoint segment-swap 1
 * replaced-from-offset 1000
 * replaced-to-offset 5000
 * crc32c 77d9f53e
 * </pre>
 *
 * @param fromOffset base offset of the first replaced segment and of the cleaned segment
 * @param toOffset exclusive end: every segment with a base offset in {@code [fromOffset, toOffset)} is replaced
 */
public record SegmentSwapPlan(long fromOffset, long toOffset) {
    /** Suffix of the file name after the 20-digit base offset. */
    public static final String FILE_SUFFIX = ".swap.checkpoint";
    /** Kind written in the header. */
    public static final String KIND = "segment-swap";
    /** Payload version this class writes and the newest it reads. */
    public static final int VERSION = 1;

    private static final String FROM = "replaced-from-offset";
    private static final String TO = "replaced-to-offset";

    /**
     * Validates the range.
     *
     * @throws IllegalArgumentException if {@code fromOffset} is negative or {@code toOffset} is not above it
     */
    public SegmentSwapPlan {
        if (fromOffset < 0 || toOffset <= fromOffset) {
            throw new IllegalArgumentException("invalid replaced range [" + fromOffset + ", " + toOffset + ")");
        }
    }

    /**
     * The plan file for a swap whose cleaned segment starts at {@code fromOffset}.
     *
     * @param partitionDir the partition directory
     * @param fromOffset the base offset of the cleaned segment
     * @return the checkpoint file
     */
    public static CheckpointFile<SegmentSwapPlan> file(Path partitionDir, long fromOffset) {
        return new CheckpointFile<>(partitionDir.resolve(String.format("%020d", fromOffset) + FILE_SUFFIX), KIND,
                VERSION, new Codec());
    }

    /**
     * Reads a plan file found in a directory listing.
     *
     * @param file a path whose name ends with {@link #FILE_SUFFIX}
     * @return the plan, or empty if the file vanished
     * @throws CorruptCheckpointException if it cannot be verified
     * @throws IOException if reading fails
     */
    public static Optional<SegmentSwapPlan> read(Path file) throws IOException {
        return new CheckpointFile<>(file, KIND, VERSION, new Codec()).read();
    }

    /** Two key-value lines. */
    private static final class Codec implements CheckpointCodec<SegmentSwapPlan> {
        @Override
        public List<String> encode(SegmentSwapPlan plan) {
            return List.of(FROM + " " + plan.fromOffset(), TO + " " + plan.toOffset());
        }

        @Override
        public SegmentSwapPlan decode(PayloadReader payload) throws CorruptCheckpointException {
            long from = payload.readLong(FROM);
            long to = payload.readLong(TO);
            return new SegmentSwapPlan(from, to);
        }
    }
}
