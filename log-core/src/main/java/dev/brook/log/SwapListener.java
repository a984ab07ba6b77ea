package dev.brook.log;

/**
 * Observes the steps of a segment swap; crash tests use it to copy the log directory (the state a killed process
 * leaves) or to stop the swap by throwing. Called on the swapping thread, partly under the log's append lock, so it
 * must be quick in production (the default does nothing).
 */
@FunctionalInterface
public interface SwapListener {
    /** A listener that does nothing. */
    SwapListener NONE = step -> { };

    /**
     * Called right after {@code step} completed.
     *
     * @param step the step just done
     */
    void afterStep(SwapStep step);
}
