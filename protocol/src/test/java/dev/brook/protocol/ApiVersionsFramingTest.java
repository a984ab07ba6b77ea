package dev.brook.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.protocol.message.ApiVersionsRequest;
import dev.brook.protocol.message.ApiVersionsResponse;
import dev.brook.protocol.testing.KafkaTwoWay;
import java.nio.ByteBuffer;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

/** Headers, RequestDecoder and ResponseEncoder exercised with ApiVersions, including the KIP-511 special case. */
class ApiVersionsFramingTest {

    static ByteBuffer kafkaFrame(short apiKey, short version, int correlationId, String clientId,
                                 org.apache.kafka.common.protocol.ApiMessage body, short headerVersion) {
        ByteBuffer header = KafkaTwoWay.kafkaBytes(new RequestHeaderData().setRequestApiKey(apiKey)
                .setRequestApiVersion(version).setCorrelationId(correlationId).setClientId(clientId), headerVersion);
        ByteBuffer b = body == null ? ByteBuffer.allocate(0) : KafkaTwoWay.kafkaBytes(body, version);
        return ByteBuffer.allocate(header.remaining() + b.remaining()).put(header).put(b).flip();
    }

    @Test
    void decodesKafkaApiVersionsV3RequestWithHeaderV2() {
        ByteBuffer frame = kafkaFrame((short) 18, (short) 3, 42, "client-1", new ApiVersionsRequestData()
                .setClientSoftwareName("librdkafka").setClientSoftwareVersion("2.0.2"), (short) 2);
        DecodedRequest d = RequestDecoder.decode(frame);
        assertThat(d.header()).isEqualTo(new RequestHeader((short) 18, (short) 3, 42, "client-1"));
        assertThat(d.header().headerVersion()).isEqualTo((short) 2);
        assertThat(d.body()).isEqualTo(new ApiVersionsRequest("librdkafka", "2.0.2"));
        assertThat(frame.position()).isZero();
    }

    @Test
    void decodesApiVersionsV0WithNullClientId() {
        ByteBuffer frame = kafkaFrame((short) 18, (short) 0, -7, null, new ApiVersionsRequestData(), (short) 1);
        DecodedRequest d = RequestDecoder.decode(frame);
        assertThat(d.header()).isEqualTo(new RequestHeader((short) 18, (short) 0, -7, null));
        assertThat(d.body()).isEqualTo(new ApiVersionsRequest("", ""));
    }

    @Test
    void unsupportedApiVersionsVersionCarriesTheHeader() {
        // Java 4.4.0 sends ApiVersions v5 first; the body layout is unknown to us, only the header matters.
        ByteBuffer frame = kafkaFrame((short) 18, (short) 4, 2147483640, "java", new ApiVersionsRequestData()
                .setClientSoftwareName("apache-kafka-java").setClientSoftwareVersion("4.4.0"), (short) 2);
        frame.putShort(2, (short) 5);
        assertThatThrownBy(() -> RequestDecoder.decode(frame))
                .isInstanceOfSatisfying(UnsupportedApiVersionException.class, e -> assertThat(e.header())
                        .isEqualTo(new RequestHeader((short) 18, (short) 5, 2147483640, "java")));
    }

    @Test
    void unknownApiKeyIsUnsupported() {
        ByteBuffer frame = kafkaFrame((short) 18, (short) 0, 1, "c", null, (short) 1);
        frame.putShort(0, (short) 99);
        assertThatThrownBy(() -> RequestDecoder.decode(frame)).isInstanceOf(UnsupportedApiVersionException.class);
    }

    @Test
    void encodesFlexibleApiVersionsResponseWithHeaderV0() {
        RequestHeader req = new RequestHeader((short) 18, (short) 3, 77, "c");
        ByteBuffer out = ResponseEncoder.encode(req, ApiVersionsResponse.advertised()).toByteBuffer();
        assertThat(out.getInt()).isEqualTo(out.remaining());
        ByteBufferAccessor acc = new ByteBufferAccessor(out);
        assertThat(new ResponseHeaderData(acc, (short) 0).correlationId()).isEqualTo(77);
        ApiVersionsResponseData body = new ApiVersionsResponseData(acc, (short) 3);
        assertThat(out.remaining()).isZero();
        assertThat(body.errorCode()).isZero();
        for (ApiKey k : ApiKey.values()) {
            ApiVersionsResponseData.ApiVersion av = body.apiKeys().find(k.id());
            assertThat(av.minVersion()).isEqualTo(k.advertisedMin());
            assertThat(av.maxVersion()).isEqualTo(k.advertisedMax());
        }
        assertThat(body.apiKeys()).hasSize(ApiKey.values().length);
    }

    @Test
    void unsupportedVersionAnswerIsAV0BodyWithOnlyApiVersionsRange() {
        RequestHeader req = new RequestHeader((short) 18, (short) 5, 9, "java");
        ByteBuffer out = ResponseEncoder.encode(req, ApiVersionsResponse.unsupportedVersion()).toByteBuffer();
        assertThat(out.getInt()).isEqualTo(out.remaining());
        ByteBufferAccessor acc = new ByteBufferAccessor(out);
        assertThat(new ResponseHeaderData(acc, (short) 0).correlationId()).isEqualTo(9);
        ApiVersionsResponseData body = new ApiVersionsResponseData(acc, (short) 0);
        assertThat(out.remaining()).isZero();
        assertThat(body.errorCode()).isEqualTo(Errors.UNSUPPORTED_VERSION.code());
        assertThat(body.apiKeys()).hasSize(1);
        ApiVersionsResponseData.ApiVersion av = body.apiKeys().find(ApiKeys.API_VERSIONS.id);
        assertThat(av.minVersion()).isEqualTo((short) 0);
        assertThat(av.maxVersion()).isEqualTo((short) 4);
    }

    @Test
    void rejectsWrongBodyType() {
        RequestHeader req = new RequestHeader((short) 18, (short) 3, 1, "c");
        assertThatThrownBy(() -> ResponseEncoder.encode(req, "nope")).isInstanceOf(IllegalArgumentException.class);
    }
}
