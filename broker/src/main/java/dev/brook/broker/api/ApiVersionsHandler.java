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
        this.unsupported = new ApiVersionsResponse(ErrorCode.UNSUPPORTED_VERSION.code(), keys, 0);
    }

    ApiVersionsResponse handle() {
        return response;
    }

    /** KIP-511: an unknown ApiVersions version is answered in v0 with the error and the broker's ranges. */
    ApiVersionsResponse unsupportedVersion() {
        return unsupported;
    }
}
