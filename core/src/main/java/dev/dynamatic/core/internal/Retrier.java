package dev.dynamatic.core.internal;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.core.RetriesExhaustedException;
import dev.dynamatic.core.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.AbortedException;

/**
 * The library's one retry loop, under a {@link RetryPolicy}: batches (per chunk), transactions and the
 * optimistic lock all run their calls through it. An attempt says whether it is done or should be tried again
 * (with the failure that made it fail, if one was thrown); the loop backs off with full jitter between attempts,
 * stops at the policy's attempts or deadline, and keeps every failure: when it gives up, the caller gets them
 * all (see {@link #run}, which throws {@link RetriesExhaustedException} carrying them).
 *
 * <p>An exception an attempt throws ends the loop at once (the attempt decided that retrying cannot help); the
 * failures of earlier attempts are added to it as suppressed exceptions.
 */
public final class Retrier {

    private Retrier() {
    }

    /**
     * One attempt of an operation.
     *
     * @param <R> what the operation gives when done
     */
    @FunctionalInterface
    public interface Attempt<R> {
        /**
         * {@return whether the operation is done, or should be tried again}
         *
         * @param remaining the time left before the policy's deadline (for the call's timeout), if it has one
         */
        Step<R> run(Optional<Duration> remaining);
    }

    /**
     * What an attempt came to.
     *
     * @param <R> what the operation gives when done
     */
    public sealed interface Step<R> permits Done, Again {
    }

    /**
     * The operation is done.
     *
     * @param value what it gives
     * @param <R> its type
     */
    public record Done<R>(R value) implements Step<R> {
    }

    /**
     * The operation should be tried again.
     *
     * @param failure the exception the attempt failed with, or null when it failed without one (items left
     *                unprocessed, a transient cancellation answered as a value)
     * @param now whether to try again at once, without backing off: the attempt learned what the next one needs
     *            (a patch that found the item's shape), rather than meeting contention or throttling; it still
     *            counts against the policy's attempts and deadline
     * @param <R> what the operation gives when done
     */
    public record Again<R>(@Nullable Throwable failure, boolean now) implements Step<R> {
        /**
         * Tries again after the policy's backoff.
         *
         * @param failure the exception the attempt failed with, or null
         */
        public Again(@Nullable Throwable failure) {
            this(failure, false);
        }
    }

    /**
     * How the loop ended.
     *
     * @param <R> what the operation gives when done
     */
    public sealed interface Outcome<R> permits Succeeded, GaveUp {
        /** {@return the attempts made} */
        int attempts();
    }

    /**
     * The operation was done.
     *
     * @param value what it gave
     * @param attempts the attempts made
     * @param <R> its type
     */
    public record Succeeded<R>(R value, int attempts) implements Outcome<R> {
    }

    /**
     * The loop gave up: attempts or deadline used up, cancelled, or interrupted while backing off.
     *
     * @param attempts the attempts made (0 if cancelled before the first)
     * @param elapsed from the start to giving up
     * @param failures each failed attempt's exception, in order (attempts that failed without one have none)
     * @param lastFailedWithoutException whether the last attempt asked to be tried again without an exception
     * @param interrupted whether the thread was interrupted while backing off (its flag is set again)
     * @param <R> what the operation would have given
     */
    public record GaveUp<R>(int attempts, Duration elapsed, List<Throwable> failures,
                            boolean lastFailedWithoutException, boolean interrupted) implements Outcome<R> {
        /** Copies the failures. */
        public GaveUp {
            failures = List.copyOf(failures);
        }

        /** {@return the last attempt's exception, if it failed with one} */
        public Optional<Throwable> lastFailure() {
            return lastFailedWithoutException || failures.isEmpty() ? Optional.empty()
                    : Optional.of(failures.getLast());
        }
    }

    /**
     * A signal that stops a loop between attempts (a batch stops its chunks when the caller is interrupted):
     * a loop that is backing off wakes up at once.
     */
    public static final class Cancel {
        private final CountDownLatch signal = new CountDownLatch(1);

        /** Stops every loop that watches this signal, at its next attempt or backoff. */
        public void cancel() {
            signal.countDown();
        }

        /** {@return whether {@link #cancel()} was called} */
        public boolean cancelled() {
            return signal.getCount() == 0;
        }

        /** Waits the delay; true when it passed, false when cancelled meanwhile. */
        boolean await(long nanos) throws InterruptedException {
            return !signal.await(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * {@return how the operation ended}: runs attempts until one is done, or the policy's attempts or deadline
     * are used up, or the signal cancels it
     */
    public static <R> Outcome<R> attempt(RetryPolicy policy, @Nullable Cancel cancel, Attempt<R> attempt) {
        return attempt(policy, System.nanoTime(), cancel, attempt);
    }

    /**
     * {@return how the operation ended}, as {@link #attempt(RetryPolicy, Cancel, Attempt)}, the policy's deadline
     * counted from {@code startNanos} (a {@link System#nanoTime()}): for loops that are parts of one operation, such
     * as the chunks of a batch
     */
    public static <R> Outcome<R> attempt(RetryPolicy policy, long startNanos, @Nullable Cancel cancel,
                                         Attempt<R> attempt) {
        requireNonNull(policy, "policy is null");
        requireNonNull(attempt, "attempt is null");
        long start = startNanos;
        List<Throwable> failures = new ArrayList<>(2);
        int attempts = 0;
        boolean lastWithoutException = false;
        RandomGenerator random = ThreadLocalRandom.current();
        while (true) {
            Optional<Duration> remaining = remaining(policy, start);
            if ((cancel != null && cancel.cancelled()) || remaining.map(r -> r.isNegative() || r.isZero()).orElse(false)) {
                return new GaveUp<>(attempts, Duration.ofNanos(System.nanoTime() - start), failures,
                        lastWithoutException, false);
            }
            attempts++;
            Step<R> step;
            try {
                step = requireNonNull(attempt.run(remaining), "an attempt returned null");
            } catch (RuntimeException | Error e) {
                for (Throwable earlier : failures) {
                    if (earlier != e) {
                        e.addSuppressed(earlier);
                    }
                }
                throw e;
            }
            switch (step) {
                case Done<R> d -> {
                    return new Succeeded<>(d.value(), attempts);
                }
                case Again<R> a -> {
                    lastWithoutException = a.failure() == null;
                    if (a.failure() != null) {
                        failures.add(a.failure());
                    }
                }
            }
            if (step instanceof Again<R> a && a.now() && attempts < policy.maxAttempts()) {
                continue;
            }
            long delay = nextDelay(policy, start, attempts, random);
            if (delay < 0) {
                return new GaveUp<>(attempts, Duration.ofNanos(System.nanoTime() - start), failures,
                        lastWithoutException, false);
            }
            try {
                boolean waited = cancel == null ? sleep(delay) : cancel.await(delay);
                if (!waited) {
                    return new GaveUp<>(attempts, Duration.ofNanos(System.nanoTime() - start), failures,
                            lastWithoutException, false);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new GaveUp<>(attempts, Duration.ofNanos(System.nanoTime() - start), failures,
                        lastWithoutException, true);
            }
        }
    }

    /**
     * {@return what the operation gave}, or throws when the loop gave up
     *
     * @param operation what is being done, for the message (e.g. {@code "TransactWriteItems on Shop"})
     * @throws RetriesExhaustedException when the attempts or the deadline were used up: the last failure is the
     *                                   cause, every earlier one suppressed
     * @throws AbortedException when interrupted while backing off (the thread's flag is set again), every failure
     *                          suppressed
     */
    public static <R> R run(RetryPolicy policy, String operation, Attempt<R> attempt) {
        Outcome<R> outcome = attempt(policy, null, attempt);
        return switch (outcome) {
            case Succeeded<R> s -> s.value();
            case GaveUp<R> g -> throw gaveUp(operation, g);
        };
    }

    /** {@return the exception for a loop that gave up}, carrying every failure */
    public static RuntimeException gaveUp(String operation, GaveUp<?> g) {
        String took = g.attempts() + (g.attempts() == 1 ? " attempt" : " attempts") + " in "
                + g.elapsed().toMillis() + " ms";
        if (g.interrupted()) {
            AbortedException aborted = AbortedException.create(operation + ": interrupted while backing off after "
                    + took);
            g.failures().forEach(aborted::addSuppressed);
            return aborted;
        }
        Throwable last = g.failures().isEmpty() ? new IllegalStateException(operation + ": no attempt could be made")
                : g.failures().getLast();
        RetriesExhaustedException e = new RetriesExhaustedException(operation + ": gave up after " + took
                + "; the last attempt failed with " + last.getClass().getSimpleName() + status(last)
                + (g.failures().size() > 1 ? " (each earlier attempt's failure is suppressed)" : ""),
                g.attempts(), g.elapsed(), last);
        for (Throwable earlier : g.failures().subList(0, Math.max(0, g.failures().size() - 1))) {
            e.addSuppressed(earlier);
        }
        return e;
    }

    private static String status(Throwable t) {
        return t instanceof software.amazon.awssdk.core.exception.SdkServiceException s
                ? " (HTTP " + s.statusCode() + ")" : "";
    }

    private static Optional<Duration> remaining(RetryPolicy policy, long start) {
        return policy.deadline().map(d -> d.minusNanos(System.nanoTime() - start));
    }

    private static boolean sleep(long nanos) throws InterruptedException {
        if (nanos > 0) {
            TimeUnit.NANOSECONDS.sleep(nanos);
        }
        return true;
    }

    /**
     * The backoff before the next attempt after {@code attemptsMade} attempts, in nanoseconds, or -1 if that
     * attempt is not within the budget (no attempts left, or the backoff would pass the deadline).
     */
    static long nextDelay(RetryPolicy policy, long start, int attemptsMade, RandomGenerator random) {
        if (attemptsMade >= policy.maxAttempts()) {
            return -1;
        }
        long delay = delayNanos(policy, attemptsMade, random);
        Optional<Duration> left = remaining(policy, start);
        return left.isPresent() && left.get().toNanos() <= delay ? -1 : delay;
    }

    /** The full-jitter delay before retry number {@code retry} (1 for the first retry), in nanoseconds. */
    static long delayNanos(RetryPolicy policy, int retry, RandomGenerator random) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry counts from 1, got " + retry);
        }
        long cap = ceiling(policy, retry);
        return cap == 0 ? 0 : random.nextLong(cap + 1);
    }

    /** The upper bound of the delay before retry number {@code retry}: {@code min(max, base * 2^(retry-1))}. */
    static long ceiling(RetryPolicy policy, int retry) {
        long base = policy.baseDelay().toNanos();
        long max = policy.maxDelay().toNanos();
        int shift = Math.min(retry - 1, 62);
        if (base == 0) {
            return 0;
        }
        // base << shift overflows long once base > max >> shift; the cap applies long before that
        return base > (max >> shift) ? max : Math.min(max, base << shift);
    }
}
