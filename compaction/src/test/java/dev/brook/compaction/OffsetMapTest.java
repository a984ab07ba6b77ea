package dev.brook.compaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OffsetMapTest {
    private static ByteBuffer key(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void keepsTheLatestOffsetPerKey() {
        OffsetMap map = new OffsetMap(24 * 100, 0.9);
        assertThat(map.get(key("a"))).isEqualTo(-1);
        assertThat(map.put(key("a"), 0)).isTrue();
        assertThat(map.put(key("b"), 1)).isTrue();
        assertThat(map.put(key("a"), 7)).isTrue();
        assertThat(map.get(key("a"))).isEqualTo(7);
        assertThat(map.get(key("b"))).isEqualTo(1);
        assertThat(map.size()).isEqualTo(2);
    }

    @Test
    void offsetZeroIsAValueNotAnEmptySlot() {
        OffsetMap map = new OffsetMap(24 * 4, 0.75);
        map.put(key("zero"), 0);
        assertThat(map.get(key("zero"))).isZero();
        assertThat(map.size()).isEqualTo(1);
    }

    @Test
    void aFullMapRefusesNewKeysButUpdatesKnownOnes() {
        OffsetMap map = new OffsetMap(24 * 10, 0.5);
        assertThat(map.capacity()).isEqualTo(5);
        for (int i = 0; i < 5; i++) {
            assertThat(map.put(key("k" + i), i)).isTrue();
        }
        assertThat(map.hasRoomFor(1)).isFalse();
        assertThat(map.put(key("new"), 99)).isFalse();
        assertThat(map.get(key("new"))).isEqualTo(-1);
        assertThat(map.size()).isEqualTo(5);
        assertThat(map.put(key("k3"), 100)).isTrue();
        assertThat(map.get(key("k3"))).isEqualTo(100);
    }

    @Test
    void neverFillsEverySlotSoLookupsTerminate() {
        OffsetMap map = new OffsetMap(24 * 3, 1.0);
        assertThat(map.capacity()).isEqualTo(2);
        map.put(key("x"), 1);
        map.put(key("y"), 2);
        assertThat(map.put(key("z"), 3)).isFalse();
        assertThat(map.get(key("absent"))).isEqualTo(-1);
    }

    @Test
    void clearEmptiesTheMap() {
        OffsetMap map = new OffsetMap(24 * 10, 0.9);
        map.put(key("a"), 5);
        map.clear();
        assertThat(map.size()).isZero();
        assertThat(map.get(key("a"))).isEqualTo(-1);
    }

    @Test
    void rejectsAMapWithoutSlots() {
        assertThatThrownBy(() -> new OffsetMap(10, 0.9)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void agreesWithAHashMapUnderRandomPuts() {
        long seed = Long.getLong("brook.seed", System.nanoTime());
        Random random = new Random(seed);
        OffsetMap map = new OffsetMap(24 * 2048, 0.9);
        Map<String, Long> model = new HashMap<>();
        for (long offset = 0; offset < 20_000; offset++) {
            String k = "key-" + random.nextInt(1500);
            boolean stored = map.put(key(k), offset);
            if (model.containsKey(k) || model.size() < map.capacity()) {
                assertThat(stored).as("seed %d", seed).isTrue();
                model.put(k, offset);
            } else {
                assertThat(stored).as("seed %d", seed).isFalse();
            }
        }
        for (Map.Entry<String, Long> entry : model.entrySet()) {
            assertThat(map.get(key(entry.getKey()))).as("seed %d key %s", seed, entry.getKey())
                    .isEqualTo(entry.getValue());
        }
        assertThat(map.size()).as("seed %d", seed).isEqualTo(model.size());
    }
}
