package dev.brook.broker.api;

import dev.brook.protocol.ApiKey;
import dev.brook.protocol.ErrorCode;
import dev.brook.protocol.message.ApiVersionsResponse;
import dev.brook.protocol.message.ApiVersionsResponse.ApiVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * ApiVersions: the APIs this broker serves and their version ranges. Only APIs with a handler are listed, so a
 * client never picks an API the broker would refuse (the group APIs appear with the consumer-groups work).
 */
final class ApiVersionsHandler {
    private final ApiVersionsResponse response;
    private final ApiVersionsResponse unsupported;

    ApiVersionsHandler(Set<ApiKey> served) {
        List<ApiVersion> keys = new ArrayList<>();
        for (ApiKey k : ApiKey.values()) {
            if (served.contains(k)) {
                keys.add(new ApiVersion(k.id(), k.advertisedMin(), k.advertisedMax()));
            }
        }
        this.response = new ApiVersionsResponse(ErrorCode.NONE.code(), keys, 0);
        // Only ApiVersions' own range, as Kafka answers (ApiVersionsRequest.getErrorResponse): the client retries
        // with its max and learns the full list from that answer.
        this.unsupported = ApiVersionsResponse.unsupportedVersion();
    }

    ApiVersionsResponse handle() {
        return response;
    }

    /** KIP-511: an unknown ApiVersions version is answered in v0 with the error and ApiVersions' own range. */
    ApiVersionsResponse unsupportedVersion() {
        return unsupported;
    }
}
