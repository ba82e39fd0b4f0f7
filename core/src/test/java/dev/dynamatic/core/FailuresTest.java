package dev.dynamatic.core;

import static dev.dynamatic.ast.Dsl.eq;
import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.set;
import static dev.dynamatic.ast.Dsl.update;
import static dev.dynamatic.ast.Dsl.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.control.Either;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/** Classification of SDK exceptions (built in-process) into outcomes and thrown errors, sync and async. */
class FailuresTest {

    private static final KeySchema SCHEMA = KeySchema.of("PK", "SK");
    private static final Key KEY = Key.of("a", "b");
    private static final Map<String, AttributeValue> OLD = Map.of("PK", AttributeValue.fromS("a"),
            "SK", AttributeValue.fromS("b"), "n", AttributeValue.fromN("1.50"));

    /** A failed condition as the SDK throws it (its mapping to a Failure: OutcomesTest). */
    static ConditionalCheckFailedException conditionFailed(Map<String, AttributeValue> item) {
        return ConditionalCheckFailedException.builder().message("The conditional request failed").item(item)
                .statusCode(400).build();
    }

    @Test
    void aFailureDecodesItsItemWithAnyCodec() {
        record Row(String PK, String SK, java.math.BigDecimal n) {
        }
        ItemCodec<Row> rows = RecordCodec.of(Row.class, java.lang.invoke.MethodHandles.lookup());
        Row row = new Row("a", "b", new java.math.BigDecimal("1.50"));
        Failure.ConditionFailed c = new Failure.ConditionFailed(Optional.of(Item.from(OLD)), "m");
        assertEquals(Optional.of(row), c.decode(rows));
        assertEquals(Optional.empty(), new Failure.ConditionFailed(Optional.empty(), "m").decode(rows));
        Failure.VersionConflict v = new Failure.VersionConflict(3, Optional.of(Item.from(OLD)));
        assertEquals(Optional.of(row), v.decode(rows));
        assertEquals(Optional.empty(), new Failure.VersionConflict(3, Optional.empty()).decode(rows));
        Failure.TransactionCanceled.Reason r = new Failure.TransactionCanceled.Reason("ConditionalCheckFailed",
                Optional.of("m"), Optional.of(Item.from(OLD)));
        assertEquals(Optional.of(row), r.decode(rows));
        assertEquals(Optional.of(Item.from(OLD)), r.decode(Item.codec()));
        assertThrows(NullPointerException.class, () -> c.decode(null));
    }

    @Test
    void failuresCheckTheirPartsAndCopyTheirReasons() {
        assertThrows(NullPointerException.class, () -> new Failure.ConditionFailed(null, "m"));
        assertThrows(NullPointerException.class, () -> new Failure.ConditionFailed(Optional.empty(), null));
        assertThrows(NullPointerException.class, () -> new Failure.VersionConflict(1, null));
        assertThrows(NullPointerException.class,
                () -> new Failure.TransactionCanceled.Reason("None", Optional.empty(), null));
        java.util.List<Failure.TransactionCanceled.Reason> reasons = new java.util.ArrayList<>();
        reasons.add(new Failure.TransactionCanceled.Reason("None", Optional.empty(), Optional.empty()));
        Failure.TransactionCanceled t = new Failure.TransactionCanceled(reasons, "m");
        reasons.clear();
        assertEquals(1, t.reasons().size());
    }

    /** Items in failures are views: their text names attributes and types, never values. */
    @Test
    void aFailureNeverShowsTheItemsValues() {
        Map<String, AttributeValue> secret = Map.of("PK", AttributeValue.fromS("secret-canary"),
                "SK", AttributeValue.fromS("secret-canary"));
        for (Failure f : java.util.List.<Failure>of(
                new Failure.ConditionFailed(Optional.of(Item.from(secret)), "The conditional request failed"),
                new Failure.VersionConflict(2, Optional.of(Item.from(secret))),
                new Failure.TransactionCanceled(java.util.List.of(new Failure.TransactionCanceled.Reason(
                        "ConditionalCheckFailed", Optional.empty(), Optional.of(Item.from(secret)))), "cancelled"))) {
            assertFalse(f.toString().contains("secret-canary"), f.toString());
            assertTrue(f.toString().contains("PK=<S>"), f.toString());
        }
    }

    /** A sync client whose writes throw what it is given (or answer), as the SDK does after unmarshalling. */
    record Throwing(RuntimeException error) implements DynamoDbClient {
        @Override
        public PutItemResponse putItem(PutItemRequest r) {
            throw error;
        }

        @Override
        public UpdateItemResponse updateItem(UpdateItemRequest r) {
            throw error;
        }

        @Override
        public DeleteItemResponse deleteItem(DeleteItemRequest r) {
            throw error;
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void syncWritesReturnAFailedConditionAsAValue() {
        Table table = Table.of(new Throwing(conditionFailed(OLD)), "T", SCHEMA);
        Item item = Item.of(Map.of("PK", "a", "SK", "b"));
        for (Either<Failure, ?> outcome : java.util.List.<Either<Failure, ?>>of(
                table.put(PutItem.of(item).withCondition(eq(path("n"), value(2)))),
                table.update(UpdateItem.of(KEY, update(set(path("n"), value(3)))).withCondition(eq(path("n"), value(2)))),
                table.delete(DeleteItem.of(KEY).withCondition(eq(path("n"), value(2)))))) {
            assertTrue(outcome.isLeft(), outcome::toString);
            assertEquals(Optional.of(Item.from(OLD)), ((Failure.ConditionFailed) outcome.getLeft()).item());
        }
    }

    @Test
    void otherServiceErrorsAreThrownAsTheyCame() {
        DynamoDbException throttled = (DynamoDbException) ProvisionedThroughputExceededException.builder()
                .message("slow down").statusCode(400).build();
        Table table = Table.of(new Throwing(throttled), "T", SCHEMA);
        assertSame(throttled, assertThrows(ProvisionedThroughputExceededException.class,
                () -> table.update(UpdateItem.of(KEY, update(set(path("n"), value(3)))))));
        assertSame(throttled, assertThrows(ProvisionedThroughputExceededException.class,
                () -> table.delete(DeleteItem.of(KEY))));
    }

    /** An async client whose futures fail with what it is given, wrapped as the SDK wraps it. */
    record Failing(Throwable error) implements DynamoDbAsyncClient {
        private <T> CompletableFuture<T> failed() {
            CompletableFuture<T> f = new CompletableFuture<>();
            f.completeExceptionally(new CompletionException(error));
            return f;
        }

        @Override
        public CompletableFuture<PutItemResponse> putItem(PutItemRequest r) {
            return failed();
        }

        @Override
        public CompletableFuture<UpdateItemResponse> updateItem(UpdateItemRequest r) {
            return failed();
        }

        @Override
        public CompletableFuture<DeleteItemResponse> deleteItem(DeleteItemRequest r) {
            return failed();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
        }
    }

    private static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    @Test
    void asyncWritesReturnAFailedConditionAsAValue() throws Exception {
        AsyncTable table = AsyncTable.of(new Failing(conditionFailed(OLD)), "T", SCHEMA);
        Function<Either<Failure, ?>, Optional<Item>> oldItem = o -> ((Failure.ConditionFailed) o.getLeft()).item();
        assertEquals(Optional.of(Item.from(OLD)), oldItem.apply(await(table.put(PutItem.of(Item.of(Map.of("PK", "a",
                "SK", "b"))).withCondition(eq(path("n"), value(2)))))));
        assertEquals(Optional.of(Item.from(OLD)), oldItem.apply(await(table.update(UpdateItem.of(KEY,
                update(set(path("n"), value(3)))).withCondition(eq(path("n"), value(2))), Item.codec()))));
        assertEquals(Optional.of(Item.from(OLD)), oldItem.apply(await(table.delete(DeleteItem.of(KEY)
                .withCondition(eq(path("n"), value(2))), Item.codec()))));
    }

    @Test
    void asyncOtherErrorsCompleteTheFutureExceptionallyWithTheSdkException() {
        DynamoDbException throttled = (DynamoDbException) ProvisionedThroughputExceededException.builder()
                .message("slow down").statusCode(400).build();
        AsyncTable table = AsyncTable.of(new Failing(throttled), "T", SCHEMA);
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> await(table.delete(DeleteItem.of(KEY), Item.codec())));
        assertSame(throttled, e.getCause());
        RuntimeException bug = new IllegalStateException("not an SDK error");
        ExecutionException other = assertThrows(ExecutionException.class,
                () -> await(AsyncTable.of(new Failing(bug), "T", SCHEMA).put(PutItem.of(Item.of(Map.of("PK", "a", "SK", "b"))))));
        assertSame(bug, other.getCause());
    }

    @Test
    void asyncMisuseThrowsAtTheCall() {
        AsyncTable table = AsyncTable.of(new Failing(new AssertionError("nothing may be sent")), "T", SCHEMA);
        assertThrows(IllegalArgumentException.class, () -> table.get(Key.of("only-partition")));
        assertThrows(IllegalArgumentException.class, () -> table.put(PutItem.of(Item.of(Map.of("PK", "a")))));
    }
}
