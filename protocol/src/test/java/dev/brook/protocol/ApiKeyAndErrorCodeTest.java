package dev.brook.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

/** Our enums against kafka-clients' own tables. */
class ApiKeyAndErrorCodeTest {

    @Test
    void apiKeysMatchKafkaIdsNamesAndHeaderVersions() {
        for (ApiKey k : ApiKey.values()) {
            ApiKeys kafka = ApiKeys.forId(k.id());
            assertThat(kafka.name).as(k.name()).isEqualTo(k.apiName());
            assertThat(kafka.name()).as(k.name()).isEqualTo(k.name());
            assertThat(k.advertisedMin()).isLessThanOrEqualTo(k.lowestImplemented());
            // Every implemented version exists in kafka-clients 4.3.1 except Produce's refused v0-2.
            for (short v = k.lowestImplemented(); v <= k.advertisedMax(); v++) {
                assertThat(kafka.isVersionSupported(v)).as(k + " v" + v).isTrue();
                assertThat(k.requestHeaderVersion(v)).as(k + " v" + v)
                        .isEqualTo(kafka.messageType.requestHeaderVersion(v));
                assertThat(k.responseHeaderVersion(v)).as(k + " v" + v)
                        .isEqualTo(kafka.messageType.responseHeaderVersion(v));
            }
            // The first flexible version is where Kafka's request header turns v2.
            if (kafka.isVersionSupported(k.firstFlexible())) {
                assertThat(kafka.messageType.requestHeaderVersion(k.firstFlexible())).isEqualTo((short) 2);
            }
            short beforeFlexible = (short) (k.firstFlexible() - 1);
            if (kafka.isVersionSupported(beforeFlexible)) {
                assertThat(kafka.messageType.requestHeaderVersion(beforeFlexible)).isEqualTo((short) 1);
            }
        }
        assertThat(ApiKey.forId((short) 99)).isNull();
        assertThat(ApiKey.forId((short) -1)).isNull();
    }

    @Test
    void errorCodesMatchKafkaNamesCodesAndRetriability() {
        for (ErrorCode e : ErrorCode.values()) {
            Errors kafka = Errors.forCode(e.code());
            assertThat(kafka.name()).as("code " + e.code()).isEqualTo(e.name());
            boolean retriable = kafka.exception() instanceof RetriableException;
            assertThat(e.retriable()).as(e.name()).isEqualTo(retriable);
            assertThat(ErrorCode.forCode(e.code())).isSameAs(e);
        }
    }
}
