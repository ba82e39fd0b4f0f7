package dev.dynamatic.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a batch is cut into chunks: DynamoDB's count and byte limits, in order, oversized entries alone. */
class BatchRunnerTest {

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
}
