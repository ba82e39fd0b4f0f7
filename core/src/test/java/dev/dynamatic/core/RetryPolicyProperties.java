package dev.dynamatic.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Full-jitter backoff bounds and the budget's rules. */
class RetryPolicyProperties {

    @Test
    void everyDelayLiesBetweenZeroAndTheExponentialCeiling() {
        qt().forAll(longs().between(0, 10_000), longs().between(0, 100_000), integers().between(1, 200),
                        longs().all())
                .checkAssert((baseMillis, extraMillis, retry, seed) -> {
                    RetryPolicy p = RetryPolicy.defaults().backoff(Duration.ofMillis(baseMillis),
                            Duration.ofMillis(baseMillis + extraMillis));
                    long delay = p.delayNanos(retry, new SplittableRandom(seed));
                    assertTrue(delay >= 0 && delay <= p.ceiling(retry), delay + " outside [0, " + p.ceiling(retry) + "]");
                });
    }

    @Test
    void theCeilingIsBaseTimesTwoToTheRetriesCappedAtTheMaximum() {
        qt().forAll(longs().between(0, 10_000), longs().between(0, 1_000_000), integers().between(1, 300))
                .checkAssert((baseMillis, extraMillis, retry) -> {
                    Duration base = Duration.ofMillis(baseMillis);
                    Duration max = Duration.ofMillis(baseMillis + extraMillis);
                    RetryPolicy p = RetryPolicy.defaults().backoff(base, max);
                    BigInteger exact = BigInteger.valueOf(base.toNanos()).shiftLeft(retry - 1)
                            .min(BigInteger.valueOf(max.toNanos()));
                    assertEquals(exact.longValueExact(), p.ceiling(retry));
                });
    }

    @Test
    void theCeilingNeverShrinksFromOneRetryToTheNext() {
        qt().forAll(longs().between(0, 10_000), longs().between(0, 1_000_000), integers().between(1, 300))
                .checkAssert((baseMillis, extraMillis, retry) -> {
                    RetryPolicy p = RetryPolicy.defaults().backoff(Duration.ofMillis(baseMillis),
                            Duration.ofMillis(baseMillis + extraMillis));
                    assertTrue(p.ceiling(retry) <= p.ceiling(retry + 1));
                });
    }

    @Test
    void jitterSpreadsDelaysOverTheWholeRange() {
        RetryPolicy p = RetryPolicy.defaults().backoff(Duration.ofMillis(100), Duration.ofSeconds(10));
        SplittableRandom random = new SplittableRandom(42);
        long ceiling = p.ceiling(3);
        long low = 0;
        long high = 0;
        for (int i = 0; i < 2_000; i++) {
            long d = p.delayNanos(3, random);
            if (d < ceiling / 4) {
                low++;
            } else if (d > ceiling * 3 / 4) {
                high++;
            }
        }
        assertTrue(low > 300 && high > 300, "low " + low + ", high " + high);
    }

    @Test
    void rejectsABudgetThatCannotWork() {
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.defaults().attempts(0));
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.defaults().deadline(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.defaults().deadline(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class,
                () -> RetryPolicy.defaults().backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class,
                () -> RetryPolicy.defaults().backoff(Duration.ofMillis(-1), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.defaults().delayNanos(0, new SplittableRandom()));
    }

    @Test
    void theBudgetStopsAtTheLastAttempt() throws InterruptedException {
        RetryPolicy.Budget b = RetryPolicy.defaults().attempts(3).backoff(Duration.ZERO, Duration.ZERO).start();
        SplittableRandom random = new SplittableRandom(1);
        assertTrue(b.backOff(1, random));
        assertTrue(b.backOff(2, random));
        assertFalse(b.backOff(3, random));
        assertEquals(Optional.empty(), b.remaining());
        assertFalse(b.expired());
    }

    @Test
    void theBudgetStopsBeforeABackoffThatWouldPassTheDeadline() throws InterruptedException {
        RetryPolicy.Budget b = RetryPolicy.defaults().attempts(1_000).deadline(Duration.ofMillis(50))
                .backoff(Duration.ofSeconds(10), Duration.ofSeconds(10)).start();
        // a 10 s ceiling against a 50 ms deadline: almost every draw is refused (seeds fixed: deterministic)
        int refused = 0;
        for (int i = 0; i < 20; i++) {
            if (!b.backOff(1, new SplittableRandom(i))) {
                refused++;
            }
        }
        assertTrue(refused >= 19, "refused " + refused);
        assertTrue(b.remaining().isPresent());
    }
}
