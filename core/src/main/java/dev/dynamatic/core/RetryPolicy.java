package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The retry budget of the library's own retries: batches (per chunk), transactions and the optimistic
 * lock's writes. A budget is a number of attempts, optionally bounded by a deadline for the whole call;
 * between attempts the library waits with exponential backoff and full jitter (a uniformly random delay
 * between zero and {@code min(maxDelay, baseDelay * 2^(retry - 1))}).
 *
 * <p><b>Who retries what.</b> For the calls these operations make, the library switches the SDK's own
 * retries off (per request, leaving the client's configuration alone) and retries itself under this
 * budget: throttling, 5xx and dropped connections; {@code UnprocessedItems}/{@code UnprocessedKeys}; and
 * transaction cancellations whose reasons are all transient. One layer means one budget, attempts that are
 * counted where they happen, and no shared SDK retry quota draining under load. With a deadline, each
 * call's {@code apiCallTimeout} is set to the time left. Single-item operations, queries and scans keep the
 * SDK's retries.
 *
 * {@snippet :
 * RetryPolicy patient = RetryPolicy.defaults().attempts(20).deadline(Duration.ofSeconds(30));
 * }
 *
 * @param maxAttempts the most calls per chunk, transaction or write, the first included (at least 1)
 * @param deadline how long the whole operation may take, if bounded
 * @param baseDelay the backoff before the first retry is drawn from zero to this
 * @param maxDelay the cap of any one backoff
 */
public record RetryPolicy(int maxAttempts, Optional<Duration> deadline, Duration baseDelay, Duration maxDelay) {

    /** Checks the attempts are positive and the delays non-negative and ordered. */
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        requireNonNull(deadline, "deadline is null (use Optional.empty())");
        requireNonNull(baseDelay, "baseDelay is null");
        requireNonNull(maxDelay, "maxDelay is null");
        deadline.ifPresent(d -> {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("deadline must be positive, got " + d);
            }
        });
        if (baseDelay.isNegative() || maxDelay.isNegative() || baseDelay.compareTo(maxDelay) > 0) {
            throw new IllegalArgumentException("need 0 <= baseDelay <= maxDelay, got " + baseDelay + " and " + maxDelay);
        }
    }

    /** {@return 10 attempts, no deadline, backoff from 50 ms up to 5 s} */
    public static RetryPolicy defaults() {
        return new RetryPolicy(10, Optional.empty(), Duration.ofMillis(50), Duration.ofSeconds(5));
    }

    /** {@return this policy with at most {@code n} attempts} */
    public RetryPolicy attempts(int n) {
        return new RetryPolicy(n, deadline, baseDelay, maxDelay);
    }

    /** {@return this policy giving up once {@code d} has passed since the operation started} */
    public RetryPolicy deadline(Duration d) {
        return new RetryPolicy(maxAttempts, Optional.of(requireNonNull(d, "deadline is null")), baseDelay, maxDelay);
    }

    /** {@return this policy with another backoff: first retry within {@code base}, no wait above {@code max}} */
    public RetryPolicy backoff(Duration base, Duration max) {
        return new RetryPolicy(maxAttempts, deadline, base, max);
    }

    /**
     * The full-jitter delay before retry number {@code retry} (1 for the first retry), in nanoseconds.
     */
    long delayNanos(int retry, RandomGenerator random) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry counts from 1, got " + retry);
        }
        long cap = ceiling(retry);
        return cap == 0 ? 0 : random.nextLong(cap + 1);
    }

    /** The upper bound of the delay before retry number {@code retry}: {@code min(max, base * 2^(retry-1))}. */
    long ceiling(int retry) {
        long base = baseDelay.toNanos();
        long max = maxDelay.toNanos();
        int shift = Math.min(retry - 1, 62);
        if (base == 0) {
            return 0;
        }
        // base << shift overflows long once base > max >> shift; the cap applies long before that
        return base > (max >> shift) ? max : Math.min(max, base << shift);
    }

    /** Starts the clock of one operation run under this policy. */
    Budget start() {
        return new Budget(this, System.nanoTime());
    }

    /** One operation's use of the policy: its start time, for the deadline. */
    static final class Budget {
        private final RetryPolicy policy;
        private final long startNanos;

        Budget(RetryPolicy policy, long startNanos) {
            this.policy = policy;
            this.startNanos = startNanos;
        }

        RetryPolicy policy() {
            return policy;
        }

        /** Time left before the deadline (empty without one); zero or negative once it has passed. */
        Optional<Duration> remaining() {
            return policy.deadline.map(d -> d.minusNanos(System.nanoTime() - startNanos));
        }

        boolean expired() {
            return remaining().map(r -> r.isNegative() || r.isZero()).orElse(false);
        }

        /**
         * Whether a retry after {@code attemptsMade} attempts is within the budget, its backoff included;
         * if so, sleeps that backoff.
         *
         * @throws InterruptedException if interrupted while backing off
         */
        boolean backOff(int attemptsMade, RandomGenerator random) throws InterruptedException {
            long delay = nextDelay(attemptsMade, random);
            if (delay < 0) {
                return false;
            }
            if (delay > 0) {
                java.util.concurrent.TimeUnit.NANOSECONDS.sleep(delay);
            }
            return true;
        }

        /**
         * The backoff before the next attempt after {@code attemptsMade} attempts, in nanoseconds, or -1 if that
         * attempt is not within the budget (no attempts left, or the backoff would pass the deadline).
         */
        long nextDelay(int attemptsMade, RandomGenerator random) {
            if (attemptsMade >= policy.maxAttempts) {
                return -1;
            }
            long delay = policy.delayNanos(attemptsMade, random);
            Optional<Duration> left = remaining();
            return left.isPresent() && left.get().toNanos() <= delay ? -1 : delay;
        }
    }
}
