package dev.dynamatic.it;

import static dev.dynamatic.ast.Dsl.attributeExists;
import static dev.dynamatic.ast.Dsl.eq;
import static dev.dynamatic.ast.Dsl.ge;
import static dev.dynamatic.ast.Dsl.partitionKey;
import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.projection;
import static dev.dynamatic.ast.Dsl.sortKey;
import static dev.dynamatic.ast.Dsl.value;
import static dev.dynamatic.it.Fixtures.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.ast.KeyCondition;
import dev.dynamatic.core.Item;
import dev.dynamatic.core.ItemStream;
import dev.dynamatic.core.Query;
import dev.dynamatic.core.Scan;
import dev.dynamatic.core.Table;
import dev.dynamatic.it.server.Engine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** Every option of {@link Table#query} and {@link Table#scan}, on a table with a GSI and an LSI. */
@DynamoDbIT
@WithTable(pk = "pk", sk = "sk",
        gsis = @WithTable.Gsi(name = "byStatus", pk = "status", sk = "created"),
        lsis = @WithTable.Lsi(name = "byRank", sk = "rank"))
class QueryScanIT {

    /** order#A holds line#00..line#09: even lines open, odd closed; rank runs backwards; qty = line number. */
    private static final List<Item> A = IntStream.range(0, 10).mapToObj(i -> item(
            "pk", "order#A", "sk", line(i), "status", i % 2 == 0 ? "open" : "closed",
            "created", String.format("2024-01-%02d", 20 - i), "rank", String.format("r%02d", 9 - i), "qty", i)).toList();
    private static final List<Item> B = IntStream.range(0, 3).mapToObj(i -> item(
            "pk", "order#B", "sk", line(i), "status", "open", "created", String.format("2024-02-%02d", i + 1),
            "rank", "r00", "qty", 100 + i)).toList();
    /** No status: not in the sparse GSI. */
    private static final Item NOTE = item("pk", "order#C", "sk", "note", "text", "no status");

    private final Table table;

    QueryScanIT(DynamoDbClient client, TestTable testTable) {
        this.table = testTable.on(client);
    }

    @BeforeAll
    static void seed(DynamoDbClient client, TestTable testTable) {
        Table t = testTable.on(client);
        A.forEach(t::put);
        B.forEach(t::put);
        t.put(NOTE);
    }

    private static String line(int i) {
        return String.format("line#%02d", i);
    }

    private static KeyCondition orderA() {
        return partitionKey("pk", value("order#A"));
    }

    private static List<String> sortKeys(ItemStream<Item> items) {
        try (items) {
            return items.stream().map(i -> i.getString("sk")).toList();
        }
    }

    private static List<String> lines(int... numbers) {
        return IntStream.of(numbers).mapToObj(QueryScanIT::line).toList();
    }

    // ---- query

    @Test
    void queriesAPartitionInSortKeyOrder() {
        assertEquals(A, table.query(Query.of(orderA())).toList());
    }

    @Test
    void queriesDescending() {
        List<Item> reversed = new ArrayList<>(A);
        Collections.reverse(reversed);
        assertEquals(reversed, table.query(Query.of(orderA()).withDescending(true)).toList());
    }

    @Test
    void appliesEachSortKeyCondition() {
        assertEquals(lines(3), sortKeys(table.query(Query.of(orderA().and(sortKey("sk").eq(value(line(3))))))));
        assertEquals(lines(0, 1, 2), sortKeys(table.query(Query.of(orderA().and(sortKey("sk").lt(value(line(3))))))));
        assertEquals(lines(0, 1, 2, 3), sortKeys(table.query(Query.of(orderA().and(sortKey("sk").le(value(line(3))))))));
        assertEquals(lines(8, 9), sortKeys(table.query(Query.of(orderA().and(sortKey("sk").gt(value(line(7))))))));
        assertEquals(lines(7, 8, 9), sortKeys(table.query(Query.of(orderA().and(sortKey("sk").ge(value(line(7))))))));
        assertEquals(lines(2, 3, 4), sortKeys(table.query(Query.of(orderA()
                .and(sortKey("sk").between(value(line(2)), value(line(4))))))));
        assertEquals(lines(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), sortKeys(table.query(Query.of(orderA()
                .and(sortKey("sk").beginsWith(value("line#0")))))));
        assertEquals(List.of(), sortKeys(table.query(Query.of(orderA().and(sortKey("sk").beginsWith(value("x")))))));
    }

    @Test
    void filtersAfterReading() {
        assertEquals(lines(5, 6, 7, 8, 9), sortKeys(table.query(Query.of(orderA()).withFilter(ge(path("qty"), value(5))))));
    }

    @Test
    void limitCountsItemsReturnedAfterTheFilter() {
        ItemStream<Item> s = table.query(Query.of(orderA()).withFilter(ge(path("qty"), value(5))).withLimit(2).withPageSize(3));
        assertEquals(lines(5, 6), sortKeys(s));
    }

    @Test
    void limitWithoutAFilterReadsOnlyWhatItNeeds() {
        List<QueryRequest> sent = new ArrayList<>();
        try (ItemStream<Item> s = table.query(Query.of(orderA()).withLimit(3).withCustomizer(b -> sent.add(b.build())))) {
            assertEquals(A.subList(0, 3), s.toList());
            assertEquals(1, s.pagesFetched());
        }
        assertEquals(List.of(3), sent.stream().map(QueryRequest::limit).toList());
    }

    @Test
    void pagesBySize() {
        List<QueryRequest> sent = new ArrayList<>();
        try (ItemStream<Item> s = table.query(Query.of(orderA()).withPageSize(3).withCustomizer(b -> sent.add(b.build())))) {
            assertEquals(A, s.toList());
            assertEquals(4, s.pagesFetched());
        }
        assertEquals(List.of(3, 3, 3, 3), sent.stream().map(QueryRequest::limit).toList());
        assertEquals(line(2), sent.get(1).exclusiveStartKey().get("sk").s());
    }

    @Test
    void projectsOnlyWhatWasAskedFor() {
        List<Item> quantities = A.stream().map(i -> item("qty", i.get("qty"), "status", i.get("status"))).toList();
        assertEquals(quantities, table.query(Query.of(orderA()).withProjection(projection("qty", "status"))).toList());
    }

    @Test
    void projectionKeepsKeysTheCallerAskedFor() {
        List<Item> keys = A.stream().map(i -> item("sk", i.get("sk"), "qty", i.get("qty"))).toList();
        assertEquals(keys, table.query(Query.of(orderA()).withProjection(projection("sk", "qty"))).toList());
    }

    @Test
    void readsConsistentlyWhenAsked() {
        List<QueryRequest> sent = new ArrayList<>();
        assertEquals(A, table.query(Query.of(orderA()).withConsistentRead(true).withCustomizer(b -> sent.add(b.build()))).toList());
        assertEquals(Boolean.TRUE, sent.getFirst().consistentRead());
    }

    @Test
    void countsWithSelectCount() {
        List<QueryRequest> sent = new ArrayList<>();
        assertEquals(10, table.count(Query.of(orderA()).withCustomizer(b -> sent.add(b.build()))));
        assertEquals(Select.COUNT, sent.getFirst().select());
        assertEquals(5, table.count(Query.of(orderA()).withFilter(eq(path("status"), value("open")))));
        assertEquals(10, table.count(Query.of(orderA()).withPageSize(3)));
        assertEquals(0, table.count(Query.of(partitionKey("pk", value("order#none")))));
    }

    @Test
    void sumsConsumedCapacityOverPages(Engine engine) {
        try (ItemStream<Item> s = table.query(Query.of(orderA()).withPageSize(3)
                .withCustomizer(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)))) {
            assertEquals(10, s.toList().size());
            assertEquals(4, s.pagesFetched());
            // Each page reads under 4 KB: 0.5 units eventually consistent, on both engines (ENGINES.md).
            switch (engine) {
                case DYNOXIDE, DYNALITE -> assertEquals(4 * 0.5, s.consumedCapacity(), 1e-9);
            }
        }
        try (ItemStream<Item> s = table.query(Query.of(orderA()).withPageSize(3))) {
            s.toList();
            assertEquals(0.0, s.consumedCapacity());
        }
    }

    @Test
    void queriesAGlobalIndex() {
        // status = open: even lines of A (created descending with the line number) and all of B
        List<String> expected = List.of(line(8), line(6), line(4), line(2), line(0), line(0), line(1), line(2));
        assertEquals(expected, sortKeys(table.query(Query.of(partitionKey("status", value("open"))).withIndex("byStatus"))));
        assertEquals(List.of(line(2), line(1), line(0)), sortKeys(table.query(Query.of(partitionKey("status", value("open"))
                .and(sortKey("created").beginsWith(value("2024-02")))).withIndex("byStatus").withDescending(true))));
        assertEquals(5, table.count(Query.of(partitionKey("status", value("closed"))).withIndex("byStatus")));
    }

    @Test
    void queriesALocalIndex() {
        List<Item> byRank = new ArrayList<>(A);
        Collections.reverse(byRank);
        assertEquals(byRank, table.query(Query.of(orderA()).withIndex("byRank").withConsistentRead(true)).toList());
        assertEquals(lines(9, 8), sortKeys(table.query(Query.of(orderA().and(sortKey("rank").le(value("r01"))))
                .withIndex("byRank"))));
    }

    @Test
    void aLocalIndexQueryStoppedMidPageResumesAfterTheLastItemReturned() {
        Query q = Query.of(orderA()).withIndex("byRank").withPageSize(3);
        List<Item> all = new ArrayList<>();
        java.util.Optional<String> cursor = java.util.Optional.empty();
        do {
            try (ItemStream<Item> s = table.query(cursor.map(q::withStartAfter).orElse(q))) {
                var it = s.iterator();
                for (int i = 0; i < 2 && it.hasNext(); i++) {
                    all.add(it.next());
                }
                cursor = s.cursor();
            }
        } while (cursor.isPresent());
        assertEquals(A.reversed(), all);
    }

    @Test
    void aKeyConditionOnTheWrongKeyIsRejectedBeforeSending() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> table.query(Query.of(partitionKey("status", value("open")))));
        assertTrue(e.getMessage().contains("partitioned by \"pk\""), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> table.query(Query.of(orderA()).withIndex("nope")));
        assertThrows(IllegalArgumentException.class,
                () -> table.query(Query.of(orderA().and(sortKey("created").eq(value("x"))))));
    }

    @Test
    void aKeyValueOfAnotherTypeThanTheKeyIsRejectedBeforeSending() {
        // dynoxide 1.2.1 would answer such a query with no items; DynamoDB rejects it (ENGINES.md)
        IllegalArgumentException partition = assertThrows(IllegalArgumentException.class,
                () -> table.query(Query.of(partitionKey("pk", value(1)))));
        assertTrue(partition.getMessage().contains("key \"pk\" is of type S, the value is of type N"),
                partition.getMessage());
        IllegalArgumentException sort = assertThrows(IllegalArgumentException.class,
                () -> table.query(Query.of(orderA().and(sortKey("sk").lt(value(3))))));
        assertTrue(sort.getMessage().contains("key \"sk\" is of type S, the value is of type N"), sort.getMessage());
    }

    // ---- scan

    @Test
    void scansEverything() {
        List<Item> all = table.scan(Scan.of()).toList();
        assertEquals(14, all.size());
        assertTrue(all.containsAll(A) && all.containsAll(B) && all.contains(NOTE), all::toString);
        assertEquals(14, table.count(Scan.of()));
        assertEquals(14, table.scan(Scan.of().withPageSize(4)).toList().size());
    }

    @Test
    void scansWithAFilterAndAProjection() {
        List<ScanRequest> sent = new ArrayList<>();
        List<Item> big = table.scan(Scan.of().withFilter(ge(path("qty"), value(100))).withProjection(projection("qty"))
                .withConsistentRead(true).withCustomizer(b -> sent.add(b.build()))).toList();
        assertEquals(List.of(100, 101, 102), big.stream().map(i -> i.getInt("qty")).sorted().toList());
        assertTrue(big.stream().allMatch(i -> i.keySet().equals(java.util.Set.of("qty"))), big::toString);
        assertEquals(Boolean.TRUE, sent.getFirst().consistentRead());
        assertEquals(3, table.count(Scan.of().withFilter(ge(path("qty"), value(100)))));
        assertEquals(1, table.scan(Scan.of().withFilter(attributeExists(path("text")))).toList().size());
    }

    @Test
    void scansAnIndex() {
        List<Item> indexed = table.scan(Scan.of().withIndex("byStatus")).toList();
        assertEquals(13, indexed.size()); // NOTE has no status
        assertTrue(indexed.stream().allMatch(i -> i.has("status")), indexed::toString);
        assertEquals(13, table.count(Scan.of().withIndex("byStatus")));
        assertEquals(13, table.scan(Scan.of().withIndex("byRank")).toList().size());
    }

    @Test
    void scansOneSegment() {
        List<ScanRequest> sent = new ArrayList<>();
        List<Item> all = new ArrayList<>();
        for (int segment = 0; segment < 3; segment++) {
            all.addAll(table.scan(Scan.of().withSegment(segment, 3).withCustomizer(b -> sent.add(b.build()))).toList());
        }
        assertEquals(14, all.size());
        assertEquals(14, all.stream().distinct().count());
        assertEquals(List.of(0, 1, 2), sent.stream().map(ScanRequest::segment).toList());
        assertEquals(List.of(3, 3, 3), sent.stream().map(ScanRequest::totalSegments).toList());
    }

    @Test
    void sumsScanCapacityOverPages(Engine engine) {
        try (ItemStream<Item> s = table.scan(Scan.of().withPageSize(5)
                .withCustomizer(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)))) {
            assertEquals(14, s.toList().size());
            switch (engine) {
                case DYNOXIDE, DYNALITE -> assertEquals(s.pagesFetched() * 0.5, s.consumedCapacity(), 1e-9);
            }
        }
    }
}
