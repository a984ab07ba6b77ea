package dev.brook.protocol.message;

import dev.brook.protocol.ApiKey;
import dev.brook.protocol.ErrorCode;
import dev.brook.protocol.wire.WireReader;
import dev.brook.protocol.wire.WireWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * ApiVersions response (key 18), v0-4; always sent with response header v0. Byte layout of the body:
 * <pre>
 * error_code        int16
 * api_keys          ARRAY (v3+: COMPACT_ARRAY) of
 *   api_key         int16
 *   min_version     int16
 *   max_version     int16
 *   TAG_BUFFER      v3+
 * throttle_time_ms  int32   v1+
 * TAG_BUFFER        v3+ (SupportedFeatures/FinalizedFeatures tags are skipped on read, never written)
 * </pre>
 *
 * @param errorCode      0, or 35 UNSUPPORTED_VERSION (then written as v0, see
 *                       {@link dev.brook.protocol.ResponseEncoder})
 * @param apiKeys        the advertised ranges
 * @param throttleTimeMs always 0 from Brook (clients self-throttle otherwise)
 */
public record ApiVersionsResponse(short errorCode, List<ApiVersion> apiKeys, int throttleTimeMs) {

    /**
     * One advertised API.
     *
     * @param apiKey     the api key
     * @param minVersion lowest version, inclusive
     * @param maxVersion highest version, inclusive
     */
    public record ApiVersion(short apiKey, short minVersion, short maxVersion) {
    }

    /**
     * Copies the lists, so the record is immutable.
     *
     * @param errorCode      0, or 35 UNSUPPORTED_VERSION (then written as v0, see {@link dev.brook.protocol.ResponseEncoder})
     * @param apiKeys        the advertised ranges
     * @param throttleTimeMs always 0 from Brook (clients self-throttle otherwise)
     */
    public ApiVersionsResponse {
        apiKeys = List.copyOf(apiKeys);
    }

    /**
     * @return a successful response advertising every {@link ApiKey} with its advertised range
     */
    public static ApiVersionsResponse advertised() {
        List<ApiVersion> keys = new ArrayList<>();
        for (ApiKey k : ApiKey.values()) {
            keys.add(new ApiVersion(k.id(), k.advertisedMin(), k.advertisedMax()));
        }
        return new ApiVersionsResponse(ErrorCode.NONE.code(), keys, 0);
    }

    /**
     * @return the answer to an ApiVersions request of a version Brook does not support: UNSUPPORTED_VERSION and
     *         only ApiVersions' own range, so the client retries with that range's max (docs/kafka-protocol.md §4)
     */
    public static ApiVersionsResponse unsupportedVersion() {
        ApiKey k = ApiKey.API_VERSIONS;
        return new ApiVersionsResponse(ErrorCode.UNSUPPORTED_VERSION.code(),
                List.of(new ApiVersion(k.id(), k.advertisedMin(), k.advertisedMax())), 0);
    }

    /**
     * @param r       the reader positioned at the body
     * @param version the api version, 0-4
     * @return the response
     */
    public static ApiVersionsResponse read(WireReader r, short version) {
        boolean flexible = version >= 3;
        short errorCode = r.readInt16("error_code");
        List<ApiVersion> keys = r.readArray("api_keys", flexible, e -> {
            ApiVersion av = new ApiVersion(e.readInt16("api_keys.api_key"), e.readInt16("api_keys.min_version"),
                    e.readInt16("api_keys.max_version"));
            if (flexible) {
                e.readTaggedFields();
            }
            return av;
        });
        int throttle = version >= 1 ? r.readInt32("throttle_time_ms") : 0;
        if (flexible) {
            r.readTaggedFields();
        }
        return new ApiVersionsResponse(errorCode, keys, throttle);
    }

    /**
     * @param w       the writer
     * @param version the api version, 0-4
     */
    public void write(WireWriter w, short version) {
        boolean flexible = version >= 3;
        w.writeInt16(errorCode);
        w.writeArray(apiKeys, flexible, (e, av) -> {
            e.writeInt16(av.apiKey());
            e.writeInt16(av.minVersion());
            e.writeInt16(av.maxVersion());
            if (flexible) {
                e.writeTaggedFields();
            }
        });
        if (version >= 1) {
            w.writeInt32(throttleTimeMs);
        }
        if (flexible) {
            w.writeTaggedFields();
        }
    }
}
