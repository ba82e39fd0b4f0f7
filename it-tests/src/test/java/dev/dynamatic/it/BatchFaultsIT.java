package dev.dynamatic.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.ast.Bytes;
import dev.dynamatic.core.BatchGet;
import dev.dynamatic.core.BatchReason;
import dev.dynamatic.core.BatchWrite;
import dev.dynamatic.core.Item;
import dev.dynamatic.core.Key;
import dev.dynamatic.core.KeySchema;
import dev.dynamatic.core.RetryPolicy;
import dev.dynamatic.core.Scan;
import dev.dynamatic.core.Table;
import dev.dynamatic.it.FaultProxy.Fault;
import dev.dynamatic.it.server.DynamoDbServer;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Batch writes and reads through {@link FaultProxy}: nothing lost under faults, and every item not written or read
 * reported with its reason. The library sends batch calls with the SDK's retries off, so its call count, the SDK's
 * attempts (an interceptor) and the requests the proxy received must all agree.
 */
@DynamoDbIT
class BatchFaultsIT {

    static final KeySchema SCHEMA = KeySchema.of("pk", "sk");
    static final int ITEMS = 20_000;

    /** 30% of batch calls fail, 5% for each kind of fault. */
    static final Map<Fault, Double> THIRTY_PERCENT = Map.of(
            Fault.PROVISIONED_THROUGHPUT_EXCEEDED, 0.05,
            Fault.THROTTLING, 0.05,
            Fault.INTERNAL_SERVER_ERROR, 0.05,
            Fault.DROP_BEFORE_FORWARD, 0.05,
            Fault.DROP_AFTER_FORWARD, 0.05,
            Fault.PARTIAL_BATCH, 0.05);

    /** Enough attempts that a chunk failing all of them (0.3^30) does not happen; short waits on loopback. */
    static final RetryPolicy PATIENT = RetryPolicy.defaults().withMaxAttempts(30)
            .withBackoff(Duration.ofMillis(1), Duration.ofMillis(50));

    static final RetryPolicy NO_WAIT = RetryPolicy.defaults().withBackoff(Duration.ZERO, Duration.ZERO);

    /** An item with every kind of attribute, so that "equal when read back" means something. */
    static Item item(String prefix, int i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pk", prefix + "p" + (i % 97));
        m.put("sk", String.format("s%06d", i));
        m.put("n", i);
        m.put("price", new BigDecimal(i + ".25"));
        m.put("name", "item " + i + " \u2713");
        m.put("blob", Bytes.of(ByteBuffer.allocate(4).putInt(i).array()));
        m.put("tags", Set.of("t" + (i % 3), "all"));
        m.put("nested", Map.of("even", i % 2 == 0, "list", List.of(i, "x")));
        m.put("nothing", null);
        return Item.of(m);
    }

    static Key key(Item item) {
        return Key.of(item.getString("pk"), item.getString("sk"));
    }

    static List<Item> items(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> item(prefix, i)).toList();
    }

    @Test
    void writesTwentyThousandItemsUnderThirtyPercentFaultsAndReadsEachBackExactlyOnce(DynamoDbServer server,
            DynamoDbClient direct, TestTable table) {
        AttemptCounter sdk = new AttemptCounter();
        try (FaultProxy proxy = FaultProxy.start(server.endpoint()); DynamoDbClient faulty = proxy.client(server, sdk)) {
            proxy.plan(THIRTY_PERCENT, "BatchWriteItem", "BatchGetItem");
            Table t = Table.of(faulty, table.name(), SCHEMA);
            List<Item> written = items("big-", ITEMS);
            List<Key> keys = written.stream().map(BatchFaultsIT::key).toList();

            long start = System.nanoTime();
            BatchWrite.Result w = BatchWrite.of().putAll(t, written).withParallelism(8).withRetry(PATIENT).execute();
            long writeMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(List.of(), w.unwritten());
            assertEquals(ITEMS, w.written());
            // one layer retries: the library's calls are the SDK's attempts are the proxy's requests
            assertEquals(w.calls(), sdk.calls("BatchWriteItem"));
            assertEquals(w.calls(), sdk.attempts("BatchWriteItem"));
            assertEquals(w.calls(), proxy.requests("BatchWriteItem"));
            Map<Fault, Long> writeFaults = proxy.injected();

            // read back without faults: every item there and equal to what was written, and nothing else
            Table clean = Table.of(direct, table.name(), SCHEMA);
            BatchGet.Result check = BatchGet.of().keys(clean, keys).withConsistentRead(true).withParallelism(4).execute();
            assertEquals(List.of(), check.unread());
            assertEquals(written, check.items(clean));
            assertEquals(ITEMS, clean.count(Scan.of()));

            // read back under faults: every key exactly once, each item equal
            start = System.nanoTime();
            BatchGet.Result r = BatchGet.of().keys(t, keys).withParallelism(8).withRetry(PATIENT).execute();
            long readMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(List.of(), r.unread());
            assertEquals(written, r.items(t));
            assertEquals(ITEMS, new HashSet<>(r.items(t).stream().map(BatchFaultsIT::key).toList()).size());
            assertEquals(r.calls(), sdk.calls("BatchGetItem"));
            assertEquals(r.calls(), sdk.attempts("BatchGetItem"));
            assertEquals(r.calls(), proxy.requests("BatchGetItem"));

            Map<Fault, Long> readFaults = new LinkedHashMap<>(proxy.injected());
            writeFaults.forEach((f, n) -> readFaults.merge(f, -n, Long::sum));
            System.err.printf("[dynamatic-it] batch under faults: %d items written, %d lost; BatchWriteItem: %d library"
                            + " calls = %d SDK attempts = %d proxy requests (%d reached the server), faults %s, %d ms;"
                            + " BatchGetItem: %d keys read once each, %d library calls = %d SDK attempts = %d proxy"
                            + " requests, faults %s, %d ms%n",
                    w.written(), ITEMS - check.items(clean).size(), w.calls(), sdk.attempts("BatchWriteItem"),
                    proxy.requests("BatchWriteItem"), proxy.forwarded("BatchWriteItem"), writeFaults, writeMillis,
                    r.items(t).size(), r.calls(), sdk.attempts("BatchGetItem"), proxy.requests("BatchGetItem"),
                    readFaults, readMillis);
            for (Fault f : THIRTY_PERCENT.keySet()) {
                assertTrue(writeFaults.getOrDefault(f, 0L) > 0, "no " + f + " was injected into the writes");
            }
        }
    }

    @Test
    void reportsEveryItemStillUnprocessedWhenTheAttemptsRunOut(DynamoDbServer server, DynamoDbClient direct,
                                                                TestTable table) {
        AttemptCounter sdk = new AttemptCounter();
        try (FaultProxy proxy = FaultProxy.start(server.endpoint()); DynamoDbClient faulty = proxy.client(server, sdk)) {
            proxy.plan(Map.of(Fault.PARTIAL_BATCH, 1.0), "BatchWriteItem", "BatchGetItem");
            Table t = Table.of(faulty, table.name(), SCHEMA);
            List<Item> items = items("partial-", 100);
            BatchWrite.Result w = BatchWrite.of().putAll(t, items).withRetry(NO_WAIT.withMaxAttempts(2)).tryExecute();

            assertEquals(items.size(), w.written() + w.unwritten().size());
            assertTrue(w.written() > 0 && !w.unwritten().isEmpty(), w.toString());
            assertEquals(8, w.calls()); // 4 chunks of 25, 2 attempts each
            assertEquals(8, sdk.attempts("BatchWriteItem"));
            Set<Key> unwritten = new HashSet<>();
            for (BatchWrite.Unwritten u : w.unwritten()) {
                assertEquals(new BatchReason.Unprocessed(2), u.reason());
                assertEquals(table.name(), u.table().name());
                assertEquals(u.key(), key(u.item().orElseThrow()));
                unwritten.add(u.key());
            }
            // exactly the items reported written are in the table
            Table clean = Table.of(direct, table.name(), SCHEMA);
            BatchGet.Result present = BatchGet.of().keys(clean, items.stream().map(BatchFaultsIT::key).toList()).execute();
            assertEquals(items.stream().filter(i -> !unwritten.contains(key(i))).toList(), present.items(clean));

            // reads held back in part: every key is read or reported unread, none twice
            List<Item> presentItems = present.items(clean);
            BatchGet.Result r = BatchGet.of().keys(t, presentItems.stream().map(BatchFaultsIT::key).toList())
                    .withRetry(NO_WAIT.withMaxAttempts(1)).tryExecute();
            assertTrue(!r.unread().isEmpty());
            Set<Key> unread = new HashSet<>();
            r.unread().forEach(u -> {
                assertEquals(new BatchReason.Unprocessed(1), u.reason());
                unread.add(u.key());
            });
            assertEquals(presentItems.stream().filter(i -> !unread.contains(key(i))).toList(), r.items(t));
            assertEquals(presentItems.size(), r.items(t).size() + unread.size());
        }
    }

    @Test
    void reportsTheExceptionAChunkFailedWithAfterItsAttempts(DynamoDbServer server, TestTable table) {
        AttemptCounter sdk = new AttemptCounter();
        try (FaultProxy proxy = FaultProxy.start(server.endpoint()); DynamoDbClient faulty = proxy.client(server, sdk)) {
            proxy.plan(Map.of(Fault.INTERNAL_SERVER_ERROR, 1.0), "BatchWriteItem");
            Table t = Table.of(faulty, table.name(), SCHEMA);
            List<Item> items = items("failing-", 30);
            BatchWrite.Result w = BatchWrite.of().putAll(t, items).withRetry(NO_WAIT.withMaxAttempts(3)).tryExecute();

            assertEquals(0, w.written());
            assertEquals(items, w.unwritten().stream().map(u -> u.item().orElseThrow()).toList());
            for (BatchWrite.Unwritten u : w.unwritten()) {
                BatchReason.Failed failed = assertInstanceOf(BatchReason.Failed.class, u.reason());
                assertInstanceOf(InternalServerErrorException.class, failed.cause());
                assertEquals(3, failed.attempts());
            }
            assertEquals(6, w.calls()); // 2 chunks, 3 attempts each, no SDK retries underneath
            assertEquals(6, sdk.attempts("BatchWriteItem"));
            assertEquals(6, proxy.requests("BatchWriteItem"));
            assertEquals(0, proxy.forwarded("BatchWriteItem"));

            proxy.calm();
            proxy.injectNext("BatchWriteItem", Fault.PROVISIONED_THROUGHPUT_EXCEEDED);
            BatchWrite.Result throttled = BatchWrite.of().put(t, items.getFirst()).withRetry(NO_WAIT.withMaxAttempts(1)).tryExecute();
            BatchReason.Failed f = assertInstanceOf(BatchReason.Failed.class, throttled.unwritten().getFirst().reason());
            ProvisionedThroughputExceededException e = assertInstanceOf(ProvisionedThroughputExceededException.class,
                    f.cause());
            assertTrue(e.isThrottlingException());
        }
    }

    @Test
    void doesNotRetryAChunkTheServerRejects(DynamoDbClient direct) {
        Table missing = Table.of(direct, TestTables.uniqueName("no-such-table"), SCHEMA);
        BatchWrite.Result w = BatchWrite.of().putAll(missing, items("missing-", 30)).tryExecute();
        assertEquals(30, w.unwritten().size());
        assertEquals(2, w.calls());
        for (BatchWrite.Unwritten u : w.unwritten()) {
            BatchReason.Failed f = assertInstanceOf(BatchReason.Failed.class, u.reason());
            assertInstanceOf(ResourceNotFoundException.class, f.cause());
            assertEquals(1, f.attempts());
        }
        BatchGet.Result r = BatchGet.of().key(missing, Key.of("a", "b")).tryExecute();
        assertInstanceOf(ResourceNotFoundException.class,
                assertInstanceOf(BatchReason.Failed.class, r.unread().getFirst().reason()).cause());
    }

    @Test
    void executeThrowsForATableThatDoesNotExistCarryingEveryUnwrittenItem(DynamoDbClient direct) {
        Table missing = Table.of(direct, TestTables.uniqueName("no-such-table"), SCHEMA);
        List<Item> items = items("missing-", 30);
        BatchWrite.IncompleteException e = assertThrows(BatchWrite.IncompleteException.class,
                () -> BatchWrite.of().putAll(missing, items).execute());
        assertEquals("BatchWrite: 30 of 30 requests not written (0 left unprocessed, 30 failed with an exception)"
                + " after 2 calls; result() lists each with its reason", e.getMessage());
        assertEquals(items, e.result().unwritten().stream().map(u -> u.item().orElseThrow()).toList());
        assertInstanceOf(ResourceNotFoundException.class, e.getCause());
        BatchGet.IncompleteException g = assertThrows(BatchGet.IncompleteException.class,
                () -> BatchGet.of().key(missing, Key.of("a", "b")).execute());
        assertEquals(1, g.result().unread().size());
    }

    @Test
    void executeThrowsWhenTheServerIsDown(DynamoDbServer server) {
        // Nothing listens on the port of a proxy that was closed: every call fails to connect.
        FaultProxy closed = FaultProxy.start(server.endpoint());
        try (DynamoDbClient down = closed.client(server)) {
            closed.close();
            Table t = Table.of(down, TestTables.uniqueName("down"), SCHEMA);
            BatchWrite.IncompleteException e = assertThrows(BatchWrite.IncompleteException.class, () -> BatchWrite.of()
                    .putAll(t, items("down-", 3)).withRetry(NO_WAIT.withMaxAttempts(2)).execute());
            assertEquals(3, e.result().unwritten().size());
            for (BatchWrite.Unwritten u : e.result().unwritten()) {
                assertEquals(2, assertInstanceOf(BatchReason.Failed.class, u.reason()).attempts());
            }
        }
    }

    @Test
    void aChunkTheServerRejectsBecauseOfOneItemIsSplitAndTheRestWritten(DynamoDbServer server, DynamoDbClient direct,
                                                                       TestTable table) {
        Table t = Table.of(direct, table.name(), SCHEMA);
        List<Item> items = new ArrayList<>(items("split-", 10));
        // Over 400 KB only because of its numbers, whose size the library can only estimate, so it is sent: the
        // server rejects the whole chunk, and the library halves it until the item is found.
        List<BigDecimal> numbers = IntStream.range(0, 40)
                .mapToObj(i -> new BigDecimal("1234567890123456789012345678901234567" + i % 10)).toList();
        Map<String, Object> big = new LinkedHashMap<>();
        big.put("pk", "split-big");
        big.put("sk", "s");
        big.put("text", "x".repeat(400 * 1024 - 200));
        big.put("numbers", new java.util.LinkedHashSet<>(numbers));
        items.add(4, Item.of(big));
        AttemptCounter sdk = new AttemptCounter();
        BatchWrite.IncompleteException e;
        try (DynamoDbClient counted = TestClients.sync(server, sdk)) {
            Table c = Table.of(counted, table.name(), SCHEMA);
            e = assertThrows(BatchWrite.IncompleteException.class, () -> BatchWrite.of().putAll(c, items).execute());
        }
        assertEquals(10, e.result().written());
        assertEquals(List.of(key(items.get(4))), e.result().unwritten().stream().map(BatchWrite.Unwritten::key).toList());
        AwsServiceException cause = assertInstanceOf(AwsServiceException.class,
                assertInstanceOf(BatchReason.Failed.class, e.result().unwritten().getFirst().reason()).cause());
        assertEquals("ValidationException", cause.awsErrorDetails().errorCode());
        assertTrue(e.result().calls() <= 1 + 2 * BatchRunnerRounds.MAX, "calls " + e.result().calls());
        // every other item is in the table, exactly as written
        List<Item> others = new ArrayList<>(items);
        others.remove(4);
        BatchGet.Result back = BatchGet.of().keys(t, others.stream().map(BatchFaultsIT::key).toList())
                .withConsistentRead(true).execute();
        assertEquals(others, back.items(t));
        assertTrue(t.get(key(items.get(4))).isEmpty());
    }

    /** The most calls splitting can add: five rounds of halving. */
    private static final class BatchRunnerRounds {
        static final int MAX = 5;
    }

    @Test
    void anItemWithAnEmptyKeyIsRejectedBeforeAnythingIsSent(DynamoDbServer server, TestTable table) {
        AttemptCounter sdk = new AttemptCounter();
        try (DynamoDbClient counted = TestClients.sync(server, sdk)) {
            Table t = Table.of(counted, table.name(), SCHEMA);
            Map<String, Object> empty = new LinkedHashMap<>();
            empty.put("pk", "p");
            empty.put("sk", "");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> BatchWrite.of().putAll(t, items("fine-", 5)).put(t, Item.of(empty)));
            assertEquals("table " + table.name() + ": sort key \"sk\" is empty; DynamoDB rejects empty key values",
                    e.getMessage());
            assertEquals(0, sdk.attempts("BatchWriteItem"));
        }
    }

    @Test
    void stopsAtTheDeadlineAndSaysWithWhat(DynamoDbServer server, TestTable table) {
        try (FaultProxy proxy = FaultProxy.start(server.endpoint()); DynamoDbClient faulty = proxy.client(server)) {
            proxy.plan(Map.of(Fault.THROTTLING, 1.0), "BatchWriteItem");
            Table t = Table.of(faulty, table.name(), SCHEMA);
            RetryPolicy deadline = RetryPolicy.defaults().withMaxAttempts(1_000_000).withDeadline(Duration.ofMillis(300))
                    .withBackoff(Duration.ofMillis(1), Duration.ofMillis(5));
            BatchWrite.Result w = BatchWrite.of().putAll(t, items("deadline-", 10)).withRetry(deadline).tryExecute();
            assertEquals(10, w.unwritten().size());
            assertTrue(w.calls() > 1 && w.calls() < 1_000_000, "calls " + w.calls());
            for (BatchWrite.Unwritten u : w.unwritten()) {
                switch (u.reason()) {
                    case BatchReason.Failed(var cause, int attempts) -> {
                        // the last call was throttled, or cut short by the time left (its apiCallTimeout)
                        if (!(cause instanceof ApiCallTimeoutException)) {
                            AwsServiceException e = assertInstanceOf(AwsServiceException.class, cause);
                            assertEquals("ThrottlingException", e.awsErrorDetails().errorCode());
                        }
                        assertEquals(w.calls(), attempts);
                    }
                    case BatchReason.Unprocessed(int attempts) -> assertEquals(w.calls(), attempts);
                }
            }
        }
    }

    @Test
    void writesDeletesAndReadsAcrossTables(DynamoDbClient direct, TestTable table) {
        String auditName = TestTables.uniqueName("batch-audit");
        TestTables.create(direct, auditName, TableSpec.of("pk", "sk"));
        try {
            Table orders = Table.of(direct, table.name(), SCHEMA);
            Table audit = Table.of(direct, auditName, SCHEMA);
            List<Item> orderItems = items("x-orders-", 60);
            List<Item> auditItems = items("x-audit-", 40);
            BatchWrite.Result w = BatchWrite.of().putAll(orders, orderItems).putAll(audit, auditItems).withParallelism(3)
                    .execute();
            assertEquals(100, w.written());
            assertTrue(w.complete());

            List<Key> gone = orderItems.subList(0, 10).stream().map(BatchFaultsIT::key).toList();
            assertEquals(10, BatchWrite.of().deleteAll(orders, gone).execute().written());

            List<Key> orderKeys = orderItems.stream().map(BatchFaultsIT::key).toList();
            List<Key> auditKeys = new ArrayList<>(auditItems.stream().map(BatchFaultsIT::key).toList());
            auditKeys.add(Key.of("x-audit-none", "none"));
            BatchGet.Result r = BatchGet.of().keys(orders, orderKeys).keys(audit, auditKeys).withConsistentRead(true).execute();
            assertTrue(r.complete());
            assertEquals(orderItems.subList(10, 60), r.items(orders));
            assertEquals(auditItems, r.items(audit));
            assertEquals(2, r.calls()); // 150 keys: chunks of 100 and 50
        } finally {
            TestTables.delete(direct, auditName);
        }
    }
}
