package dev.brook.protocol;

import dev.brook.protocol.message.ApiVersionsRequest;
import dev.brook.protocol.message.CreatePartitionsRequest;
import dev.brook.protocol.message.CreateTopicsRequest;
import dev.brook.protocol.message.DeleteGroupsRequest;
import dev.brook.protocol.message.DeleteRecordsRequest;
import dev.brook.protocol.message.DeleteTopicsRequest;
import dev.brook.protocol.message.DescribeConfigsRequest;
import dev.brook.protocol.message.DescribeGroupsRequest;
import dev.brook.protocol.message.FetchRequest;
import dev.brook.protocol.message.FindCoordinatorRequest;
import dev.brook.protocol.message.HeartbeatRequest;
import dev.brook.protocol.message.InitProducerIdRequest;
import dev.brook.protocol.message.JoinGroupRequest;
import dev.brook.protocol.message.LeaveGroupRequest;
import dev.brook.protocol.message.ListGroupsRequest;
import dev.brook.protocol.message.ListOffsetsRequest;
import dev.brook.protocol.message.MetadataRequest;
import dev.brook.protocol.message.OffsetCommitRequest;
import dev.brook.protocol.message.OffsetDeleteRequest;
import dev.brook.protocol.message.OffsetFetchRequest;
import dev.brook.protocol.message.ProduceRequest;
import dev.brook.protocol.message.SyncGroupRequest;
import dev.brook.protocol.wire.MalformedMessageException;
import dev.brook.protocol.wire.WireReader;
import java.nio.ByteBuffer;

/**
 * Turns one request frame (without its int32 size prefix) into a {@link DecodedRequest}. Trailing bytes after the body
 * are ignored, as Kafka does. Record batches in the body are zero-copy slices of the frame, so the frame buffer must
 * stay untouched while the request is being handled.
 */
public final class RequestDecoder {
    private RequestDecoder() {
    }

    /**
     * @param frame the request bytes from position to limit, without the size prefix; its position is not changed
     * @return the header and body
     * @throws UnsupportedApiVersionException if the api key is not implemented or the version is outside
     *                                        {@link ApiKey#isImplemented(short)}
     * @throws MalformedMessageException      if the frame cannot be parsed
     */
    public static DecodedRequest decode(ByteBuffer frame) {
        WireReader r = new WireReader(frame);
        RequestHeader header = RequestHeader.readFixedPart(r);
        ApiKey api = header.api();
        short v = header.apiVersion();
        if (api == null || !api.isImplemented(v)) {
            throw new UnsupportedApiVersionException(header);
        }
        if (header.headerVersion() >= 2) {
            r.readTaggedFields();
        }
        // One line per API, so branches adding APIs merge without conflicts.
        Object body = switch (api) {
            case API_VERSIONS -> ApiVersionsRequest.read(r, v);
            case METADATA -> MetadataRequest.read(r, v);
            case PRODUCE -> ProduceRequest.read(r, v);
            case FETCH -> FetchRequest.read(r, v);
            case LIST_OFFSETS -> ListOffsetsRequest.read(r, v);
            case CREATE_TOPICS -> CreateTopicsRequest.read(r, v);
            case DELETE_TOPICS -> DeleteTopicsRequest.read(r, v);
            case DELETE_RECORDS -> DeleteRecordsRequest.read(r, v);
            case INIT_PRODUCER_ID -> InitProducerIdRequest.read(r, v);
            case DESCRIBE_CONFIGS -> DescribeConfigsRequest.read(r, v);
            case FIND_COORDINATOR -> FindCoordinatorRequest.read(r, v);
            case CREATE_PARTITIONS -> CreatePartitionsRequest.read(r, v);
            case HEARTBEAT -> HeartbeatRequest.read(r, v);
            case JOIN_GROUP -> JoinGroupRequest.read(r, v);
            case SYNC_GROUP -> SyncGroupRequest.read(r, v);
            case LEAVE_GROUP -> LeaveGroupRequest.read(r, v);
            case OFFSET_COMMIT -> OffsetCommitRequest.read(r, v);
            case OFFSET_FETCH -> OffsetFetchRequest.read(r, v);
            case LIST_GROUPS -> ListGroupsRequest.read(r, v);
            case DESCRIBE_GROUPS -> DescribeGroupsRequest.read(r, v);
            case DELETE_GROUPS -> DeleteGroupsRequest.read(r, v);
            case OFFSET_DELETE -> OffsetDeleteRequest.read(r, v);
        };
        return new DecodedRequest(header, body);
    }
}
