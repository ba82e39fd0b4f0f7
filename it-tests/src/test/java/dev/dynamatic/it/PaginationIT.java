package dev.dynamatic.it;

import static dev.dynamatic.ast.Dsl.eq;
import static dev.dynamatic.ast.Dsl.partitionKey;
import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.projection;
import static dev.dynamatic.ast.Dsl.value;
import static dev.dynamatic.it.Fixtures.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.core.Item;
import dev.dynamatic.core.ItemStream;
import dev.dynamatic.core.Query;
import dev.dynamatic.core.Scan;
import dev.dynamatic.core.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Paging over more than a thousand items with small pages, cursors that resume mid-page, and parallel scan
 * segments.
 */
@DynamoDbIT
@WithTable(pk = "pk", sk = "sk", gsis = @WithTable.Gsi(name = "byGroup", pk = "grp", sk = "bucket"))
class PaginationIT {

    private static final int BIG = 1_050;
    private static final int SPREAD = 200;

    /** One partition of 1,050 items; groups g0..g2; only five distinct index sort keys, so the index has ties. */
    private static final List<Item> BIG_PARTITION = IntStream.range(0, BIG).mapToObj(i -> item(
            "pk", "big", "sk", String.format("item#%04d", i), "grp", "g" + i % 3, "bucket", "b" + i % 5,
            "n", i)).toList();
    /** 200 partitions of one item each, so scan segments have something to split. */
    private static final List<Item> SPREAD_ITEMS = IntStream.range(0, SPREAD).mapToObj(i -> item(
            "pk", String.format("p#%03d", i), "sk", "x", "n", BIG + i)).toList();

    private final Table table;

    PaginationIT(DynamoDbClient client, TestTable testTable) {
        this.table = testTable.on(client);
    }

    @BeforeAll
    static void seed(DynamoDbClient client, TestTable testTable) {
        List<WriteRequest> writes = Stream.concat(BIG_PARTITION.stream(), SPREAD_ITEMS.stream())
                .map(i -> WriteRequest.builder().putRequest(p -> p.item(i.attributes())).build()).toList();
        for (int from = 0; from < writes.size(); from += 25) {
            List<WriteRequest> batch = writes.subList(from, Math.min(writes.size(), from + 25));
            var r = client.batchWriteItem(b -> b.requestItems(Map.of(testTable.name(), batch)));
            assertTrue(r.unprocessedItems().isEmpty(), r::toString);
        }
    }

    private static Query big() {
        return Query.of(partitionKey("pk", value("big")));
    }

    @Test
    void queriesOverAThousandItemsInSmallPages() {
        List<QueryRequest> sent = new ArrayList<>();
        try (ItemStream<Item> s = table.query(big().withPageSize(7).withCustomizer(b -> sent.add(b.build())))) {
            assertEquals(BIG_PARTITION, s.toList());
            assertEquals(sent.size(), s.pagesFetched());
            assertEquals(BIG / 7 + 1, s.pagesFetched()); // 150 full pages, then an empty last one
            assertEquals(Optional.empty(), s.cursor());
        }
        assertTrue(sent.stream().allMatch(r -> r.limit() == 7), sent::toString);
        assertEquals(BIG, table.count(big().withPageSize(100)));
    }

    @Test
    void limitSpansPagesAndAsksForNoMoreThanItNeeds() {
        List<QueryRequest> sent = new ArrayList<>();
        try (ItemStream<Item> s = table.query(big().withLimit(100).withPageSize(30).withCustomizer(b -> sent.add(b.build())))) {
            assertEquals(BIG_PARTITION.subList(0, 100), s.toList());
            assertTrue(s.cursor().isPresent());
        }
        assertEquals(List.of(30, 30, 30, 10), sent.stream().map(QueryRequest::limit).toList());
    }

    @Test
    void tableQueryStoppedMidPageResumesAfterTheLastItemReturned() {
        assertEquals(BIG_PARTITION, inChunks(13, cursor -> table.query(cursor.map(c -> big().withPageSize(10).withStartAfter(c))
                .orElse(big().withPageSize(10)))));
    }

    @Test
    void descendingQueryWithAProjectionResumesMidPage() {
        List<Item> expected = BIG_PARTITION.reversed().stream().map(i -> item("n", i.get("n"))).toList();
        Query q = big().withDescending(true).withProjection(projection("n")).withPageSize(9);
        assertEquals(expected, inChunks(20, cursor -> table.query(cursor.map(q::withStartAfter).orElse(q))));
    }

    @Test
    void filteredQueryResumesAfterTheLastItemReturned() {
        List<Item> expected = BIG_PARTITION.stream().filter(i -> i.get("grp").equals("g1")).toList();
        Query q = big().withFilter(eq(path("grp"), value("g1"))).withPageSize(10);
        assertEquals(expected, inChunks(7, cursor -> table.query(cursor.map(q::withStartAfter).orElse(q))));
    }

    @Test
    void indexQueryWithTiedIndexKeysResumesMidPage() {
        Query q = Query.of(partitionKey("grp", value("g2"))).withIndex("byGroup").withPageSize(10);
        List<Item> all = table.query(q).toList();
        assertEquals(BIG_PARTITION.stream().filter(i -> i.get("grp").equals("g2")).count(), all.size());
        // ordered by the index sort key; ties in any order, but the same order on every read
        assertEquals(all.stream().sorted(Comparator.comparing(i -> i.getString("bucket"))).toList(), all);
        assertEquals(all, inChunks(13, cursor -> table.query(cursor.map(q::withStartAfter).orElse(q))));
    }

    @Test
    void scanStoppedMidPageResumesAfterTheLastItemReturned() {
        Scan s = Scan.of().withPageSize(25);
        List<Item> all = inChunks(37, cursor -> table.scan(cursor.map(s::withStartAfter).orElse(s)));
        assertEquals(BIG + SPREAD, all.size());
        assertEquals(BIG + SPREAD, all.stream().distinct().count());
        assertTrue(all.containsAll(BIG_PARTITION) && all.containsAll(SPREAD_ITEMS));
    }

    @Test
    void indexScanStoppedMidPageResumesAfterTheLastItemReturned() {
        Scan s = Scan.of().withIndex("byGroup").withPageSize(40);
        List<Item> whole = table.scan(s).toList();
        assertEquals(BIG, whole.size());
        assertEquals(whole, inChunks(57, cursor -> table.scan(cursor.map(s::withStartAfter).orElse(s))));
    }

    @Test
    void aStreamStoppedThroughJavaStreamsResumesAfterTheLastItemItGaveOut() {
        List<Item> first;
        String cursor;
        try (ItemStream<Item> s = table.query(big().withPageSize(10))) {
            first = s.stream().limit(15).toList();
            cursor = s.cursor().orElseThrow();
        }
        assertEquals(BIG_PARTITION.subList(0, 15), first);
        assertEquals(BIG_PARTITION.subList(15, 30), table.query(big().withPageSize(10).withStartAfter(cursor).withLimit(15)).toList());
    }

    @Test
    void cursorBeforeAnyItemResumesFromTheStart() {
        String cursor;
        try (ItemStream<Item> s = table.query(big().withLimit(5))) {
            cursor = s.cursor().orElseThrow();
        }
        assertEquals(BIG_PARTITION.subList(0, 5), table.query(big().withStartAfter(cursor).withLimit(5)).toList());
    }

    @Test
    void parallelScanSegmentsCoverEveryItemOnce() throws Exception {
        int segments = 4;
        List<List<Item>> perSegment = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(segments)) {
            List<Future<List<Item>>> futures = new ArrayList<>();
            for (int segment = 0; segment < segments; segment++) {
                Scan s = Scan.of().withSegment(segment, segments).withPageSize(50);
                futures.add(pool.submit(() -> table.scan(s).toList()));
            }
            for (Future<List<Item>> f : futures) {
                perSegment.add(f.get());
            }
        }
        List<Item> all = perSegment.stream().flatMap(List::stream).toList();
        assertEquals(BIG + SPREAD, all.size());
        assertEquals(BIG + SPREAD, all.stream().distinct().count());
        assertTrue(all.containsAll(BIG_PARTITION) && all.containsAll(SPREAD_ITEMS));
        assertTrue(perSegment.stream().filter(l -> !l.isEmpty()).count() > 1, "one segment held everything");
    }

    @Test
    void aSegmentStoppedMidPageResumesWithinItsSegment() {
        List<Item> all = new ArrayList<>();
        for (int segment = 0; segment < 3; segment++) {
            Scan s = Scan.of().withSegment(segment, 3).withPageSize(20);
            List<Item> whole = table.scan(s).toList();
            assertEquals(whole, inChunks(31, cursor -> table.scan(cursor.map(s::withStartAfter).orElse(s))));
            all.addAll(whole);
        }
        assertEquals(BIG + SPREAD, all.stream().distinct().count());
        assertEquals(BIG + SPREAD, all.size());
    }

    /**
     * Reads everything by taking {@code chunk} items from a fresh stream, then resuming a new one from its cursor,
     * until the cursor is empty.
     */
    private static List<Item> inChunks(int chunk, Function<Optional<String>, ItemStream<Item>> open) {
        List<Item> out = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        int streams = 0;
        do {
            try (ItemStream<Item> s = open.apply(cursor)) {
                Iterator<Item> it = s.iterator();
                for (int i = 0; i < chunk && it.hasNext(); i++) {
                    out.add(it.next());
                }
                cursor = s.cursor();
            }
            assertTrue(++streams <= BIG + SPREAD, "no progress");
        } while (cursor.isPresent());
        assertFalse(out.isEmpty());
        return out;
    }
}
