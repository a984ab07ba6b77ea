package dev.brook.protocol;

import dev.brook.protocol.message.ApiVersionsResponse;
import dev.brook.protocol.message.CreatePartitionsResponse;
import dev.brook.protocol.message.CreateTopicsResponse;
import dev.brook.protocol.message.DeleteGroupsResponse;
import dev.brook.protocol.message.DeleteRecordsResponse;
import dev.brook.protocol.message.DeleteTopicsResponse;
import dev.brook.protocol.message.DescribeConfigsResponse;
import dev.brook.protocol.message.DescribeGroupsResponse;
import dev.brook.protocol.message.FetchResponse;
import dev.brook.protocol.message.FindCoordinatorResponse;
import dev.brook.protocol.message.HeartbeatResponse;
import dev.brook.protocol.message.InitProducerIdResponse;
import dev.brook.protocol.message.JoinGroupResponse;
import dev.brook.protocol.message.LeaveGroupResponse;
import dev.brook.protocol.message.ListGroupsResponse;
import dev.brook.protocol.message.ListOffsetsResponse;
import dev.brook.protocol.message.MetadataResponse;
import dev.brook.protocol.message.OffsetCommitResponse;
import dev.brook.protocol.message.OffsetDeleteResponse;
import dev.brook.protocol.message.OffsetFetchResponse;
import dev.brook.protocol.message.ProduceResponse;
import dev.brook.protocol.message.SyncGroupResponse;
import dev.brook.protocol.wire.EncodedMessage;
import dev.brook.protocol.wire.WireWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes a response for a request: {@code int32 size} (bytes after itself), the response header at the version
 * the request's api and version call for, then the body at the request's version. Records payloads in the body are
 * passed through as their own chunks (see {@link EncodedMessage}).
 *
 * <p>Special case (docs/kafka-protocol.md §4, KIP-511): an ApiVersions response whose error is UNSUPPORTED_VERSION is
 * written as a v0 body whatever version the request had, since the client asked with a version Brook cannot speak.
 */
public final class ResponseEncoder {
    private ResponseEncoder() {
    }

    /**
     * @param requestHeader the header of the request being answered
     * @param responseBody  the {@code XxxResponse} record for the request's api
     * @return the bytes to send, size prefix included
     * @throws IllegalArgumentException if the api is not implemented or the body is of the wrong type
     */
    public static EncodedMessage encode(RequestHeader requestHeader, Object responseBody) {
        ApiKey api = requestHeader.api();
        if (api == null) {
            throw new IllegalArgumentException("cannot encode a response for api key " + requestHeader.apiKey());
        }
        short v = requestHeader.apiVersion();
        if (responseBody instanceof ApiVersionsResponse avr && avr.errorCode() == ErrorCode.UNSUPPORTED_VERSION.code()) {
            v = 0;
        }
        WireWriter w = new WireWriter();
        new ResponseHeader(requestHeader.correlationId()).write(w, api.responseHeaderVersion(v));
        // One line per API, so branches adding APIs merge without conflicts.
        switch (api) {
            case API_VERSIONS -> as(ApiVersionsResponse.class, api, responseBody).write(w, v);
            case METADATA -> as(MetadataResponse.class, api, responseBody).write(w, v);
            case PRODUCE -> as(ProduceResponse.class, api, responseBody).write(w, v);
            case FETCH -> as(FetchResponse.class, api, responseBody).write(w, v);
            case LIST_OFFSETS -> as(ListOffsetsResponse.class, api, responseBody).write(w, v);
            case CREATE_TOPICS -> as(CreateTopicsResponse.class, api, responseBody).write(w, v);
            case DELETE_TOPICS -> as(DeleteTopicsResponse.class, api, responseBody).write(w, v);
            case DELETE_RECORDS -> as(DeleteRecordsResponse.class, api, responseBody).write(w, v);
            case INIT_PRODUCER_ID -> as(InitProducerIdResponse.class, api, responseBody).write(w, v);
            case DESCRIBE_CONFIGS -> as(DescribeConfigsResponse.class, api, responseBody).write(w, v);
            case FIND_COORDINATOR -> as(FindCoordinatorResponse.class, api, responseBody).write(w, v);
            case CREATE_PARTITIONS -> as(CreatePartitionsResponse.class, api, responseBody).write(w, v);
            case HEARTBEAT -> as(HeartbeatResponse.class, api, responseBody).write(w, v);
            case JOIN_GROUP -> as(JoinGroupResponse.class, api, responseBody).write(w, v);
            case SYNC_GROUP -> as(SyncGroupResponse.class, api, responseBody).write(w, v);
            case LEAVE_GROUP -> as(LeaveGroupResponse.class, api, responseBody).write(w, v);
            case OFFSET_COMMIT -> as(OffsetCommitResponse.class, api, responseBody).write(w, v);
            case OFFSET_FETCH -> as(OffsetFetchResponse.class, api, responseBody).write(w, v);
            case LIST_GROUPS -> as(ListGroupsResponse.class, api, responseBody).write(w, v);
            case DESCRIBE_GROUPS -> as(DescribeGroupsResponse.class, api, responseBody).write(w, v);
            case DELETE_GROUPS -> as(DeleteGroupsResponse.class, api, responseBody).write(w, v);
            case OFFSET_DELETE -> as(OffsetDeleteResponse.class, api, responseBody).write(w, v);
        }
        EncodedMessage body = w.toEncodedMessage();
        ByteBuffer size = ByteBuffer.allocate(4).putInt(0, body.sizeInBytes()).asReadOnlyBuffer();
        List<EncodedMessage.Chunk> chunks = new ArrayList<>(body.chunks().size() + 1);
        chunks.add(new EncodedMessage.Bytes(size));
        chunks.addAll(body.chunks());
        return EncodedMessage.of(chunks);
    }

    private static <T> T as(Class<T> type, ApiKey api, Object body) {
        if (!type.isInstance(body)) {
            throw new IllegalArgumentException(api + " response body must be a " + type.getSimpleName() + ", not "
                    + (body == null ? "null" : body.getClass().getName()));
        }
        return type.cast(body);
    }
}
