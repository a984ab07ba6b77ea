package dev.brook.embedded;

import dev.brook.groups.assignor.Assignor;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of a {@link GroupConsumer}, named after the Kafka consumer settings they mirror. Immutable; each
 * {@code with} returns a checked copy.
 *
 * <ul>
 *   <li>{@link #assignor()}: {@code range} (default), {@code roundrobin} or {@code sticky} — every member of a group
 *       must name the same one (Kafka's {@code partition.assignment.strategy}). Range keeps copartitioned topics
 *       together.</li>
 *   <li>{@link #sessionTimeout()}: 45 s ({@code session.timeout.ms}); must lie within the broker's
 *       {@code group.min/max.session.timeout.ms}.</li>
 *   <li>{@link #heartbeatInterval()}: 3 s ({@code heartbeat.interval.ms}); must be below the session timeout.</li>
 *   <li>{@link #rebalanceTimeout()}: 5 min ({@code max.poll.interval.ms}): how long a rebalance waits for this
 *       member to call {@code poll} again.</li>
 *   <li>{@link #autoCommit()}: on, every 5 s ({@code enable.auto.commit}, {@code auto.commit.interval.ms}): the
 *       positions are committed during {@code poll}, before a rebalance revokes partitions, and on close.</li>
 *   <li>{@link #resetTo()}: {@link StartPosition#latest()} ({@code auto.offset.reset}): where to start in a
 *       partition the group has no committed offset for.</li>
 *   <li>{@link #groupInstanceId()}: none ({@code group.instance.id}): a static member keeps its partitions across a
 *       restart within the session timeout, without a rebalance.</li>
 * </ul>
 */
public final class GroupConsumerOptions {
    private static final GroupConsumerOptions DEFAULTS = new GroupConsumerOptions("range", Duration.ofSeconds(45),
            Duration.ofSeconds(3), Duration.ofMinutes(5), true, Duration.ofSeconds(5), StartPosition.latest(), null);

    private final String assignor;
    private final Duration sessionTimeout;
    private final Duration heartbeatInterval;
    private final Duration rebalanceTimeout;
    private final boolean autoCommit;
    private final Duration autoCommitInterval;
    private final StartPosition resetTo;
    private final String groupInstanceId;

    private GroupConsumerOptions(String assignor, Duration sessionTimeout, Duration heartbeatInterval,
            Duration rebalanceTimeout, boolean autoCommit, Duration autoCommitInterval, StartPosition resetTo,
            String groupInstanceId) {
        if (Assignor.builtIn(assignor).isEmpty()) {
            throw new IllegalArgumentException("unknown assignor " + assignor
                    + "; use range, roundrobin or sticky");
        }
        requirePositiveMillis(sessionTimeout, "sessionTimeout");
        requirePositiveMillis(heartbeatInterval, "heartbeatInterval");
        requirePositiveMillis(rebalanceTimeout, "rebalanceTimeout");
        requirePositiveMillis(autoCommitInterval, "autoCommitInterval");
        if (heartbeatInterval.compareTo(sessionTimeout) >= 0) {
            throw new IllegalArgumentException("heartbeatInterval (" + heartbeatInterval
                    + ") must be below sessionTimeout (" + sessionTimeout + ")");
        }
        if (groupInstanceId != null && groupInstanceId.isEmpty()) {
            throw new IllegalArgumentException("groupInstanceId must not be empty");
        }
        this.assignor = assignor;
        this.sessionTimeout = sessionTimeout;
        this.heartbeatInterval = heartbeatInterval;
        this.rebalanceTimeout = rebalanceTimeout;
        this.autoCommit = autoCommit;
        this.autoCommitInterval = autoCommitInterval;
        this.resetTo = Objects.requireNonNull(resetTo, "resetTo");
        this.groupInstanceId = groupInstanceId;
    }

    private static void requirePositiveMillis(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.toMillis() < 1 || d.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be between 1 ms and " + Integer.MAX_VALUE + " ms: " + d);
        }
    }

    /** The defaults listed above. */
    public static GroupConsumerOptions defaults() {
        return DEFAULTS;
    }

    /** These options with another assignor: {@code range}, {@code roundrobin} or {@code sticky}. */
    public GroupConsumerOptions withAssignor(String name) {
        return new GroupConsumerOptions(name, sessionTimeout, heartbeatInterval, rebalanceTimeout, autoCommit,
                autoCommitInterval, resetTo, groupInstanceId);
    }

    /** These options with another session timeout. */
    public GroupConsumerOptions withSessionTimeout(Duration timeout) {
        return new GroupConsumerOptions(assignor, timeout, heartbeatInterval, rebalanceTimeout, autoCommit,
                autoCommitInterval, resetTo, groupInstanceId);
    }

    /** These options with another heartbeat interval. */
    public GroupConsumerOptions withHeartbeatInterval(Duration interval) {
        return new GroupConsumerOptions(assignor, sessionTimeout, interval, rebalanceTimeout, autoCommit,
                autoCommitInterval, resetTo, groupInstanceId);
    }

    /** These options with another rebalance timeout. */
    public GroupConsumerOptions withRebalanceTimeout(Duration timeout) {
        return new GroupConsumerOptions(assignor, sessionTimeout, heartbeatInterval, timeout, autoCommit,
                autoCommitInterval, resetTo, groupInstanceId);
    }

    /** These options with auto commit on (every {@code interval}) or off. */
    public GroupConsumerOptions withAutoCommit(boolean enabled, Duration interval) {
        return new GroupConsumerOptions(assignor, sessionTimeout, heartbeatInterval, rebalanceTimeout, enabled,
                interval, resetTo, groupInstanceId);
    }

    /** These options starting partitions without a committed offset at {@code position}. */
    public GroupConsumerOptions withResetTo(StartPosition position) {
        return new GroupConsumerOptions(assignor, sessionTimeout, heartbeatInterval, rebalanceTimeout, autoCommit,
                autoCommitInterval, position, groupInstanceId);
    }

    /** These options as a static member with {@code instanceId}, or dynamic for {@code null}. */
    public GroupConsumerOptions withGroupInstanceId(String instanceId) {
        return new GroupConsumerOptions(assignor, sessionTimeout, heartbeatInterval, rebalanceTimeout, autoCommit,
                autoCommitInterval, resetTo, instanceId);
    }

    /** The assignor's name. */
    public String assignor() {
        return assignor;
    }

    /** The session timeout. */
    public Duration sessionTimeout() {
        return sessionTimeout;
    }

    /** The heartbeat interval. */
    public Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    /** The rebalance timeout. */
    public Duration rebalanceTimeout() {
        return rebalanceTimeout;
    }

    /** Whether positions are committed automatically. */
    public boolean autoCommit() {
        return autoCommit;
    }

    /** How often positions are committed automatically. */
    public Duration autoCommitInterval() {
        return autoCommitInterval;
    }

    /** Where partitions without a committed offset start. */
    public StartPosition resetTo() {
        return resetTo;
    }

    /** The static member's instance id, if any. */
    public Optional<String> groupInstanceId() {
        return Optional.ofNullable(groupInstanceId);
    }

    @Override
    public String toString() {
        return "GroupConsumerOptions(assignor=" + assignor + ", sessionTimeout=" + sessionTimeout
                + ", heartbeatInterval=" + heartbeatInterval + ", rebalanceTimeout=" + rebalanceTimeout
                + ", autoCommit=" + autoCommit + (autoCommit ? " every " + autoCommitInterval : "")
                + ", resetTo=" + resetTo + (groupInstanceId != null ? ", groupInstanceId=" + groupInstanceId : "")
                + ")";
    }
}
