package dev.dynamatic.core;

import static dev.dynamatic.ast.Dsl.eq;
import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.core.internal.Cursors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A parallel scan's arguments, checked before any thread starts or call is made; and, over canned HTTP on a
 * direct executor (segments one after the other, so the order is deterministic), what it sends and its cursors.
 */
class ParallelScanTest {

    static final Table ORDERS = BatchTest.ORDERS;

    @Test
    void rejectsScansThatAlreadyChoseWhatTheParallelScanChooses() {
        assertThrows(IllegalArgumentException.class, () -> ParallelScan.of(ORDERS, Scan.of().withSegment(0, 2), 2));
        assertThrows(IllegalArgumentException.class, () -> ParallelScan.of(ORDERS, Scan.of().withStartAfter("c1."), 2));
        assertThrows(IllegalArgumentException.class, () -> ParallelScan.of(ORDERS, Scan.of().withLimit(10), 2));
        assertThrows(IllegalArgumentException.class, () -> ParallelScan.of(ORDERS, Scan.of(), 0));
        assertThrows(IllegalArgumentException.class, () -> ParallelScan.of(ORDERS, Scan.of(), 1_000_001));
        assertEquals(1_000_000, ParallelScan.of(ORDERS, Scan.of(), 1_000_000).totalSegments());
        assertThrows(IllegalArgumentException.class, () -> ParallelScan.of(ORDERS, Scan.of(), 4).withMaxConcurrency(0));
        assertThrows(NullPointerException.class, () -> ParallelScan.of(ORDERS, Scan.of(), 4).withExecutor(null));
        assertThrows(NullPointerException.class, () -> ParallelScan.of(ORDERS, Scan.of(), 4, null));
    }

    @Test
    void startsEverySegmentFromTheBeginningAndResumesFromGivenCursors() {
        ParallelScan<Item> scan = ParallelScan.of(ORDERS, Scan.of(), 3);
        assertEquals(3, scan.totalSegments());
        assertEquals(3, scan.cursors().size());
        scan.cursors().forEach(c -> assertEquals(Optional.of("c1."), c));
        assertEquals("ParallelScan[Orders, 3 segments, maxConcurrency 8]", scan.toString());

        List<Optional<String>> resume = List.of(Optional.empty(), Optional.of("c1."), Optional.empty());
        assertEquals(resume, ParallelScan.of(ORDERS, Scan.of(), 3).withCursors(resume).cursors());
        assertThrows(IllegalArgumentException.class,
                () -> ParallelScan.of(ORDERS, Scan.of(), 3).withCursors(List.of(Optional.empty())));
        assertThrows(IllegalArgumentException.class, () -> ParallelScan.of(ORDERS, Scan.of(), 1)
                .withCursors(List.of(Optional.of("not a cursor"))));
    }

    @Test
    void runsOnce() {
        ParallelScan<Item> done = ParallelScan.of(ORDERS, Scan.of(), 2)
                .withCursors(List.of(Optional.empty(), Optional.empty()));
        assertEquals(List.of(), done.stream().toList());
        assertThrows(IllegalStateException.class, done::iterator);
        assertThrows(IllegalStateException.class, () -> done.forEachSegment((s, items) -> { }));
        done.close();
        assertEquals(List.of(Optional.empty(), Optional.empty()), done.cursors());
    }

    private static String page(String... sks) {
        StringBuilder items = new StringBuilder();
        for (String sk : sks) {
            items.append(items.isEmpty() ? "" : ",").append("{\"PK\":{\"S\":\"p\"},\"SK\":{\"S\":\"").append(sk)
                    .append("\"}}");
        }
        return "{\"Items\":[" + items + "],\"Count\":" + sks.length + ",\"ScannedCount\":" + sks.length + "}";
    }

    @Test
    void theMergedStreamReadsEverySegmentOfTheScan() {
        CannedHttp http = new CannedHttp().answer(200, page("a", "b")).answer(200, page("c"));
        try (DynamoDbClient client = http.client()) {
            Table orders = Table.of(client, "Orders", KeySchema.of("PK", "SK"));
            try (ParallelScan<Item> scan = ParallelScan.of(orders, Scan.of().withFilter(eq(path("x"), value(1))), 2)
                    .withExecutor(Runnable::run)) {
                assertEquals(List.of("a", "b", "c"), scan.stream().map(i -> i.getString("SK")).toList());
                assertEquals(List.of(Optional.empty(), Optional.empty()), scan.cursors());
            }
        }
        List<CannedHttp.Sent> sent = http.sent();
        assertTrue(sent.get(0).body().contains("\"TotalSegments\":2,\"Segment\":0"), sent.get(0).body());
        assertTrue(sent.get(1).body().contains("\"TotalSegments\":2,\"Segment\":1"), sent.get(1).body());
        assertTrue(sent.stream().allMatch(s -> s.body().contains("\"FilterExpression\":\"#n0 = :v0\"")), sent::toString);
    }

    @Test
    void aSegmentsCursorMarksWhereItsConsumerStoppedAndAResumeStartsThere() {
        CannedHttp http = new CannedHttp().answer(200, page("a", "b")).answer(200, page("c"))
                .answer(200, page("b"));
        try (DynamoDbClient client = http.client()) {
            Table orders = Table.of(client, "Orders", KeySchema.of("PK", "SK"));
            List<String> seen = new ArrayList<>();
            ParallelScan<Item> first = ParallelScan.of(orders, Scan.of(), 2).withExecutor(Runnable::run);
            first.forEachSegment((segment, items) -> {
                for (Item i : items) {
                    seen.add(segment + ":" + i.getString("SK"));
                    if (segment == 0) {
                        break; // stop after the first item of segment 0
                    }
                }
            });
            assertEquals(List.of("0:a", "1:c"), seen);
            List<Optional<String>> cursors = first.cursors();
            assertEquals(Map.of("PK", AttributeValue.fromS("p"), "SK", AttributeValue.fromS("a")),
                    Cursors.decode(cursors.get(0).orElseThrow()));
            assertEquals(Optional.empty(), cursors.get(1), "segment 1 is finished");

            ParallelScan<Item> rest = ParallelScan.of(orders, Scan.of(), 2).withCursors(cursors).withExecutor(Runnable::run);
            List<String> after = new ArrayList<>();
            rest.forEachSegment((segment, items) -> items.forEach(i -> after.add(segment + ":" + i.getString("SK"))));
            assertEquals(List.of("0:b"), after);
            assertEquals(List.of(Optional.empty(), Optional.empty()), rest.cursors());
        }
        String resumed = http.sent().get(2).body();
        assertTrue(resumed.contains("\"ExclusiveStartKey\":{\"PK\":{\"S\":\"p\"},\"SK\":{\"S\":\"a\"}}")
                && resumed.contains("\"Segment\":0"), resumed);
        assertEquals(0, http.unused());
    }

    @Test
    void aConsumersExceptionStopsTheOtherSegmentsAndIsRethrown() {
        CannedHttp http = new CannedHttp().answer(200, page("a"));
        try (DynamoDbClient client = http.client()) {
            Table orders = Table.of(client, "Orders", KeySchema.of("PK", "SK"));
            ParallelScan<Item> scan = ParallelScan.of(orders, Scan.of(), 2).withMaxConcurrency(2)
                    .withExecutor(Runnable::run);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> scan.forEachSegment((s, items) -> {
                items.forEach(i -> { });
                throw new IllegalStateException("consumer of segment " + s);
            }));
            assertEquals("consumer of segment 0", e.getMessage());
            // segment 0 was read to its end; segment 1 never started, so it resumes from its start
            assertEquals(List.of(Optional.empty(), Optional.of("c1.")), scan.cursors());
        }
        assertEquals(1, http.sent().size());
    }
}
