package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The budget of the library's own retries: batches (per chunk), transactions and the optimistic lock's
 * writes. A budget is a number of attempts, optionally bounded by a deadline for the whole operation;
 * between attempts the library waits with exponential backoff and full jitter (a uniformly random delay
 * between zero and {@code min(maxDelay, baseDelay * 2^(retry - 1))}).
 *
 * <p><b>Who retries what.</b> For the calls these operations make, the library switches the SDK's own
 * retries off (per request, leaving the client's configuration alone) and retries itself under this
 * budget: throttling, 5xx and dropped connections; {@code UnprocessedItems}/{@code UnprocessedKeys}; and
 * transaction cancellations whose reasons are all transient. One layer means one budget, attempts that are
 * counted where they happen, and no shared SDK retry quota draining under load. With a deadline, each
 * call's {@code apiCallTimeout} is set to the time left. Single-item operations, queries and scans keep the
 * SDK's retries. When the budget runs out, {@link RetriesExhaustedException} says how many attempts ran over
 * how long and carries every attempt's failure.
 *
 * {@snippet :
 * RetryPolicy patient = RetryPolicy.defaults().withMaxAttempts(20).withDeadline(Duration.ofSeconds(30));
 * }
 *
 * <p>Immutable; equal when every part is equal.
 */
public final class RetryPolicy {

    private static final RetryPolicy DEFAULTS = new RetryPolicy(10, null, Duration.ofMillis(50), Duration.ofSeconds(5));

    private final int maxAttempts;
    private final @Nullable Duration deadline;
    private final Duration baseDelay;
    private final Duration maxDelay;

    private RetryPolicy(int maxAttempts, @Nullable Duration deadline, Duration baseDelay, Duration maxDelay) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (deadline != null && (deadline.isNegative() || deadline.isZero())) {
            throw new IllegalArgumentException("deadline must be positive, got " + deadline);
        }
        if (baseDelay.isNegative() || maxDelay.isNegative() || baseDelay.compareTo(maxDelay) > 0) {
            throw new IllegalArgumentException("need 0 <= baseDelay <= maxDelay, got " + baseDelay + " and " + maxDelay);
        }
        this.maxAttempts = maxAttempts;
        this.deadline = deadline;
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
    }

    /** {@return 10 attempts, no deadline, backoff from 50 ms up to 5 s} */
    public static RetryPolicy defaults() {
        return DEFAULTS;
    }

    /**
     * {@return this policy with at most {@code n} attempts, the first included}
     *
     * @param n the most attempts, at least 1
     * @throws IllegalArgumentException if {@code n} is less than 1
     */
    public RetryPolicy withMaxAttempts(int n) {
        return new RetryPolicy(n, deadline, baseDelay, maxDelay);
    }

    /**
     * {@return this policy giving up once {@code d} has passed since the operation started}
     *
     * @param d the longest the whole operation may take, positive
     * @throws IllegalArgumentException if {@code d} is not positive
     */
    public RetryPolicy withDeadline(Duration d) {
        return new RetryPolicy(maxAttempts, requireNonNull(d, "deadline is null"), baseDelay, maxDelay);
    }

    /**
     * {@return this policy with another backoff: the first retry within {@code base}, no wait above {@code max}}
     *
     * @param base the upper bound of the first retry's random wait
     * @param max the cap of any one wait
     * @throws IllegalArgumentException unless {@code 0 <= base <= max}
     */
    public RetryPolicy withBackoff(Duration base, Duration max) {
        return new RetryPolicy(maxAttempts, deadline, requireNonNull(base, "base is null"),
                requireNonNull(max, "max is null"));
    }

    /** {@return the most calls per chunk, transaction or write, the first included} */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** {@return how long the whole operation may take, if bounded} */
    public Optional<Duration> deadline() {
        return Optional.ofNullable(deadline);
    }

    /** {@return the upper bound of the first retry's random backoff} */
    public Duration baseDelay() {
        return baseDelay;
    }

    /** {@return the cap of any one backoff} */
    public Duration maxDelay() {
        return maxDelay;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RetryPolicy p && maxAttempts == p.maxAttempts && Objects.equals(deadline, p.deadline)
                && baseDelay.equals(p.baseDelay) && maxDelay.equals(p.maxDelay);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxAttempts, deadline, baseDelay, maxDelay);
    }

    @Override
    public String toString() {
        return "RetryPolicy[" + maxAttempts + " attempts" + (deadline == null ? "" : ", deadline " + deadline)
                + ", backoff " + baseDelay + " to " + maxDelay + "]";
    }
}
