package dev.dynamatic.core;

import static dev.dynamatic.ast.Dsl.attributeExists;
import static dev.dynamatic.ast.Dsl.attributeNotExists;
import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.projection;
import static dev.dynamatic.ast.Dsl.set;
import static dev.dynamatic.ast.Dsl.update;
import static dev.dynamatic.ast.Dsl.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.control.Either;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Transactions: what is rejected before sending, tokens, and how the answers are handled (canned HTTP). */
class TransactionTest {

    static final Table ORDERS = BatchTest.ORDERS;
    static final Table AUDIT = BatchTest.AUDIT;
    static final RetryPolicy NO_WAIT = BatchTest.NO_WAIT;

    private static String rejected(Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    // ---- rejected up front

    @Test
    void rejectsTheHundredAndFirstAction() {
        Transaction t = Transaction.of();
        for (int i = 0; i < dev.dynamatic.ast.Limits.MAX_TRANSACTION_ACTIONS; i++) {
            t = t.put(ORDERS, PutItem.of(BatchTest.order("O#" + i, "HEADER")));
        }
        assertEquals(100, t.size());
        Transaction full = t;
        assertEquals("a transaction has at most 100 actions",
                rejected(() -> full.delete(ORDERS, DeleteItem.of(Key.of("O#x", "HEADER")))));
    }

    @Test
    void rejectsTwoActionsOnOneItemNamingPositionsNotValues() {
        Transaction t = Transaction.of().put(ORDERS, PutItem.of(BatchTest.order("O#1", "HEADER")))
                .put(ORDERS, PutItem.of(BatchTest.order("O#2", "HEADER")));
        String m = rejected(() -> t.update(ORDERS,
                UpdateItem.of(Key.of("O#1", "HEADER"), update(set(path("status"), value("OPEN"))))));
        assertTrue(m.startsWith("a transaction targets each item once: actions 0 and 2 (table Orders)"), m);
        assertFalse(m.contains("O#1"), m);
        assertThrows(IllegalArgumentException.class,
                () -> t.check(ORDERS, ConditionCheck.of(Key.of("O#1", "HEADER"), attributeExists(path("PK")))));
        assertThrows(IllegalArgumentException.class, () -> t.delete(ORDERS, DeleteItem.of(Key.of("O#2", "HEADER"))));
        // the same key in another table is another item
        assertEquals(3, t.put(AUDIT, PutItem.of(BatchTest.order("O#1", "HEADER"))).size());
    }

    @Test
    void rejectsSingleItemOptionsATransactionDoesNotHave() {
        PutItem<Item> put = PutItem.of(BatchTest.order("a", "b"));
        UpdateItem upd = UpdateItem.of(Key.of("a", "b"), update(set(path("x"), value(1))));
        DeleteItem del = DeleteItem.of(Key.of("a", "b"));
        assertTrue(rejected(() -> Transaction.of().put(ORDERS, put.withReturnOld(true)))
                .startsWith("a transaction's put cannot have withReturnOld(true)"));
        assertTrue(rejected(() -> Transaction.of().update(ORDERS, upd.withReturnValues(ReturnValue.ALL_NEW)))
                .startsWith("a transaction's update cannot have withReturnValues(ALL_NEW)"));
        assertTrue(rejected(() -> Transaction.of().update(ORDERS, upd.withReturnValues(ReturnValue.UPDATED_OLD)))
                .startsWith("a transaction's update cannot have withReturnValues(UPDATED_OLD)"));
        assertTrue(rejected(() -> Transaction.of().delete(ORDERS, del.withReturnOld(true)))
                .startsWith("a transaction's delete cannot have withReturnOld(true)"));
        // any customizer, whatever it would set
        assertTrue(rejected(() -> Transaction.of().put(ORDERS, put.withCustomizer(b -> { })))
                .startsWith("a transaction's put cannot have a customizer"));
        assertTrue(rejected(() -> Transaction.of().update(ORDERS, upd.withCustomizer(b -> b.returnConsumedCapacity("TOTAL"))))
                .startsWith("a transaction's update cannot have a customizer"));
        assertTrue(rejected(() -> Transaction.of().delete(ORDERS, del.withCustomizer(b -> b.returnConsumedCapacity("TOTAL"))))
                .startsWith("a transaction's delete cannot have a customizer"));
        // switched off again, the options are fine
        assertEquals(3, Transaction.of().put(ORDERS, put.withReturnOld(true).withReturnOld(false))
                .update(AUDIT, upd.withReturnValues(ReturnValue.ALL_NEW).withReturnValues(ReturnValue.NONE))
                .delete(BatchTest.COUNTERS, DeleteItem.of(Key.of(1)).withReturnOld(false)).size());
    }

    @Test
    void rejectsMoreThanFourMegabytes() {
        String big = "x".repeat(350 * 1024);
        Transaction t = Transaction.of();
        for (int i = 0; i < 11; i++) {
            t = t.put(ORDERS, PutItem.of(Item.of(Map.of("PK", "O#" + i, "SK", "S", "blob", big))));
        }
        Transaction almost = t;
        String m = rejected(() -> almost.put(ORDERS, PutItem.of(Item.of(Map.of("PK", "O#last", "SK", "S", "blob", big)))));
        assertTrue(m.startsWith("a transaction carries at most 4194304 bytes; with this action "), m);
        // expression values count too
        assertThrows(IllegalArgumentException.class, () -> almost.update(ORDERS, UpdateItem.of(Key.of("O#u", "S"),
                update(set(path("blob"), value(big))))));
        assertEquals(12, almost.check(ORDERS, ConditionCheck.of(Key.of("O#c", "S"), attributeExists(path("PK")))).size());
    }

    @Test
    void rejectsAnEmptyTransactionAndBadTokens() {
        assertEquals("a transaction needs at least one action", rejected(() -> Transaction.of().execute()));
        assertThrows(IllegalArgumentException.class, () -> Transaction.of().withToken(""));
        assertThrows(IllegalArgumentException.class, () -> Transaction.of().withToken("x".repeat(37)));
        assertEquals("x".repeat(36), Transaction.of().withToken("x".repeat(36)).token());
    }

    @Test
    void everyNewSetOfActionsGetsANewTokenUnlessOneWasSet() {
        Transaction base = Transaction.of().check(ORDERS, ConditionCheck.of(Key.of("C#1", "PROFILE"),
                attributeExists(path("PK"))));
        Transaction a = base.put(ORDERS, PutItem.of(BatchTest.order("O#1", "HEADER")));
        Transaction b = base.put(ORDERS, PutItem.of(BatchTest.order("O#2", "HEADER")));
        assertNotEquals(a.token(), b.token());
        assertNotEquals(base.token(), a.token());
        assertEquals(a.token(), a.withRetry(RetryPolicy.defaults().withMaxAttempts(3)).token());
        assertEquals(36, Transaction.of().token().length());

        Transaction fixed = base.withToken("order-o1-v1").put(ORDERS, PutItem.of(BatchTest.order("O#1", "HEADER")));
        assertEquals("order-o1-v1", fixed.token());
        assertEquals("Transaction[2 actions, token order-o1-v1]", fixed.toString());
    }

    @Test
    void rejectsTablesOnDifferentClients() {
        try (var other = BatchTest.client()) {
            Table elsewhere = Table.of(other, "Audit", KeySchema.of("PK", "SK"));
            assertThrows(IllegalArgumentException.class, () -> Transaction.of()
                    .put(ORDERS, PutItem.of(BatchTest.order("a", "b")))
                    .put(elsewhere, PutItem.of(BatchTest.order("a", "b"))));
            assertThrows(IllegalArgumentException.class, () -> Transaction.get(List.of(
                    Transaction.Read.of(ORDERS, Key.of("a", "b")), Transaction.Read.of(elsewhere, Key.of("a", "b")))));
        }
    }

    @Test
    void rejectsKeysThatDoNotFitTheTable() {
        assertThrows(IllegalArgumentException.class,
                () -> Transaction.of().check(ORDERS, ConditionCheck.of(Key.of("a"), attributeExists(path("PK")))));
        assertThrows(IllegalArgumentException.class,
                () -> Transaction.of().put(ORDERS, PutItem.of(Item.of(Map.of("PK", "a", "SK", 1)))));
        assertThrows(IllegalArgumentException.class, () -> Transaction.get(List.of(Transaction.Read.of(ORDERS, Key.of(1, "b")))));
    }

    @Test
    void rejectsReadingOneItemTwiceOrNothingOrTooMuch() {
        assertThrows(IllegalArgumentException.class, () -> Transaction.get(List.of()));
        String m = rejected(() -> Transaction.get(List.of(
                Transaction.Read.of(ORDERS, Key.of("a", "b")), Transaction.Read.of(ORDERS, Key.of("a", "b")))));
        assertEquals("a transaction reads each item once: reads 0 and 1 (table Orders) have the same key", m);
        Transaction.Read[] many = new Transaction.Read[101];
        for (int i = 0; i < many.length; i++) {
            many[i] = Transaction.Read.of(ORDERS, Key.of("a", "k" + i));
        }
        assertThrows(IllegalArgumentException.class, () -> Transaction.get(Arrays.asList(many)));
    }

    @Test
    void aReadIsAValueThatNeverShowsItsKey() {
        Transaction.Read r = Transaction.Read.of(ORDERS, Key.of("secret-canary", "b"));
        assertEquals(r, Transaction.Read.of(ORDERS, Key.of("secret-canary", "b")));
        assertEquals(r.hashCode(), Transaction.Read.of(ORDERS, Key.of("secret-canary", "b")).hashCode());
        assertNotEquals(r, r.withProjection(projection("n")));
        assertEquals(Optional.of(projection("n")), r.withProjection(projection("n")).projection());
        assertEquals(Optional.empty(), r.projection());
        assertFalse(r.toString().contains("secret-canary"), r.toString());
        assertTrue(r.withProjection(projection("n")).toString().startsWith("Read[Orders, "), r.toString());
    }

    @Test
    void aConditionCheckNeedsAKeyAndACondition() {
        Transaction t = Transaction.of().check(ORDERS, ConditionCheck.of(Key.of("E#a@b.c", "EMAIL"),
                attributeNotExists(path("PK"))));
        assertEquals(1, t.size());
        assertThrows(NullPointerException.class, () -> ConditionCheck.of(null, attributeNotExists(path("PK"))));
        assertThrows(NullPointerException.class, () -> ConditionCheck.of(Key.of("a", "b"), null));
    }

    // ---- executing, against canned answers

    private static final String CONDITION_FAILED = """
            {"__type":"com.amazonaws.dynamodb.v20120810#TransactionCanceledException",
             "message":"Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]",
             "CancellationReasons":[{"Code":"None"},{"Code":"ConditionalCheckFailed","Message":"The conditional request failed",
             "Item":{"PK":{"S":"C#1"},"SK":{"S":"PROFILE"},"n":{"N":"2"}}}]}""";

    private static final String CONFLICT = """
            {"__type":"com.amazonaws.dynamodb.v20120810#TransactionCanceledException",
             "message":"Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict, None]",
             "CancellationReasons":[{"Code":"TransactionConflict","Message":"Transaction is ongoing for the item"},{"Code":"None"}]}""";

    private static Transaction twoActions(Table t) {
        return Transaction.of().put(t, PutItem.of(BatchTest.order("O#1", "HEADER")))
                .check(t, ConditionCheck.of(Key.of("C#1", "PROFILE"), attributeExists(path("PK"))))
                .withRetry(NO_WAIT.withMaxAttempts(3));
    }

    @Test
    void executeSendsEveryActionOnceWithTheToken() {
        CannedHttp http = new CannedHttp().answer(200, "{}");
        Transaction t;
        try (DynamoDbClient client = http.client()) {
            t = twoActions(Table.of(client, "Orders", KeySchema.of("PK", "SK")));
            Either<Failure, TransactWriteItemsResponse> r = t.execute();
            assertTrue(r.isRight());
        }
        CannedHttp.Sent sent = http.sent().getFirst();
        assertEquals("TransactWriteItems", sent.operation());
        assertTrue(sent.body().contains("\"ClientRequestToken\":\"" + t.token() + "\""), sent.body());
        assertTrue(sent.body().contains("\"Put\":{") && sent.body().contains("\"ConditionCheck\":{"), sent.body());
        assertTrue(sent.body().contains("\"ReturnValuesOnConditionCheckFailure\":\"ALL_OLD\""), sent.body());
    }

    @Test
    void aCancellationIsAFailureWithAReasonPerActionAndTheOldItem() {
        CannedHttp http = new CannedHttp().answer(400, CONDITION_FAILED);
        try (DynamoDbClient client = http.client()) {
            Either<Failure, TransactWriteItemsResponse> r = twoActions(Table.of(client, "Orders",
                    KeySchema.of("PK", "SK"))).execute();
            Failure.TransactionCanceled c = assertInstanceOf(Failure.TransactionCanceled.class, r.getLeft());
            assertEquals(List.of("None", "ConditionalCheckFailed"),
                    c.reasons().stream().map(Failure.TransactionCanceled.Reason::code).toList());
            assertEquals(Optional.of(Item.of(Map.of("PK", "C#1", "SK", "PROFILE", "n", 2))), c.reasons().get(1).item());
            assertEquals(Optional.of("The conditional request failed"), c.reasons().get(1).message());
        }
        assertEquals(1, http.sent().size(), "a condition that failed is not retried");
    }

    @Test
    void transientCancellationsAndBrokenCallsAreRetriedWithTheSameToken() {
        CannedHttp http = new CannedHttp().answer(400, CONFLICT).reset().answer(200, "{}");
        Transaction t;
        try (DynamoDbClient client = http.client()) {
            t = twoActions(Table.of(client, "Orders", KeySchema.of("PK", "SK")));
            assertTrue(t.execute().isRight());
        }
        List<CannedHttp.Sent> sent = http.sent();
        assertEquals(3, sent.size());
        assertTrue(sent.stream().allMatch(s -> s.body().contains("\"ClientRequestToken\":\"" + t.token() + "\"")),
                sent::toString);
        assertEquals(1, sent.stream().map(CannedHttp.Sent::body).distinct().count(), "the very same request each time");
    }

    @Test
    void whenTheBudgetRunsOutEveryAttemptsFailureIsKept() {
        CannedHttp http = new CannedHttp().error(500, "InternalServerError", "first").reset().answer(400, CONFLICT);
        try (DynamoDbClient client = http.client()) {
            Transaction t = twoActions(Table.of(client, "Orders", KeySchema.of("PK", "SK")));
            RetriesExhaustedException e = assertThrows(RetriesExhaustedException.class, t::execute);
            assertEquals(3, e.attempts());
            assertInstanceOf(TransactionCanceledException.class, e.getCause());
            assertEquals(2, e.getSuppressed().length);
            assertEquals(500, assertInstanceOf(DynamoDbException.class, e.getSuppressed()[0]).statusCode());
            assertInstanceOf(SdkClientException.class, e.getSuppressed()[1]);
            assertTrue(e.getMessage().startsWith("TransactWriteItems (2 actions): gave up after 3 attempts in "),
                    e.getMessage());
        }
        assertEquals(3, http.sent().size(), "one HTTP request per attempt: the SDK's retries are off");
    }

    @Test
    void aFailureRetryingCannotFixIsThrownWithTheEarlierOnesSuppressed() {
        CannedHttp http = new CannedHttp().error(500, "InternalServerError", "first")
                .error(400, "ValidationException", "Transaction request cannot include multiple operations on one item");
        try (DynamoDbClient client = http.client()) {
            Transaction t = twoActions(Table.of(client, "Orders", KeySchema.of("PK", "SK")));
            DynamoDbException e = assertThrows(DynamoDbException.class, t::execute);
            assertEquals(400, e.statusCode());
            assertEquals(1, e.getSuppressed().length);
            assertEquals(500, ((DynamoDbException) e.getSuppressed()[0]).statusCode());
        }
        assertEquals(2, http.sent().size());
    }

    @Test
    void aTransactionalReadGivesOneEntryPerReadInOrder() {
        CannedHttp http = new CannedHttp().answer(400, CONFLICT).answer(200, """
                {"Responses":[{"Item":{"PK":{"S":"a"},"SK":{"S":"b"},"n":{"N":"1"}}},{}]}""");
        try (DynamoDbClient client = http.client()) {
            Table orders = Table.of(client, "Orders", KeySchema.of("PK", "SK"));
            Either<Failure, List<Optional<Item>>> r = Transaction.get(List.of(Transaction.Read.of(orders, Key.of("a", "b")),
                    Transaction.Read.of(orders, Key.of("c", "d")).withProjection(projection("n"))), NO_WAIT);
            assertEquals(List.of(Optional.of(Item.of(Map.of("PK", "a", "SK", "b", "n", 1))), Optional.empty()), r.get());
        }
        CannedHttp.Sent sent = http.sent().get(1);
        assertEquals("TransactGetItems", sent.operation());
        assertTrue(sent.body().contains("\"ProjectionExpression\":\"#n0\""), sent.body());
    }
}
