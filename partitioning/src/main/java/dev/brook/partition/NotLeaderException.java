package dev.brook.partition;

/** A leader-only operation reached a partition that is not the leader. Kafka's NOT_LEADER_OR_FOLLOWER (6). */
public class NotLeaderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotLeaderException(String message) {
        super(message);
    }
}
