package dev.brook.log.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderAndRecordTest {
    @Test
    void headerCopiesItsValueInAndOut() {
        byte[] value = {1, 2, 3};
        Header header = new Header("k", value);
        value[0] = 9;
        assertThat(header.value()).containsExactly(1, 2, 3);
        header.value()[1] = 9;
        assertThat(header.value()).containsExactly(1, 2, 3);
        assertThat(header.valueBuffer().isReadOnly()).isTrue();
        assertThat(header).isEqualTo(new Header("k", new byte[] {1, 2, 3}))
                .hasSameHashCodeAs(new Header("k", new byte[] {1, 2, 3}))
                .isNotEqualTo(new Header("k", null));
    }

    @Test
    void headerKeyIsRequiredAndValueMayBeNull() {
        assertThatThrownBy(() -> new Header(null, new byte[0])).isInstanceOf(NullPointerException.class);
        Header header = new Header("k", null);
        assertThat(header.value()).isNull();
        assertThat(header.valueBuffer()).isNull();
    }

    @Test
    void decodedHeaderKeepsTheWireBytesOfItsKey() {
        byte[] notUtf8 = {(byte) 0xC3, (byte) 0x28};
        Header header = Header.decoded(notUtf8, null);
        assertThat(header.key()).contains("\uFFFD");
        assertThat(header.keyBytes()).isEqualTo(notUtf8);
    }

    @Test
    void recordOfCopiesAndIsImmutable() {
        ByteBuffer key = ByteBuffer.wrap(new byte[] {1, 2});
        ByteBuffer value = ByteBuffer.wrap(new byte[] {3, 4, 5}).position(1);
        List<Header> headers = new ArrayList<>(List.of(new Header("h", null)));
        Record record = Record.of(5, 10, key, value, headers);
        key.put(0, (byte) 9);
        headers.clear();
        assertThat(value.position()).isEqualTo(1);
        assertThat(record.key().get(0)).isEqualTo((byte) 1);
        assertThat(record.valueSize()).isEqualTo(2);
        assertThat(record.value().isReadOnly()).isTrue();
        assertThat(record.headers()).hasSize(1);
        assertThatThrownBy(() -> record.headers().clear()).isInstanceOf(UnsupportedOperationException.class);
        record.key().get();
        assertThat(record.key().position()).isZero();
    }

    @Test
    void tombstoneAndNullKey() {
        Record record = Record.of(0, -1, null, null, List.of());
        assertThat(record.isTombstone()).isTrue();
        assertThat(record.hasKey()).isFalse();
        assertThat(record.keySize()).isEqualTo(-1);
        assertThat(record.valueSize()).isEqualTo(-1);
        assertThat(record.key()).isNull();
        assertThat(record.value()).isNull();
        assertThat(record).isEqualTo(Record.of(0, -1, null, null, List.of()));
        assertThat(record.toString()).contains("key=null");
    }
}
