package dev.brook.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.protocol.testing.KafkaTwoWay;
import dev.brook.protocol.wire.WireReader;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.Set;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.junit.jupiter.api.Test;

/**
 * RequestDecoder and ResponseEncoder dispatch for the admin, coordinator and consumer-group APIs: every implemented
 * version of each reaches its own codec, with the header versions Kafka uses. Field values are covered by the per-API
 * codec tests.
 */
class AdminApisDispatchTest {
    private static final Set<ApiKey> APIS = EnumSet.of(ApiKey.CREATE_TOPICS, ApiKey.DELETE_TOPICS,
            ApiKey.DELETE_RECORDS, ApiKey.INIT_PRODUCER_ID, ApiKey.DESCRIBE_CONFIGS, ApiKey.FIND_COORDINATOR,
            ApiKey.CREATE_PARTITIONS,
            // Consumer groups, one per line.
            ApiKey.HEARTBEAT,
            ApiKey.JOIN_GROUP,
            ApiKey.SYNC_GROUP,
            ApiKey.LEAVE_GROUP,
            ApiKey.OFFSET_COMMIT,
            ApiKey.OFFSET_FETCH,
            ApiKey.LIST_GROUPS,
            ApiKey.DESCRIBE_GROUPS,
            ApiKey.DELETE_GROUPS,
            ApiKey.OFFSET_DELETE);

    @Test
    void kafkaRequestFramesDecodeToTheApisOwnRequestRecord() {
        for (ApiKey api : APIS) {
            ApiKeys kafka = ApiKeys.forId(api.id());
            for (short v = api.lowestImplemented(); v <= api.advertisedMax(); v++) {
                short headerVersion = kafka.messageType.requestHeaderVersion(v);
                ByteBuffer header = KafkaTwoWay.kafkaBytes(new RequestHeaderData().setRequestApiKey(api.id())
                        .setRequestApiVersion(v).setCorrelationId(1234).setClientId("admin"), headerVersion);
                ByteBuffer body = KafkaTwoWay.kafkaBytes(kafka.messageType.newRequest(), v);
                ByteBuffer frame = ByteBuffer.allocate(header.remaining() + body.remaining()).put(header)
                        .put(body.duplicate()).flip();

                DecodedRequest d = RequestDecoder.decode(frame);

                assertThat(d.header()).isEqualTo(new RequestHeader(api.id(), v, 1234, "admin"));
                assertThat(d.header().headerVersion()).as(api + " v" + v).isEqualTo(headerVersion);
                assertThat(d.body().getClass().getSimpleName()).as(api + " v" + v)
                        .isEqualTo(api.apiName() + "Request");
                assertThat(d.body()).as(api + " v" + v).isEqualTo(readBrook(api.apiName() + "Request", body, v));
            }
        }
    }

    @Test
    void responsesEncodeWithKafkasHeaderVersionAndBody() {
        for (ApiKey api : APIS) {
            ApiKeys kafka = ApiKeys.forId(api.id());
            for (short v = api.lowestImplemented(); v <= api.advertisedMax(); v++) {
                ApiMessage kafkaBody = kafka.messageType.newResponse();
                ByteBuffer expectedBody = KafkaTwoWay.kafkaBytes(kafkaBody, v);
                Object brookBody = readBrook(api.apiName() + "Response", expectedBody, v);

                ByteBuffer out = ResponseEncoder.encode(new RequestHeader(api.id(), v, -99, "c"), brookBody)
                        .toByteBuffer();

                assertThat(out.getInt()).as(api + " v" + v).isEqualTo(out.remaining());
                ResponseHeaderData header = new ResponseHeaderData(new ByteBufferAccessor(out),
                        kafka.messageType.responseHeaderVersion(v));
                assertThat(header.correlationId()).isEqualTo(-99);
                assertThat(out).as(api + " v" + v).isEqualTo(expectedBody);
            }
        }
    }

    /** Calls {@code dev.brook.protocol.message.<type>.read(WireReader, short)} on a copy of {@code body}. */
    private static Object readBrook(String type, ByteBuffer body, short version) {
        try {
            Method read = Class.forName("dev.brook.protocol.message." + type)
                    .getMethod("read", WireReader.class, short.class);
            WireReader r = new WireReader(body.duplicate());
            Object message = read.invoke(null, r, version);
            assertThat(r.remaining()).as(type + " v" + version + " left bytes unread").isZero();
            return message;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(type, e);
        }
    }
}
