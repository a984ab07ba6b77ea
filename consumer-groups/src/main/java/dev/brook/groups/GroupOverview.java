package dev.brook.groups;

/**
 * A group as ListGroups reports it.
 *
 * @param groupId the group
 * @param protocolType its protocol type, empty for a group that only commits offsets ("simple" group)
 * @param state its state
 */
public record GroupOverview(String groupId, String protocolType, GroupState state) {
}
