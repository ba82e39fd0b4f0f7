package dev.dynamatic.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.core.BatchWrite;
import dev.dynamatic.core.Item;
import dev.dynamatic.core.Key;
import dev.dynamatic.core.KeySchema;
import dev.dynamatic.core.ParallelScan;
import dev.dynamatic.core.Scan;
import dev.dynamatic.core.Table;
import dev.dynamatic.it.server.DynamoDbServer;
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
import java.util.concurrent.Executor;
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
        BatchWrite.Result w = BatchWrite.of().putAll(Table.of(direct, table.name(), SCHEMA), items).execute();
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

    /**
     * Runs each task on a new platform thread named {@code dynamatic-scan-<table>-N}, and can wait for all of them to
     * end: what a scan did on its executor is then over, and whatever it sent can be counted.
     */
    static final class Threads implements Executor {
        private final String prefix;
        private final List<Thread> started = Collections.synchronizedList(new ArrayList<>());

        Threads(String table) {
            this.prefix = "dynamatic-scan-" + table + "-";
        }

        @Override
        public void execute(Runnable task) {
            started.add(Thread.ofPlatform().daemon().name(prefix + started.size()).start(task));
        }

        /** {@return the threads started} */
        int count() {
            return started.size();
        }

        /** Waits until every thread started has ended. */
        void joinAll() throws InterruptedException {
            for (Thread t : List.copyOf(started)) {
                t.join();
            }
        }
    }

    /**
     * Asserts that the scan's work had stopped when close (or forEachSegment) returned: no Scan call of the scan's
     * client was in flight then, and none was made after, until its threads ended.
     */
    static void assertStopped(AttemptCounter calls, Threads threads) throws InterruptedException {
        assertEquals(0, calls.inFlight("Scan"));
        long sent = calls.calls("Scan");
        threads.joinAll();
        assertEquals(sent, calls.calls("Scan"), "Scan calls made after the scan was closed");
    }

    @Test
    void mergesEverySegmentIntoOneStream(DynamoDbServer server, TestTable table) throws Exception {
        AttemptCounter calls = new AttemptCounter();
        Threads threads = new Threads(table.name());
        try (DynamoDbClient counted = TestClients.sync(server, calls)) {
            Table t = Table.of(counted, table.name(), SCHEMA);
            try (ParallelScan<Item> scan = ParallelScan.of(t, Scan.of().withPageSize(100), SEGMENTS)
                    .withMaxConcurrency(3).withExecutor(threads)) {
                assertExactlyAll(scan.stream().toList());
                assertEquals(Collections.nCopies(SEGMENTS, Optional.empty()), scan.cursors());
            }
            assertStopped(calls, threads);
            assertTrue(threads.count() >= 1 && threads.count() <= 3, "workers: " + threads.count());
        }
    }

    @Test
    void handsEachSegmentToItsOwnConsumer(DynamoDbClient direct, TestTable table) {
        Table t = Table.of(direct, table.name(), SCHEMA);
        Map<Integer, List<Item>> bySegment = new ConcurrentHashMap<>();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        ParallelScan<Item> scan = ParallelScan.of(t, Scan.of().withPageSize(100), SEGMENTS).withMaxConcurrency(4);
        scan.forEachSegment((segment, stream) -> {
            threads.add(Thread.currentThread().getName());
            bySegment.put(segment, stream.toList());
        });
        assertEquals(SEGMENTS, bySegment.size());
        assertExactlyAll(bySegment.values().stream().flatMap(List::stream).toList());
        // the default executor: the library's shared pool of daemon platform threads
        assertTrue(threads.size() <= 4 && threads.stream().allMatch(n -> n.startsWith("dynamatic-io-")), threads::toString);
        assertEquals(Collections.nCopies(SEGMENTS, Optional.empty()), scan.cursors());
        assertThrows(IllegalStateException.class, scan::iterator);
    }

    @Test
    void stopsEarlyAndResumesWhereEachSegmentStopped(DynamoDbServer server, DynamoDbClient direct, TestTable table)
            throws Exception {
        AttemptCounter calls = new AttemptCounter();
        Threads threads = new Threads(table.name());
        List<Item> first = new ArrayList<>();
        List<Optional<String>> cursors;
        try (DynamoDbClient counted = TestClients.sync(server, calls)) {
            Table t = Table.of(counted, table.name(), SCHEMA);
            ParallelScan<Item> scan = ParallelScan.of(t, Scan.of().withPageSize(50), SEGMENTS).withExecutor(threads);
            try {
                Iterator<Item> it = scan.iterator();
                for (int i = 0; i < 1_000; i++) {
                    first.add(it.next());
                }
                scan.close();
                assertFalse(it.hasNext());
                cursors = scan.cursors();
                // closed means stopped: close returned once every worker had ended, so no request can follow
                assertStopped(calls, threads);
            } finally {
                scan.close(); // idempotent
            }
        }
        assertTrue(cursors.stream().anyMatch(Optional::isPresent), cursors::toString);

        Table t = Table.of(direct, table.name(), SCHEMA);
        List<Item> rest = ParallelScan.of(t, Scan.of().withPageSize(50), SEGMENTS).withCursors(cursors).stream().toList();
        List<Item> all = new ArrayList<>(first);
        all.addAll(rest);
        assertExactlyAll(all);
    }

    @Test
    void resumesSegmentsWhoseConsumersStoppedEarly(DynamoDbClient direct, TestTable table) {
        Table t = Table.of(direct, table.name(), SCHEMA);
        List<Item> first = Collections.synchronizedList(new ArrayList<>());
        ParallelScan<Item> scan = ParallelScan.of(t, Scan.of().withPageSize(40), SEGMENTS);
        scan.forEachSegment((segment, stream) -> {
            Iterator<Item> it = stream.iterator();
            for (int i = 0; i < 25 * (segment + 1) && it.hasNext(); i++) {
                first.add(it.next());
            }
        });
        List<Optional<String>> cursors = scan.cursors();
        assertTrue(cursors.stream().anyMatch(Optional::isPresent));

        List<Item> rest = Collections.synchronizedList(new ArrayList<>());
        ParallelScan.of(t, Scan.of().withPageSize(40), SEGMENTS).withCursors(cursors)
                .forEachSegment((segment, stream) -> stream.forEach(rest::add));
        List<Item> all = new ArrayList<>(first);
        all.addAll(rest);
        assertExactlyAll(all);
    }

    @Test
    void aFailingConsumerStopsTheOthersAndIsRethrown(DynamoDbServer server, TestTable table) throws Exception {
        AttemptCounter calls = new AttemptCounter();
        Threads threads = new Threads(table.name());
        try (DynamoDbClient counted = TestClients.sync(server, calls)) {
            Table t = Table.of(counted, table.name(), SCHEMA);
            Set<Integer> started = ConcurrentHashMap.newKeySet();
            ParallelScan<Item> scan = ParallelScan.of(t, Scan.of().withPageSize(10), SEGMENTS).withMaxConcurrency(2)
                    .withExecutor(threads);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> scan.forEachSegment((segment, s) -> {
                started.add(segment);
                s.iterator().next();
                throw new IllegalStateException("consumer of segment " + segment + " failed");
            }));
            assertTrue(e.getMessage().startsWith("consumer of segment"), e.getMessage());
            assertTrue(started.size() < SEGMENTS, "the failure stopped the segments not yet started: " + started);
            assertStopped(calls, threads);
            Set<Optional<String>> distinct = new HashSet<>(scan.cursors());
            assertTrue(distinct.size() > 1, distinct::toString);
        }
    }
}
