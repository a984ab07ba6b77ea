package dev.brook.protocol.message;

import static dev.brook.protocol.testing.RandomValues.int16;
import static dev.brook.protocol.testing.RandomValues.int32;
import static dev.brook.protocol.testing.RandomValues.list;
import static dev.brook.protocol.testing.RandomValues.string;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.protocol.testing.KafkaTwoWay;
import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.protocol.Readable;
import org.junit.jupiter.api.Test;

public class ApiVersionsCodecTest {

    public static final class RequestCodec implements KafkaTwoWay.Codec<ApiVersionsRequest, ApiVersionsRequestData> {
        @Override
        public ApiVersionsRequest random(Random rnd, short v) {
            return v >= 3 ? new ApiVersionsRequest(string(rnd), string(rnd)) : new ApiVersionsRequest("", "");
        }

        @Override
        public void write(ApiVersionsRequest m, WireWriter w, short v) {
            m.write(w, v);
        }

        @Override
        public ApiVersionsRequest read(WireReader r, short v) {
            return ApiVersionsRequest.read(r, v);
        }

        @Override
        public ApiVersionsRequestData kafkaRead(Readable readable, short v) {
            return new ApiVersionsRequestData(readable, v);
        }

        @Override
        public ApiVersionsRequestData toKafka(ApiVersionsRequest m, short v) {
            return new ApiVersionsRequestData().setClientSoftwareName(m.clientSoftwareName())
                    .setClientSoftwareVersion(m.clientSoftwareVersion());
        }

        @Override
        public ApiVersionsRequest fromKafka(ApiVersionsRequestData k, short v) {
            return new ApiVersionsRequest(k.clientSoftwareName(), k.clientSoftwareVersion());
        }
    }

    static final class ResponseCodec implements KafkaTwoWay.Codec<ApiVersionsResponse, ApiVersionsResponseData> {
        @Override
        public ApiVersionsResponse random(Random rnd, short v) {
            return new ApiVersionsResponse(int16(rnd),
                    list(rnd, 6, r -> new ApiVersionsResponse.ApiVersion(int16(r), int16(r), int16(r))),
                    v >= 1 ? int32(rnd) : 0);
        }

        @Override
        public void write(ApiVersionsResponse m, WireWriter w, short v) {
            m.write(w, v);
        }

        @Override
        public ApiVersionsResponse read(WireReader r, short v) {
            return ApiVersionsResponse.read(r, v);
        }

        @Override
        public ApiVersionsResponseData kafkaRead(Readable readable, short v) {
            return new ApiVersionsResponseData(readable, v);
        }

        @Override
        public ApiVersionsResponseData toKafka(ApiVersionsResponse m, short v) {
            ApiVersionsResponseData.ApiVersionCollection keys = new ApiVersionsResponseData.ApiVersionCollection();
            for (ApiVersionsResponse.ApiVersion av : m.apiKeys()) {
                keys.mustAdd(new ApiVersionsResponseData.ApiVersion().setApiKey(av.apiKey())
                        .setMinVersion(av.minVersion()).setMaxVersion(av.maxVersion()));
            }
            return new ApiVersionsResponseData().setErrorCode(m.errorCode()).setApiKeys(keys)
                    .setThrottleTimeMs(m.throttleTimeMs());
        }

        @Override
        public ApiVersionsResponse fromKafka(ApiVersionsResponseData k, short v) {
            List<ApiVersionsResponse.ApiVersion> keys = new ArrayList<>();
            for (ApiVersionsResponseData.ApiVersion av : k.apiKeys()) {
                keys.add(new ApiVersionsResponse.ApiVersion(av.apiKey(), av.minVersion(), av.maxVersion()));
            }
            return new ApiVersionsResponse(k.errorCode(), keys, k.throttleTimeMs());
        }
    }

    @Test
    void softwareNameAndVersionValidationMatchesKafka() {
        long seed = KafkaTwoWay.seed();
        Random rnd = new Random(seed);
        String[] samples = {"apache-kafka-java", "4.4.0", "librdkafka", "2.0.2", "", "-x", "x-", "a", "a.b-c",
            "a b", "é", "x.", "1"};
        for (int i = 0; i < 500; i++) {
            String name = rnd.nextBoolean() ? samples[rnd.nextInt(samples.length)] : string(rnd);
            String version = rnd.nextBoolean() ? samples[rnd.nextInt(samples.length)] : string(rnd);
            for (short v = 0; v <= 4; v++) {
                boolean kafka = new org.apache.kafka.common.requests.ApiVersionsRequest(
                        new ApiVersionsRequestData().setClientSoftwareName(name).setClientSoftwareVersion(version),
                        v).isValid();
                assertThat(new ApiVersionsRequest(name, version).isValid(v))
                        .as("seed=" + seed + " name=" + name + " version=" + version + " v" + v).isEqualTo(kafka);
            }
        }
    }

    @Test
    void requestMatchesKafkaBothWaysInEveryVersion() {
        KafkaTwoWay.check(new RequestCodec(), 0, 4, 200);
    }

    @Test
    void responseMatchesKafkaBothWaysInEveryVersion() {
        KafkaTwoWay.check(new ResponseCodec(), 0, 4, 200);
    }
}
