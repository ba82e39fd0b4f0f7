package dev.dynamatic.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.core.Batch;
import dev.dynamatic.core.Item;
import dev.dynamatic.core.Key;
import dev.dynamatic.core.KeySchema;
import dev.dynamatic.core.ParallelScan;
import dev.dynamatic.core.Scan;
import dev.dynamatic.core.Table;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Parallel scans: every item exactly once, merged or per segment, stopped and resumed, and nothing left running. */
@DynamoDbIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParallelScanIT {

    static final KeySchema SCHEMA = KeySchema.of("pk", "sk");
    static final int ITEMS = 3_000;
    static final int SEGMENTS = 8;

    private List<Item> items;

    @BeforeAll
    void fill(DynamoDbClient direct, TestTable table) {
        items = IntStream.range(0, ITEMS).mapToObj(i -> Item.of(Map.of("pk", "p" + (i % 211), "sk",
                String.format("s%05d", i), "n", i))).toList();
        Batch.WriteResult w = Table.of(direct, table.name(), SCHEMA).batchWrite(items, List.of());
        assertTrue(w.complete(), w::toString);
    }

    static Key key(Item i) {
        return Key.of(i.getString("pk"), i.getString("sk"));
    }

    /** Asserts the items are exactly the table's items, each once. */
    void assertExactlyAll(List<Item> got) {
        assertEquals(ITEMS, got.size());
        Map<Key, Item> byKey = new HashMap<>();
        for (Item i : got) {
            assertEquals(null, byKey.put(key(i), i), "twice: " + i);
        }
        for (Item i : items) {
            assertEquals(i, byKey.get(key(i)));
        }
    }

    static long scanThreads(String table) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("dynamatic-scan-" + table)).count();
    }

    @Test
    void mergesEverySegmentIntoOneStream(DynamoDbClient direct, TestTable table) {
        Table t = Table.of(direct, table.name(), SCHEMA);
        try (ParallelScan<Item> scan = t.parallelScan(Scan.all().pageSize(100), SEGMENTS).maxConcurrency(3)) {
            assertExactlyAll(scan.stream().toList());
            assertEquals(Collections.nCopies(SEGMENTS, Optional.empty()), scan.cursors());
        }
        assertEquals(0, scanThreads(table.name()));
    }

    @Test
    void handsEachSegmentToItsOwnConsumer(DynamoDbClient direct, TestTable table) {
        Table t = Table.of(direct, table.name(), SCHEMA);
        Map<Integer, List<Item>> bySegment = new ConcurrentHashMap<>();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        ParallelScan<Item> scan = t.parallelScan(Scan.all().pageSize(100), SEGMENTS).maxConcurrency(4);
        scan.forEachSegment((segment, stream) -> {
            threads.add(Thread.currentThread().getName());
            bySegment.put(segment, stream.toList());
        });
        assertEquals(SEGMENTS, bySegment.size());
        assertExactlyAll(bySegment.values().stream().flatMap(List::stream).toList());
        assertTrue(threads.size() <= 4 && threads.stream().allMatch(n -> n.startsWith("dynamatic-scan-")), threads::toString);
        assertEquals(Collections.nCopies(SEGMENTS, Optional.empty()), scan.cursors());
        assertThrows(IllegalStateException.class, scan::iterator);
    }

    @Test
    void stopsEarlyAndResumesWhereEachSegmentStopped(DynamoDbClient direct, TestTable table) {
        Table t = Table.of(direct, table.name(), SCHEMA);
        List<Item> first = new ArrayList<>();
        List<Optional<String>> cursors;
        ParallelScan<Item> scan = t.parallelScan(Scan.all().pageSize(50), SEGMENTS);
        try {
            Iterator<Item> it = scan.iterator();
            for (int i = 0; i < 1_000; i++) {
                first.add(it.next());
            }
            scan.close();
            assertFalse(it.hasNext());
            cursors = scan.cursors();
            // closed means stopped: close returned once every worker had ended, so no request can follow
            assertEquals(0, scanThreads(table.name()));
        } finally {
            scan.close(); // idempotent
        }
        assertTrue(cursors.stream().anyMatch(Optional::isPresent), cursors::toString);

        List<Item> rest = t.parallelScan(Scan.all().pageSize(50), SEGMENTS).resumeFrom(cursors).stream().toList();
        List<Item> all = new ArrayList<>(first);
        all.addAll(rest);
        assertExactlyAll(all);
    }

    @Test
    void resumesSegmentsWhoseConsumersStoppedEarly(DynamoDbClient direct, TestTable table) {
        Table t = Table.of(direct, table.name(), SCHEMA);
        List<Item> first = Collections.synchronizedList(new ArrayList<>());
        ParallelScan<Item> scan = t.parallelScan(Scan.all().pageSize(40), SEGMENTS);
        scan.forEachSegment((segment, stream) -> {
            Iterator<Item> it = stream.iterator();
            for (int i = 0; i < 25 * (segment + 1) && it.hasNext(); i++) {
                first.add(it.next());
            }
        });
        List<Optional<String>> cursors = scan.cursors();
        assertTrue(cursors.stream().anyMatch(Optional::isPresent));

        List<Item> rest = Collections.synchronizedList(new ArrayList<>());
        t.parallelScan(Scan.all().pageSize(40), SEGMENTS).resumeFrom(cursors)
                .forEachSegment((segment, stream) -> stream.forEach(rest::add));
        List<Item> all = new ArrayList<>(first);
        all.addAll(rest);
        assertExactlyAll(all);
    }

    @Test
    void aFailingConsumerStopsTheOthersAndIsRethrown(DynamoDbClient direct, TestTable table) {
        Table t = Table.of(direct, table.name(), SCHEMA);
        Set<Integer> started = ConcurrentHashMap.newKeySet();
        ParallelScan<Item> scan = t.parallelScan(Scan.all().pageSize(10), SEGMENTS).maxConcurrency(2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> scan.forEachSegment((segment, s) -> {
            started.add(segment);
            s.iterator().next();
            throw new IllegalStateException("consumer of segment " + segment + " failed");
        }));
        assertTrue(e.getMessage().startsWith("consumer of segment"), e.getMessage());
        assertTrue(started.size() < SEGMENTS, "the failure stopped the segments not yet started: " + started);
        assertEquals(0, scanThreads(table.name()));
        Set<Optional<String>> distinct = new HashSet<>(scan.cursors());
        assertTrue(distinct.size() > 1, distinct::toString);
    }
}
