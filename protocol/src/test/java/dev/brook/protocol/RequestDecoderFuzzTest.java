package dev.brook.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.brook.protocol.message.ApiVersionsCodecTest;
import dev.brook.protocol.message.CreatePartitionsCodecTest;
import dev.brook.protocol.message.CreateTopicsCodecTest;
import dev.brook.protocol.message.DeleteGroupsCodecTest;
import dev.brook.protocol.message.DeleteRecordsCodecTest;
import dev.brook.protocol.message.DeleteTopicsCodecTest;
import dev.brook.protocol.message.DescribeConfigsCodecTest;
import dev.brook.protocol.message.DescribeGroupsCodecTest;
import dev.brook.protocol.message.FetchCodecTest;
import dev.brook.protocol.message.FindCoordinatorCodecTest;
import dev.brook.protocol.message.HeartbeatCodecTest;
import dev.brook.protocol.message.InitProducerIdCodecTest;
import dev.brook.protocol.message.JoinGroupCodecTest;
import dev.brook.protocol.message.LeaveGroupCodecTest;
import dev.brook.protocol.message.ListGroupsCodecTest;
import dev.brook.protocol.message.ListOffsetsCodecTest;
import dev.brook.protocol.message.MetadataCodecTest;
import dev.brook.protocol.message.OffsetCommitCodecTest;
import dev.brook.protocol.message.OffsetDeleteCodecTest;
import dev.brook.protocol.message.OffsetFetchCodecTest;
import dev.brook.protocol.message.ProduceCodecTest;
import dev.brook.protocol.message.SyncGroupCodecTest;
import dev.brook.protocol.testing.KafkaTwoWay;
import dev.brook.protocol.testing.RandomValues;
import dev.brook.protocol.wire.MalformedMessageException;
import dev.brook.protocol.wire.WireWriter;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of {@link RequestDecoder}: random frames, and valid frames of every implemented api/version with
 * random byte flips, truncations, insertions, and length-looking fields overwritten with huge or negative values.
 * Only {@link MalformedMessageException} and {@link UnsupportedApiVersionException} may escape, and decoding must not
 * allocate in proportion to a hostile length (checked with HotSpot's per-thread allocation counter when present).
 */
class RequestDecoderFuzzTest {
    private static final int[] HOSTILE_INTS = {Integer.MAX_VALUE, Integer.MIN_VALUE, -1, -2, 0x7fff, 0xffff, 1 << 30,
        0x10000};
    private static final short[] HOSTILE_SHORTS = {Short.MAX_VALUE, Short.MIN_VALUE, -1, -2, 0x7f00};
    /** Generous fixed slack plus a per-frame-byte factor; a hostile length alone can never reach it. */
    private static final long ALLOCATION_SLACK = 512 * 1024;
    private static final long ALLOCATION_PER_FRAME_BYTE = 64;

    private final com.sun.management.ThreadMXBean threads = allocationCounter();

    private static com.sun.management.ThreadMXBean allocationCounter() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported()) {
            t.setThreadAllocatedMemoryEnabled(true);
            return t;
        }
        return null;
    }

    private interface RandomFrame {
        byte[] make(Random rnd);
    }

    private static <B> RandomFrame frames(ApiKey api, KafkaTwoWay.Codec<B, ?> codec) {
        return rnd -> {
            short v = (short) (api.lowestImplemented() + rnd.nextInt(api.advertisedMax() - api.lowestImplemented() + 1));
            WireWriter w = new WireWriter();
            new RequestHeader(api.id(), v, rnd.nextInt(), RandomValues.nullableString(rnd)).write(w);
            codec.write(codec.random(rnd, v), w, v);
            ByteBuffer b = w.toEncodedMessage().toByteBuffer();
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        };
    }

    private static List<RandomFrame> validFrameSources() {
        List<RandomFrame> sources = new ArrayList<>();
        sources.add(frames(ApiKey.API_VERSIONS, new ApiVersionsCodecTest.RequestCodec()));
        sources.add(frames(ApiKey.METADATA, new MetadataCodecTest.RequestCodec()));
        sources.add(frames(ApiKey.PRODUCE, new ProduceCodecTest.RequestCodec()));
        sources.add(frames(ApiKey.FETCH, new FetchCodecTest.RequestCodec()));
        sources.add(frames(ApiKey.LIST_OFFSETS, new ListOffsetsCodecTest.RequestCodec()));
        sources.add(frames(ApiKey.CREATE_TOPICS, new CreateTopicsCodecTest.RequestCodec()));
        sources.add(frames(ApiKey.DELETE_TOPICS, new DeleteTopicsCodecTest.RequestCodec()));
        sources.add(frames(ApiKey.DELETE_RECORDS, new DeleteRecordsCodecTest.RequestCodec()));
        sources.add(frames(ApiKey.INIT_PRODUCER_ID, new InitProducerIdCodecTest.RequestCodec()));
        sources.add(frames(ApiKey.DESCRIBE_CONFIGS, new DescribeConfigsCodecTest.RequestCodec()));
        sources.add(frames(ApiKey.FIND_COORDINATOR, new FindCoordinatorCodecTest.RequestCodec()));
        sources.add(frames(ApiKey.CREATE_PARTITIONS, new CreatePartitionsCodecTest.RequestCodec()));
        sources.add(frames(ApiKey.HEARTBEAT, new HeartbeatCodecTest.RequestCodec()));
        sources.add(frames(ApiKey.JOIN_GROUP, new JoinGroupCodecTest.RequestCodec()));
        sources.add(frames(ApiKey.SYNC_GROUP, new SyncGroupCodecTest.RequestCodec()));
        sources.add(frames(ApiKey.LEAVE_GROUP, new LeaveGroupCodecTest.RequestCodec()));
        sources.add(frames(ApiKey.OFFSET_COMMIT, new OffsetCommitCodecTest.RequestCodec()));
        sources.add(frames(ApiKey.OFFSET_FETCH, new OffsetFetchCodecTest.RequestCodec()));
        sources.add(frames(ApiKey.LIST_GROUPS, new ListGroupsCodecTest.RequestCodec()));
        sources.add(frames(ApiKey.DESCRIBE_GROUPS, new DescribeGroupsCodecTest.RequestCodec()));
        sources.add(frames(ApiKey.DELETE_GROUPS, new DeleteGroupsCodecTest.RequestCodec()));
        sources.add(frames(ApiKey.OFFSET_DELETE, new OffsetDeleteCodecTest.RequestCodec()));
        assertThat(sources).hasSize(ApiKey.values().length);
        return sources;
    }

    private static byte[] mutate(Random rnd, byte[] frame) {
        byte[] f = frame.clone();
        int ops = 1 + rnd.nextInt(3);
        for (int i = 0; i < ops && f.length > 0; i++) {
            switch (rnd.nextInt(6)) {
                case 0 -> f[rnd.nextInt(f.length)] = (byte) rnd.nextInt();
                case 1 -> f = Arrays.copyOf(f, rnd.nextInt(f.length));
                case 2 -> {
                    if (f.length >= 4) {
                        ByteBuffer.wrap(f).putInt(rnd.nextInt(f.length - 3), HOSTILE_INTS[rnd.nextInt(
                                HOSTILE_INTS.length)]);
                    }
                }
                case 3 -> {
                    if (f.length >= 2) {
                        ByteBuffer.wrap(f).putShort(rnd.nextInt(f.length - 1), HOSTILE_SHORTS[rnd.nextInt(
                                HOSTILE_SHORTS.length)]);
                    }
                }
                case 4 -> {
                    int at = rnd.nextInt(f.length + 1);
                    byte[] ins = new byte[1 + rnd.nextInt(8)];
                    rnd.nextBytes(ins);
                    byte[] g = new byte[f.length + ins.length];
                    System.arraycopy(f, 0, g, 0, at);
                    System.arraycopy(ins, 0, g, at, ins.length);
                    System.arraycopy(f, at, g, at + ins.length, f.length - at);
                    f = g;
                }
                default -> {
                    int at = rnd.nextInt(f.length);
                    int n = Math.min(f.length - at, 1 + rnd.nextInt(8));
                    byte[] g = new byte[f.length - n];
                    System.arraycopy(f, 0, g, 0, at);
                    System.arraycopy(f, at + n, g, at, f.length - at - n);
                    f = g;
                }
            }
        }
        return f;
    }

    private static byte[] randomFrame(Random rnd) {
        byte[] f = new byte[rnd.nextInt(64)];
        rnd.nextBytes(f);
        if (f.length >= 4 && rnd.nextBoolean()) {
            // Past the header check half the time: a real api key and an implemented version.
            ApiKey api = ApiKey.values()[rnd.nextInt(ApiKey.values().length)];
            ByteBuffer.wrap(f).putShort(0, api.id()).putShort(2, (short) (api.lowestImplemented()
                    + rnd.nextInt(api.advertisedMax() - api.lowestImplemented() + 1)));
        }
        return f;
    }

    private void decodeExpectingOnlyTypedFailures(byte[] frame, String where) {
        long before = threads == null ? 0 : threads.getCurrentThreadAllocatedBytes();
        try {
            RequestDecoder.decode(ByteBuffer.wrap(frame));
        } catch (MalformedMessageException | UnsupportedApiVersionException expected) {
            // the only failures allowed at the module boundary
        } catch (Throwable t) {
            fail(where + " frame=" + Arrays.toString(frame) + " threw " + t, t);
        }
        if (threads != null) {
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertThat(allocated).as(where + " allocated bytes for a " + frame.length + "-byte frame")
                    .isLessThan(ALLOCATION_SLACK + ALLOCATION_PER_FRAME_BYTE * frame.length);
        }
    }

    @Test
    void mutatedValidFramesOnlyRaiseTypedExceptions() {
        long seed = KafkaTwoWay.seed();
        Random rnd = new Random(seed);
        List<RandomFrame> sources = validFrameSources();
        for (int i = 0; i < 20_000; i++) {
            byte[] valid = sources.get(rnd.nextInt(sources.size())).make(rnd);
            String where = "seed=" + seed + " (-Dbrook.seed) iteration=" + i;
            if (i % 10 == 0) {
                // The unmutated frame must decode.
                RequestDecoder.decode(ByteBuffer.wrap(valid));
            }
            decodeExpectingOnlyTypedFailures(mutate(rnd, valid), where);
        }
    }

    @Test
    void randomFramesOnlyRaiseTypedExceptions() {
        long seed = KafkaTwoWay.seed();
        Random rnd = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            decodeExpectingOnlyTypedFailures(randomFrame(rnd), "seed=" + seed + " (-Dbrook.seed) iteration=" + i);
        }
    }

    @Test
    void hugeCountsBehindATinyFrameAreMalformed() {
        for (ApiKey api : ApiKey.values()) {
            for (short v = api.lowestImplemented(); v <= api.advertisedMax(); v++) {
                for (int hostile : HOSTILE_INTS) {
                    WireWriter w = new WireWriter();
                    new RequestHeader(api.id(), v, 1, "c").write(w);
                    for (int k = 0; k < 8; k++) {
                        w.writeInt32(hostile);
                    }
                    ByteBuffer b = w.toEncodedMessage().toByteBuffer();
                    byte[] frame = new byte[b.remaining()];
                    b.get(frame);
                    decodeExpectingOnlyTypedFailures(frame, api + " v" + v + " filled with " + hostile);
                }
            }
        }
    }
}
