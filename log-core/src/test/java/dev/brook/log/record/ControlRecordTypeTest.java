package dev.brook.log.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class ControlRecordTypeTest {
    @Test
    void idsMatchKafka() {
        assertThat(ControlRecordType.ABORT.id()).isEqualTo((short) 0);
        assertThat(ControlRecordType.COMMIT.id()).isEqualTo((short) 1);
        assertThat(ControlRecordType.LEADER_CHANGE.id()).isEqualTo((short) 2);
        assertThat(ControlRecordType.SNAPSHOT_HEADER.id()).isEqualTo((short) 3);
        assertThat(ControlRecordType.SNAPSHOT_FOOTER.id()).isEqualTo((short) 4);
        assertThat(ControlRecordType.KRAFT_VERSION.id()).isEqualTo((short) 5);
        assertThat(ControlRecordType.KRAFT_VOTERS.id()).isEqualTo((short) 6);
        assertThat(ControlRecordType.forId((short) 77)).isEqualTo(ControlRecordType.UNKNOWN);
        assertThat(ControlRecordType.forId((short) -1)).isEqualTo(ControlRecordType.UNKNOWN);
    }

    @Test
    void keysRoundTrip() {
        for (ControlRecordType type : ControlRecordType.values()) {
            if (type != ControlRecordType.UNKNOWN) {
                ByteBuffer key = type.encodeKey();
                assertThat(key.remaining()).isEqualTo(ControlRecordType.KEY_SIZE);
                assertThat(ControlRecordType.parseKey(key)).isEqualTo(type);
                assertThat(key.position()).isZero();
            }
        }
        assertThatThrownBy(ControlRecordType.UNKNOWN::encodeKey).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysAreBigEndianWhateverTheBufferOrder() {
        ByteBuffer key = ControlRecordType.LEADER_CHANGE.encodeKey().order(ByteOrder.LITTLE_ENDIAN);
        assertThat(ControlRecordType.parseKey(key)).isEqualTo(ControlRecordType.LEADER_CHANGE);
    }

    @Test
    void malformedKeysAreCorrupt() {
        assertThatThrownBy(() -> ControlRecordType.parseKey(null)).isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("null key");
        assertThatThrownBy(() -> ControlRecordType.parseKey(ByteBuffer.allocate(3)))
                .isInstanceOf(CorruptRecordException.class).hasMessageContaining("3 bytes");
        assertThatThrownBy(() -> ControlRecordType.parseKey(ByteBuffer.allocate(4).putShort(0, (short) -1)))
                .isInstanceOf(CorruptRecordException.class).hasMessageContaining("negative version");
        assertThatThrownBy(() -> ControlRecordType.parseKey(ByteBuffer.allocate(6)))
                .isInstanceOf(CorruptRecordException.class).hasMessageContaining("expected exactly 4");
    }

    @Test
    void laterKeyVersionsMayCarryMoreFieldsAndUnknownTypesParse() {
        ByteBuffer v1 = ByteBuffer.allocate(8).putShort((short) 1).putShort((short) 1).putInt(0).flip();
        assertThat(ControlRecordType.parseKey(v1)).isEqualTo(ControlRecordType.COMMIT);
        ByteBuffer unknown = ByteBuffer.allocate(4).putShort((short) 0).putShort((short) 99).flip();
        assertThat(ControlRecordType.parseKey(unknown)).isEqualTo(ControlRecordType.UNKNOWN);
    }
}
