package dev.dynamatic.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.ast.Bytes;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Batches: everything rejected before a call is made (no server: nothing is sent), and what a batch does with
 * DynamoDB's answers (canned HTTP: unprocessed items, failed calls, several chunks).
 */
class BatchTest {

    /** Never called: every check below happens before sending. */
    static final DynamoDbClient CLIENT = client();
    static final Table ORDERS = Table.of(CLIENT, "Orders", KeySchema.of("PK", "SK"));
    static final Table AUDIT = Table.of(CLIENT, "Audit", KeySchema.of("PK", "SK"));
    static final Table COUNTERS = Table.of(CLIENT, "Counters", KeySchema.of(KeyAttribute.number("id")));
    static final Table BLOBS = Table.of(CLIENT, "Blobs", KeySchema.of(KeyAttribute.binary("id")));

    static final RetryPolicy NO_WAIT = RetryPolicy.defaults().withBackoff(Duration.ZERO, Duration.ZERO);

    static DynamoDbClient client() {
        return DynamoDbClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create("http://127.0.0.1:9"))
                .credentialsProvider(AnonymousCredentialsProvider.create()).build();
    }

    @AfterAll
    static void closeClient() {
        CLIENT.close();
    }

    static Item order(String pk, String sk) {
        return Item.of(Map.of("PK", pk, "SK", sk, "total", 12));
    }

    // ---- the same item twice, before anything is sent

    @Test
    void rejectsTheSameItemPutTwiceNamingPositionsNotValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BatchWrite.of()
                .put(ORDERS, order("O#1", "HEADER")).put(ORDERS, order("O#2", "HEADER"))
                .put(ORDERS, order("O#1", "HEADER")));
        assertTrue(e.getMessage().startsWith("the same item twice in one batch: entries 0 and 2 (table Orders) have"
                + " the same key"), e.getMessage());
        assertFalse(e.getMessage().contains("O#1") || e.getMessage().contains("HEADER"), e.getMessage());
    }

    @Test
    void rejectsAPutAndADeleteOfOneItem() {
        assertThrows(IllegalArgumentException.class, () -> BatchWrite.of().put(ORDERS, order("O#1", "HEADER"))
                .delete(ORDERS, Key.of("O#1", "HEADER")));
        assertThrows(IllegalArgumentException.class, () -> BatchWrite.of().putAll(ORDERS, List.of(order("O#1", "L#1")))
                .deleteAll(ORDERS, List.of(Key.of("O#1", "L#1"))));
    }

    @Test
    void rejectsOneKeyTwiceWithinOneCollection() {
        IllegalArgumentException w = assertThrows(IllegalArgumentException.class, () -> BatchWrite.of().deleteAll(ORDERS,
                List.of(Key.of("a", "b"), Key.of("c", "d"), Key.of("a", "b"))));
        assertTrue(w.getMessage().contains("entries 0 and 2 (table Orders)"), w.getMessage());
        IllegalArgumentException g = assertThrows(IllegalArgumentException.class, () -> BatchGet.of()
                .key(AUDIT, Key.of("x", "y")).keys(ORDERS, List.of(Key.of("a", "b"), Key.of("a", "b"))));
        assertTrue(g.getMessage().startsWith("the same item twice in one batch read: entries 1 and 2 (table Orders)"),
                g.getMessage());
        assertFalse(g.getMessage().contains("\"a\""), g.getMessage());
    }

    @Test
    void comparesNumericKeysByValueAsDynamoDbDoes() {
        assertThrows(IllegalArgumentException.class, () -> BatchWrite.of().delete(COUNTERS, Key.of(1))
                .delete(COUNTERS, Key.of(new BigDecimal("1.00"))));
        assertThrows(IllegalArgumentException.class, () -> BatchGet.of().key(COUNTERS, Key.of(new BigDecimal("1E+2")))
                .key(COUNTERS, Key.of(100)));
        assertEquals(2, BatchGet.of().key(COUNTERS, Key.of(1)).key(COUNTERS, Key.of(new BigDecimal("1.5"))).size());
    }

    @Test
    void comparesBinaryKeysByContent() {
        assertThrows(IllegalArgumentException.class, () -> BatchWrite.of()
                .delete(BLOBS, Key.of(Bytes.of(new byte[] {1, 2, 3})))
                .delete(BLOBS, Key.of(Bytes.of(new byte[] {1, 2, 3}))));
    }

    @Test
    void acceptsOneKeyInTwoTables() {
        BatchWrite w = BatchWrite.of().put(ORDERS, order("X", "Y")).put(AUDIT, order("X", "Y"));
        assertEquals(2, w.size());
        assertEquals(2, BatchGet.of().key(ORDERS, Key.of("X", "Y")).key(AUDIT, Key.of("X", "Y")).size());
    }

    @Test
    void rejectsTablesOnDifferentClients() {
        try (DynamoDbClient other = client()) {
            Table elsewhere = Table.of(other, "Orders", KeySchema.of("PK", "SK"));
            IllegalArgumentException w = assertThrows(IllegalArgumentException.class,
                    () -> BatchWrite.of().put(ORDERS, order("a", "b")).put(elsewhere, order("c", "d")));
            assertEquals("one batch runs on one client: table Orders has another client than table Orders",
                    w.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> BatchGet.of().key(ORDERS, Key.of("a", "b")).key(elsewhere, Key.of("c", "d")));
        }
    }

    @Test
    void rejectsKeysAndItemsThatDoNotFitTheSchema() {
        assertThrows(IllegalArgumentException.class,
                () -> BatchWrite.of().put(ORDERS, Item.of(Map.of("PK", "only the partition key"))));
        assertThrows(IllegalArgumentException.class, () -> BatchWrite.of().delete(ORDERS, Key.of("no sort key")));
        IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class,
                () -> BatchGet.of().key(ORDERS, Key.of("a", 7)));
        assertEquals("table Orders: sort key \"SK\" is declared S, but the key's sort value is N", wrongType.getMessage());
        IllegalArgumentException wrongItem = assertThrows(IllegalArgumentException.class,
                () -> BatchWrite.of().put(COUNTERS, Item.of(Map.of("id", "1"))));
        assertEquals("table Counters: partition key \"id\" is declared N, but the value is S",
                wrongItem.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BatchWrite.of().delete(COUNTERS, Key.of("1")));
    }

    @Test
    void namesTheNullEntryByPosition() {
        assertEquals("item 1 is null", assertThrows(NullPointerException.class, () -> BatchWrite.of()
                .putAll(ORDERS, Arrays.asList(order("a", "b"), null))).getMessage());
        assertEquals("key 2 is null", assertThrows(NullPointerException.class, () -> BatchWrite.of()
                .put(ORDERS, order("a", "b")).deleteAll(ORDERS, Arrays.asList(Key.of("c", "d"), null))).getMessage());
        assertEquals("key 1 is null", assertThrows(NullPointerException.class, () -> BatchGet.of()
                .keys(ORDERS, Arrays.asList(Key.of("c", "d"), null))).getMessage());
    }

    @Test
    void rejectsNoParallelism() {
        assertThrows(IllegalArgumentException.class, () -> BatchWrite.of().withParallelism(0));
        assertThrows(IllegalArgumentException.class, () -> BatchGet.of().withParallelism(-1));
    }

    @Test
    void eachMethodReturnsANewBatch() {
        BatchWrite empty = BatchWrite.of();
        BatchWrite one = empty.put(ORDERS, order("a", "b"));
        assertEquals(0, empty.size());
        assertEquals(1, one.size());
        assertEquals(2, one.delete(ORDERS, Key.of("c", "d")).size());
        assertEquals(1, one.size());
        // after a rejected add, the batch is as it was: the item can be added to it again elsewhere
        assertThrows(IllegalArgumentException.class, () -> one.putAll(ORDERS, List.of(order("x", "y"), order("a", "b"))));
        assertEquals(2, one.put(ORDERS, order("x", "y")).size());
        BatchGet g = BatchGet.of().key(ORDERS, Key.of("a", "b"));
        assertEquals(1, g.withConsistentRead(true).withParallelism(3).withRetry(NO_WAIT).size());
        assertEquals("BatchWrite[1 requests, parallelism 1, " + RetryPolicy.defaults() + "]", one.toString());
        assertEquals("BatchGet[1 keys, consistent, parallelism 3, " + NO_WAIT + "]",
                g.withConsistentRead(true).withParallelism(3).withRetry(NO_WAIT).toString());
    }

    @Test
    void anEmptyBatchMakesNoCall() {
        BatchWrite.Result w = BatchWrite.of().execute();
        assertEquals(new BatchWrite.Result(0, List.of(), 0), w);
        assertTrue(w.complete());
        BatchGet.Result g = BatchGet.of().execute();
        assertEquals(0, g.calls());
        assertEquals(List.of(), g.items(ORDERS));
        assertTrue(g.complete());
    }

    @Test
    void keepsEveryEntryOfALargeBatch() {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            items.add(order("O#" + i, "HEADER"));
        }
        assertEquals(20_000, BatchWrite.of().putAll(ORDERS, items).size());
    }

    // ---- executing, against canned answers

    private static final String NOTHING_LEFT = "{\"UnprocessedItems\":{}}";

    private static String unprocessedPut(String table, String pk, String sk) {
        return "{\"UnprocessedItems\":{\"" + table + "\":[{\"PutRequest\":{\"Item\":{\"PK\":{\"S\":\"" + pk
                + "\"},\"SK\":{\"S\":\"" + sk + "\"},\"total\":{\"N\":\"12\"}}}}]}}";
    }

    @Test
    void anUnprocessedItemIsSentAgainAloneUntilWritten() {
        CannedHttp http = new CannedHttp().answer(200, unprocessedPut("Orders", "O#1", "HEADER")).answer(200, NOTHING_LEFT);
        try (DynamoDbClient client = http.client()) {
            Table orders = Table.of(client, "Orders", KeySchema.of("PK", "SK"));
            BatchWrite.Result r = BatchWrite.of().put(orders, order("O#0", "HEADER")).put(orders, order("O#1", "HEADER"))
                    .delete(orders, Key.of("O#2", "HEADER")).withRetry(NO_WAIT).execute();
            assertEquals(new BatchWrite.Result(3, List.of(), 2), r);
            assertTrue(r.complete());
        }
        List<CannedHttp.Sent> sent = http.sent();
        assertEquals(List.of("BatchWriteItem", "BatchWriteItem"), sent.stream().map(CannedHttp.Sent::operation).toList());
        assertTrue(sent.get(0).body().contains("O#0") && sent.get(0).body().contains("O#2"), sent.get(0).body());
        assertTrue(sent.get(1).body().contains("O#1") && !sent.get(1).body().contains("O#0")
                && !sent.get(1).body().contains("O#2"), sent.get(1).body());
        assertEquals(0, http.unused());
    }

    @Test
    void anItemLeftUnprocessedOnEveryAttemptIsReportedWithItsAttempts() {
        CannedHttp http = new CannedHttp().answer(200, unprocessedPut("Orders", "O#1", "HEADER"))
                .answer(200, unprocessedPut("Orders", "O#1", "HEADER"));
        try (DynamoDbClient client = http.client()) {
            Table orders = Table.of(client, "Orders", KeySchema.of("PK", "SK"));
            BatchWrite.Result r = BatchWrite.of().put(orders, order("O#0", "HEADER")).put(orders, order("O#1", "HEADER"))
                    .withRetry(NO_WAIT.withMaxAttempts(2)).tryExecute();
            assertEquals(1, r.written());
            assertEquals(2, r.calls());
            assertFalse(r.complete());
            BatchWrite.Unwritten u = r.unwritten().getFirst();
            assertEquals(1, r.unwritten().size());
            assertEquals(orders, u.table());
            assertEquals(Key.of("O#1", "HEADER"), u.key());
            assertEquals(Optional.of(order("O#1", "HEADER")), u.item());
            assertEquals(new BatchReason.Unprocessed(2), u.reason());
        }
        assertEquals(0, http.unused());
    }

    @Test
    void aCallThatRetryingCannotFixFailsItsChunkAtOnce() {
        CannedHttp http = new CannedHttp().error(400, "ResourceNotFoundException", "Requested resource not found");
        try (DynamoDbClient client = http.client()) {
            Table orders = Table.of(client, "Orders", KeySchema.of("PK", "SK"));
            BatchWrite.Result r = BatchWrite.of().put(orders, order("O#0", "HEADER"))
                    .delete(orders, Key.of("O#1", "HEADER")).withRetry(NO_WAIT).tryExecute();
            assertEquals(0, r.written());
            assertEquals(1, r.calls());
            assertEquals(List.of(Key.of("O#0", "HEADER"), Key.of("O#1", "HEADER")),
                    r.unwritten().stream().map(BatchWrite.Unwritten::key).toList());
            assertEquals(Optional.empty(), r.unwritten().get(1).item(), "a delete has no item");
            BatchReason.Failed f = assertInstanceOf(BatchReason.Failed.class, r.unwritten().getFirst().reason());
            assertEquals(1, f.attempts());
            assertEquals(400, ((DynamoDbException) f.cause()).statusCode());
            assertEquals("Failed[ResourceNotFoundException, attempts=1]", f.toString());
        }
    }

    @Test
    void executeThrowsWhenAnythingIsLeftUnwrittenCarryingTheWholeResult() {
        CannedHttp http = new CannedHttp().error(400, "ResourceNotFoundException", "Requested resource not found");
        try (DynamoDbClient client = http.client()) {
            Table orders = Table.of(client, "Orders", KeySchema.of("PK", "SK"));
            BatchWrite.IncompleteException e = assertThrows(BatchWrite.IncompleteException.class, () -> BatchWrite.of()
                    .put(orders, order("O#0", "HEADER")).delete(orders, Key.of("O#1", "HEADER")).withRetry(NO_WAIT)
                    .execute());
            assertEquals("BatchWrite: 2 of 2 requests not written (0 left unprocessed, 2 failed with an exception)"
                    + " after 1 calls; result() lists each with its reason", e.getMessage());
            assertEquals(2, e.result().unwritten().size());
            assertEquals(0, e.result().written());
            assertInstanceOf(DynamoDbException.class, e.getCause());
        }
    }

    @Test
    void aChunkRejectedAsInvalidIsSplitUntilTheItemAtFaultIsFoundAndTheRestIsWritten() {
        // 4 items: the whole chunk is invalid, then halves [0,1] fine and [2,3] invalid, then [2] fine and [3] invalid
        String invalid = "One or more parameter values were invalid";
        CannedHttp http = new CannedHttp()
                .error(400, "ValidationException", invalid)
                .answer(200, NOTHING_LEFT)
                .error(400, "ValidationException", invalid)
                .answer(200, NOTHING_LEFT)
                .error(400, "ValidationException", invalid);
        try (DynamoDbClient client = http.client()) {
            Table orders = Table.of(client, "Orders", KeySchema.of("PK", "SK"));
            BatchWrite.Result r = BatchWrite.of().put(orders, order("O#0", "H")).put(orders, order("O#1", "H"))
                    .put(orders, order("O#2", "H")).put(orders, order("O#3", "H")).withRetry(NO_WAIT).tryExecute();
            assertEquals(3, r.written());
            assertEquals(5, r.calls());
            assertEquals(List.of(Key.of("O#3", "H")), r.unwritten().stream().map(BatchWrite.Unwritten::key).toList());
            BatchReason.Failed f = assertInstanceOf(BatchReason.Failed.class, r.unwritten().getFirst().reason());
            assertEquals("ValidationException", ((DynamoDbException) f.cause()).awsErrorDetails().errorCode());
            assertEquals(0, http.unused());
        }
    }

    @Test
    void retryableFailuresAreRetriedByTheLibraryOneHttpRequestPerCall() {
        // With the SDK's retries on, the SDK would answer the 500s itself: calls() would not be the requests sent.
        CannedHttp http = new CannedHttp().error(500, "InternalServerError", "oops").reset().answer(200, NOTHING_LEFT);
        try (DynamoDbClient client = http.client()) {
            Table orders = Table.of(client, "Orders", KeySchema.of("PK", "SK"));
            BatchWrite.Result r = BatchWrite.of().put(orders, order("O#0", "HEADER")).withRetry(NO_WAIT).execute();
            assertEquals(new BatchWrite.Result(1, List.of(), 3), r);
        }
        assertEquals(3, http.sent().size());
    }

    @Test
    void whenTheBudgetRunsOutTheLastFailureIsTheReason() {
        CannedHttp http = new CannedHttp().error(500, "InternalServerError", "first")
                .error(400, "ThrottlingException", "second");
        try (DynamoDbClient client = http.client()) {
            Table orders = Table.of(client, "Orders", KeySchema.of("PK", "SK"));
            BatchWrite.Result r = BatchWrite.of().put(orders, order("O#0", "HEADER"))
                    .withRetry(NO_WAIT.withMaxAttempts(2)).tryExecute();
            BatchReason.Failed f = assertInstanceOf(BatchReason.Failed.class, r.unwritten().getFirst().reason());
            assertEquals(2, f.attempts());
            assertEquals(400, ((DynamoDbException) f.cause()).statusCode());
            assertEquals(2, r.calls());
        }
    }

    @Test
    void aLargeBatchIsSentInChunksOf25InOrderAlsoInParallel() {
        for (int parallelism : new int[] {1, 3}) {
            CannedHttp http = new CannedHttp().answer(200, NOTHING_LEFT).answer(200, NOTHING_LEFT)
                    .answer(200, NOTHING_LEFT);
            try (DynamoDbClient client = http.client()) {
                Table orders = Table.of(client, "Orders", KeySchema.of("PK", "SK"));
                List<Key> keys = new ArrayList<>();
                for (int i = 0; i < 60; i++) {
                    keys.add(Key.of("O#" + i, "HEADER"));
                }
                // a direct executor runs the "parallel" chunks one after the other: the order is deterministic
                BatchWrite.Result r = BatchWrite.of().deleteAll(orders, keys).withParallelism(parallelism)
                        .withExecutor(Runnable::run).withRetry(NO_WAIT).execute();
                assertEquals(new BatchWrite.Result(60, List.of(), 3), r);
            }
            List<CannedHttp.Sent> sent = http.sent();
            assertEquals(3, sent.size());
            assertTrue(sent.get(0).body().contains("\"O#0\"") && sent.get(0).body().contains("\"O#24\"")
                    && !sent.get(0).body().contains("\"O#25\""), sent.get(0).body());
            assertTrue(sent.get(2).body().contains("\"O#50\"") && sent.get(2).body().contains("\"O#59\""),
                    sent.get(2).body());
        }
    }

    @Test
    void aBatchGetReturnsTheItemsFoundInKeyOrderAndRetriesUnprocessedKeys() {
        CannedHttp http = new CannedHttp()
                .answer(200, """
                        {"Responses":{"Orders":[{"PK":{"S":"O#2"},"SK":{"S":"H"},"total":{"N":"2"}}]},
                         "UnprocessedKeys":{"Orders":{"Keys":[{"PK":{"S":"O#0"},"SK":{"S":"H"}}]}}}""")
                .answer(200, """
                        {"Responses":{"Orders":[{"PK":{"S":"O#0"},"SK":{"S":"H"},"total":{"N":"0"}}]},
                         "UnprocessedKeys":{}}""");
        record Order(String PK, String SK, int total) {
        }
        try (DynamoDbClient client = http.client()) {
            Table orders = Table.of(client, "Orders", KeySchema.of("PK", "SK"));
            BatchGet.Result r = BatchGet.of().keys(orders, List.of(Key.of("O#0", "H"), Key.of("O#1", "H"),
                    Key.of("O#2", "H"))).withConsistentRead(true).withRetry(NO_WAIT).execute();
            assertTrue(r.complete());
            assertEquals(2, r.calls());
            assertEquals(List.of(Item.of(Map.of("PK", "O#0", "SK", "H", "total", 0)),
                    Item.of(Map.of("PK", "O#2", "SK", "H", "total", 2))), r.items(orders));
            assertEquals(List.of(new Order("O#0", "H", 0), new Order("O#2", "H", 2)),
                    r.items(orders, RecordCodec.of(Order.class, java.lang.invoke.MethodHandles.lookup())));
            assertEquals(List.of(), r.items(Table.of(client, "Other", KeySchema.of("PK"))));
        }
        List<CannedHttp.Sent> sent = http.sent();
        assertTrue(sent.get(0).body().contains("\"ConsistentRead\":true"), sent.get(0).body());
        assertTrue(sent.get(1).body().contains("O#0") && !sent.get(1).body().contains("O#1"), sent.get(1).body());
    }

    @Test
    void keysABatchGetCouldNotReadAreReportedWithTheReason() {
        CannedHttp http = new CannedHttp().error(400, "ResourceNotFoundException", "Requested resource not found");
        try (DynamoDbClient client = http.client()) {
            Table orders = Table.of(client, "Orders", KeySchema.of("PK", "SK"));
            BatchGet.Result r = BatchGet.of().key(orders, Key.of("O#0", "H")).withRetry(NO_WAIT).tryExecute();
            assertFalse(r.complete());
            BatchGet.Unread u = r.unread().getFirst();
            assertEquals(Key.of("O#0", "H"), u.key());
            assertEquals(orders, u.table());
            assertEquals(1, assertInstanceOf(BatchReason.Failed.class, u.reason()).attempts());
            assertEquals(List.of(), r.items(orders));
        }
    }
}
