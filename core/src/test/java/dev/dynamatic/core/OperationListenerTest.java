package dev.dynamatic.core;

import static dev.dynamatic.ast.Dsl.attributeExists;
import static dev.dynamatic.ast.Dsl.partitionKey;
import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.control.Either;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/** The event SPI: what a listener sees for each operation and attempt, against canned answers. */
class OperationListenerTest {

    static final RetryPolicy NO_WAIT = RetryPolicy.defaults().withBackoff(Duration.ZERO, Duration.ZERO);

    /** Records every operation, attempt and end, in order, from any thread. */
    static final class Recording implements OperationListener {
        final List<Operation> started = Collections.synchronizedList(new ArrayList<>());
        final List<Operation.Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
        final List<Operation.End> ends = Collections.synchronizedList(new ArrayList<>());
        final boolean capacity;

        Recording(boolean capacity) {
            this.capacity = capacity;
        }

        Recording() {
            this(true);
        }

        @Override
        public Observation start(Operation operation) {
            started.add(operation);
            return new Observation() {
                @Override
                public void attempt(Operation.Attempt attempt) {
                    attempts.add(attempt);
                }

                @Override
                public void end(Operation.End end) {
                    ends.add(end);
                }
            };
        }

        @Override
        public boolean wantsCapacity() {
            return capacity;
        }
    }

    private static Table orders(DynamoDbClient client, OperationListener l) {
        return Table.of(client, "Orders", KeySchema.of("PK", "SK")).withListener(l);
    }

    private static final String PUT_CAPACITY = """
            {"ConsumedCapacity":{"TableName":"Orders","CapacityUnits":3.0,"Table":{"CapacityUnits":1.0},
             "GlobalSecondaryIndexes":{"GSI1":{"CapacityUnits":2.0}}}}""";

    @Test
    void aPutIsOneOperationOfOneAttemptWithCapacityPerTableAndIndexAskedForByItself() {
        CannedHttp http = new CannedHttp().answer(200, PUT_CAPACITY);
        Recording rec = new Recording();
        try (DynamoDbClient client = http.client()) {
            orders(client, rec).put(Item.of(Map.of("PK", "C#secret", "SK", "PROFILE", "name", "Ada")));
        }
        assertTrue(http.sent().getFirst().body().contains("\"ReturnConsumedCapacity\":\"INDEXES\""),
                http.sent().getFirst().body());
        assertEquals(List.of(new Operation(Operation.Kind.PUT, "PutItem", List.of("Orders"), Optional.empty(),
                Optional.empty())), rec.started);
        Operation.Attempt a = rec.attempts.getFirst();
        assertEquals(1, a.number());
        assertEquals(Operation.Outcome.OK, a.outcome());
        assertFalse(a.again());
        List<Operation.Capacity> capacity = List.of(
                new Operation.Capacity("Orders", Optional.empty(), 3.0, 0, 0),
                new Operation.Capacity("Orders", Optional.of("GSI1"), 2.0, 0, 0));
        assertEquals(capacity, a.capacity());
        Operation.End e = rec.ends.getFirst();
        assertEquals(Operation.Outcome.OK, e.outcome());
        assertEquals(1, e.attempts());
        assertEquals(1, e.written());
        assertEquals(capacity, e.capacity());
        assertFalse((rec.started + "" + rec.attempts + rec.ends).contains("secret"), "events carry no values");
    }

    @Test
    void aPatchIsOneOperationWithAnAttemptPerUpdateItSends() {
        // the first attempt finds the parent map NULL, the second writes it whole
        CannedHttp http = new CannedHttp()
                .answer(400, PatchTest.failedWith("{\"pk\":{\"S\":\"p1\"},\"sk\":{\"S\":\"PROFILE\"},"
                        + "\"address\":{\"NULL\":true}}"))
                .answer(200, "{\"ConsumedCapacity\":{\"TableName\":\"T\",\"CapacityUnits\":1.0}}");
        Recording rec = new Recording();
        try (DynamoDbClient client = http.client()) {
            Table t = Table.of(client, "T", KeySchema.of("pk", "sk")).withListener(rec);
            assertTrue(t.patch(Patch.of(PatchTest.LYON, PatchTest.PROFILES).withRetry(NO_WAIT)).isRight());
        }
        assertTrue(http.sent().getFirst().body().contains("\"ReturnConsumedCapacity\":\"INDEXES\""),
                http.sent().getFirst().body());
        assertEquals(List.of(Operation.Kind.PATCH), rec.started.stream().map(Operation::kind).toList());
        assertEquals(List.of(Operation.Outcome.CONDITION_FAILED, Operation.Outcome.OK),
                rec.attempts.stream().map(Operation.Attempt::outcome).toList());
        assertEquals(List.of(true, false), rec.attempts.stream().map(Operation.Attempt::again).toList());
        Operation.End e = rec.ends.getFirst();
        assertEquals(Operation.Outcome.OK, e.outcome());
        assertEquals(2, e.attempts());
        assertEquals(1, e.written());
        assertFalse((rec.started + "" + rec.attempts + rec.ends).contains("Lyon"), "events carry no values");
    }

    @Test
    void everyParallelScanSegmentStartedIsEndedEvenWhenTheScanClosesBeforeItRuns() {
        // one worker on the caller's thread: segment 0's consumer fails, which closes the scan before 1 and 2 run
        Recording rec = new Recording();
        try (DynamoDbClient client = new CannedHttp().client()) {
            ParallelScan<Item> scan = ParallelScan.of(orders(client, rec), Scan.of(), 3).withMaxConcurrency(1)
                    .withExecutor(Runnable::run);
            IllegalStateException thrown = assertThrows(IllegalStateException.class,
                    () -> scan.forEachSegment((segment, items) -> {
                        throw new IllegalStateException("consumer of segment " + segment);
                    }));
            assertEquals("consumer of segment 0", thrown.getMessage());
        }
        assertEquals(3, rec.started.size());
        assertEquals(List.of(Operation.Outcome.ERROR, Operation.Outcome.GAVE_UP, Operation.Outcome.GAVE_UP),
                rec.ends.stream().map(Operation.End::outcome).toList());
    }

    @Test
    void everyParallelScanSegmentStartedIsEndedWhenTheExecutorRejectsTheWorkers() {
        Recording rec = new Recording();
        try (DynamoDbClient client = new CannedHttp().client()) {
            ParallelScan<Item> scan = ParallelScan.of(orders(client, rec), Scan.of(), 2).withExecutor(task -> {
                throw new RejectedExecutionException("full");
            });
            assertThrows(RejectedExecutionException.class, () -> scan.forEachSegment((segment, items) -> { }));
        }
        assertEquals(2, rec.started.size());
        assertEquals(List.of(Operation.Outcome.GAVE_UP, Operation.Outcome.GAVE_UP),
                rec.ends.stream().map(Operation.End::outcome).toList());
    }

    @Test
    void aCustomizersCapacitySettingIsKeptAndAListenerThatWantsNoneAddsNothing() {
        CannedHttp http = new CannedHttp().answer(200, "{}").answer(200, "{}").answer(200, "{}");
        try (DynamoDbClient client = http.client()) {
            orders(client, new Recording()).put(PutItem.of(Item.of(Map.of("PK", "a", "SK", "b")))
                    .withCustomizer(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.NONE)));
            orders(client, new Recording(false)).put(Item.of(Map.of("PK", "a", "SK", "b")));
            Table.of(client, "Orders", KeySchema.of("PK", "SK")).put(Item.of(Map.of("PK", "a", "SK", "b")));
        }
        assertTrue(http.sent().get(0).body().contains("\"ReturnConsumedCapacity\":\"NONE\""), http.sent().get(0).body());
        assertFalse(http.sent().get(1).body().contains("ReturnConsumedCapacity"), http.sent().get(1).body());
        assertFalse(http.sent().get(2).body().contains("ReturnConsumedCapacity"), http.sent().get(2).body());
    }

    @Test
    void aFailedConditionIsAnOutcomeAndAnErrorIsNamedByItsClass() {
        CannedHttp http = new CannedHttp()
                .error(400, "ConditionalCheckFailedException", "The conditional request failed")
                .error(400, "ResourceNotFoundException", "Requested resource not found");
        Recording rec = new Recording();
        try (DynamoDbClient client = http.client()) {
            Table t = orders(client, rec);
            Either<Failure, Written<Item>> r = t.delete(DeleteItem.of(Key.of("a", "b"))
                    .withCondition(attributeExists(path("PK"))));
            assertTrue(r.isLeft());
            try {
                t.get(Key.of("a", "b"));
            } catch (RuntimeException expected) {
                // the SDK's exception, as without a listener
            }
        }
        assertEquals(List.of(Operation.Outcome.CONDITION_FAILED, Operation.Outcome.ERROR),
                rec.ends.stream().map(Operation.End::outcome).toList());
        assertEquals(Optional.of(ConditionalCheckFailedException.class.getName()), rec.attempts.getFirst().error());
        assertEquals(Optional.of(ResourceNotFoundException.class.getName()), rec.ends.get(1).error());
        assertEquals(List.of(Operation.Kind.DELETE, Operation.Kind.GET),
                rec.started.stream().map(Operation::kind).toList());
    }

    @Test
    void aListenerThatThrowsNeverFailsTheOperation() {
        CannedHttp http = new CannedHttp().answer(200, "{\"Item\":{\"PK\":{\"S\":\"a\"},\"SK\":{\"S\":\"b\"}}}")
                .answer(200, "{}");
        OperationListener throwsAtStart = op -> {
            throw new IllegalStateException("boom");
        };
        OperationListener throwsLater = op -> new OperationListener.Observation() {
            @Override
            public void attempt(Operation.Attempt attempt) {
                throw new IllegalStateException("boom");
            }

            @Override
            public void end(Operation.End end) {
                throw new IllegalStateException("boom");
            }
        };
        try (DynamoDbClient client = http.client()) {
            assertTrue(orders(client, throwsAtStart).get(Key.of("a", "b")).isPresent());
            assertTrue(orders(client, throwsLater).get(Key.of("a", "b")).isEmpty());
        }
    }

    @Test
    void allListenersSeeEveryOperationAndAFailingOneFailsNoneOfTheOthers() {
        CannedHttp http = new CannedHttp().answer(200, "{}");
        Recording first = new Recording(false);
        Recording second = new Recording(false);
        OperationListener broken = op -> {
            throw new IllegalStateException("boom");
        };
        OperationListener all = OperationListener.all(first, OperationListener.all(broken, second));
        try (DynamoDbClient client = http.client()) {
            orders(client, all).put(Item.of(Map.of("PK", "a", "SK", "b")));
        }
        assertEquals(1, first.ends.size());
        assertEquals(1, second.ends.size());
        assertTrue(all.wantsCapacity()); // the broken one wants it, but never started: nothing is asked for
        assertFalse(http.sent().getFirst().body().contains("ReturnConsumedCapacity"));
    }

    @Test
    void allListenersStartedDirectlyWrapTasksAndExecutorsThroughEachOfThem() {
        // a caller's own listener may delegate to all(..): its observation must carry each one's context too
        List<String> ran = new ArrayList<>();
        OperationListener a = tagging("a", ran);
        OperationListener b = tagging("b", ran);
        OperationListener.Observation both = OperationListener.all(a, b).start(new Operation(Operation.Kind.GET,
                "GetItem", List.of("Orders"), Optional.empty(), Optional.empty()));
        both.wrap(() -> ran.add("task")).run();
        both.wrap((java.util.concurrent.Executor) Runnable::run).execute(() -> ran.add("executed"));
        assertEquals(List.of("b", "a", "task", "a", "b", "executed"), ran, "composed as the library composes them");
    }

    /** A listener whose wrappers note their tag before running what they wrap. */
    private static OperationListener tagging(String tag, List<String> ran) {
        return op -> new OperationListener.Observation() {
            @Override
            public void end(Operation.End end) {
            }

            @Override
            public Runnable wrap(Runnable task) {
                return () -> {
                    ran.add(tag);
                    task.run();
                };
            }

            @Override
            public java.util.concurrent.Executor wrap(java.util.concurrent.Executor executor) {
                return task -> executor.execute(wrap(task));
            }
        };
    }

    private static final String NOTHING_LEFT = """
            {"UnprocessedItems":{},"ConsumedCapacity":[{"TableName":"Orders","CapacityUnits":1.0}]}""";

    private static String unprocessedPut(String pk) {
        return "{\"UnprocessedItems\":{\"Orders\":[{\"PutRequest\":{\"Item\":{\"PK\":{\"S\":\"" + pk
                + "\"},\"SK\":{\"S\":\"H\"}}}}]},\"ConsumedCapacity\":[{\"TableName\":\"Orders\",\"CapacityUnits\":2.0}]}";
    }

    @Test
    void aBatchCountsEachAttemptItsThrottlesAndUnprocessedItemsExactly() {
        CannedHttp http = new CannedHttp()
                .error(400, "ProvisionedThroughputExceededException", "slow down")
                .answer(200, unprocessedPut("O#1"))
                .answer(200, NOTHING_LEFT);
        Recording rec = new Recording();
        try (DynamoDbClient client = http.client()) {
            Table t = orders(client, rec);
            BatchWrite.Result r = BatchWrite.of().put(t, Item.of(Map.of("PK", "O#0", "SK", "H")))
                    .put(t, Item.of(Map.of("PK", "O#1", "SK", "H"))).withRetry(NO_WAIT).execute();
            assertTrue(r.complete());
        }
        assertTrue(http.sent().getFirst().body().contains("\"ReturnConsumedCapacity\":\"INDEXES\""));
        assertEquals(Operation.Kind.BATCH_WRITE, rec.started.getFirst().kind());
        assertEquals("BatchWriteItem", rec.started.getFirst().api());
        assertEquals(List.of(Operation.Outcome.THROTTLED, Operation.Outcome.UNPROCESSED, Operation.Outcome.OK),
                rec.attempts.stream().map(Operation.Attempt::outcome).toList());
        assertEquals(List.of(1, 2, 3), rec.attempts.stream().map(Operation.Attempt::number).toList());
        assertEquals(List.of(true, true, false), rec.attempts.stream().map(Operation.Attempt::again).toList());
        assertEquals(List.of(0, 1, 0), rec.attempts.stream().map(Operation.Attempt::unprocessed).toList());
        assertEquals(List.of(0, 1, 1), rec.attempts.stream().map(Operation.Attempt::written).toList());
        Operation.End e = rec.ends.getFirst();
        assertEquals(Operation.Outcome.OK, e.outcome());
        assertEquals(3, e.attempts());
        assertEquals(2, e.written());
        assertEquals(0, e.unprocessed());
        assertEquals(List.of(new Operation.Capacity("Orders", Optional.empty(), 3.0, 0, 0)), e.capacity());
    }

    @Test
    void aBatchThatRunsOutOfAttemptsGivesUpWithItsUnprocessedItems() {
        CannedHttp http = new CannedHttp().answer(200, unprocessedPut("O#1")).answer(200, unprocessedPut("O#1"));
        Recording rec = new Recording();
        try (DynamoDbClient client = http.client()) {
            Table t = orders(client, rec);
            BatchWrite.Result r = BatchWrite.of().put(t, Item.of(Map.of("PK", "O#1", "SK", "H")))
                    .withRetry(NO_WAIT.withMaxAttempts(2)).tryExecute();
            assertFalse(r.complete());
        }
        Operation.End e = rec.ends.getFirst();
        assertEquals(Operation.Outcome.GAVE_UP, e.outcome());
        assertEquals(2, e.attempts());
        assertEquals(1, e.unprocessed());
        assertEquals(0, e.written());
    }

    @Test
    void aBatchAcrossTablesIsSeenOnceByEachDistinctListener() {
        CannedHttp http = new CannedHttp().answer(200, "{\"UnprocessedItems\":{}}")
                .answer(200, "{\"UnprocessedItems\":{}}");
        Recording shared = new Recording();
        Recording other = new Recording();
        try (DynamoDbClient client = http.client()) {
            Table a = Table.of(client, "A", KeySchema.of("PK", "SK")).withListener(shared);
            Table b = Table.of(client, "B", KeySchema.of("PK", "SK")).withListener(shared);
            Table c = Table.of(client, "C", KeySchema.of("PK", "SK")).withListener(other);
            Table none = Table.of(client, "D", KeySchema.of("PK", "SK"));
            BatchWrite.of().put(a, Item.of(Map.of("PK", "1", "SK", "1"))).put(b, Item.of(Map.of("PK", "1", "SK", "1")))
                    .put(c, Item.of(Map.of("PK", "1", "SK", "1"))).put(none, Item.of(Map.of("PK", "1", "SK", "1")))
                    .execute();
            BatchWrite.of().put(none, Item.of(Map.of("PK", "2", "SK", "2"))).execute();
        }
        assertEquals(1, shared.started.size());
        assertEquals(1, other.started.size());
        assertEquals(List.of("A", "B", "C", "D"), shared.started.getFirst().tables());
        assertEquals(1, shared.ends.size());
        assertEquals(4, other.ends.getFirst().written());
    }

    private static final String CONDITION_FAILED = """
            {"__type":"com.amazonaws.dynamodb.v20120810#TransactionCanceledException",
             "message":"Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]",
             "CancellationReasons":[{"Code":"None"},{"Code":"ConditionalCheckFailed","Message":"The conditional request failed"}]}""";

    private static final String CONFLICT = """
            {"__type":"com.amazonaws.dynamodb.v20120810#TransactionCanceledException",
             "message":"Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict, None]",
             "CancellationReasons":[{"Code":"TransactionConflict","Message":"Transaction is ongoing for the item"},{"Code":"None"}]}""";

    @Test
    void aCancelledTransactionCarriesItsReasonsAndATransientCancellationIsRetried() {
        CannedHttp http = new CannedHttp().answer(400, CONFLICT).answer(400, CONDITION_FAILED);
        Recording rec = new Recording();
        try (DynamoDbClient client = http.client()) {
            Table t = orders(client, rec);
            Either<Failure, ?> r = Transaction.of().put(t, PutItem.of(Item.of(Map.of("PK", "O#1", "SK", "H"))))
                    .check(t, ConditionCheck.of(Key.of("C#1", "P"), attributeExists(path("PK"))))
                    .withRetry(NO_WAIT).execute();
            assertTrue(r.isLeft());
        }
        assertEquals(List.of(Operation.Kind.TRANSACT_WRITE), rec.started.stream().map(Operation::kind).toList());
        assertEquals(List.of(true, false), rec.attempts.stream().map(Operation.Attempt::again).toList());
        Operation.End e = rec.ends.getFirst();
        assertEquals(Operation.Outcome.TRANSACTION_CANCELED, e.outcome());
        assertEquals(List.of("None", "ConditionalCheckFailed"), e.cancellationReasons());
        assertEquals(2, e.attempts());
    }

    @Test
    void aLockedWriteThatFindsAnotherVersionIsAVersionConflict() {
        String failed = """
                {"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",
                 "message":"The conditional request failed","Item":{"PK":{"S":"a"},"SK":{"S":"b"},"v":{"N":"5"}}}""";
        CannedHttp http = new CannedHttp().answer(400, failed);
        Recording rec = new Recording();
        try (DynamoDbClient client = http.client()) {
            Either<Failure, Long> r = OptimisticLock.on("v").withMode(OptimisticLock.Mode.CONDITIONAL_WRITE)
                    .put(orders(client, rec), PutItem.of(Item.of(Map.of("PK", "a", "SK", "b"))), 3);
            assertTrue(r.isLeft() && r.getLeft() instanceof Failure.VersionConflict);
        }
        assertEquals(Operation.Kind.LOCKED_WRITE, rec.started.getFirst().kind());
        assertEquals(Operation.Outcome.CONDITION_FAILED, rec.attempts.getFirst().outcome());
        assertEquals(Operation.Outcome.VERSION_CONFLICT, rec.ends.getFirst().outcome());
    }

    @Test
    void eachQueryPageIsAnOperationWithItsIndexAndItemCount() {
        CannedHttp http = new CannedHttp()
                .answer(200, "{\"Items\":[{\"PK\":{\"S\":\"a\"},\"SK\":{\"S\":\"1\"},\"G\":{\"S\":\"g\"}}],\"Count\":1,"
                        + "\"LastEvaluatedKey\":{\"PK\":{\"S\":\"a\"},\"SK\":{\"S\":\"1\"},\"G\":{\"S\":\"g\"}}}")
                .answer(200, "{\"Items\":[],\"Count\":0}");
        Recording rec = new Recording();
        try (DynamoDbClient client = http.client()) {
            Table t = Table.of(client, "Orders", KeySchema.of("PK", "SK").withIndex("GSI1", KeySchema.of("G")))
                    .withListener(rec);
            try (ItemStream<Item> items = t.query(Query.of(partitionKey("G", value("g"))).withIndex("GSI1"))) {
                assertEquals(1, items.toList().size());
            }
        }
        assertEquals(2, rec.started.size());
        assertEquals(Optional.of("GSI1"), rec.started.getFirst().index());
        assertEquals(List.of(1, 0), rec.ends.stream().map(Operation.End::returned).toList());
        assertTrue(http.sent().get(1).body().contains("\"ReturnConsumedCapacity\":\"INDEXES\""));
    }

    @Test
    void anAsyncTablesCallbacksRunWithinTheListenersWrapping() throws Exception {
        AsyncTableTest.Answering client = new AsyncTableTest.Answering();
        client.responses.add(GetItemResponse.builder().item(Map.of("PK", AttributeValue.fromS("a"),
                "SK", AttributeValue.fromS("b"))).consumedCapacity(ConsumedCapacity.builder().tableName("T")
                .capacityUnits(0.5).build()).build());
        ThreadLocal<String> context = new ThreadLocal<>();
        List<Operation.End> ends = new ArrayList<>();
        OperationListener tracing = op -> new OperationListener.Observation() {
            @Override
            public void end(Operation.End end) {
                ends.add(end);
            }

            @Override
            public Runnable wrap(Runnable task) {
                return () -> {
                    context.set("span");
                    try {
                        task.run();
                    } finally {
                        context.remove();
                    }
                };
            }
        };
        AsyncTable table = AsyncTable.of(client, "T", KeySchema.of("PK", "SK")).withListener(tracing);
        CompletableFuture<String> seen = new CompletableFuture<>();
        CompletableFuture<Optional<Item>> got = new CompletableFuture<>();
        // the call answers at once here: attach the callback to a future the test completes after the call
        table.get(Key.of("a", "b")).whenComplete((item, error) -> {
            got.complete(item);
        });
        assertTrue(got.get(10, TimeUnit.SECONDS).isPresent());
        assertEquals(1, ends.size());
        assertEquals(1, ends.getFirst().returned());
        assertEquals(List.of(new Operation.Capacity("T", Optional.empty(), 0.5, 0, 0)), ends.getFirst().capacity());
        assertEquals(ReturnConsumedCapacity.INDEXES,
                ((software.amazon.awssdk.services.dynamodb.model.GetItemRequest) client.requests.getFirst())
                        .returnConsumedCapacity());
        // a callback attached before completion runs inside the wrapping
        CompletableFuture<GetItemResponse> pending = new CompletableFuture<>();
        AsyncTableTest.Answering later = new AsyncTableTest.Answering() {
            @Override
            public CompletableFuture<GetItemResponse> getItem(
                    software.amazon.awssdk.services.dynamodb.model.GetItemRequest r) {
                return pending;
            }
        };
        AsyncTable.of(later, "T", KeySchema.of("PK", "SK")).withListener(tracing).get(Key.of("a", "b"))
                .thenAccept(item -> seen.complete(context.get()));
        pending.complete(GetItemResponse.builder().build());
        assertEquals("span", seen.get(10, TimeUnit.SECONDS));
    }
}
