package dev.dynamatic.it;

import static dev.dynamatic.ast.Dsl.attributeExists;
import static dev.dynamatic.ast.Dsl.attributeNotExists;
import static dev.dynamatic.ast.Dsl.partitionKey;
import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.core.AsyncTable;
import dev.dynamatic.core.BatchWrite;
import dev.dynamatic.core.ConditionCheck;
import dev.dynamatic.core.DeleteItem;
import dev.dynamatic.core.Failure;
import dev.dynamatic.core.Item;
import dev.dynamatic.core.Key;
import dev.dynamatic.core.KeySchema;
import dev.dynamatic.core.Operation;
import dev.dynamatic.core.OperationListener;
import dev.dynamatic.core.OptimisticLock;
import dev.dynamatic.core.PutItem;
import dev.dynamatic.core.Query;
import dev.dynamatic.core.RetryPolicy;
import dev.dynamatic.core.Table;
import dev.dynamatic.core.Transaction;
import dev.dynamatic.it.FaultProxy.Fault;
import dev.dynamatic.it.server.DynamoDbServer;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;

/**
 * The event SPI against the real engines: single calls, a paginated query, a batch under the fault proxy's
 * throttling and partial answers (each attempt and unprocessed item counted as the proxy injected them), a
 * cancelled transaction, and an asynchronous call's callbacks.
 */
@DynamoDbIT
class OperationListenerIT {

    static final KeySchema SCHEMA = KeySchema.of("pk", "sk");
    static final RetryPolicy NO_WAIT = RetryPolicy.defaults().withBackoff(Duration.ZERO, Duration.ZERO);

    /** Records every operation with its attempts and end, from any thread. */
    static final class Recording implements OperationListener {
        record Seen(Operation operation, List<Operation.Attempt> attempts, List<Operation.End> ends) {
        }

        final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());

        @Override
        public Observation start(Operation operation) {
            Seen s = new Seen(operation, Collections.synchronizedList(new ArrayList<>()),
                    Collections.synchronizedList(new ArrayList<>()));
            seen.add(s);
            return new Observation() {
                @Override
                public void attempt(Operation.Attempt attempt) {
                    s.attempts().add(attempt);
                }

                @Override
                public void end(Operation.End end) {
                    s.ends().add(end);
                }
            };
        }

        Operation.End end(int i) {
            assertEquals(1, seen.get(i).ends().size(), "one end per operation");
            return seen.get(i).ends().getFirst();
        }
    }

    @Test
    void singleCallsAndAPaginatedQueryAreOneOperationEach(DynamoDbClient client, TestTable table) {
        Recording rec = new Recording();
        Table t = Table.of(client, table.name(), SCHEMA).withListener(rec);
        for (int i = 0; i < 5; i++) {
            t.put(Item.of(Map.of("pk", "single", "sk", "s" + i)));
        }
        assertTrue(t.get(Key.of("single", "s1")).isPresent());
        Either<Failure, ?> refused = t.put(PutItem.of(Item.of(Map.of("pk", "single", "sk", "s1")))
                .withCondition(attributeNotExists(path("pk"))));
        assertTrue(refused.isLeft());
        t.delete(DeleteItem.of(Key.of("single", "s4")));
        List<Item> items = t.query(Query.of(partitionKey("pk", value("single"))).withPageSize(2)).toList();
        assertEquals(4, items.size());

        List<Operation.Kind> kinds = rec.seen.stream().map(s -> s.operation().kind()).toList();
        assertEquals(List.of(Operation.Kind.PUT, Operation.Kind.PUT, Operation.Kind.PUT, Operation.Kind.PUT,
                Operation.Kind.PUT, Operation.Kind.GET, Operation.Kind.PUT, Operation.Kind.DELETE), kinds.subList(0, 8));
        assertEquals(1, rec.end(5).returned());
        assertEquals(Operation.Outcome.CONDITION_FAILED, rec.end(6).outcome());
        assertEquals(Operation.Outcome.OK, rec.end(7).outcome());
        // 4 items in pages of 2: pages of 2, 2 and the empty page that ends the query
        List<Integer> pages = IntStream.range(8, rec.seen.size()).peek(i -> assertEquals(Operation.Kind.QUERY,
                rec.seen.get(i).operation().kind())).mapToObj(i -> rec.end(i).returned()).toList();
        assertEquals(4, pages.stream().mapToInt(Integer::intValue).sum());
        assertTrue(pages.size() >= 2, pages.toString());
        for (Recording.Seen s : rec.seen) {
            assertEquals(List.of(table.name()), s.operation().tables());
            assertEquals(1, s.attempts().size());
            // whatever capacity an engine reports is this table's
            s.ends().getFirst().capacity().forEach(c -> assertEquals(table.name(), c.table()));
        }
    }

    @Test
    void aBatchUnderThrottlingCountsEachAttemptAndUnprocessedItemAsTheProxyInjectedThem(DynamoDbServer server,
                                                                                        TestTable table) {
        AttemptCounter sdk = new AttemptCounter();
        Recording rec = new Recording();
        try (FaultProxy proxy = FaultProxy.start(server.endpoint()); DynamoDbClient faulty = proxy.client(server, sdk)) {
            // one chunk of 10: throttled, throttled again, half held back (5), half of the rest held back (2), done
            proxy.injectNext("BatchWriteItem", Fault.PROVISIONED_THROUGHPUT_EXCEEDED, Fault.THROTTLING,
                    Fault.PARTIAL_BATCH, Fault.PARTIAL_BATCH);
            Table t = Table.of(faulty, table.name(), SCHEMA).withListener(rec);
            List<Item> items = IntStream.range(0, 10)
                    .mapToObj(i -> Item.of(Map.of("pk", "batch", "sk", "b" + i, "n", i))).toList();
            BatchWrite.Result r = BatchWrite.of().putAll(t, items).withRetry(NO_WAIT).execute();
            assertTrue(r.complete());
            Map<Fault, Long> injected = proxy.injected("BatchWriteItem");
            System.out.println("[listener] injected " + injected + "; " + rec.seen);

            assertEquals(1, rec.seen.size());
            Recording.Seen batch = rec.seen.getFirst();
            assertEquals(Operation.Kind.BATCH_WRITE, batch.operation().kind());
            List<Operation.Attempt> attempts = batch.attempts();
            assertEquals(List.of(Operation.Outcome.THROTTLED, Operation.Outcome.THROTTLED,
                    Operation.Outcome.UNPROCESSED, Operation.Outcome.UNPROCESSED, Operation.Outcome.OK),
                    attempts.stream().map(Operation.Attempt::outcome).toList());
            long throttled = attempts.stream().filter(a -> a.outcome() == Operation.Outcome.THROTTLED).count();
            assertEquals(injected.get(Fault.PROVISIONED_THROUGHPUT_EXCEEDED) + injected.get(Fault.THROTTLING), throttled);
            assertEquals(injected.get(Fault.PARTIAL_BATCH),
                    attempts.stream().filter(a -> a.outcome() == Operation.Outcome.UNPROCESSED).count());
            assertEquals(List.of(0, 0, 5, 2, 0), attempts.stream().map(Operation.Attempt::unprocessed).toList());
            assertEquals(List.of(0, 0, 5, 3, 2), attempts.stream().map(Operation.Attempt::written).toList());
            assertEquals(List.of(ProvisionedThroughputExceededException.class.getName(), ThrottlingException.class.getName()),
                    attempts.subList(0, 2).stream().map(a -> a.error().orElseThrow()).toList());
            Operation.End end = rec.end(0);
            assertEquals(Operation.Outcome.OK, end.outcome());
            assertEquals(5, end.attempts());
            assertEquals(sdk.attempts("BatchWriteItem"), end.attempts());
            assertEquals(proxy.requests("BatchWriteItem"), end.attempts());
            assertEquals(10, end.written());
            assertEquals(0, end.unprocessed());
        }
    }

    @Test
    void aLockedWriteThatFindsAnotherVersionEndsInAVersionConflict(DynamoDbClient client, TestTable table) {
        Recording rec = new Recording();
        Table t = Table.of(client, table.name(), SCHEMA).withListener(rec);
        OptimisticLock lock = OptimisticLock.on("v").withMode(OptimisticLock.Mode.CONDITIONAL_WRITE);
        PutItem<Item> put = PutItem.of(Item.of(Map.of("pk", "lock", "sk", "a")));
        assertEquals(Either.right(1L), lock.put(t, put, 0));
        Either<Failure, Long> stale = lock.put(t, put, 0);
        assertTrue(stale.isLeft() && stale.getLeft() instanceof Failure.VersionConflict);
        assertEquals(List.of(Operation.Kind.LOCKED_WRITE, Operation.Kind.LOCKED_WRITE),
                rec.seen.stream().map(s -> s.operation().kind()).toList());
        assertEquals(Operation.Outcome.OK, rec.end(0).outcome());
        assertEquals(Operation.Outcome.VERSION_CONFLICT, rec.end(1).outcome());
        assertEquals(Operation.Outcome.CONDITION_FAILED, rec.seen.get(1).attempts().getFirst().outcome());
    }

    @Test
    @Tag("transactions")
    void aCancelledTransactionCarriesEachActionsReason(DynamoDbClient client, TestTable table) {
        Recording rec = new Recording();
        Table t = Table.of(client, table.name(), SCHEMA).withListener(rec);
        Either<Failure, ?> r = Transaction.of().put(t, PutItem.of(Item.of(Map.of("pk", "tx", "sk", "a"))))
                .check(t, ConditionCheck.of(Key.of("tx", "missing"), attributeExists(path("pk")))).execute();
        assertTrue(r.isLeft());
        assertEquals(Operation.Kind.TRANSACT_WRITE, rec.seen.getFirst().operation().kind());
        Operation.End end = rec.end(0);
        assertEquals(Operation.Outcome.TRANSACTION_CANCELED, end.outcome());
        assertEquals(List.of("None", "ConditionalCheckFailed"), end.cancellationReasons());
    }

    @Test
    void anAsyncCallsCallbacksRunWithinTheListenersWrapping(DynamoDbAsyncClient client, TestTable table)
            throws Exception {
        ThreadLocal<String> context = new ThreadLocal<>();
        List<Operation.End> ends = Collections.synchronizedList(new ArrayList<>());
        OperationListener tracing = op -> new OperationListener.Observation() {
            @Override
            public void end(Operation.End end) {
                ends.add(end);
            }

            @Override
            public Runnable wrap(Runnable task) {
                return () -> {
                    context.set(op.kind().name());
                    try {
                        task.run();
                    } finally {
                        context.remove();
                    }
                };
            }
        };
        AsyncTable t = AsyncTable.of(client, table.name(), SCHEMA).withListener(tracing);
        CompletableFuture<String> seen = new CompletableFuture<>();
        t.put(PutItem.of(Item.of(Map.of("pk", "async", "sk", "a")))).thenAccept(w -> seen.complete(context.get()));
        assertEquals("PUT", seen.get(10, TimeUnit.SECONDS));
        assertEquals(Operation.Outcome.OK, ends.getFirst().outcome());
        assertEquals(1, ends.getFirst().written());
    }
}
