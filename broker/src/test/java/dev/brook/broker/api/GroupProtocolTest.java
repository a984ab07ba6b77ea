package dev.brook.broker.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.broker.Broker;
import dev.brook.broker.RawKafkaClient;
import dev.brook.broker.TestBrokers;
import dev.brook.protocol.ApiKey;
import dev.brook.protocol.ErrorCode;
import dev.brook.protocol.message.DeleteGroupsRequest;
import dev.brook.protocol.message.DeleteGroupsResponse;
import dev.brook.protocol.message.DescribeGroupsRequest;
import dev.brook.protocol.message.DescribeGroupsResponse;
import dev.brook.protocol.message.FindCoordinatorRequest;
import dev.brook.protocol.message.FindCoordinatorResponse;
import dev.brook.protocol.message.HeartbeatRequest;
import dev.brook.protocol.message.HeartbeatResponse;
import dev.brook.protocol.message.JoinGroupRequest;
import dev.brook.protocol.message.JoinGroupResponse;
import dev.brook.protocol.message.LeaveGroupRequest;
import dev.brook.protocol.message.LeaveGroupResponse;
import dev.brook.protocol.message.ListGroupsRequest;
import dev.brook.protocol.message.ListGroupsResponse;
import dev.brook.protocol.message.MetadataResponse;
import dev.brook.protocol.message.OffsetCommitRequest;
import dev.brook.protocol.message.OffsetCommitResponse;
import dev.brook.protocol.message.OffsetDeleteRequest;
import dev.brook.protocol.message.OffsetDeleteResponse;
import dev.brook.protocol.message.OffsetFetchRequest;
import dev.brook.protocol.message.OffsetFetchResponse;
import dev.brook.protocol.message.SyncGroupRequest;
import dev.brook.protocol.message.SyncGroupResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The group APIs on the wire, version by version, with a raw client: what each version sends and gets, the
 * MEMBER_ID_REQUIRED handshake of JoinGroup v4+, and that a JoinGroup parked on one connection blocks neither
 * other connections nor the broker.
 */
class GroupProtocolTest {
    private static final byte[] ASSIGNMENT = {0, 1, 2, 3};

    @TempDir
    Path dir;

    private static Broker start(Path dir) throws Exception {
        return TestBrokers.start(dir, Map.of("group.initial.rebalance.delay.ms", "0",
                "group.min.session.timeout.ms", "1000"));
    }

    private static JoinGroupResponse join(RawKafkaClient c, short v, String group, String memberId)
            throws IOException {
        JoinGroupRequest req = new JoinGroupRequest(group, 10_000, 20_000, memberId, null, "consumer",
                List.of(new JoinGroupRequest.Protocol("range", new byte[] {9})));
        return c.call(ApiKey.JOIN_GROUP, v, w -> req.write(w, v), JoinGroupResponse::read);
    }

    private static int send(RawKafkaClient c, ApiKey api, short v, java.util.function.Consumer<
            dev.brook.protocol.wire.WireWriter> body) throws IOException {
        int id = c.nextCorrelationId();
        c.send(api, v, id, body);
        return id;
    }

    private static SyncGroupResponse sync(RawKafkaClient c, short v, String group, int generation, String member,
                                          List<SyncGroupRequest.Assignment> assignments) throws IOException {
        SyncGroupRequest req = new SyncGroupRequest(group, generation, member, null, assignments);
        return c.call(ApiKey.SYNC_GROUP, v, w -> req.write(w, v), SyncGroupResponse::read);
    }

    private static short heartbeat(RawKafkaClient c, String group, int generation, String member)
            throws IOException {
        short v = 3;
        HeartbeatRequest req = new HeartbeatRequest(group, generation, member, null);
        return c.call(ApiKey.HEARTBEAT, v, w -> req.write(w, v), HeartbeatResponse::read).errorCode();
    }

    private static DescribeGroupsResponse.DescribedGroup describe(RawKafkaClient c, short v, String group)
            throws IOException {
        DescribeGroupsRequest req = new DescribeGroupsRequest(List.of(group), false);
        return c.call(ApiKey.DESCRIBE_GROUPS, v, w -> req.write(w, v), DescribeGroupsResponse::read).groups().get(0);
    }

    private static OffsetFetchResponse fetchOffsets(RawKafkaClient c, short v, String group,
                                                    List<OffsetFetchRequest.Topic> topics) throws IOException {
        OffsetFetchRequest req = new OffsetFetchRequest(group, topics);
        return c.call(ApiKey.OFFSET_FETCH, v, w -> req.write(w, v), OffsetFetchResponse::read);
    }

    @Test
    void findCoordinatorAnswersThisNodeForGroupsAndNotAvailableForTransactions() throws Exception {
        try (Broker broker = start(dir); RawKafkaClient c = RawKafkaClient.connect(broker)) {
            for (short v = 0; v <= 2; v++) {
                short version = v;
                FindCoordinatorResponse r = c.call(ApiKey.FIND_COORDINATOR, v,
                        w -> new FindCoordinatorRequest("any-group", (byte) 0).write(w, version),
                        FindCoordinatorResponse::read);
                assertThat(r.errorCode()).as("v%d", v).isZero();
                assertThat(r.nodeId()).isEqualTo(1);
                assertThat(r.host() + ":" + r.port()).isEqualTo(broker.bootstrapServers());
            }
            short v = 2;
            FindCoordinatorResponse txn = c.call(ApiKey.FIND_COORDINATOR, v,
                    w -> new FindCoordinatorRequest("txn-id", (byte) 1).write(w, v), FindCoordinatorResponse::read);
            assertThat(txn.errorCode()).isEqualTo(ErrorCode.COORDINATOR_NOT_AVAILABLE.code());
        }
    }

    @Test
    void aMemberJoinsSyncsCommitsFetchesLeavesAndItsEmptyGroupIsDeleted() throws Exception {
        String group = "wire-group";
        try (Broker broker = start(dir); RawKafkaClient c = RawKafkaClient.connect(broker)) {
            broker.partitions().createTopic("wire-topic", 2, 1, Map.of());

            JoinGroupResponse first = join(c, (short) 5, group, "");
            assertThat(first.errorCode()).isEqualTo(ErrorCode.MEMBER_ID_REQUIRED.code());
            assertThat(first.memberId()).isNotEmpty();
            String member = first.memberId();
            JoinGroupResponse joined = join(c, (short) 5, group, member);
            assertThat(joined.errorCode()).isZero();
            assertThat(joined.leader()).isEqualTo(member);
            assertThat(joined.protocolName()).isEqualTo("range");
            assertThat(joined.members()).extracting(JoinGroupResponse.Member::memberId).containsExactly(member);
            int generation = joined.generationId();

            SyncGroupResponse synced = sync(c, (short) 3, group, generation, member,
                    List.of(new SyncGroupRequest.Assignment(member, ASSIGNMENT)));
            assertThat(synced.errorCode()).isZero();
            assertThat(synced.assignment()).containsExactly(ASSIGNMENT);
            assertThat(heartbeat(c, group, generation, member)).isZero();
            assertThat(heartbeat(c, group, generation + 7, member)).isEqualTo(ErrorCode.ILLEGAL_GENERATION.code());

            short cv = 7;
            OffsetCommitRequest commit = new OffsetCommitRequest(group, generation, member, null, -1,
                    List.of(new OffsetCommitRequest.Topic("wire-topic", List.of(
                            new OffsetCommitRequest.Partition(0, 42, -1, "meta"),
                            new OffsetCommitRequest.Partition(7, 1, -1, null))),
                            new OffsetCommitRequest.Topic("no-such-topic", List.of(
                                    new OffsetCommitRequest.Partition(0, 1, -1, null)))));
            OffsetCommitResponse committed = c.call(ApiKey.OFFSET_COMMIT, cv, w -> commit.write(w, cv),
                    OffsetCommitResponse::read);
            assertThat(committed.topics().get(0).partitions()).extracting(OffsetCommitResponse.Partition::errorCode)
                    .containsExactly((short) 0, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.code());
            assertThat(committed.topics().get(1).partitions().get(0).errorCode())
                    .isEqualTo(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.code());

            for (short v : new short[] {1, 5}) {
                OffsetFetchResponse fetched = fetchOffsets(c, v, group,
                        List.of(new OffsetFetchRequest.Topic("wire-topic", List.of(0, 1))));
                assertThat(fetched.topics().get(0).partitions()).as("v%d", v)
                        .extracting(OffsetFetchResponse.Partition::committedOffset).containsExactly(42L, -1L);
                assertThat(fetched.topics().get(0).partitions().get(0).metadata()).isEqualTo("meta");
            }
            OffsetFetchResponse all = fetchOffsets(c, (short) 5, group, null);
            assertThat(all.topics()).hasSize(1);
            assertThat(all.topics().get(0).partitions()).extracting(OffsetFetchResponse.Partition::partitionIndex)
                    .containsExactly(0);

            DescribeGroupsResponse.DescribedGroup stable = describe(c, (short) 4, group);
            assertThat(stable.groupState()).isEqualTo("Stable");
            assertThat(stable.protocolType()).isEqualTo("consumer");
            assertThat(stable.protocolData()).isEqualTo("range");
            assertThat(stable.members()).singleElement().satisfies(m -> {
                assertThat(m.memberId()).isEqualTo(member);
                assertThat(m.clientId()).isEqualTo("raw-test");
                assertThat(m.clientHost()).isEqualTo("/127.0.0.1");
                assertThat(m.memberAssignment()).containsExactly(ASSIGNMENT);
            });
            short lv = 2;
            ListGroupsResponse listed = c.call(ApiKey.LIST_GROUPS, lv, w -> new ListGroupsRequest().write(w, lv),
                    ListGroupsResponse::read);
            assertThat(listed.groups()).containsExactly(new ListGroupsResponse.ListedGroup(group, "consumer"));

            short dv = 1;
            DeleteGroupsRequest delete = new DeleteGroupsRequest(List.of(group));
            assertThat(c.call(ApiKey.DELETE_GROUPS, dv, w -> delete.write(w, dv), DeleteGroupsResponse::read)
                    .results().get(0).errorCode()).isEqualTo(ErrorCode.NON_EMPTY_GROUP.code());

            short ov = 0;
            OffsetDeleteRequest offsetDelete = new OffsetDeleteRequest(group, List.of(
                    new OffsetDeleteRequest.Topic("wire-topic", List.of(0))));
            OffsetDeleteResponse od = c.call(ApiKey.OFFSET_DELETE, ov, w -> offsetDelete.write(w, ov),
                    OffsetDeleteResponse::read);
            // The member's metadata ({9}) is no consumer subscription, so the coordinator cannot tell what it
            // consumes and keeps the offsets.
            assertThat(od.errorCode()).isZero();
            assertThat(od.topics().get(0).partitions().get(0).errorCode())
                    .isEqualTo(ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC.code());

            short leaveV = 3;
            LeaveGroupRequest leave = new LeaveGroupRequest(group, "",
                    List.of(new LeaveGroupRequest.MemberIdentity(member, null),
                            new LeaveGroupRequest.MemberIdentity("stranger", null)));
            LeaveGroupResponse left = c.call(ApiKey.LEAVE_GROUP, leaveV, w -> leave.write(w, leaveV),
                    LeaveGroupResponse::read);
            assertThat(left.errorCode()).isZero();
            assertThat(left.members()).extracting(LeaveGroupResponse.MemberResponse::errorCode)
                    .containsExactly((short) 0, ErrorCode.UNKNOWN_MEMBER_ID.code());
            assertThat(describe(c, (short) 0, group).groupState()).isEqualTo("Empty");

            assertThat(c.call(ApiKey.DELETE_GROUPS, dv, w -> delete.write(w, dv), DeleteGroupsResponse::read)
                    .results().get(0).errorCode()).isZero();
            assertThat(describe(c, (short) 4, group).groupState()).isEqualTo("Dead");
            assertThat(fetchOffsets(c, (short) 5, group,
                    List.of(new OffsetFetchRequest.Topic("wire-topic", List.of(0)))).topics().get(0).partitions()
                    .get(0).committedOffset()).isEqualTo(-1L);
        }
    }

    @Test
    void oldVersionsJoinWithoutTheMemberIdHandshakeAndLeaveOneMember() throws Exception {
        String group = "old-group";
        try (Broker broker = start(dir); RawKafkaClient c = RawKafkaClient.connect(broker)) {
            JoinGroupResponse joined = join(c, (short) 0, group, "");
            assertThat(joined.errorCode()).isZero();
            assertThat(joined.memberId()).isNotEmpty();
            SyncGroupResponse synced = sync(c, (short) 0, group, joined.generationId(), joined.memberId(),
                    List.of(new SyncGroupRequest.Assignment(joined.memberId(), ASSIGNMENT)));
            assertThat(synced.errorCode()).isZero();
            short v = 0;
            LeaveGroupRequest leave = new LeaveGroupRequest(group, joined.memberId(), List.of());
            assertThat(c.call(ApiKey.LEAVE_GROUP, v, w -> leave.write(w, v), LeaveGroupResponse::read).errorCode())
                    .isZero();
            LeaveGroupRequest again = new LeaveGroupRequest(group, joined.memberId(), List.of());
            assertThat(c.call(ApiKey.LEAVE_GROUP, v, w -> again.write(w, v), LeaveGroupResponse::read).errorCode())
                    .isEqualTo(ErrorCode.UNKNOWN_MEMBER_ID.code());
        }
    }

    @Test
    void aParkedJoinGroupBlocksNeitherOtherConnectionsNorTheRebalance() throws Exception {
        String group = "parked-group";
        try (Broker broker = start(dir);
             RawKafkaClient a = RawKafkaClient.connect(broker);
             RawKafkaClient b = RawKafkaClient.connect(broker)) {
            JoinGroupResponse aJoined = join(a, (short) 3, group, "");
            assertThat(aJoined.errorCode()).isZero();
            String aId = aJoined.memberId();
            assertThat(sync(a, (short) 3, group, aJoined.generationId(), aId,
                    List.of(new SyncGroupRequest.Assignment(aId, ASSIGNMENT))).errorCode()).isZero();

            // b's JoinGroup starts a rebalance and waits for a to rejoin: it is parked on b's connection.
            short v = 3;
            JoinGroupRequest bJoin = new JoinGroupRequest(group, 10_000, 20_000, "", null, "consumer",
                    List.of(new JoinGroupRequest.Protocol("range", new byte[] {9})));
            int bCorrelation = send(b, ApiKey.JOIN_GROUP, v, w -> bJoin.write(w, v));

            // Meanwhile a's connection is served: its heartbeat learns of the rebalance, other APIs answer.
            short hb = heartbeat(a, group, aJoined.generationId(), aId);
            for (int tries = 0; hb == 0 && tries < 3000; tries++) {
                Thread.sleep(10); // until b's JoinGroup has reached the coordinator
                hb = heartbeat(a, group, aJoined.generationId(), aId);
            }
            assertThat(hb).isEqualTo(ErrorCode.REBALANCE_IN_PROGRESS.code());
            MetadataResponse md = a.metadata(null);
            assertThat(md.brokers()).hasSize(1);

            JoinGroupResponse aRejoined = join(a, (short) 3, group, aId);
            assertThat(aRejoined.errorCode()).isZero();
            RawKafkaClient.Response<JoinGroupResponse> bJoined = b.receive(ApiKey.JOIN_GROUP, v,
                    JoinGroupResponse::read);
            assertThat(bJoined.correlationId()).isEqualTo(bCorrelation);
            assertThat(bJoined.body().errorCode()).isZero();
            assertThat(bJoined.body().generationId()).isEqualTo(aRejoined.generationId());
            assertThat(List.of(aRejoined.leader(), bJoined.body().leader())).containsOnly(aId);
            assertThat(aRejoined.members()).hasSize(2);
            assertThat(bJoined.body().members()).isEmpty();
        }
    }

    @Test
    void theOffsetsTopicIsInternalAndClientsCannotChangeIt() throws Exception {
        try (Broker broker = start(dir); RawKafkaClient c = RawKafkaClient.connect(broker)) {
            // Committing creates the coordinator's topic if opening the coordinator did not.
            short cv = 7;
            broker.partitions().createTopic("plain", 1, 1, Map.of());
            OffsetCommitRequest commit = new OffsetCommitRequest("g", -1, "", null, -1, List.of(new OffsetCommitRequest
                    .Topic("plain", List.of(new OffsetCommitRequest.Partition(0, 0, -1, null)))));
            assertThat(c.call(ApiKey.OFFSET_COMMIT, cv, w -> commit.write(w, cv), OffsetCommitResponse::read)
                    .topics().get(0).partitions().get(0).errorCode()).isZero();

            MetadataResponse md = c.metadata(null);
            assertThat(md.topics()).filteredOn(t -> t.name().equals("__consumer_offsets")).singleElement()
                    .satisfies(t -> assertThat(t.isInternal()).isTrue());
            assertThat(md.topics()).filteredOn(t -> t.name().equals("plain")).singleElement()
                    .satisfies(t -> assertThat(t.isInternal()).isFalse());

            dev.brook.log.record.RecordBatchBuilder b = new dev.brook.log.record.RecordBatchBuilder(
                    dev.brook.log.record.Compression.NONE);
            b.append(System.currentTimeMillis(), new byte[] {1}, new byte[] {2});
            assertThat(c.produce("__consumer_offsets", 0, b.build()).errorCode())
                    .isEqualTo(ErrorCode.INVALID_TOPIC_EXCEPTION.code());
            short dv = 3;
            dev.brook.protocol.message.DeleteTopicsRequest delete = new dev.brook.protocol.message.DeleteTopicsRequest(
                    List.of("__consumer_offsets"), 30_000);
            assertThat(c.call(ApiKey.DELETE_TOPICS, dv, w -> delete.write(w, dv),
                    dev.brook.protocol.message.DeleteTopicsResponse::read).responses().get(0).errorCode())
                    .isEqualTo(ErrorCode.INVALID_TOPIC_EXCEPTION.code());
        }
    }
}
