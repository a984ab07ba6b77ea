package dev.brook.partition;

/** The topic's configuration forbids the operation (DeleteRecords on a compact-only topic). Kafka's POLICY_VIOLATION (44). */
public class PolicyViolationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PolicyViolationException(String message) {
        super(message);
    }
}
