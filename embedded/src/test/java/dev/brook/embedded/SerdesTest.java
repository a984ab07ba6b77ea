package dev.brook.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SerdesTest {
    @Test
    void stringsAreUtf8() {
        String text = "grüße €";
        assertThat(Serdes.string().serialize(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
        assertThat(Serdes.string().deserialize(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(text);
    }

    @Test
    void bytesPassThrough() {
        byte[] data = {1, 2, 3};
        assertThat(Serdes.bytes().serialize(data)).isSameAs(data);
        assertThat(Serdes.bytes().deserialize(data)).isSameAs(data);
    }
}
