package dev.dynamatic.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dynamatic.core.Operation;
import dev.dynamatic.core.OperationListener;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The meters one batch's events become, fed straight to the listener. */
class MicrometerListenerTest {

    @Test
    void aThrottledPartlyUnprocessedBatchBecomesTimersAndCounters() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        OperationListener.Observation o = MicrometerListener.of(registry).start(new Operation(
                Operation.Kind.BATCH_WRITE, "BatchWriteItem", List.of("Orders", "Audit"), Optional.empty(),
                Optional.empty()));
        o.attempt(new Operation.Attempt(1, Duration.ofMillis(3), Operation.Outcome.THROTTLED,
                Optional.of("ThrottlingException"), true, List.of(), 0, 0, 0));
        o.attempt(new Operation.Attempt(2, Duration.ofMillis(4), Operation.Outcome.UNPROCESSED, Optional.empty(), true,
                List.of(), 0, 6, 4));
        o.attempt(new Operation.Attempt(3, Duration.ofMillis(5), Operation.Outcome.OK, Optional.empty(), false,
                List.of(), 0, 4, 0));
        o.end(new Operation.End(Operation.Outcome.OK, Optional.empty(), List.of(), 3, Duration.ofMillis(20),
                List.of(new Operation.Capacity("Orders", Optional.empty(), 7, 0, 7),
                        new Operation.Capacity("Orders", Optional.of("GSI1"), 2, 0, 2)), 0, 10, 0));

        String table = "Audit,Orders";
        assertEquals(1, registry.get("dynamatic.operation").tags("operation", "batch_write", "table", table,
                "outcome", "ok", "error", "none").timer().count());
        assertEquals(20, registry.get("dynamatic.operation").timer().totalTime(java.util.concurrent.TimeUnit.MILLISECONDS));
        assertEquals(1, registry.get("dynamatic.attempts").tags("outcome", "throttled").counter().count());
        assertEquals(1, registry.get("dynamatic.attempts").tags("outcome", "unprocessed").counter().count());
        assertEquals(1, registry.get("dynamatic.attempts").tags("outcome", "ok").counter().count());
        assertEquals(2, registry.get("dynamatic.retries").tags("table", table).counter().count());
        assertEquals(1, registry.get("dynamatic.throttles").counter().count());
        assertEquals(4, registry.get("dynamatic.items.unprocessed").counter().count());
        assertEquals(10, registry.get("dynamatic.items.written").counter().count());
        assertNull(registry.find("dynamatic.items.returned").counter());
        assertEquals(7, registry.get("dynamatic.capacity.units").tags("table", "Orders", "index", "none").counter()
                .count());
        assertEquals(2, registry.get("dynamatic.capacity.units").tags("index", "GSI1").counter().count());
    }

    @Test
    void needsARegistry() {
        assertEquals("registry is null", assertThrows(NullPointerException.class, () -> MicrometerListener.of(null))
                .getMessage());
    }
}
