package dev.brook.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Random;
import org.apache.kafka.common.utils.ByteUtils;
import org.junit.jupiter.api.Test;

class WireReaderTest {

    private static WireReader reader(byte... bytes) {
        return new WireReader(ByteBuffer.wrap(bytes));
    }

    @Test
    void varintsMatchKafkaByteUtils() {
        long seed = Long.getLong("brook.seed", System.nanoTime());
        Random rnd = new Random(seed);
        for (int i = 0; i < 5000; i++) {
            int vi = i < 4 ? new int[] {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE}[i] : rnd.nextInt() >> rnd.nextInt(32);
            long vl = rnd.nextLong() >> rnd.nextInt(64);
            ByteBuffer k = ByteBuffer.allocate(40);
            ByteUtils.writeUnsignedVarint(vi, k);
            ByteUtils.writeVarint(vi, k);
            ByteUtils.writeVarlong(vl, k);
            k.flip();
            WireWriter w = new WireWriter();
            w.writeUnsignedVarint(vi);
            w.writeVarint(vi);
            w.writeVarlong(vl);
            ByteBuffer ours = w.toEncodedMessage().toByteBuffer();
            assertThat(ours).as("seed=" + seed + " i=" + i).isEqualTo(k);
            WireReader r = new WireReader(ours);
            assertThat(r.readUnsignedVarint("u")).as("seed=" + seed).isEqualTo(vi);
            assertThat(r.readVarint("v")).as("seed=" + seed).isEqualTo(vi);
            assertThat(r.readVarlong("l")).as("seed=" + seed).isEqualTo(vl);
        }
    }

    @Test
    void hostileLengthsAreMalformedNotAllocations() {
        // int32 array count of 2^31-1 with nothing behind it
        assertThatThrownBy(() -> reader((byte) 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff)
                .readArray("topics", false, r -> r.readInt32("x")))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("topics");
        assertThatThrownBy(() -> reader((byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xfe).readBytes("key"))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("key");
        assertThatThrownBy(() -> reader((byte) 0x7f, (byte) 0xff).readString("name"))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> reader((byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0x0f)
                .readCompactString("cs")).isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> reader((byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 1)
                .readUnsignedVarint("uv")).isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> reader((byte) 0x00, (byte) 0x00, (byte) 0x7f, (byte) 0xff)
                .readRecords("records", false)).isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> reader((byte) 0x00).readInt32("short")).isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> reader((byte) 0xff, (byte) 0xff).readString("nonnull"))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("null");
        // tagged field whose size runs past the end
        assertThatThrownBy(() -> reader((byte) 1, (byte) 0, (byte) 0x7f).readTaggedFields())
                .isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void recordsAreAZeroCopySliceAndTaggedFieldsAreSkipped() {
        byte[] frame = {0, 0, 0, 3, 10, 20, 30, 2, 0, 1, 9, 5, 2, 7, 7, 42};
        WireReader r = new WireReader(ByteBuffer.wrap(frame));
        ByteBufferRecords records = r.readRecords("records", false);
        assertThat(records.sizeInBytes()).isEqualTo(3);
        frame[5] = 21;
        assertThat(records.buffer().get(1)).isEqualTo((byte) 21);
        r.readTaggedFields();
        assertThat(r.readInt8("after")).isEqualTo((byte) 42);
    }

    @Test
    void writerPassesRecordsThroughAsTheirOwnChunk() {
        WireWriter w = new WireWriter();
        w.writeInt16((short) 1);
        ByteBufferRecords rec = new ByteBufferRecords(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        w.writeRecords(rec, false);
        w.writeInt8((byte) 9);
        EncodedMessage m = w.toEncodedMessage();
        assertThat(m.sizeInBytes()).isEqualTo(2 + 4 + 3 + 1);
        assertThat(m.chunks()).hasSize(3);
        assertThat(((EncodedMessage.Records) m.chunks().get(1)).payload()).isSameAs(rec);
        assertThat(m.toByteBuffer()).isEqualTo(ByteBuffer.wrap(new byte[] {0, 1, 0, 0, 0, 3, 1, 2, 3, 9}));
    }
}
