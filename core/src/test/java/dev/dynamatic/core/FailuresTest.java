package dev.dynamatic.core;

import static dev.dynamatic.ast.Dsl.eq;
import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.set;
import static dev.dynamatic.ast.Dsl.update;
import static dev.dynamatic.ast.Dsl.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
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

    static ConditionalCheckFailedException conditionFailed(Map<String, AttributeValue> item) {
        return ConditionalCheckFailedException.builder()
                .message("The conditional request failed")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ConditionalCheckFailedException")
                        .errorMessage("The conditional request failed").build())
                .item(item).statusCode(400).build();
    }

    @Test
    void aFailedConditionWithTheItemGivesTheItemAsData() {
        Failure.ConditionFailed f = (Failure.ConditionFailed) Requests.conditionFailed(conditionFailed(OLD));
        assertEquals(Optional.of(Item.of(Map.of("PK", "a", "SK", "b", "n", new java.math.BigDecimal("1.5")))), f.item());
        assertEquals("The conditional request failed", f.message());
    }

    @Test
    void aFailedConditionWithoutTheItemGivesNoItem() {
        assertEquals(Optional.empty(), ((Failure.ConditionFailed) Requests.conditionFailed(conditionFailed(null))).item());
        assertEquals(Optional.empty(), ((Failure.ConditionFailed) Requests.conditionFailed(conditionFailed(Map.of()))).item());
    }

    @Test
    void aFailedConditionWithoutErrorDetailsKeepsTheExceptionMessage() {
        ConditionalCheckFailedException bare = ConditionalCheckFailedException.builder()
                .message("condition failed here").build();
        assertEquals("condition failed here", ((Failure.ConditionFailed) Requests.conditionFailed(bare)).message());
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
                table.put(PutItem.of(item).condition(eq(path("n"), value(2)))),
                table.update(UpdateItem.of(KEY, update(set(path("n"), value(3)))).condition(eq(path("n"), value(2)))),
                table.delete(DeleteItem.of(KEY).condition(eq(path("n"), value(2)))))) {
            assertTrue(outcome.isLeft(), outcome::toString);
            assertEquals(Optional.of(Item.fromSdk(OLD)), ((Failure.ConditionFailed) outcome.getLeft()).item());
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
        assertEquals(Optional.of(Item.fromSdk(OLD)), oldItem.apply(await(table.put(PutItem.of(Item.of(Map.of("PK", "a",
                "SK", "b"))).condition(eq(path("n"), value(2)))))));
        assertEquals(Optional.of(Item.fromSdk(OLD)), oldItem.apply(await(table.update(UpdateItem.of(KEY,
                update(set(path("n"), value(3)))).condition(eq(path("n"), value(2))), ItemCodec.items()))));
        assertEquals(Optional.of(Item.fromSdk(OLD)), oldItem.apply(await(table.delete(DeleteItem.of(KEY)
                .condition(eq(path("n"), value(2))), ItemCodec.items()))));
    }

    @Test
    void asyncOtherErrorsCompleteTheFutureExceptionallyWithTheSdkException() {
        DynamoDbException throttled = (DynamoDbException) ProvisionedThroughputExceededException.builder()
                .message("slow down").statusCode(400).build();
        AsyncTable table = AsyncTable.of(new Failing(throttled), "T", SCHEMA);
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> await(table.delete(DeleteItem.of(KEY), ItemCodec.items())));
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
