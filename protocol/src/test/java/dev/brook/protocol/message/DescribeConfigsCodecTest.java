package dev.brook.protocol.message;

import static dev.brook.protocol.testing.RandomValues.int16;
import static dev.brook.protocol.testing.RandomValues.int32;
import static dev.brook.protocol.testing.RandomValues.int8;
import static dev.brook.protocol.testing.RandomValues.list;
import static dev.brook.protocol.testing.RandomValues.nullableString;
import static dev.brook.protocol.testing.RandomValues.string;

import dev.brook.protocol.testing.KafkaTwoWay;
import dev.brook.protocol.testing.RandomValues;
import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.DescribeConfigsResponseData;
import org.apache.kafka.common.protocol.Readable;
import org.junit.jupiter.api.Test;

public class DescribeConfigsCodecTest {

    public static final class RequestCodec
            implements KafkaTwoWay.Codec<DescribeConfigsRequest, DescribeConfigsRequestData> {
        @Override
        public DescribeConfigsRequest random(Random rnd, short v) {
            return new DescribeConfigsRequest(list(rnd, 4, r -> new DescribeConfigsRequest.Resource(int8(r),
                    string(r), r.nextInt(4) == 0 ? null : list(r, 4, RandomValues::string))),
                    rnd.nextBoolean(), v >= 3 && rnd.nextBoolean());
        }

        @Override
        public void write(DescribeConfigsRequest m, WireWriter w, short v) {
            m.write(w, v);
        }

        @Override
        public DescribeConfigsRequest read(WireReader r, short v) {
            return DescribeConfigsRequest.read(r, v);
        }

        @Override
        public DescribeConfigsRequestData kafkaRead(Readable readable, short v) {
            return new DescribeConfigsRequestData(readable, v);
        }

        @Override
        public DescribeConfigsRequestData toKafka(DescribeConfigsRequest m, short v) {
            List<DescribeConfigsRequestData.DescribeConfigsResource> resources = new ArrayList<>();
            for (DescribeConfigsRequest.Resource e : m.resources()) {
                resources.add(new DescribeConfigsRequestData.DescribeConfigsResource()
                        .setResourceType(e.resourceType()).setResourceName(e.resourceName())
                        .setConfigurationKeys(e.configurationKeys() == null ? null
                                : new ArrayList<>(e.configurationKeys())));
            }
            DescribeConfigsRequestData k = new DescribeConfigsRequestData().setResources(resources)
                    .setIncludeSynonyms(m.includeSynonyms());
            if (v >= 3) {
                k.setIncludeDocumentation(m.includeDocumentation());
            }
            return k;
        }

        @Override
        public DescribeConfigsRequest fromKafka(DescribeConfigsRequestData k, short v) {
            List<DescribeConfigsRequest.Resource> resources = new ArrayList<>();
            for (DescribeConfigsRequestData.DescribeConfigsResource e : k.resources()) {
                resources.add(new DescribeConfigsRequest.Resource(e.resourceType(), e.resourceName(),
                        e.configurationKeys()));
            }
            return new DescribeConfigsRequest(resources, k.includeSynonyms(), v >= 3 && k.includeDocumentation());
        }
    }

    static final class ResponseCodec
            implements KafkaTwoWay.Codec<DescribeConfigsResponse, DescribeConfigsResponseData> {
        @Override
        public DescribeConfigsResponse random(Random rnd, short v) {
            return new DescribeConfigsResponse(int32(rnd), list(rnd, 3, r -> new DescribeConfigsResponse.Result(
                    int16(r), nullableString(r), int8(r), string(r), list(r, 4, c -> randomConfig(c, v)))));
        }

        private static DescribeConfigsResponse.Config randomConfig(Random r, short v) {
            return new DescribeConfigsResponse.Config(string(r), nullableString(r), r.nextBoolean(), int8(r),
                    r.nextBoolean(),
                    list(r, 3, s -> new DescribeConfigsResponse.Synonym(string(s), nullableString(s), int8(s))),
                    v >= 3 ? int8(r) : 0, v >= 3 ? nullableString(r) : null);
        }

        @Override
        public void write(DescribeConfigsResponse m, WireWriter w, short v) {
            m.write(w, v);
        }

        @Override
        public DescribeConfigsResponse read(WireReader r, short v) {
            return DescribeConfigsResponse.read(r, v);
        }

        @Override
        public DescribeConfigsResponseData kafkaRead(Readable readable, short v) {
            return new DescribeConfigsResponseData(readable, v);
        }

        @Override
        public DescribeConfigsResponseData toKafka(DescribeConfigsResponse m, short v) {
            List<DescribeConfigsResponseData.DescribeConfigsResult> results = new ArrayList<>();
            for (DescribeConfigsResponse.Result e : m.results()) {
                List<DescribeConfigsResponseData.DescribeConfigsResourceResult> configs = new ArrayList<>();
                for (DescribeConfigsResponse.Config c : e.configs()) {
                    List<DescribeConfigsResponseData.DescribeConfigsSynonym> synonyms = new ArrayList<>();
                    for (DescribeConfigsResponse.Synonym s : c.synonyms()) {
                        synonyms.add(new DescribeConfigsResponseData.DescribeConfigsSynonym().setName(s.name())
                                .setValue(s.value()).setSource(s.source()));
                    }
                    DescribeConfigsResponseData.DescribeConfigsResourceResult kc =
                            new DescribeConfigsResponseData.DescribeConfigsResourceResult().setName(c.name())
                                    .setValue(c.value()).setReadOnly(c.readOnly())
                                    .setConfigSource(c.configSource()).setIsSensitive(c.isSensitive())
                                    .setSynonyms(synonyms);
                    if (v >= 3) {
                        kc.setConfigType(c.configType()).setDocumentation(c.documentation());
                    }
                    configs.add(kc);
                }
                results.add(new DescribeConfigsResponseData.DescribeConfigsResult().setErrorCode(e.errorCode())
                        .setErrorMessage(e.errorMessage()).setResourceType(e.resourceType())
                        .setResourceName(e.resourceName()).setConfigs(configs));
            }
            return new DescribeConfigsResponseData().setThrottleTimeMs(m.throttleTimeMs()).setResults(results);
        }

        @Override
        public DescribeConfigsResponse fromKafka(DescribeConfigsResponseData k, short v) {
            List<DescribeConfigsResponse.Result> results = new ArrayList<>();
            for (DescribeConfigsResponseData.DescribeConfigsResult e : k.results()) {
                List<DescribeConfigsResponse.Config> configs = new ArrayList<>();
                for (DescribeConfigsResponseData.DescribeConfigsResourceResult c : e.configs()) {
                    List<DescribeConfigsResponse.Synonym> synonyms = new ArrayList<>();
                    for (DescribeConfigsResponseData.DescribeConfigsSynonym s : c.synonyms()) {
                        synonyms.add(new DescribeConfigsResponse.Synonym(s.name(), s.value(), s.source()));
                    }
                    configs.add(new DescribeConfigsResponse.Config(c.name(), c.value(), c.readOnly(),
                            c.configSource(), c.isSensitive(), synonyms, v >= 3 ? c.configType() : 0,
                            v >= 3 ? c.documentation() : null));
                }
                results.add(new DescribeConfigsResponse.Result(e.errorCode(), e.errorMessage(), e.resourceType(),
                        e.resourceName(), configs));
            }
            return new DescribeConfigsResponse(k.throttleTimeMs(), results);
        }
    }

    @Test
    void requestMatchesKafkaBothWaysInEveryVersion() {
        KafkaTwoWay.check(new RequestCodec(), 1, 3, 200);
    }

    @Test
    void responseMatchesKafkaBothWaysInEveryVersion() {
        KafkaTwoWay.check(new ResponseCodec(), 1, 3, 200);
    }
}
