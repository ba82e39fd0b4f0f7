package dev.dynamatic.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** The UUIDv7 layout (RFC 9562) and its order: as text, ids sort by time and then by sequence, whatever is random. */
class UuidV7Properties {

    static final long MAX_MILLIS = (1L << 48) - 1;

    static Gen<Long> millis() {
        // the whole range, and near neighbours, so that equal and adjacent times occur
        return longs().between(0, MAX_MILLIS).mix(longs().between(1_700_000_000_000L, 1_700_000_000_003L), 50);
    }

    static Gen<Integer> sequences() {
        return integers().between(0, 4095).mix(integers().between(0, 2), 50);
    }

    @Test
    void theLayoutIsVersion7VariantRfcWithTheTimeInTheTop48Bits() {
        qt().forAll(millis(), sequences(), longs().all()).checkAssert((ms, seq, random) -> {
            UUID id = UuidV7.of(ms, seq, random);
            assertEquals(7, id.version());
            assertEquals(2, id.variant());
            assertEquals(ms, id.getMostSignificantBits() >>> 16);
            assertEquals(seq, (int) (id.getMostSignificantBits() & 0xFFF));
            assertEquals(random & 0x3FFF_FFFF_FFFF_FFFFL, id.getLeastSignificantBits() & 0x3FFF_FFFF_FFFF_FFFFL);
            assertEquals(Instant.ofEpochMilli(ms), UuidV7.time(id));
            String text = id.toString();
            assertEquals(36, text.length());
            assertEquals(text.toLowerCase(java.util.Locale.ROOT), text);
            assertEquals(id, UUID.fromString(text));
        });
    }

    /** The parts of an id. */
    record Parts(long millis, int sequence, long random) {
        UUID id() {
            return UuidV7.of(millis, sequence, random);
        }
    }

    static Gen<Parts> parts() {
        return millis().zip(sequences(), longs().all(), Parts::new);
    }

    @Test
    void asTextIdsSortByTimeThenSequenceWhateverTheRandomBits() {
        qt().forAll(parts(), parts()).checkAssert((a, b) -> {
            int byParts = a.millis() == b.millis() ? Integer.compare(a.sequence(), b.sequence())
                    : Long.compare(a.millis(), b.millis());
            int byText = a.id().toString().compareTo(b.id().toString());
            if (byParts != 0) {
                assertEquals(Integer.signum(byParts), Integer.signum(byText));
            }
        });
    }

    /** A clock that reads the given instants in turn. */
    static Clock reading(List<Instant> instants) {
        Iterator<Instant> next = instants.iterator();
        return new UtcClock() {
            @Override
            public Instant instant() {
                return next.next();
            }
        };
    }

    @Test
    void aSourcesIdsStrictlyIncreaseAsTextEvenWhenTheClockStandsStillOrStepsBack() {
        Gen<Instant> instants = longs().between(1_700_000_000_000_000_000L, 1_700_000_000_005_000_000L)
                .map(nanos -> Instant.ofEpochSecond(0, nanos));
        qt().forAll(lists().of(instants).ofSizeBetween(1, 200)).checkAssert(readings -> {
            UuidV7 source = UuidV7.of(reading(readings));
            List<String> ids = new ArrayList<>();
            long latest = Long.MIN_VALUE;
            for (Instant at : readings) {
                UUID id = source.next();
                latest = Math.max(latest, at.toEpochMilli());
                // the time is the clock's, or later when the clock stood still or stepped back (never earlier)
                assertTrue(UuidV7.time(id).toEpochMilli() >= at.toEpochMilli(), id::toString);
                assertTrue(UuidV7.time(id).toEpochMilli() <= latest + 1, id::toString);
                ids.add(id.toString());
            }
            for (int i = 1; i < ids.size(); i++) {
                assertTrue(ids.get(i - 1).compareTo(ids.get(i)) < 0, ids.get(i - 1) + " then " + ids.get(i));
            }
        });
    }

    @Test
    void aClockThatMovesOnGivesItsOwnMillisecond() {
        qt().forAll(lists().of(longs().between(0, 10_000)).ofSizeBetween(1, 50), longs().between(0, 1L << 40))
                .checkAssert((steps, start) -> {
                    List<Instant> readings = new ArrayList<>();
                    long at = start;
                    for (long step : steps) {
                        at += step + 1;
                        readings.add(Instant.ofEpochMilli(at));
                    }
                    UuidV7 source = UuidV7.of(reading(readings));
                    for (Instant r : readings) {
                        assertEquals(r, UuidV7.time(source.next()));
                    }
                });
    }
}
