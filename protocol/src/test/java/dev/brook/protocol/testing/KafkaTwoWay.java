package dev.brook.protocol.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.protocol.wire.ByteBufferRecords;
import dev.brook.protocol.wire.EncodedMessage;
import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Random;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.protocol.Readable;

/**
 * The one harness every codec test uses: checks a Brook message type against Kafka's generated {@code *Data} class
 * in both directions, for every version given, with seeded random values.
 *
 * <p>For each iteration and version it generates a random Brook message (only fields present in that version set),
 * then checks:
 * <ol>
 *   <li>Brook write → Kafka read: the Kafka object, converted back field by field, equals the original, and Kafka
 *       consumed every byte;</li>
 *   <li>Kafka write (of the converted message) → Brook read: equals the original, and Brook consumed every byte;</li>
 *   <li>both writers produce identical bytes.</li>
 * </ol>
 * The seed comes from {@code -Dbrook.seed} or the clock and is in every failure message, including exceptions
 * thrown by a codec or by Kafka's classes (rethrown as an {@link AssertionError} carrying the seed).
 */
public final class KafkaTwoWay {
    private KafkaTwoWay() {
    }

    /**
     * Everything the harness needs to know about one message type.
     *
     * @param <B> the Brook record
     * @param <K> the Kafka generated data class
     */
    public interface Codec<B, K extends ApiMessage> {
        /** @return a random message with exactly the fields of {@code version} set (others at their defaults) */
        B random(Random rnd, short version);

        /** Brook's writer. */
        void write(B message, WireWriter w, short version);

        /** Brook's reader. */
        B read(WireReader r, short version);

        /** Kafka's reader, e.g. {@code MetadataRequestData::new}. */
        K kafkaRead(Readable readable, short version);

        /** Builds the equivalent Kafka object, setting only the fields of {@code version}. */
        K toKafka(B message, short version);

        /** Converts a Kafka object back, field by field, reading only the fields of {@code version}. */
        B fromKafka(K message, short version);
    }

    /** @return the seed for this run: {@code -Dbrook.seed} or the clock */
    public static long seed() {
        return Long.getLong("brook.seed", System.nanoTime());
    }

    /**
     * Runs the two-way check.
     *
     * @param <B>        the Brook record
     * @param <K>        the Kafka data class
     * @param codec      the message type
     * @param minVersion lowest version checked
     * @param maxVersion highest version checked
     * @param iterations random messages per version
     */
    public static <B, K extends ApiMessage> void check(Codec<B, K> codec, int minVersion, int maxVersion,
                                                       int iterations) {
        long seed = seed();
        Random rnd = new Random(seed);
        for (short v = (short) minVersion; v <= maxVersion; v++) {
            for (int i = 0; i < iterations; i++) {
                String where = "seed=" + seed + " (-Dbrook.seed) version=" + v + " iteration=" + i;
                try {
                    checkOnce(codec, rnd, v, where);
                } catch (RuntimeException | Error e) {
                    // Assertions below already name the seed; anything else thrown by a codec or by Kafka's
                    // classes (a writer rejecting a value, a reader overrunning) must too, to be replayable.
                    if (e instanceof AssertionError && String.valueOf(e.getMessage()).contains(where)) {
                        throw e;
                    }
                    throw new AssertionError(where + ": " + e, e);
                }
            }
        }
    }

    private static <B, K extends ApiMessage> void checkOnce(Codec<B, K> codec, Random rnd, short v, String where) {
        B original = codec.random(rnd, v);

        ByteBuffer brookBytes = brookBytes(codec, original, v);
        K kafka = codec.kafkaRead(new ByteBufferAccessor(brookBytes.duplicate()), v);
        ByteBuffer consumedCheck = brookBytes.duplicate();
        codec.kafkaRead(new ByteBufferAccessor(consumedCheck), v);
        assertThat(consumedCheck.remaining()).as("Kafka left bytes unread, " + where).isZero();
        assertFieldByField(codec.fromKafka(kafka, v), original, "Brook write -> Kafka read, " + where);

        K converted = codec.toKafka(original, v);
        ByteBuffer kafkaBytes = kafkaBytes(converted, v);
        WireReader r = new WireReader(kafkaBytes.duplicate());
        B read = codec.read(r, v);
        assertThat(r.remaining()).as("Brook left bytes unread, " + where).isZero();
        assertFieldByField(read, original, "Kafka write -> Brook read, " + where);
        assertThat(codec.toKafka(read, v)).as("Kafka view of Brook read, " + where).isEqualTo(converted);

        assertThat(brookBytes).as("Brook and Kafka bytes differ, " + where).isEqualTo(kafkaBytes);
    }

    /**
     * Record equality first (fast); on a mismatch AssertJ's recursive comparison names the differing fields.
     */
    private static void assertFieldByField(Object actual, Object expected, String where) {
        if (!Objects.equals(actual, expected)) {
            assertThat(actual).as(where).usingRecursiveComparison()
                    .withEqualsForType(Object::equals, ByteBufferRecords.class).isEqualTo(expected);
            assertThat(actual).as(where).isEqualTo(expected);
        }
    }

    /**
     * @return what Brook writes for {@code message} at {@code version}, as one buffer
     */
    public static <B> ByteBuffer brookBytes(Codec<B, ?> codec, B message, short version) {
        WireWriter w = new WireWriter();
        codec.write(message, w, version);
        EncodedMessage m = w.toEncodedMessage();
        return m.toByteBuffer();
    }

    /**
     * @param message a Kafka message
     * @param version the version to write
     * @return Kafka's serialization
     */
    public static ByteBuffer kafkaBytes(ApiMessage message, short version) {
        ObjectSerializationCache cache = new ObjectSerializationCache();
        int size = message.size(cache, version);
        ByteBuffer buf = ByteBuffer.allocate(size);
        message.write(new ByteBufferAccessor(buf), cache, version);
        return buf.flip();
    }
}
