package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The write behaviours of an entity type or a request, with the clock and the id source they draw from: a small
 * value that contributes item attributes (and, for a creation time, a condition) to a put, and actions to an
 * update. See {@link Behaviour} for what each behaviour writes.
 *
 * {@snippet :
 * import static dev.dynamatic.core.Behaviour.*;
 *
 * static final Behaviours AUDITED = Behaviours.of(createdAt("createdAt"), updatedAt("updatedAt"));
 *
 * // every write of the type
 * static final Entity<Order> ORDER = Entity.of("Order", RecordCodec.of(Order.class), KEYS, "ORDER#{orderId}", "HEADER")
 *         .withBehaviours(AUDITED.and(Behaviours.of(generatedId("orderId"))));
 * // one request
 * table.update(UpdateItem.of(key, update(set(path("status"), value("SHIPPED")))).withBehaviours(AUDITED));
 * // tests: a fixed clock and fixed ids
 * Behaviours fixed = AUDITED.withClock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC))
 *         .withIds(() -> "id-1");
 * }
 *
 * <p><b>Once per write.</b> The behaviours are applied when a request is assembled: the clock is read once (so a
 * new item's creation and modification times are equal) and each id is drawn once. A transaction assembles its
 * actions when they are added, and the optimistic lock assembles its write before its first attempt: retries send
 * the same attributes, so a retried write (with its client request token) is the same write, and a counter counts
 * it once.
 *
 * <p>Immutable and thread-safe (the default id source is a thread-safe {@link UuidV7}); equal when the behaviours,
 * the clock and the id source are equal.
 */
public final class Behaviours {

    /** The id source of behaviours on the system clock: one, so that its ids strictly increase across writes. */
    private static final UuidV7 SYSTEM_IDS = UuidV7.of();
    private static final Behaviours NONE = new Behaviours(List.of(), Clock.systemUTC(), SYSTEM_IDS, false, false);

    private final List<Behaviour> behaviours;
    private final Clock clock;
    private final Supplier<String> ids;
    /** Whether {@link #withClock} gave the clock (else it is the system's). */
    private final boolean clockGiven;
    /** Whether {@link #withIds} gave the id source (else it follows the clock). */
    private final boolean idsGiven;

    private Behaviours(List<Behaviour> behaviours, Clock clock, Supplier<String> ids, boolean clockGiven,
                       boolean idsGiven) {
        this.behaviours = behaviours;
        this.clock = clock;
        this.ids = ids;
        this.clockGiven = clockGiven;
        this.idsGiven = idsGiven;
    }

    /** {@return no behaviours: what a write without any applies} */
    public static Behaviours none() {
        return NONE;
    }

    /**
     * {@return these behaviours, timed by the system's UTC clock, ids from a {@link UuidV7} on that clock}
     *
     * @param behaviours the behaviours, each on its own attribute
     * @throws IllegalArgumentException if two behaviours write the same attribute
     */
    public static Behaviours of(Behaviour... behaviours) {
        requireNonNull(behaviours, "behaviours is null");
        return new Behaviours(checked(List.of(behaviours)), Clock.systemUTC(), SYSTEM_IDS, false, false);
    }

    /**
     * {@return these behaviours timed by another clock}, with ids from a new {@link UuidV7} on that clock unless
     * {@link #withIds} gave a source, which stays
     *
     * @param c the clock each write reads its time from once, e.g. {@code Clock.fixed(..)} in tests
     */
    public Behaviours withClock(Clock c) {
        requireNonNull(c, "clock is null");
        return new Behaviours(behaviours, c, idsGiven ? ids : UuidV7.of(c), true, idsGiven);
    }

    /**
     * {@return these behaviours drawing ids from another source}
     *
     * @param source gives a new id, non-empty text, each time a {@link Behaviour.GeneratedId} needs one
     */
    public Behaviours withIds(Supplier<String> source) {
        return new Behaviours(behaviours, clock, requireNonNull(source, "ids is null"), clockGiven, true);
    }

    /**
     * {@return these behaviours followed by the others'}, timed by the clock and drawing from the id source that
     * either gave with {@link #withClock} and {@link #withIds} (the system's clock and UUIDv7s when neither did)
     *
     * <p>So a request's behaviours can bring a clock for the entity type's too:
     * {@code put.withBehaviours(Behaviours.none().withClock(testClock))}.
     *
     * @param more the behaviours to add, e.g. a request's to an entity type's
     * @throws IllegalArgumentException if a behaviour of each writes the same attribute, or both were given
     *                                  different clocks or different id sources (neither is dropped silently)
     */
    public Behaviours and(Behaviours more) {
        requireNonNull(more, "behaviours is null");
        // Every put and patch joins its codec's behaviours with its own, mostly none: that costs nothing. A side
        // that neither has behaviours nor gave a clock or ids changes nothing (its clock and ids are the system's).
        if (more.givesNothing()) {
            return this;
        }
        if (givesNothing()) {
            return more;
        }
        if (clockGiven && more.clockGiven && !clock.equals(more.clock)) {
            throw new IllegalArgumentException("both behaviours were given a clock, and they differ: give one of them"
                    + " the clock, or both the same");
        }
        if (idsGiven && more.idsGiven && !ids.equals(more.ids)) {
            throw new IllegalArgumentException("both behaviours were given an id source, and they differ: give one of"
                    + " them the source, or both the same");
        }
        List<Behaviour> all = new ArrayList<>(behaviours);
        all.addAll(more.behaviours);
        boolean clockGivenAll = clockGiven || more.clockGiven;
        boolean idsGivenAll = idsGiven || more.idsGiven;
        Clock c = clockGiven ? clock : more.clock;
        // without a source given, ids follow the clock: the UuidV7 on the clock of the side that gave it
        Supplier<String> source = idsGiven ? ids : more.idsGiven ? more.ids : clockGiven ? ids : more.ids;
        return new Behaviours(checked(all), c, source, clockGivenAll, idsGivenAll);
    }

    private boolean givesNothing() {
        return behaviours.isEmpty() && !clockGiven && !idsGiven;
    }

    /** {@return the behaviours, in the order given} */
    public List<Behaviour> list() {
        return behaviours;
    }

    /** {@return whether there is no behaviour} */
    public boolean isEmpty() {
        return behaviours.isEmpty();
    }

    /**
     * {@return the behaviour that writes this attribute, if one does}
     *
     * @param attribute a top-level attribute name
     */
    public Optional<Behaviour> on(String attribute) {
        requireNonNull(attribute, "attribute is null");
        for (Behaviour b : behaviours) {
            if (b.attribute().equals(attribute)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    /** {@return the clock each write reads its time from} */
    public Clock clock() {
        return clock;
    }

    /** {@return the source of generated ids} */
    public Supplier<String> ids() {
        return ids;
    }

    /**
     * {@return a new id from the id source}
     *
     * @throws IllegalStateException if the source gives null or an empty string
     */
    public String newId() {
        String id = ids.get();
        if (id == null || id.isEmpty()) {
            throw new IllegalStateException("the id source " + ids + " gave " + (id == null ? "null" : "an empty string")
                    + " for a generated id");
        }
        return id;
    }

    /**
     * {@return the item with a {@linkplain #newId() new id} in each {@link Behaviour.GeneratedId}'s attribute it lacks
     * or holds NULL in, among the attributes chosen}: a copy, or the item itself when no id is missing
     *
     * @param item attributes, e.g. as a codec wrote them
     * @param attributes which generated ids to draw, by attribute name, e.g. {@code a -> true} for all
     */
    public Map<String, AttributeValue> withGeneratedIds(Map<String, AttributeValue> item,
                                                        Predicate<String> attributes) {
        requireNonNull(item, "item is null");
        requireNonNull(attributes, "attributes is null");
        Map<String, AttributeValue> out = item;
        for (Behaviour b : behaviours) {
            if (b instanceof Behaviour.GeneratedId g && attributes.test(g.attribute())) {
                AttributeValue present = out.get(g.attribute());
                if (present == null || Boolean.TRUE.equals(present.nul())) {
                    out = out == item ? new LinkedHashMap<>(item) : out;
                    out.put(g.attribute(), AttributeValue.createS(newId()));
                }
            }
        }
        return out;
    }

    private static List<Behaviour> checked(List<Behaviour> all) {
        List<Behaviour> copy = List.copyOf(all);
        for (int i = 0; i < copy.size(); i++) {
            for (int j = i + 1; j < copy.size(); j++) {
                if (copy.get(i).attribute().equals(copy.get(j).attribute())) {
                    throw new IllegalArgumentException("behaviours " + i + " (" + name(copy.get(i)) + ") and " + j
                            + " (" + name(copy.get(j)) + ") both write the attribute \"" + copy.get(i).attribute()
                            + "\"");
                }
            }
        }
        return copy;
    }

    private static String name(Behaviour b) {
        return b.getClass().getSimpleName();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Behaviours b && behaviours.equals(b.behaviours) && clock.equals(b.clock)
                && ids.equals(b.ids) && clockGiven == b.clockGiven && idsGiven == b.idsGiven;
    }

    @Override
    public int hashCode() {
        return Objects.hash(behaviours, clock);
    }

    /** {@return the behaviours and their attributes} (no values: there are none until a write) */
    @Override
    public String toString() {
        return "Behaviours" + behaviours;
    }
}
