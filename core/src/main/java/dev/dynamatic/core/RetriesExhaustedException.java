package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Thrown when the library's own retries (under a {@link RetryPolicy}) gave up: the message says which operation,
 * how many attempts ran and over how long; the cause is the last attempt's failure, and every earlier attempt's
 * failure is a {@linkplain #getSuppressed() suppressed exception}, in order.
 *
 * <p>A batch does not throw this for items left unprocessed: its result lists them (see {@link BatchWrite}).
 */
public final class RetriesExhaustedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The attempts made. */
    private final int attempts;
    /** How long they took, first attempt to giving up. */
    private final Duration elapsed;

    /**
     * An exception for an operation that gave up (made by the library).
     *
     * @param message what gave up and why, with the attempts and the time
     * @param attempts the attempts made
     * @param elapsed the time from the first attempt to giving up
     * @param last the last attempt's failure
     */
    public RetriesExhaustedException(String message, int attempts, Duration elapsed, Throwable last) {
        super(requireNonNull(message, "message is null"), requireNonNull(last, "last is null"));
        this.attempts = attempts;
        this.elapsed = requireNonNull(elapsed, "elapsed is null");
    }

    /** {@return the attempts made} */
    public int attempts() {
        return attempts;
    }

    /** {@return the time from the first attempt to giving up} */
    public Duration elapsed() {
        return elapsed;
    }
}
