package dev.dynamatic.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.dynamatic.core.RetriesExhaustedException;
import dev.dynamatic.core.RetryPolicy;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.AbortedException;

/**
 * The one retry loop: full-jitter backoff bounds, the budget's rules, and what the loop hands back when it gives
 * up. Loops run with zero backoff, so nothing here depends on timing.
 */
class RetrierProperties {

    private static final RetryPolicy NO_WAIT = RetryPolicy.defaults().withBackoff(Duration.ZERO, Duration.ZERO);

    // ---- backoff

    @Test
    void everyDelayLiesBetweenZeroAndTheExponentialCeiling() {
        qt().forAll(longs().between(0, 10_000), longs().between(0, 100_000), integers().between(1, 200),
                        longs().all())
                .checkAssert((baseMillis, extraMillis, retry, seed) -> {
                    RetryPolicy p = RetryPolicy.defaults().withBackoff(Duration.ofMillis(baseMillis),
                            Duration.ofMillis(baseMillis + extraMillis));
                    long delay = Retrier.delayNanos(p, retry, new SplittableRandom(seed));
                    long ceiling = Retrier.ceiling(p, retry);
                    assertTrue(delay >= 0 && delay <= ceiling, delay + " outside [0, " + ceiling + "]");
                });
    }

    @Test
    void theCeilingIsBaseTimesTwoToTheRetriesCappedAtTheMaximum() {
        qt().forAll(longs().between(0, 10_000), longs().between(0, 1_000_000), integers().between(1, 300))
                .checkAssert((baseMillis, extraMillis, retry) -> {
                    Duration base = Duration.ofMillis(baseMillis);
                    Duration max = Duration.ofMillis(baseMillis + extraMillis);
                    RetryPolicy p = RetryPolicy.defaults().withBackoff(base, max);
                    BigInteger exact = BigInteger.valueOf(base.toNanos()).shiftLeft(retry - 1)
                            .min(BigInteger.valueOf(max.toNanos()));
                    assertEquals(exact.longValueExact(), Retrier.ceiling(p, retry));
                });
    }

    @Test
    void theCeilingNeverShrinksFromOneRetryToTheNext() {
        qt().forAll(longs().between(0, 10_000), longs().between(0, 1_000_000), integers().between(1, 300))
                .checkAssert((baseMillis, extraMillis, retry) -> {
                    RetryPolicy p = RetryPolicy.defaults().withBackoff(Duration.ofMillis(baseMillis),
                            Duration.ofMillis(baseMillis + extraMillis));
                    assertTrue(Retrier.ceiling(p, retry) <= Retrier.ceiling(p, retry + 1));
                });
    }

    @Test
    void jitterSpreadsDelaysOverTheWholeRange() {
        RetryPolicy p = RetryPolicy.defaults().withBackoff(Duration.ofMillis(100), Duration.ofSeconds(10));
        SplittableRandom random = new SplittableRandom(42);
        long ceiling = Retrier.ceiling(p, 3);
        long low = 0;
        long high = 0;
        for (int i = 0; i < 2_000; i++) {
            long d = Retrier.delayNanos(p, 3, random);
            if (d < ceiling / 4) {
                low++;
            } else if (d > ceiling * 3 / 4) {
                high++;
            }
        }
        assertTrue(low > 300 && high > 300, "low " + low + ", high " + high);
    }

    @Test
    void retriesCountFromOne() {
        assertThrows(IllegalArgumentException.class, () -> Retrier.delayNanos(NO_WAIT, 0, new SplittableRandom()));
    }

    @Test
    void theBudgetStopsAtTheLastAttempt() {
        RetryPolicy p = NO_WAIT.withMaxAttempts(3);
        SplittableRandom random = new SplittableRandom(1);
        long start = System.nanoTime();
        assertEquals(0, Retrier.nextDelay(p, start, 1, random));
        assertEquals(0, Retrier.nextDelay(p, start, 2, random));
        assertEquals(-1, Retrier.nextDelay(p, start, 3, random));
        assertEquals(-1, Retrier.nextDelay(p, start, 4, random));
    }

    @Test
    void theBudgetStopsBeforeABackoffThatWouldPassTheDeadline() {
        RetryPolicy p = RetryPolicy.defaults().withMaxAttempts(1_000).withDeadline(Duration.ofMillis(50))
                .withBackoff(Duration.ofSeconds(10), Duration.ofSeconds(10));
        long start = System.nanoTime();
        // a 10 s ceiling against a 50 ms deadline: almost every draw is refused (seeds fixed; time only refuses more)
        int refused = 0;
        for (int i = 0; i < 20; i++) {
            if (Retrier.nextDelay(p, start, 1, new SplittableRandom(i)) < 0) {
                refused++;
            }
        }
        assertTrue(refused >= 19, "refused " + refused);
        // a deadline already passed refuses even a zero backoff
        assertEquals(-1, Retrier.nextDelay(NO_WAIT.withDeadline(Duration.ofMillis(1)), start - 1_000_000_000L, 1,
                new SplittableRandom(1)));
    }

    // ---- the loop

    @Test
    void anAttemptThatAlwaysAsksAgainRunsExactlyMaxAttemptsTimesAndEveryFailureIsKeptInOrder() {
        qt().forAll(integers().between(1, 40)).checkAssert(n -> {
            AtomicInteger calls = new AtomicInteger();
            Retrier.Outcome<String> o = Retrier.attempt(NO_WAIT.withMaxAttempts(n), null,
                    remaining -> new Retrier.Again<>(new IllegalStateException("attempt " + calls.incrementAndGet())));
            assertEquals(n, calls.get());
            Retrier.GaveUp<String> g = gaveUp(o);
            assertEquals(n, g.attempts());
            assertEquals(numbered(n), g.failures().stream().map(Throwable::getMessage).toList());
            assertEquals(Optional.of(g.failures().getLast()), g.lastFailure());
            assertTrue(!g.interrupted() && !g.lastFailedWithoutException());
        });
    }

    @Test
    void runThrowsRetriesExhaustedWithTheLastFailureAsCauseAndTheEarlierOnesSuppressedInOrder() {
        qt().forAll(integers().between(1, 40)).checkAssert(n -> {
            AtomicInteger calls = new AtomicInteger();
            RetriesExhaustedException e = assertThrows(RetriesExhaustedException.class, () -> Retrier.run(
                    NO_WAIT.withMaxAttempts(n), "PutItem on T",
                    remaining -> new Retrier.Again<String>(new IllegalStateException("attempt " + calls.incrementAndGet()))));
            assertEquals(n, calls.get());
            assertEquals(n, e.attempts());
            assertEquals("attempt " + n, e.getCause().getMessage());
            assertEquals(numbered(n - 1), Arrays.stream(e.getSuppressed()).map(Throwable::getMessage).toList());
            assertTrue(e.getMessage().startsWith("PutItem on T: gave up after " + n + (n == 1 ? " attempt in " : " attempts in ")),
                    e.getMessage());
            assertTrue(e.getMessage().contains("IllegalStateException"), e.getMessage());
            assertTrue(!e.elapsed().isNegative());
        });
    }

    @Test
    void anExceptionAnAttemptThrowsEndsTheLoopWithTheEarlierFailuresSuppressedInOrder() {
        qt().forAll(integers().between(1, 30), integers().between(0, 30)).checkAssert((n, extra) -> {
            AtomicInteger calls = new AtomicInteger();
            IllegalArgumentException fatal = new IllegalArgumentException("fatal");
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> Retrier.run(
                    NO_WAIT.withMaxAttempts(n + extra), "op", remaining -> {
                        int call = calls.incrementAndGet();
                        if (call == n) {
                            throw fatal;
                        }
                        return new Retrier.Again<String>(new IllegalStateException("attempt " + call));
                    }));
            assertSame(fatal, thrown);
            assertEquals(n, calls.get());
            assertEquals(numbered(n - 1), Arrays.stream(thrown.getSuppressed()).map(Throwable::getMessage).toList());
        });
    }

    @Test
    void doneEndsTheLoopWithTheValueAndTheAttemptsMade() {
        qt().forAll(integers().between(1, 30), integers().between(0, 30)).checkAssert((n, extra) -> {
            AtomicInteger calls = new AtomicInteger();
            Retrier.Outcome<Integer> o = Retrier.attempt(NO_WAIT.withMaxAttempts(n + extra), null, remaining -> {
                int call = calls.incrementAndGet();
                return call == n ? new Retrier.Done<>(call) : new Retrier.Again<>(null);
            });
            assertEquals(new Retrier.Succeeded<>(n, n), o);
            assertEquals(n, Retrier.run(NO_WAIT.withMaxAttempts(n + extra), "op", new Countdown(n)));
        });
    }

    @Test
    void attemptsThatFailWithoutAnExceptionLeaveNoFailureAndSayTheLastDid() {
        Retrier.Outcome<String> o = Retrier.attempt(NO_WAIT.withMaxAttempts(4), null, new Retrier.Attempt<>() {
            int call;

            @Override
            public Retrier.Step<String> run(Optional<Duration> remaining) {
                return ++call == 1 ? new Retrier.Again<>(new IllegalStateException("first")) : new Retrier.Again<>(null);
            }
        });
        Retrier.GaveUp<String> g = gaveUp(o);
        assertEquals(4, g.attempts());
        assertEquals(List.of("first"), g.failures().stream().map(Throwable::getMessage).toList());
        assertTrue(g.lastFailedWithoutException());
        assertEquals(Optional.empty(), g.lastFailure());
    }

    @Test
    void aDeadlineStopsTheLoopAndEachAttemptIsToldTheTimeLeft() {
        List<Optional<Duration>> told = new ArrayList<>();
        Duration deadline = Duration.ofMillis(20);
        Retrier.Outcome<String> o = Retrier.attempt(NO_WAIT.withMaxAttempts(Integer.MAX_VALUE).withDeadline(deadline),
                null, remaining -> {
                    told.add(remaining);
                    pastDeadline(deadline);
                    return new Retrier.Again<>(new IllegalStateException("attempt " + told.size()));
                });
        Retrier.GaveUp<String> g = gaveUp(o);
        assertEquals(1, g.attempts(), "the first attempt outlasted the deadline: no second one");
        assertEquals(1, told.size());
        assertTrue(told.getFirst().isPresent() && told.getFirst().get().compareTo(deadline) <= 0, told::toString);
        assertTrue(g.elapsed().compareTo(deadline) >= 0, g.elapsed()::toString);
        assertEquals(List.of("attempt 1"), g.failures().stream().map(Throwable::getMessage).toList());
        // without a deadline, an attempt is told of no time limit
        Retrier.run(NO_WAIT, "op", remaining -> {
            assertEquals(Optional.empty(), remaining);
            return new Retrier.Done<>("ok");
        });
    }

    @Test
    void aCancelStopsTheLoopAtItsNextAttempt() {
        Retrier.Cancel cancel = new Retrier.Cancel();
        AtomicInteger calls = new AtomicInteger();
        Retrier.Outcome<String> o = Retrier.attempt(NO_WAIT.withMaxAttempts(10), cancel, remaining -> {
            if (calls.incrementAndGet() == 3) {
                cancel.cancel();
            }
            return new Retrier.Again<>(new IllegalStateException("attempt " + calls.get()));
        });
        Retrier.GaveUp<String> g = gaveUp(o);
        assertEquals(3, calls.get());
        assertEquals(3, g.attempts());
        assertEquals(numbered(3), g.failures().stream().map(Throwable::getMessage).toList());
        assertTrue(cancel.cancelled());

        Retrier.Outcome<String> never = Retrier.attempt(NO_WAIT, cancel, remaining -> {
            throw new AssertionError("a cancelled loop makes no attempt");
        });
        assertEquals(0, never.attempts());
    }

    @Test
    void anAttemptThatAsksAgainNowIsRetriedWithoutBackingOffButCountsAgainstTheAttempts() {
        // a backoff of an hour: a watcher cancels the loop if it ever waits (no sleep, no timing assumption)
        RetryPolicy slow = RetryPolicy.defaults().withBackoff(Duration.ofHours(1), Duration.ofHours(1))
                .withMaxAttempts(3);
        Retrier.Cancel cancel = new Retrier.Cancel();
        Thread loop = Thread.currentThread();
        java.util.concurrent.atomic.AtomicBoolean over = new java.util.concurrent.atomic.AtomicBoolean();
        Thread watcher = Thread.ofPlatform().start(() -> {
            while (!over.get()) {
                if (loop.getState() == Thread.State.TIMED_WAITING) {
                    cancel.cancel();
                    return;
                }
                Thread.onSpinWait();
            }
        });
        AtomicInteger calls = new AtomicInteger();
        Retrier.Outcome<String> done = Retrier.attempt(slow, cancel, remaining -> calls.incrementAndGet() < 3
                ? new Retrier.Again<>(new IllegalStateException("attempt " + calls.get()), true)
                : new Retrier.Done<>("ok"));
        Retrier.Outcome<String> spent = Retrier.attempt(slow, cancel,
                remaining -> new Retrier.Again<>(new IllegalStateException("again"), true));
        over.set(true);
        assertTrue(join(watcher));
        assertFalse(cancel.cancelled(), "the loop never backed off");
        assertEquals(new Retrier.Succeeded<>("ok", 3), done);
        assertEquals(3, gaveUp(spent).attempts(), "at most the policy's attempts");
    }

    @Test
    void aCancelWakesALoopThatIsBackingOff() {
        // a backoff of an hour: only the cancel can end the wait
        RetryPolicy slow = RetryPolicy.defaults().withBackoff(Duration.ofHours(1), Duration.ofHours(1));
        Retrier.Cancel cancel = new Retrier.Cancel();
        Thread loop = Thread.currentThread();
        List<Thread> canceller = new ArrayList<>();
        Retrier.Outcome<String> o = Retrier.attempt(slow, cancel, remaining -> {
            // cancels once the loop waits in its backoff (no sleep, no timing assumption)
            canceller.add(Thread.ofPlatform().start(() -> {
                while (loop.getState() != Thread.State.TIMED_WAITING) {
                    Thread.onSpinWait();
                }
                cancel.cancel();
            }));
            return new Retrier.Again<>(new IllegalStateException("attempt 1"));
        });
        Retrier.GaveUp<String> g = gaveUp(o);
        assertEquals(1, g.attempts());
        assertTrue(!g.interrupted());
        assertEquals(List.of("attempt 1"), g.failures().stream().map(Throwable::getMessage).toList());
        assertTrue(join(canceller.getFirst()));
    }

    @Test
    void anInterruptWhileBackingOffGivesUpAndKeepsTheFlag() {
        RetryPolicy slow = RetryPolicy.defaults().withBackoff(Duration.ofHours(1), Duration.ofHours(1));
        Thread.currentThread().interrupt();
        try {
            AbortedException e = assertThrows(AbortedException.class, () -> Retrier.run(slow, "op",
                    remaining -> new Retrier.Again<String>(new IllegalStateException("attempt 1"))));
            assertTrue(Thread.currentThread().isInterrupted());
            assertTrue(e.getMessage().contains("interrupted while backing off after 1 attempt"), e.getMessage());
            assertEquals(List.of("attempt 1"), Arrays.stream(e.getSuppressed()).map(Throwable::getMessage).toList());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aLoopThatCouldMakeNoAttemptSaysSo() {
        Retrier.Cancel cancel = new Retrier.Cancel();
        cancel.cancel();
        Retrier.GaveUp<String> g = gaveUp(Retrier.attempt(NO_WAIT, cancel, remaining -> new Retrier.Done<>("never")));
        RuntimeException e = Retrier.gaveUp("BatchWriteItem", g);
        RetriesExhaustedException r = assertInstanceOf(RetriesExhaustedException.class, e);
        assertEquals(0, r.attempts());
        assertTrue(r.getCause().getMessage().contains("no attempt could be made"), r.getCause().getMessage());
    }

    // ---- helpers

    private static <R> Retrier.GaveUp<R> gaveUp(Retrier.Outcome<R> o) {
        if (o instanceof Retrier.GaveUp<R> g) {
            return g;
        }
        throw new AssertionError("the loop did not give up: " + o);
    }

    private static List<String> numbered(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add("attempt " + i);
        }
        return out;
    }

    /** Waits until more than {@code d} has passed (measured, not assumed). */
    private static void pastDeadline(Duration d) {
        long until = System.nanoTime() + d.toNanos() + 1_000_000;
        while (System.nanoTime() < until) {
            try {
                Thread.sleep(Duration.ofNanos(Math.max(1, until - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static boolean join(Thread t) {
        try {
            t.join();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Done on the n-th call, again before. */
    private static final class Countdown implements Retrier.Attempt<Integer> {
        private final int n;
        private int call;

        Countdown(int n) {
            this.n = n;
        }

        @Override
        public Retrier.Step<Integer> run(Optional<Duration> remaining) {
            return ++call == n ? new Retrier.Done<>(call) : new Retrier.Again<>(new IllegalStateException("x"));
        }
    }
}
