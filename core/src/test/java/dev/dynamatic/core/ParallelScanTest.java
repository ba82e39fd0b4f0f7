package dev.dynamatic.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A parallel scan's arguments, checked before any thread starts or call is made. */
class ParallelScanTest {

    static final Table ORDERS = BatchTest.ORDERS;

    @Test
    void rejectsScansThatAlreadyChoseWhatTheParallelScanChooses() {
        assertThrows(IllegalArgumentException.class, () -> ORDERS.parallelScan(Scan.all().segment(0, 2), 2));
        assertThrows(IllegalArgumentException.class, () -> ORDERS.parallelScan(Scan.all().startAfter("c1."), 2));
        assertThrows(IllegalArgumentException.class, () -> ORDERS.parallelScan(Scan.all().limit(10), 2));
        assertThrows(IllegalArgumentException.class, () -> ORDERS.parallelScan(Scan.all(), 0));
        assertThrows(IllegalArgumentException.class, () -> ORDERS.parallelScan(Scan.all(), Scan.MAX_SEGMENTS + 1));
        assertThrows(IllegalArgumentException.class, () -> ORDERS.parallelScan(Scan.all(), 4).maxConcurrency(0));
    }

    @Test
    void startsEverySegmentFromTheBeginningAndResumesFromGivenCursors() {
        ParallelScan<Item> scan = ORDERS.parallelScan(Scan.all(), 3);
        assertEquals(3, scan.totalSegments());
        assertEquals(3, scan.cursors().size());
        scan.cursors().forEach(c -> assertEquals(Optional.of("c1."), c));

        List<Optional<String>> resume = List.of(Optional.empty(), Optional.of("c1."), Optional.empty());
        assertEquals(resume, ORDERS.parallelScan(Scan.all(), 3).resumeFrom(resume).cursors());
        assertThrows(IllegalArgumentException.class,
                () -> ORDERS.parallelScan(Scan.all(), 3).resumeFrom(List.of(Optional.empty())));
        assertThrows(IllegalArgumentException.class, () -> ORDERS.parallelScan(Scan.all(), 1)
                .resumeFrom(List.of(Optional.of("not a cursor"))));
    }

    @Test
    void runsOnce() {
        ParallelScan<Item> done = ORDERS.parallelScan(Scan.all(), 2)
                .resumeFrom(List.of(Optional.empty(), Optional.empty()));
        assertEquals(List.of(), done.stream().toList());
        assertThrows(IllegalStateException.class, done::iterator);
        done.close();
        assertEquals(List.of(Optional.empty(), Optional.empty()), done.cursors());
    }
}
