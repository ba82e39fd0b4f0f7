package dev.dynamatic.it;

import static dev.dynamatic.ast.Dsl.beginsWith;
import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.value;
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
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Batch writes and reads through {@link FaultProxy}: nothing lost, nothing left behind and nothing changed under
 * every fault that applies to BatchWriteItem, and every item not written or read reported with its reason. The
 * figures printed come from reading the table back through a client that does not pass the proxy, and are printed
 * before anything is asserted, so that a loss shows in the line. The library sends batch calls with the SDK's
 * retries off, so its call count, the SDK's attempts (an interceptor) and the requests the proxy received must all
 * agree.
 */
@DynamoDbIT
class BatchFaultsIT {

    static final KeySchema SCHEMA = KeySchema.of("pk", "sk");
    static final int ITEMS = 20_000;

    /** Every fault the proxy can inject into a BatchWriteItem (not the transaction ones). */
    static final List<Fault> BATCH_WRITE_FAULTS = Stream.of(Fault.values())
            .filter(f -> f.appliesTo("BatchWriteItem")).toList();

    /** 35% of batch calls fail, 5% for each kind of fault that applies to them. */
    static final Map<Fault, Double> THIRTY_FIVE_PERCENT = BATCH_WRITE_FAULTS.stream()
            .collect(Collectors.toMap(f -> f, f -> 0.05));

    /** Enough attempts that a chunk failing all of them (0.35^30) does not happen; short waits on loopback. */
    static final RetryPolicy PATIENT = RetryPolicy.defaults().withMaxAttempts(30)
            .withBackoff(Duration.ofMillis(1), Duration.ofMillis(50));

    static final RetryPolicy NO_WAIT = RetryPolicy.defaults().withBackoff(Duration.ZERO, Duration.ZERO);

    /** An item with every kind of attribute, so that "equal when read back" means something. */
    static Item item(String prefix, int i) {
        return item(prefix, i, "item " + i + " \u2713");
    }

    /** {@link #item(String, int)} with another name: an overwrite that read-back can tell from the original. */
    static Item item(String prefix, int i, String name) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pk", prefix + "p" + (i % 97));
        m.put("sk", String.format("s%06d", i));
        m.put("n", i);
        m.put("price", new BigDecimal(i + ".25"));
        m.put("name", name);
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

    /**
     * What reading a set of keys back found, against what should be there.
     *
     * @param expected how many of the keys should hold an item
     * @param present how many hold an item
     * @param missing items that should be there and are not: lost
     * @param changed items there but not as they should be
     * @param leftOver items there that should not be: a delete lost, or applied to the wrong item
     */
    record ReadBack(int expected, int present, int missing, int changed, int leftOver) {

        boolean exact() {
            return missing == 0 && changed == 0 && leftOver == 0 && present == expected;
        }

        @Override
        public String toString() {
            return present + " of " + expected + " expected items present, " + missing + " missing, " + changed
                    + " changed, " + leftOver + " left over";
        }
    }

    /**
     * {@return the keys read back consistently through {@code direct} (no proxy), compared with the items that
     * should be there}: every key of {@code keys} not in {@code expected} should hold nothing
     */
    static ReadBack readBack(DynamoDbClient direct, String table, List<Key> keys, Map<Key, Item> expected) {
        Table clean = Table.of(direct, table, SCHEMA);
        List<Item> found = BatchGet.of().keys(clean, keys).withConsistentRead(true).withParallelism(4).execute()
                .items(clean);
        int changed = 0;
        int leftOver = 0;
        Set<Key> seen = new HashSet<>();
        for (Item i : found) {
            Key k = key(i);
            seen.add(k);
            Item should = expected.get(k);
            if (should == null) {
                leftOver++;
            } else if (!should.equals(i)) {
                changed++;
            }
        }
        int missing = (int) expected.keySet().stream().filter(k -> !seen.contains(k)).count();
        return new ReadBack(expected.size(), found.size(), missing, changed, leftOver);
    }

    static Map<Key, Item> byKey(Collection<Item> items) {
        Map<Key, Item> m = new LinkedHashMap<>();
        items.forEach(i -> m.put(key(i), i));
        return m;
    }

    static List<Fault> batchWriteFaults() {
        return BATCH_WRITE_FAULTS;
    }

    @Test
    void writesTwentyThousandItemsUnderThirtyFivePercentFaultsAndReadsEachBackExactlyOnce(DynamoDbServer server,
            DynamoDbClient direct, TestTable table) {
        AttemptCounter sdk = new AttemptCounter();
        try (FaultProxy proxy = FaultProxy.start(server.endpoint()); DynamoDbClient faulty = proxy.client(server, sdk)) {
            proxy.plan(THIRTY_FIVE_PERCENT, "BatchWriteItem", "BatchGetItem");
            // one of each kind first, whatever the dice say
            proxy.injectNext("BatchWriteItem", BATCH_WRITE_FAULTS.toArray(Fault[]::new));
            Table t = Table.of(faulty, table.name(), SCHEMA);
            List<Item> written = items("big-", ITEMS);
            List<Key> keys = written.stream().map(BatchFaultsIT::key).toList();

            long start = System.nanoTime();
            BatchWrite.Result w = BatchWrite.of().putAll(t, written).withParallelism(8).withRetry(PATIENT).tryExecute();
            long writeMillis = (System.nanoTime() - start) / 1_000_000;
            Map<Fault, Long> writeFaults = proxy.injected("BatchWriteItem");

            // read back without the proxy: every item there and equal to what was written, and nothing else
            ReadBack back = readBack(direct, table.name(), keys, byKey(written));
            long stored = Table.of(direct, table.name(), SCHEMA).count(Scan.of().withConsistentRead(true)
                    .withFilter(beginsWith(path("pk"), value("big-"))));

            // read back under faults: every key exactly once, each item equal
            start = System.nanoTime();
            BatchGet.Result r = BatchGet.of().keys(t, keys).withParallelism(8).withRetry(PATIENT).tryExecute();
            long readMillis = (System.nanoTime() - start) / 1_000_000;
            List<Item> readUnderFaults = r.items(t);
            long distinctRead = readUnderFaults.stream().map(BatchFaultsIT::key).distinct().count();
            System.err.printf("[dynamatic-it] batch puts under faults: %d items put, %d reported written, %d unwritten;"
                            + " read back directly: %s, %d items in the table under the prefix; BatchWriteItem: %d"
                            + " library calls = %d SDK attempts = %d proxy requests (%d reached the server, %d applied"
                            + " but answer dropped), faults %s, %d ms; BatchGetItem under faults: %d items read (%d"
                            + " distinct, %d equal to what was written), %d unread, %d library calls = %d SDK attempts"
                            + " = %d proxy requests, faults %s, %d ms%n",
                    ITEMS, w.written(), w.unwritten().size(), back, stored, w.calls(), sdk.attempts("BatchWriteItem"),
                    proxy.requests("BatchWriteItem"), proxy.forwarded("BatchWriteItem"),
                    proxy.appliedButDropped("BatchWriteItem"), writeFaults, writeMillis, readUnderFaults.size(),
                    distinctRead, readUnderFaults.stream().filter(new HashSet<>(written)::contains).count(),
                    r.unread().size(), r.calls(), sdk.attempts("BatchGetItem"), proxy.requests("BatchGetItem"),
                    proxy.injected("BatchGetItem"), readMillis);

            assertTrue(back.exact(), back::toString);
            assertEquals(ITEMS, stored);
            assertEquals(List.of(), w.unwritten());
            assertEquals(ITEMS, w.written());
            // one layer retries: the library's calls are the SDK's attempts are the proxy's requests
            assertEquals(w.calls(), sdk.calls("BatchWriteItem"));
            assertEquals(w.calls(), sdk.attempts("BatchWriteItem"));
            assertEquals(w.calls(), proxy.requests("BatchWriteItem"));
            for (Fault f : BATCH_WRITE_FAULTS) {
                assertTrue(writeFaults.getOrDefault(f, 0L) > 0, "no " + f + " was injected into the writes");
            }

            assertEquals(List.of(), r.unread());
            assertEquals(written, readUnderFaults);
            assertEquals(ITEMS, distinctRead);
            assertEquals(r.calls(), sdk.calls("BatchGetItem"));
            assertEquals(r.calls(), sdk.attempts("BatchGetItem"));
            assertEquals(r.calls(), proxy.requests("BatchGetItem"));
        }
    }

    /**
     * Deletes a chosen two thirds of 300 items under one kind of fault (four scripted, then 30% of the calls):
     * exactly the others remain, each as it was written. A delete applied twice is harmless in itself; what this
     * would catch is a delete lost (reported written, item still there), one applied to the wrong item, or an
     * unprocessed delete retried as a put.
     */
    @ParameterizedTest
    @MethodSource("batchWriteFaults")
    void deletesExactlyTheChosenItemsUnderEachFault(Fault fault, DynamoDbServer server, DynamoDbClient direct,
                                                    TestTable table) {
        String prefix = "del-" + fault.name().toLowerCase(Locale.ROOT) + "-";
        List<Item> all = items(prefix, 300);
        BatchWrite.of().putAll(Table.of(direct, table.name(), SCHEMA), all).withParallelism(4).execute();
        List<Key> keys = all.stream().map(BatchFaultsIT::key).toList();
        List<Key> deleted = IntStream.range(0, all.size()).filter(i -> i % 3 != 0).mapToObj(keys::get).toList();
        List<Item> survivors = IntStream.range(0, all.size()).filter(i -> i % 3 == 0).mapToObj(all::get).toList();

        AttemptCounter sdk = new AttemptCounter();
        try (FaultProxy proxy = FaultProxy.start(server.endpoint()); DynamoDbClient faulty = proxy.client(server, sdk)) {
            proxy.injectNext("BatchWriteItem", fault, fault, fault, fault);
            proxy.plan(Map.of(fault, 0.3), "BatchWriteItem");
            Table t = Table.of(faulty, table.name(), SCHEMA);
            BatchWrite.Result w = BatchWrite.of().deleteAll(t, deleted).withParallelism(4).withRetry(PATIENT)
                    .tryExecute();
            proxy.calm();

            ReadBack back = readBack(direct, table.name(), keys, byKey(survivors));
            System.err.printf("[dynamatic-it] batch deletes under %s: %d items, %d deleted through the proxy (%d"
                            + " reported written, %d unwritten); read back directly: %s (%d survivors expected, %d"
                            + " deleted items still there); BatchWriteItem: %d library calls = %d proxy requests (%d"
                            + " reached the server, %d applied but answer dropped, %d refused but answer dropped),"
                            + " faults %s%n",
                    fault, all.size(), deleted.size(), w.written(), w.unwritten().size(), back, survivors.size(),
                    back.leftOver(), w.calls(), proxy.requests("BatchWriteItem"), proxy.forwarded("BatchWriteItem"),
                    proxy.appliedButDropped("BatchWriteItem"), proxy.refusedButDropped("BatchWriteItem"),
                    proxy.injected("BatchWriteItem"));

            assertTrue(back.exact(), back::toString);
            assertEquals(List.of(), w.unwritten());
            assertEquals(deleted.size(), w.written());
            assertEquals(w.calls(), sdk.attempts("BatchWriteItem"));
            assertEquals(w.calls(), proxy.requests("BatchWriteItem"));
            assertTrue(proxy.injected("BatchWriteItem").getOrDefault(fault, 0L) >= 4, proxy.injected()::toString);
            assertEquals(Set.of(fault), proxy.injected("BatchWriteItem").keySet());
            if (fault == Fault.DROP_AFTER_APPLIED) {
                assertTrue(proxy.appliedButDropped("BatchWriteItem") >= 4);
            }
        }
    }

    /**
     * One batch of puts of new items, overwrites and deletes of existing ones, 1,000 requests under every fault kind
     * at once (one of each scripted, then 35% of the calls): each key ends exactly as the batch said.
     */
    @Test
    void aBatchOfPutsOverwritesAndDeletesEndsExactlyAsItSaidUnderEveryFault(DynamoDbServer server,
                                                                           DynamoDbClient direct, TestTable table) {
        String prefix = "mixed-";
        List<Item> existing = items(prefix, 600);
        BatchWrite.of().putAll(Table.of(direct, table.name(), SCHEMA), existing).withParallelism(4).execute();
        List<Item> fresh = IntStream.range(600, 1_000).mapToObj(i -> item(prefix, i)).toList();
        List<Item> overwrites = IntStream.range(0, 600).filter(i -> i % 2 == 0)
                .mapToObj(i -> item(prefix, i, "overwritten " + i)).toList();
        List<Key> deletes = IntStream.range(0, 600).filter(i -> i % 4 == 1).mapToObj(i -> key(existing.get(i)))
                .toList();
        Map<Key, Item> expected = byKey(existing);
        deletes.forEach(expected::remove);
        expected.putAll(byKey(overwrites));
        expected.putAll(byKey(fresh));
        List<Key> keys = new ArrayList<>(existing.stream().map(BatchFaultsIT::key).toList());
        fresh.forEach(i -> keys.add(key(i)));

        AttemptCounter sdk = new AttemptCounter();
        try (FaultProxy proxy = FaultProxy.start(server.endpoint()); DynamoDbClient faulty = proxy.client(server, sdk)) {
            proxy.injectNext("BatchWriteItem", BATCH_WRITE_FAULTS.toArray(Fault[]::new));
            proxy.plan(THIRTY_FIVE_PERCENT, "BatchWriteItem");
            Table t = Table.of(faulty, table.name(), SCHEMA);
            // interleaved, so that chunks mix puts and deletes
            BatchWrite batch = BatchWrite.of();
            for (int i = 0; i < 400; i++) {
                batch = batch.put(t, fresh.get(i));
                if (i < overwrites.size()) {
                    batch = batch.put(t, overwrites.get(i));
                }
                if (i < deletes.size()) {
                    batch = batch.delete(t, deletes.get(i));
                }
            }
            int requests = batch.size();
            BatchWrite.Result w = batch.withParallelism(4).withRetry(PATIENT).tryExecute();
            proxy.calm();

            ReadBack back = readBack(direct, table.name(), keys, expected);
            System.err.printf("[dynamatic-it] mixed batch under faults: %d requests (%d new items, %d overwrites, %d"
                            + " deletes of %d items), %d reported written, %d unwritten; read back directly: %s;"
                            + " BatchWriteItem: %d library calls = %d proxy requests (%d reached the server, %d applied"
                            + " but answer dropped), faults %s%n",
                    requests, fresh.size(), overwrites.size(), deletes.size(), existing.size(), w.written(),
                    w.unwritten().size(), back, w.calls(), proxy.requests("BatchWriteItem"),
                    proxy.forwarded("BatchWriteItem"), proxy.appliedButDropped("BatchWriteItem"),
                    proxy.injected("BatchWriteItem"));

            assertTrue(back.exact(), back::toString);
            assertEquals(1_000 - 150, back.expected());
            assertEquals(List.of(), w.unwritten());
            assertEquals(requests, w.written());
            assertEquals(w.calls(), sdk.attempts("BatchWriteItem"));
            assertEquals(w.calls(), proxy.requests("BatchWriteItem"));
            for (Fault f : BATCH_WRITE_FAULTS) {
                assertTrue(proxy.injected("BatchWriteItem").getOrDefault(f, 0L) > 0, "no " + f + " was injected");
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
