package dev.brook.broker.api;

import dev.brook.groups.GroupCoordinator;
import dev.brook.groups.GroupError;
import dev.brook.groups.LeaveResult;
import dev.brook.groups.MemberIdentity;
import dev.brook.protocol.message.HeartbeatRequest;
import dev.brook.protocol.message.HeartbeatResponse;
import dev.brook.protocol.message.LeaveGroupRequest;
import dev.brook.protocol.message.LeaveGroupResponse;
import java.util.List;

/**
 * Heartbeat (v0-3) and LeaveGroup (v0-3): the calls a member makes between rebalances. Both answer at once.
 * LeaveGroup v0-2 names one member; its outcome is the response's only error code. v3 names several (by member id,
 * or static members by instance id) and answers each, with a top-level error only for the group as a whole.
 */
final class HeartbeatLeaveHandler {
    private final GroupCoordinator groups;

    HeartbeatLeaveHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    HeartbeatResponse heartbeat(HeartbeatRequest request) {
        short code;
        try {
            code = groups.heartbeat(request.groupId(), request.memberId(), request.groupInstanceId(),
                    request.generationId()).code();
        } catch (RuntimeException e) {
            code = ErrorMapping.of(e, "Heartbeat " + request.groupId()).code();
        }
        return new HeartbeatResponse(0, code);
    }

    LeaveGroupResponse leaveGroup(LeaveGroupRequest request, short version) {
        List<MemberIdentity> leaving = version >= 3
                ? request.members().stream().map(m -> new MemberIdentity(m.memberId() == null ? "" : m.memberId(),
                        m.groupInstanceId())).toList()
                : List.of(new MemberIdentity(request.memberId() == null ? "" : request.memberId(), null));
        LeaveResult result;
        try {
            result = groups.leaveGroup(request.groupId(), leaving);
        } catch (RuntimeException e) {
            short code = ErrorMapping.of(e, "LeaveGroup " + request.groupId()).code();
            return new LeaveGroupResponse(0, code, List.of());
        }
        if (version < 3) {
            GroupError error = result.error() != GroupError.NONE || result.members().isEmpty()
                    ? result.error() : result.members().get(0).error();
            return new LeaveGroupResponse(0, error.code(), List.of());
        }
        List<LeaveGroupResponse.MemberResponse> members = result.members().stream()
                .map(m -> new LeaveGroupResponse.MemberResponse(m.memberId(), m.groupInstanceId(),
                        m.error().code())).toList();
        return new LeaveGroupResponse(0, result.error().code(), members);
    }
}
