package dev.brook.groups;

/**
 * The classic group protocol's states, with the names Kafka reports in DescribeGroups and ListGroups.
 *
 * <pre>
 * Empty --join--&gt; PreparingRebalance --all joined or rebalance timeout--&gt; CompletingRebalance
 *   ^                 ^        |                                              |
 *   |                 |        +--no member left--&gt; Empty                     | leader's SyncGroup
 *   |                 +--join/leave/session expiry/new protocol---- Stable &lt;--+
 * Empty/no offsets --offsets expired or DeleteGroups--&gt; Dead (removed)
 * </pre>
 */
public enum GroupState {
    /** No members; may still hold committed offsets. */
    EMPTY("Empty"),
    /** Waiting for every known member to (re)join, or for the rebalance timeout. */
    PREPARING_REBALANCE("PreparingRebalance"),
    /** Members have their JoinGroup answers; waiting for the leader's assignment in SyncGroup. */
    COMPLETING_REBALANCE("CompletingRebalance"),
    /** Every member has its assignment for the current generation. */
    STABLE("Stable"),
    /** Removed: no members and no offsets, or deleted. Unknown groups are described as Dead too. */
    DEAD("Dead");

    private final String kafkaName;

    GroupState(String kafkaName) {
        this.kafkaName = kafkaName;
    }

    /** The state's name on the wire, for example {@code PreparingRebalance}. */
    public String kafkaName() {
        return kafkaName;
    }
}
