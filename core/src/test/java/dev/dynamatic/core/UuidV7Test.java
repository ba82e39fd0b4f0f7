package dev.dynamatic.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The UUIDv7 source's edges: times it cannot hold, ids that are not version 7, and its text. */
class UuidV7Test {

    @Test
    void aTimeBefore1970OrAfter10889IsRefused() {
        for (Instant at : new Instant[] {Instant.parse("1969-12-31T23:59:59.999Z"), Instant.ofEpochMilli(1L << 48)}) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> UuidV7.of(Clock.fixed(at, ZoneOffset.UTC)).next());
            assertEquals("a UUIDv7 holds the times from 1970 to 10889 in 48 bits of milliseconds; the clock reads " + at,
                    e.getMessage());
        }
        assertEquals(Instant.ofEpochMilli((1L << 48) - 1), UuidV7.time(
                UuidV7.of(Clock.fixed(Instant.ofEpochMilli((1L << 48) - 1), ZoneOffset.UTC)).next()));
    }

    @Test
    void onlyAVersion7IdHasAUuidV7Time() {
        String m = assertThrows(IllegalArgumentException.class, () -> UuidV7.time(UUID.randomUUID())).getMessage();
        assertEquals("not a UUIDv7: version 4, variant 2", m);
        assertThrows(NullPointerException.class, () -> UuidV7.time(null));
        assertThrows(NullPointerException.class, () -> UuidV7.of(null));
    }

    @Test
    void theTextIsTheUuidsAndTheTimeIsTheClocks() {
        Instant at = Instant.parse("2026-03-01T12:00:00.123Z");
        UuidV7 ids = UuidV7.of(Clock.fixed(at, ZoneOffset.UTC));
        String text = ids.get();
        UUID id = UUID.fromString(text);
        assertEquals(7, id.version());
        assertEquals(at, UuidV7.time(id));
        assertTrue(text.startsWith("019ca945-0a7b-7"), text);
        assertTrue(ids.toString().startsWith("UuidV7[FixedClock["), ids.toString());
        assertEquals(7, UUID.fromString(UuidV7.of().get()).version());
    }
}
