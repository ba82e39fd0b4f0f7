package dev.dynamatic.it;

import static dev.dynamatic.ast.Dsl.attributeNotExists;
import static dev.dynamatic.ast.Dsl.partitionKey;
import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.core.BatchWrite;
import dev.dynamatic.core.Item;
import dev.dynamatic.core.Key;
import dev.dynamatic.core.KeySchema;
import dev.dynamatic.core.PutItem;
import dev.dynamatic.core.Query;
import dev.dynamatic.core.RetryPolicy;
import dev.dynamatic.core.Table;
import dev.dynamatic.it.FaultProxy.Fault;
import dev.dynamatic.it.server.DynamoDbServer;
import dev.dynamatic.micrometer.MicrometerListener;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** {@link MicrometerListener} on the real engines: single calls, a paginated query and a batch under throttling. */
@DynamoDbIT
class MicrometerIT {

    static final KeySchema SCHEMA = KeySchema.of("pk", "sk");

    @Test
    void singleCallsAndAPaginatedQueryAreTimedByOperationTableAndOutcome(DynamoDbClient client, TestTable table) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Table t = Table.of(client, table.name(), SCHEMA).withListener(MicrometerListener.of(registry));
        for (int i = 0; i < 5; i++) {
            t.put(Item.of(Map.of("pk", "m", "sk", "s" + i)));
        }
        assertTrue(t.put(PutItem.of(Item.of(Map.of("pk", "m", "sk", "s0"))).withCondition(attributeNotExists(path("pk"))))
                .isLeft());
        assertTrue(t.get(Key.of("m", "s1")).isPresent());
        List<Item> all = t.query(Query.of(partitionKey("pk", value("m"))).withPageSize(2)).toList();
        assertEquals(5, all.size());

        assertEquals(5, registry.get("dynamatic.operation").tags("operation", "put", "table", table.name(),
                "outcome", "ok").timer().count());
        assertEquals(1, registry.get("dynamatic.operation").tags("operation", "put", "outcome", "condition_failed",
                "error", ConditionalCheckFailedException.class.getName()).timer().count());
        assertEquals(1, registry.get("dynamatic.operation").tags("operation", "get").timer().count());
        long pages = registry.get("dynamatic.operation").tags("operation", "query").timer().count();
        assertTrue(pages >= 3, "5 items in pages of 2: " + pages);
        assertEquals(6, registry.get("dynamatic.items.returned").tags("table", table.name()).counters().stream()
                .mapToDouble(c -> c.count()).sum()); // the get's 1 and the query's 5
        assertEquals(5, registry.get("dynamatic.items.written").tags("operation", "put").counter().count());
        assertEquals(0, registry.find("dynamatic.retries").counters().size());
    }

    @Test
    void aBatchUnderThrottlingCountsRetriesThrottlesAndUnprocessedItemsAsInjected(DynamoDbServer server,
                                                                                TestTable table) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (FaultProxy proxy = FaultProxy.start(server.endpoint()); DynamoDbClient faulty = proxy.client(server)) {
            // one chunk of 20: throttled twice, then 10 held back, then 5 of those held back, then done
            proxy.injectNext("BatchWriteItem", Fault.THROTTLING, Fault.PROVISIONED_THROUGHPUT_EXCEEDED,
                    Fault.PARTIAL_BATCH, Fault.PARTIAL_BATCH);
            Table t = Table.of(faulty, table.name(), SCHEMA).withListener(MicrometerListener.of(registry));
            List<Item> items = IntStream.range(0, 20).mapToObj(i -> Item.of(Map.of("pk", "mb", "sk", "b" + i))).toList();
            BatchWrite.of().putAll(t, items).withRetry(RetryPolicy.defaults()
                    .withBackoff(Duration.ofMillis(1), Duration.ofMillis(5))).execute();
            Map<Fault, Long> injected = proxy.injected("BatchWriteItem");
            for (Meter m : registry.getMeters()) {
                System.out.println("[micrometer] " + m.getId().getName() + " " + m.getId().getTags() + " "
                        + m.measure());
            }
            String tb = table.name();
            assertEquals(injected.get(Fault.THROTTLING) + injected.get(Fault.PROVISIONED_THROUGHPUT_EXCEEDED),
                    registry.get("dynamatic.throttles").tags("operation", "batch_write", "table", tb).counter().count());
            assertEquals(2, registry.get("dynamatic.attempts").tags("outcome", "throttled").counter().count());
            assertEquals(injected.get(Fault.PARTIAL_BATCH),
                    (long) registry.get("dynamatic.attempts").tags("outcome", "unprocessed").counter().count());
            assertEquals(1, registry.get("dynamatic.attempts").tags("outcome", "ok").counter().count());
            assertEquals(4, registry.get("dynamatic.retries").counter().count());
            assertEquals(10 + 5, registry.get("dynamatic.items.unprocessed").counter().count());
            assertEquals(20, registry.get("dynamatic.items.written").counter().count());
            assertEquals(1, registry.get("dynamatic.operation").tags("operation", "batch_write", "outcome", "ok")
                    .timer().count());
            assertTrue(registry.get("dynamatic.operation").timer().totalTime(TimeUnit.NANOSECONDS) > 0);
        }
    }
}
