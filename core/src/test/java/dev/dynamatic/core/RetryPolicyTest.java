package dev.dynamatic.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The retry budget as a value: defaults, changed copies, and budgets that cannot work. (The loop: RetrierProperties.) */
class RetryPolicyTest {

    @Test
    void defaultsAreTenAttemptsWithoutDeadlineBackingOffFrom50msTo5s() {
        RetryPolicy d = RetryPolicy.defaults();
        assertEquals(10, d.maxAttempts());
        assertEquals(Optional.empty(), d.deadline());
        assertEquals(Duration.ofMillis(50), d.baseDelay());
        assertEquals(Duration.ofSeconds(5), d.maxDelay());
        assertEquals("RetryPolicy[10 attempts, backoff PT0.05S to PT5S]", d.toString());
    }

    @Test
    void eachWithMethodChangesOnePartOfACopy() {
        RetryPolicy d = RetryPolicy.defaults();
        RetryPolicy p = d.withMaxAttempts(3).withDeadline(Duration.ofSeconds(30))
                .withBackoff(Duration.ofMillis(10), Duration.ofMillis(20));
        assertEquals(3, p.maxAttempts());
        assertEquals(Optional.of(Duration.ofSeconds(30)), p.deadline());
        assertEquals(Duration.ofMillis(10), p.baseDelay());
        assertEquals(Duration.ofMillis(20), p.maxDelay());
        assertEquals("RetryPolicy[3 attempts, deadline PT30S, backoff PT0.01S to PT0.02S]", p.toString());
        assertEquals(RetryPolicy.defaults(), d, "the original is unchanged");
        assertEquals(10, d.maxAttempts());
    }

    @Test
    void equalWhenEveryPartIsEqual() {
        RetryPolicy a = RetryPolicy.defaults().withMaxAttempts(4).withDeadline(Duration.ofSeconds(1));
        RetryPolicy b = RetryPolicy.defaults().withDeadline(Duration.ofSeconds(1)).withMaxAttempts(4);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, a.withMaxAttempts(5));
        assertNotEquals(a, a.withDeadline(Duration.ofSeconds(2)));
        assertNotEquals(a, a.withBackoff(Duration.ZERO, Duration.ZERO));
        assertNotEquals(a, a.withBackoff(Duration.ofMillis(50), Duration.ofSeconds(6)));
    }

    @Test
    void rejectsABudgetThatCannotWork() {
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.defaults().withMaxAttempts(0));
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.defaults().withDeadline(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.defaults().withDeadline(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class,
                () -> RetryPolicy.defaults().withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class,
                () -> RetryPolicy.defaults().withBackoff(Duration.ofMillis(-1), Duration.ofSeconds(1)));
        assertThrows(NullPointerException.class, () -> RetryPolicy.defaults().withDeadline(null));
        assertThrows(NullPointerException.class, () -> RetryPolicy.defaults().withBackoff(null, Duration.ZERO));
    }
}
