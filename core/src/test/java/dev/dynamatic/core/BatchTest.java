package dev.dynamatic.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.dynamatic.ast.Bytes;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Batches: chunking, and everything rejected before a call is made (no server here: nothing is sent). */
class BatchTest {

    /** Never called: every check below happens before sending. */
    static final DynamoDbClient CLIENT = client();
    static final Table ORDERS = Table.of(CLIENT, "Orders", KeySchema.of("PK", "SK"));
    static final Table AUDIT = Table.of(CLIENT, "Audit", KeySchema.of("PK", "SK"));
    static final Table COUNTERS = Table.of(CLIENT, "Counters", KeySchema.of("id"));

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

    // ---- chunking

    @Test
    void chunksToTheCountLimitInOrder() {
        List<Integer> entries = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            entries.add(i);
        }
        List<List<Integer>> chunks = BatchRunner.chunks(entries, 25, Long.MAX_VALUE, Long.MAX_VALUE, e -> 1);
        assertEquals(List.of(25, 25, 10), chunks.stream().map(List::size).toList());
        assertEquals(entries, chunks.stream().flatMap(List::stream).toList());
    }

    @Test
    void startsANewChunkBeforeTheByteLimitIsPassed() {
        List<Long> sizes = List.of(6L, 6L, 6L, 1L, 10L);
        assertEquals(List.of(List.of(6L, 6L), List.of(6L, 1L), List.of(10L)),
                BatchRunner.chunks(sizes, 25, 13, Long.MAX_VALUE, e -> e));
    }

    @Test
    void givesAnOversizedEntryAChunkOfItsOwn() {
        List<Long> sizes = List.of(1L, 1L, 500L, 1L);
        assertEquals(List.of(List.of(1L, 1L), List.of(500L), List.of(1L)),
                BatchRunner.chunks(sizes, 25, 1_000, 400, e -> e));
    }

    @Test
    void chunksRespectBothLimitsAndKeepEveryEntryOnceInOrder() {
        qt().forAll(lists().of(longs().between(0, 120)).ofSizeBetween(0, 300), integers().between(1, 30),
                        longs().between(1, 400))
                .checkAssert((sizes, maxCount, maxBytes) -> {
                    List<List<Long>> chunks = BatchRunner.chunks(sizes, maxCount, maxBytes, 100, e -> e);
                    assertEquals(sizes, chunks.stream().flatMap(List::stream).toList());
                    for (List<Long> chunk : chunks) {
                        assertTrue(!chunk.isEmpty() && chunk.size() <= maxCount, chunk.toString());
                        long bytes = chunk.stream().mapToLong(Long::longValue).sum();
                        assertTrue(chunk.size() == 1 || bytes <= maxBytes, chunk + " over " + maxBytes);
                        assertTrue(chunk.size() == 1 || chunk.stream().allMatch(s -> s <= 100), chunk.toString());
                    }
                });
    }

    @Test
    void rejectsNonsensicalChunkLimits() {
        assertThrows(IllegalArgumentException.class, () -> BatchRunner.chunks(List.of(1), 0, 10, 10, e -> 1));
        assertThrows(IllegalArgumentException.class, () -> BatchRunner.chunks(List.of(1), 1, 0, 10, e -> 1));
    }

    // ---- the same item twice, before anything is sent

    @Test
    void rejectsTheSameItemPutTwice() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Batch.write()
                .put(ORDERS, order("O#1", "HEADER")).put(ORDERS, order("O#2", "HEADER"))
                .put(ORDERS, order("O#1", "HEADER")));
        assertTrue(e.getMessage().contains("Orders") && e.getMessage().contains("O#1"), e.getMessage());
    }

    @Test
    void rejectsAPutAndADeleteOfOneItem() {
        assertThrows(IllegalArgumentException.class, () -> Batch.write().put(ORDERS, order("O#1", "HEADER"))
                .delete(ORDERS, Key.of("O#1", "HEADER")));
        assertThrows(IllegalArgumentException.class, () -> ORDERS.batchWrite(List.of(order("O#1", "L#1")),
                List.of(Key.of("O#1", "L#1"))));
    }

    @Test
    void rejectsOneKeyTwiceWithinOneCollection() {
        assertThrows(IllegalArgumentException.class, () -> Batch.write().deleteAll(ORDERS,
                List.of(Key.of("a", "b"), Key.of("c", "d"), Key.of("a", "b"))));
        assertThrows(IllegalArgumentException.class, () -> ORDERS.batchGet(List.of(Key.of("a", "b"), Key.of("a", "b"))));
    }

    @Test
    void comparesNumericKeysByValueAsDynamoDbDoes() {
        assertThrows(IllegalArgumentException.class, () -> Batch.write().delete(COUNTERS, Key.of(1))
                .delete(COUNTERS, Key.of(new BigDecimal("1.00"))));
        assertThrows(IllegalArgumentException.class, () -> Batch.get().key(COUNTERS, Key.of(new BigDecimal("1E+2")))
                .key(COUNTERS, Key.of(100)));
    }

    @Test
    void comparesBinaryKeysByContent() {
        assertThrows(IllegalArgumentException.class, () -> Batch.write()
                .delete(COUNTERS, Key.of(Bytes.of(new byte[] {1, 2, 3})))
                .delete(COUNTERS, Key.of(Bytes.of(new byte[] {1, 2, 3}))));
    }

    @Test
    void acceptsOneKeyInTwoTables() {
        Batch.Write w = Batch.write().put(ORDERS, order("X", "Y")).put(AUDIT, order("X", "Y"));
        assertEquals(2, w.size());
    }

    @Test
    void rejectsTablesOnDifferentClients() {
        try (DynamoDbClient other = client()) {
            Table elsewhere = Table.of(other, "Orders", KeySchema.of("PK", "SK"));
            assertThrows(IllegalArgumentException.class,
                    () -> Batch.write().put(ORDERS, order("a", "b")).put(elsewhere, order("c", "d")));
            assertThrows(IllegalArgumentException.class,
                    () -> Batch.get().key(ORDERS, Key.of("a", "b")).key(elsewhere, Key.of("c", "d")));
        }
    }

    @Test
    void rejectsAnItemWithoutItsKey() {
        assertThrows(IllegalArgumentException.class,
                () -> Batch.write().put(ORDERS, Item.of(Map.of("PK", "only the partition key"))));
        assertThrows(IllegalArgumentException.class, () -> Batch.write().delete(ORDERS, Key.of("no sort key")));
    }

    @Test
    void rejectsNoParallelism() {
        assertThrows(IllegalArgumentException.class, () -> Batch.write().parallelism(0));
        assertThrows(IllegalArgumentException.class, () -> Batch.get().parallelism(-1));
    }

    @Test
    void anEmptyBatchMakesNoCall() {
        Batch.WriteResult w = Batch.write().execute();
        assertEquals(new Batch.WriteResult(0, List.of(), 0), w);
        assertTrue(w.complete());
        Batch.GetResult g = Batch.get().execute();
        assertEquals(0, g.calls());
        assertEquals(List.of(), g.items(ORDERS));
    }

    @Test
    void keepsEveryEntryOfALargeBatch() {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            items.add(order("O#" + i, "HEADER"));
        }
        assertEquals(20_000, Batch.write().putAll(ORDERS, items).size());
    }
}
