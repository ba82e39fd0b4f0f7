package dev.dynamatic.core;

import static dev.dynamatic.ast.Dsl.eq;
import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.set;
import static dev.dynamatic.ast.Dsl.update;
import static dev.dynamatic.ast.Dsl.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.control.Either;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The optimistic lock: what it rejects before sending, and how it settles each answer (canned HTTP) in both modes.
 * Retries run with zero backoff.
 */
class OptimisticLockTest {

    private static final Table ORDERS = BatchTest.ORDERS;
    private static final Key KEY = Key.of("C#1", "COUNTER");
    private static final UpdateItem INCREMENT = UpdateItem.of(KEY, update(set(path("count"), value(1))));
    private static final RetryPolicy FAST = RetryPolicy.defaults().withBackoff(Duration.ZERO, Duration.ZERO)
            .withDeadline(Duration.ofMinutes(1));
    private static final OptimisticLock LOCK = OptimisticLock.on("version").withRetry(FAST);

    private static String rejected(Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    private static Item counter(long version) {
        return Item.of(Map.of("PK", "C#1", "SK", "COUNTER", "count", 1, "version", version));
    }

    private static String stored(long version) {
        return "{\"PK\":{\"S\":\"C#1\"},\"SK\":{\"S\":\"COUNTER\"},\"version\":{\"N\":\"" + version + "\"}}";
    }

    /** Runs the checks against a table whose client answers from the canned HTTP. */
    private static void on(CannedHttp http, java.util.function.Consumer<Table> checks) {
        try (DynamoDbClient client = http.client()) {
            checks.accept(Table.of(client, "T", KeySchema.of("PK", "SK")));
        }
    }

    // ---- rejected before sending

    @Test
    void aLockIsOnANamedNumberAttributeInTransactionModeByDefault() {
        OptimisticLock lock = OptimisticLock.on("version");
        assertEquals("version", lock.versionAttribute());
        assertEquals(OptimisticLock.Mode.TRANSACTION, lock.mode());
        assertEquals(OptimisticLock.Mode.CONDITIONAL_WRITE, lock.withMode(OptimisticLock.Mode.CONDITIONAL_WRITE).mode());
        assertEquals(OptimisticLock.Mode.TRANSACTION, lock.mode(), "the original is unchanged");
        assertEquals("OptimisticLock[version, TRANSACTION, " + RetryPolicy.defaults().withDeadline(Duration.ofMinutes(2))
                + "]", lock.toString());
        assertThrows(IllegalArgumentException.class, () -> OptimisticLock.on(""));
        assertThrows(NullPointerException.class, () -> OptimisticLock.on(null));
        assertThrows(NullPointerException.class, () -> lock.withMode(null));
    }

    @Test
    void itsRetriesMustEndWithinDynamoDbsTokenWindow() {
        String none = rejected(() -> LOCK.withRetry(RetryPolicy.defaults()));
        assertTrue(none.startsWith("the lock's retry policy needs a deadline of at most 9 minutes"), none);
        assertTrue(none.endsWith("got none"), none);
        assertThrows(IllegalArgumentException.class,
                () -> LOCK.withRetry(RetryPolicy.defaults().withDeadline(Duration.ofMinutes(9).plusMillis(1))));
        assertEquals(9, OptimisticLock.MAX_DEADLINE_MINUTES);
        LOCK.withRetry(RetryPolicy.defaults().withDeadline(Duration.ofMinutes(9)));
    }

    @Test
    void readsTheVersionOfAnItem() {
        assertEquals(0, LOCK.versionOf(Item.of(Map.of("PK", "a"))));
        assertEquals(7, LOCK.versionOf(counter(7)));
        java.util.HashMap<String, Object> nul = new java.util.HashMap<>();
        nul.put("version", null);
        assertEquals(0, LOCK.versionOf(Item.of(nul)));
        assertThrows(IllegalArgumentException.class, () -> LOCK.versionOf(Item.of(Map.of("version", 1.5))));
        assertThrows(IllegalArgumentException.class, () -> LOCK.versionOf(Item.of(Map.of("version", "7"))));
    }

    @Test
    void rejectsWritesItCannotLock() {
        assertTrue(rejected(() -> LOCK.put(ORDERS, PutItem.of(counter(1)).withReturnOld(true), 1))
                .startsWith("a locked write cannot have withReturnOld(true)"));
        assertTrue(rejected(() -> LOCK.update(ORDERS, INCREMENT.withReturnValues(ReturnValue.ALL_NEW), 1))
                .startsWith("a locked write cannot have withReturnValues(ALL_NEW)"));
        assertThrows(IllegalArgumentException.class, () -> LOCK.delete(ORDERS, DeleteItem.of(KEY).withReturnOld(true), 1));
        // a customizer has no request to adjust in transaction mode
        assertTrue(rejected(() -> LOCK.update(ORDERS, INCREMENT.withCustomizer(b -> { }), 1))
                .startsWith("a locked write cannot have a customizer"));
        assertThrows(IllegalArgumentException.class, () -> LOCK.put(ORDERS, PutItem.of(counter(1)).withCustomizer(b -> { }), 1));
        assertThrows(IllegalArgumentException.class, () -> LOCK.delete(ORDERS, DeleteItem.of(KEY).withCustomizer(b -> { }), 1));
        // the version is no key, is 0 or positive, and can be incremented
        OptimisticLock onKey = OptimisticLock.on("SK");
        assertTrue(rejected(() -> onKey.update(ORDERS, INCREMENT, 1))
                .startsWith("the version attribute \"SK\" cannot be a key attribute of Table[Orders"));
        assertThrows(IllegalArgumentException.class, () -> onKey.put(ORDERS, PutItem.of(counter(1)), 1));
        assertEquals("expected version must be 0 (none yet) or positive, got -1",
                rejected(() -> LOCK.update(ORDERS, INCREMENT, -1)));
        assertThrows(IllegalArgumentException.class, () -> LOCK.delete(ORDERS, DeleteItem.of(KEY), Long.MAX_VALUE));
        // the update's own actions may not touch the version
        assertThrows(IllegalArgumentException.class,
                () -> LOCK.update(ORDERS, UpdateItem.of(KEY, update(set(path("version"), value(9)))), 1));
    }

    // ---- transaction mode, against canned answers

    private static String canceled(String itemJson) {
        return """
                {"__type":"com.amazonaws.dynamodb.v20120810#TransactionCanceledException",
                 "message":"Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed]",
                 "CancellationReasons":[{"Code":"ConditionalCheckFailed","Message":"The conditional request failed"%s}]}"""
                .formatted(itemJson == null ? "" : ",\"Item\":" + itemJson);
    }

    @Test
    void aTransactionModeWriteIsOneActionWithItsOwnTokenAndGivesTheNewVersion() {
        CannedHttp http = new CannedHttp().answer(200, "{}");
        on(http, t -> {
            assertEquals(Either.right(6L), LOCK.update(t, INCREMENT.withCondition(eq(path("count"), value(0))), 5));
        });
        CannedHttp.Sent sent = http.sent().getFirst();
        assertEquals("TransactWriteItems", sent.operation());
        String body = sent.body();
        assertTrue(body.contains("\"ClientRequestToken\":\"") && body.contains("\"Update\":{"), body);
        assertTrue(body.contains("\"version\"") && body.contains("{\"N\":\"6\"}") && body.contains("{\"N\":\"5\"}"), body);
        assertTrue(body.contains(" AND "), "the update's own condition and the lock's: " + body);
    }

    @Test
    void anotherVersionIsAConflictWithTheItemAsItIs() {
        CannedHttp http = new CannedHttp().answer(400, canceled(stored(7)));
        on(http, t -> {
            Failure.VersionConflict v = assertInstanceOf(Failure.VersionConflict.class,
                    LOCK.update(t, INCREMENT, 5).getLeft());
            assertEquals(5, v.expected());
            assertEquals(7, LOCK.versionOf(v.current().orElseThrow()));
        });
        assertEquals(1, http.sent().size());
    }

    @Test
    void theExpectedVersionWithAFailedConditionIsTheCallersOwnConditionFailing() {
        CannedHttp http = new CannedHttp().answer(400, canceled(stored(5)));
        on(http, t -> {
            Failure.ConditionFailed c = assertInstanceOf(Failure.ConditionFailed.class,
                    LOCK.update(t, INCREMENT.withCondition(eq(path("count"), value(0))), 5).getLeft());
            assertEquals(5, LOCK.versionOf(c.item().orElseThrow()));
            assertEquals("The conditional request failed", c.message());
        });
    }

    @Test
    void withoutTheItemInTheAnswerTheLockReadsItConsistently() {
        CannedHttp http = new CannedHttp().answer(400, canceled(null)).answer(200, """
                {"Item":{"PK":{"S":"C#1"},"SK":{"S":"COUNTER"},"version":{"N":"9"}}}""");
        on(http, t -> {
            Failure.VersionConflict v = assertInstanceOf(Failure.VersionConflict.class,
                    LOCK.put(t, PutItem.of(counter(0)), 8).getLeft());
            assertEquals(9, LOCK.versionOf(v.current().orElseThrow()));
        });
        CannedHttp.Sent read = http.sent().get(1);
        assertEquals("GetItem", read.operation());
        assertTrue(read.body().contains("\"ConsistentRead\":true"), read.body());
    }

    @Test
    void aLostAnswerIsSettledByRetryingWithTheSameToken() {
        CannedHttp http = new CannedHttp().reset().error(500, "InternalServerError", "oops").answer(200, "{}");
        on(http, t -> {
            assertEquals(Either.right(3L), LOCK.put(t, PutItem.of(counter(0)), 2));
        });
        List<CannedHttp.Sent> sent = http.sent();
        assertEquals(3, sent.size());
        assertEquals(1, sent.stream().map(CannedHttp.Sent::body).distinct().count(), "the very same request, token included");
        assertTrue(sent.getFirst().body().contains("\"version\":{\"N\":\"3\"}"), "the version the codec wrote is overwritten");
    }

    @Test
    void aDeleteGivesTheVersionItDeleted() {
        CannedHttp http = new CannedHttp().answer(200, "{}");
        on(http, t -> {
            assertEquals(Either.right(4L), LOCK.delete(t, DeleteItem.of(KEY), 4));
        });
        assertTrue(http.sent().getFirst().body().contains("\"Delete\":{"), http.sent().getFirst().body());
    }

    @Test
    void whenTheBudgetRunsOutEveryAttemptsFailureIsKept() {
        CannedHttp http = new CannedHttp().error(400, "ThrottlingException", "slow down")
                .error(400, "ThrottlingException", "slow down");
        on(http, t -> {
            RetriesExhaustedException e = assertThrows(RetriesExhaustedException.class,
                    () -> LOCK.withRetry(FAST.withMaxAttempts(2)).update(t, INCREMENT, 1));
            assertEquals(2, e.attempts());
            assertInstanceOf(DynamoDbException.class, e.getCause());
            assertEquals(1, e.getSuppressed().length);
        });
    }

    @Test
    void whenTheBudgetRunsOutAfterALostAnswerTheOutcomeIsUnknown() {
        // a reset connection may have carried a write the server applied: the lock cannot say it was not
        CannedHttp http = new CannedHttp().reset().reset();
        on(http, t -> {
            OutcomeUnknownException e = assertThrows(OutcomeUnknownException.class,
                    () -> LOCK.withRetry(FAST.withMaxAttempts(2)).update(t, INCREMENT, 1));
            RetriesExhaustedException exhausted = assertInstanceOf(RetriesExhaustedException.class, e.getCause());
            assertEquals(2, exhausted.attempts());
            assertInstanceOf(SdkClientException.class, exhausted.getCause());
            assertEquals(1, exhausted.getSuppressed().length);
        });
    }

    // ---- conditional-write mode

    private static final OptimisticLock PLAIN = LOCK.withMode(OptimisticLock.Mode.CONDITIONAL_WRITE);

    private static final String CONDITION_FAILED = """
            {"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",
             "message":"The conditional request failed"%s}""";

    @Test
    void aConditionalWriteIsAPlainWriteWithTheVersionCondition() {
        CannedHttp http = new CannedHttp().answer(200, "{}");
        on(http, t -> {
            assertEquals(Either.right(1L), PLAIN.put(t, PutItem.of(counter(0))
                    .withCustomizer(b -> b.returnConsumedCapacity("TOTAL")), 0));
        });
        CannedHttp.Sent sent = http.sent().getFirst();
        assertEquals("PutItem", sent.operation());
        assertTrue(sent.body().contains("\"ConditionExpression\":\"attribute_not_exists(#n0)\"")
                && sent.body().contains("\"#n0\":\"version\"") && sent.body().contains("\"version\":{\"N\":\"1\"}")
                && sent.body().contains("\"ReturnConsumedCapacity\":\"TOTAL\""), sent.body());
    }

    @Test
    void aConditionalWriteFindingAnotherVersionIsAConflict() {
        CannedHttp http = new CannedHttp().answer(400, CONDITION_FAILED.formatted(
                ",\"Item\":" + stored(4)));
        on(http, t -> {
            Failure.VersionConflict v = assertInstanceOf(Failure.VersionConflict.class,
                    PLAIN.update(t, INCREMENT, 3).getLeft());
            assertEquals(4, LOCK.versionOf(v.current().orElseThrow()));
        });
    }

    @Test
    void throttlingIsRetriedForItWasNotApplied() {
        CannedHttp http = new CannedHttp().error(400, "ThrottlingException", "slow down").answer(200, "{}");
        on(http, t -> {
            assertEquals(Either.right(4L), PLAIN.update(t, INCREMENT, 3));
        });
        assertEquals(List.of("UpdateItem", "UpdateItem"), http.sent().stream().map(CannedHttp.Sent::operation).toList());
    }

    @Test
    void aLostAnswerIsNeverSentAgainEvenWithTheItemStillAtTheExpectedVersion() {
        // version 3 may be "not applied", or applied and the item deleted and recreated at version 3 since: a resent
        // write would then be applied to the new item too
        CannedHttp http = new CannedHttp().error(500, "InternalServerError", "oops")
                .answer(200, "{\"Item\":" + stored(3) + "}");
        on(http, t -> {
            OutcomeUnknownException e = assertThrows(OutcomeUnknownException.class, () -> PLAIN.update(t, INCREMENT, 3));
            assertTrue(e.getMessage().contains("version 4 was lost") && e.getMessage().contains("now at version 3"),
                    e.getMessage());
            assertInstanceOf(DynamoDbException.class, e.getCause());
        });
        assertEquals(List.of("UpdateItem", "GetItem"), http.sent().stream().map(CannedHttp.Sent::operation).toList());
        assertTrue(http.sent().get(1).body().contains("\"ConsistentRead\":true"), http.sent().get(1).body());
    }

    @Test
    void aLostAnswerNamesTheVersionTheItemIsAtNow() {
        CannedHttp http = new CannedHttp().reset().answer(200, "{\"Item\":" + stored(4) + "}");
        on(http, t -> {
            OutcomeUnknownException e = assertThrows(OutcomeUnknownException.class, () -> PLAIN.update(t, INCREMENT, 3));
            assertTrue(e.getMessage().contains("now at version 4"), e.getMessage());
            assertInstanceOf(SdkClientException.class, e.getCause());
        });
    }

    @Test
    void aDeleteWhoseAnswerWasLostIsAnUnknownOutcome() {
        // the item is gone: this delete or another writer's may have removed it
        CannedHttp http = new CannedHttp().reset().answer(200, "{}");
        on(http, t -> {
            OutcomeUnknownException e = assertThrows(OutcomeUnknownException.class,
                    () -> PLAIN.delete(t, DeleteItem.of(KEY), 3));
            assertTrue(e.getMessage().contains("now absent"), e.getMessage());
        });
        assertEquals(List.of("DeleteItem", "GetItem"), http.sent().stream().map(CannedHttp.Sent::operation).toList());
    }

    @Test
    void aFailedReadAfterALostAnswerIsKeptBesideIt() {
        CannedHttp http = new CannedHttp().reset().error(400, "ValidationException", "no");
        on(http, t -> {
            OutcomeUnknownException e = assertThrows(OutcomeUnknownException.class, () -> PLAIN.update(t, INCREMENT, 3));
            assertTrue(e.getMessage().contains("reading the item failed too"), e.getMessage());
            assertEquals(1, e.getCause().getSuppressed().length);
        });
    }

    @Test
    void aDeleteOfAnItemAlreadyGoneIsAConflictWithoutACurrentItem() {
        CannedHttp http = new CannedHttp().answer(400, CONDITION_FAILED.formatted("")).answer(200, "{}");
        on(http, t -> {
            assertEquals(Either.left(new Failure.VersionConflict(3, Optional.empty())), PLAIN.delete(t, DeleteItem.of(KEY), 3));
        });
    }
}
