package dev.brook.broker.api;

import dev.brook.groups.GroupCoordinator;
import dev.brook.groups.GroupDescription;
import dev.brook.groups.GroupOverview;
import dev.brook.protocol.ErrorCode;
import dev.brook.protocol.message.DescribeGroupsRequest;
import dev.brook.protocol.message.DescribeGroupsResponse;
import dev.brook.protocol.message.ListGroupsRequest;
import dev.brook.protocol.message.ListGroupsResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * ListGroups (v0-2) and DescribeGroups (v0-4). An unknown group is described as {@code Dead} with no members and no
 * error, as Kafka does. Member metadata and assignments are the bytes the members sent (the broker only relays the
 * consumer protocol); they are empty while the group is rebalancing.
 *
 * <p>Authorized operations (DescribeGroups v3+, when asked for): without an authorizer every operation a group
 * supports is allowed, so the bit field has READ (3), DELETE (6) and DESCRIBE (8) set, the answer Kafka gives.
 */
final class GroupListingHandler {
    private static final int GROUP_OPERATIONS = (1 << 3) | (1 << 6) | (1 << 8);

    private final GroupCoordinator groups;

    GroupListingHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    ListGroupsResponse listGroups(ListGroupsRequest request) {
        try {
            List<ListGroupsResponse.ListedGroup> listed = new ArrayList<>();
            for (GroupOverview g : groups.listGroups()) {
                listed.add(new ListGroupsResponse.ListedGroup(g.groupId(), g.protocolType()));
            }
            return new ListGroupsResponse(0, ErrorCode.NONE.code(), listed);
        } catch (RuntimeException e) {
            return new ListGroupsResponse(0, ErrorMapping.of(e, "ListGroups").code(), List.of());
        }
    }

    DescribeGroupsResponse describeGroups(DescribeGroupsRequest request, short version) {
        boolean withOperations = version >= 3 && request.includeAuthorizedOperations();
        int operations = withOperations ? GROUP_OPERATIONS : DescribeGroupsResponse.AUTHORIZED_OPERATIONS_OMITTED;
        List<DescribeGroupsResponse.DescribedGroup> described = new ArrayList<>(request.groups().size());
        for (String groupId : request.groups()) {
            try {
                GroupDescription d = groups.describeGroup(groupId);
                List<DescribeGroupsResponse.Member> members = d.members().stream()
                        .map(m -> new DescribeGroupsResponse.Member(m.memberId(), m.groupInstanceId(),
                                orEmpty(m.clientId()), orEmpty(m.clientHost()), orNone(m.metadata()),
                                orNone(m.assignment())))
                        .toList();
                described.add(new DescribeGroupsResponse.DescribedGroup(d.error().code(), groupId,
                        d.state().kafkaName(), orEmpty(d.protocolType()), orEmpty(d.protocolName()), members,
                        operations));
            } catch (RuntimeException e) {
                described.add(new DescribeGroupsResponse.DescribedGroup(
                        ErrorMapping.of(e, "DescribeGroups " + groupId).code(), groupId, "", "", "", List.of(),
                        operations));
            }
        }
        return new DescribeGroupsResponse(0, described);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static byte[] orNone(byte[] b) {
        return b == null ? new byte[0] : b;
    }
}
