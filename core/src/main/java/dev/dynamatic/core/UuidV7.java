package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A source of time-ordered ids: UUID version 7 (RFC 9562), the id a {@link Behaviour.GeneratedId} writes unless
 * {@link Behaviours#withIds} gives another source.
 *
 * <p>Layout: 48 bits of Unix time in milliseconds, the version ({@code 7}), 12 bits that order the ids of one
 * millisecond (the sub-millisecond part of the clock's time, raised past the last id this source made, so ids from
 * one source strictly increase even when the clock stands still or steps back), the variant ({@code 10}) and 62
 * random bits from a {@link SecureRandom}. Its text ({@link UUID#toString()}: 36 characters, lower-case hex) sorts
 * in creation order as a DynamoDB string compares, byte by byte, so the ids make good sort keys. (Compare the text,
 * not the {@code UUID}s: {@link UUID#compareTo} compares signed numbers.)
 *
 * {@snippet :
 * UuidV7 ids = UuidV7.of();
 * UUID orderId = ids.next();          // know the id before writing it
 * String text = ids.get();            // or as text, the form the behaviour writes
 * Instant when = UuidV7.time(orderId); // to the millisecond
 * }
 *
 * <p>Why not ULID: a ULID has the same 48-bit time and is 10 characters shorter (Crockford base-32), but UUIDv7 is
 * an IETF standard that {@code java.util.UUID}, databases and other languages read, and a record component of type
 * {@code UUID} stores and reads it as it is.
 *
 * <p>Thread-safe: the ordering state is one atomic number.
 */
public final class UuidV7 implements Supplier<String> {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long MAX_MILLIS = (1L << 48) - 1;

    private final Clock clock;
    /** The time and sequence of the last id made: {@code millis << 12 | sequence}, or -1 before the first. */
    private final AtomicLong last = new AtomicLong(-1);

    private UuidV7(Clock clock) {
        this.clock = clock;
    }

    /** {@return a source of ids timed by the system's UTC clock} */
    public static UuidV7 of() {
        return new UuidV7(Clock.systemUTC());
    }

    /**
     * {@return a source of ids timed by the clock}, for tests
     *
     * @param clock where the ids' time comes from
     */
    public static UuidV7 of(Clock clock) {
        return new UuidV7(requireNonNull(clock, "clock is null"));
    }

    /**
     * {@return a new id, later than every id this source made before}
     *
     * @throws IllegalStateException if the clock reads a time before 1970 or after the year 10889, which 48 bits of
     *                               milliseconds cannot hold
     */
    public UUID next() {
        Instant now = clock.instant();
        long millis = now.toEpochMilli();
        if (millis < 0 || millis > MAX_MILLIS) {
            throw new IllegalStateException("a UUIDv7 holds the times from 1970 to 10889 in 48 bits of milliseconds;"
                    + " the clock reads " + now);
        }
        long fraction = (now.getNano() % 1_000_000) * 4096L / 1_000_000;
        long candidate = millis << 12 | fraction;
        long stamp = last.accumulateAndGet(candidate, (before, mine) -> Math.max(before + 1, mine));
        return of(stamp >>> 12, (int) (stamp & 0xFFF), RANDOM.nextLong());
    }

    /** {@return a new id as text}, as {@link #next()} */
    @Override
    public String get() {
        return next().toString();
    }

    /**
     * {@return the time a UUIDv7 holds, to the millisecond}
     *
     * @param id a version 7 UUID
     * @throws IllegalArgumentException if the id is not of version 7 and the RFC 9562 variant
     */
    public static Instant time(UUID id) {
        requireNonNull(id, "id is null");
        if (id.version() != 7 || id.variant() != 2) {
            throw new IllegalArgumentException("not a UUIDv7: version " + id.version() + ", variant " + id.variant());
        }
        return Instant.ofEpochMilli(id.getMostSignificantBits() >>> 16);
    }

    /** {@return the UUIDv7 of these parts}: 48 bits of time, a 12-bit sequence and 62 of the random bits */
    static UUID of(long millis, int sequence, long random) {
        long msb = millis << 16 | 0x7000L | (sequence & 0xFFF);
        long lsb = (random & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }

    /** {@return the clock this source reads} */
    @Override
    public String toString() {
        return "UuidV7[" + clock + "]";
    }
}
