package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * One write behaviour: an attribute the library writes on every put and update it is attached to, such as a
 * creation time, a modification time, a generated id, a counter or a TTL. A behaviour is plain data (which
 * attribute, in which form); {@link Behaviours} groups them with the clock and id source they draw from, and is
 * attached to an entity type ({@code Entity.withBehaviours}) or to one request ({@link PutItem#withBehaviours},
 * {@link UpdateItem#withBehaviours}, {@link Patch#withBehaviours}).
 *
 * {@snippet :
 * import static dev.dynamatic.core.Behaviour.*;
 *
 * Behaviours audited = Behaviours.of(createdAt("createdAt"), updatedAt("updatedAt"), generatedId("orderId"),
 *         counter("revision"), expiresIn("expiresAt", Duration.ofDays(30)));
 * }
 *
 * <p>What each contributes to a write, with {@code now} read once per write from the clock:
 * <table class="striped">
 * <caption>Behaviours in puts and updates</caption>
 * <thead><tr><th>behaviour</th><th>in a put (item attributes, condition)</th><th>in an update (actions)</th></tr></thead>
 * <tbody>
 * <tr><td>{@link CreatedAt}</td><td>{@code a = now}, and the condition {@code attribute_not_exists(a)}</td>
 *     <td>{@code SET a = if_not_exists(a, :now)}</td></tr>
 * <tr><td>{@link UpdatedAt}</td><td>{@code a = now}</td><td>{@code SET a = :now}</td></tr>
 * <tr><td>{@link GeneratedId}</td><td>{@code a = <new id>} unless the item has a value there</td>
 *     <td>{@code SET a = if_not_exists(a, :id)}, unless the update sets {@code a} itself</td></tr>
 * <tr><td>{@link Counter}</td><td>{@code a = start}</td>
 *     <td>{@code SET a = if_not_exists(a, :startMinusDelta) + :delta}</td></tr>
 * <tr><td>{@link ExpiresIn}</td><td>{@code a = epoch seconds of now + after} (N)</td><td>{@code SET a = :then}</td></tr>
 * </tbody>
 * </table>
 *
 * <p><b>A put replaces the whole item, so a creation time cannot survive a put by {@code if_not_exists}.</b> A put
 * that carries {@link CreatedAt} is therefore a <em>create</em>: it is conditioned on
 * {@code attribute_not_exists(a)} (and on the request's own condition), and a put over an item that already has a
 * creation time fails as {@link Failure.ConditionFailed}, with the item as it is. Change existing items with an
 * update or a {@link Patch}, which keep the creation time. (Turning such puts into updates was rejected: an update
 * keeps every attribute the new value lacks — a stale sparse-index key, a field set to null — so it would not
 * mean what the put means.) A batch write has no conditions, so it refuses a put with a {@link CreatedAt}.
 *
 * <p>A behaviour owns its attribute: in a put it replaces what the codec wrote there (except {@link GeneratedId},
 * which keeps a value the item has); an update whose own actions touch that attribute is rejected before sending
 * (except a {@code SET} of a {@link GeneratedId}'s attribute, which then stands); a patch leaves the attribute to
 * the behaviour. In an update, a {@link CreatedAt} or {@link GeneratedId} on a key attribute of the table adds
 * nothing (the key names the item); any other behaviour on a key attribute is an error.
 */
public sealed interface Behaviour permits Behaviour.CreatedAt, Behaviour.UpdatedAt, Behaviour.GeneratedId,
        Behaviour.Counter, Behaviour.ExpiresIn {

    /** {@return the top-level attribute this behaviour writes} */
    String attribute();

    /** How a time is stored. */
    enum TimeFormat {
        /**
         * S, fixed-width ISO-8601 UTC text with nine fraction digits ({@code 2026-11-27T09:00:00.000000000Z}), the
         * form {@code Dsl.value(Instant)} and {@link RecordCodec} write for an {@code Instant}: it sorts in time
         * order.
         */
        ISO_8601,
        /** N, whole seconds since the epoch (the form DynamoDB's TTL reads). */
        EPOCH_SECONDS,
        /** N, milliseconds since the epoch. */
        EPOCH_MILLIS
    }

    /**
     * The item's creation time: written once, by the write that creates the item, and never changed after.
     *
     * @param attribute the attribute, not empty
     * @param format how the time is stored
     */
    record CreatedAt(String attribute, TimeFormat format) implements Behaviour {
        /** Checks the attribute name and the format. */
        public CreatedAt {
            checkAttribute(attribute);
            requireNonNull(format, "format is null");
        }
    }

    /**
     * The time of the item's last write.
     *
     * @param attribute the attribute, not empty
     * @param format how the time is stored
     */
    record UpdatedAt(String attribute, TimeFormat format) implements Behaviour {
        /** Checks the attribute name and the format. */
        public UpdatedAt {
            checkAttribute(attribute);
            requireNonNull(format, "format is null");
        }
    }

    /**
     * An id drawn from the id source (a UUIDv7 unless {@link Behaviours#withIds} says otherwise) when the item has
     * none, as a string (S).
     *
     * @param attribute the attribute, not empty
     */
    record GeneratedId(String attribute) implements Behaviour {
        /** Checks the attribute name. */
        public GeneratedId {
            checkAttribute(attribute);
        }
    }

    /**
     * A number that is {@code start} on the write that creates it and grows by {@code delta} on every update. A
     * put replaces the item and so writes {@code start} again: count with updates.
     *
     * @param attribute the attribute, not empty
     * @param start the value the creating write stores
     * @param delta what each update adds, not 0
     */
    record Counter(String attribute, long start, long delta) implements Behaviour {
        /** Checks the attribute name and the delta. */
        public Counter {
            checkAttribute(attribute);
            if (delta == 0) {
                throw new IllegalArgumentException("counter \"" + attribute + "\": the delta is 0");
            }
        }
    }

    /**
     * A TTL: the time {@code after} from each write, in whole epoch seconds (N), the form DynamoDB's TTL reads.
     * Every write pushes the expiry out again.
     *
     * @param attribute the table's TTL attribute, not empty
     * @param after how long after each write the item expires, positive
     */
    record ExpiresIn(String attribute, Duration after) implements Behaviour {
        /** Checks the attribute name and the duration. */
        public ExpiresIn {
            checkAttribute(attribute);
            requireNonNull(after, "after is null");
            if (after.isNegative() || after.isZero()) {
                throw new IllegalArgumentException("expiresIn \"" + attribute + "\": the duration must be positive, got "
                        + after);
            }
        }
    }

    /**
     * {@return the creation time as fixed-width ISO-8601 text}
     *
     * @param attribute the attribute
     */
    static CreatedAt createdAt(String attribute) {
        return new CreatedAt(attribute, TimeFormat.ISO_8601);
    }

    /**
     * {@return the creation time in the given form}
     *
     * @param attribute the attribute
     * @param format how the time is stored
     */
    static CreatedAt createdAt(String attribute, TimeFormat format) {
        return new CreatedAt(attribute, format);
    }

    /**
     * {@return the time of the last write as fixed-width ISO-8601 text}
     *
     * @param attribute the attribute
     */
    static UpdatedAt updatedAt(String attribute) {
        return new UpdatedAt(attribute, TimeFormat.ISO_8601);
    }

    /**
     * {@return the time of the last write in the given form}
     *
     * @param attribute the attribute
     * @param format how the time is stored
     */
    static UpdatedAt updatedAt(String attribute, TimeFormat format) {
        return new UpdatedAt(attribute, format);
    }

    /**
     * {@return a generated id where the item has none}
     *
     * @param attribute the attribute
     */
    static GeneratedId generatedId(String attribute) {
        return new GeneratedId(attribute);
    }

    /**
     * {@return a counter of updates, starting at 0 and growing by 1}
     *
     * @param attribute the attribute
     */
    static Counter counter(String attribute) {
        return new Counter(attribute, 0, 1);
    }

    /**
     * {@return a counter starting at {@code start} and growing by {@code delta}}
     *
     * @param attribute the attribute
     * @param start the value the creating write stores
     * @param delta what each update adds, not 0
     */
    static Counter counter(String attribute, long start, long delta) {
        return new Counter(attribute, start, delta);
    }

    /**
     * {@return a TTL of {@code after} from each write, in epoch seconds}
     *
     * @param attribute the table's TTL attribute
     * @param after how long after each write the item expires, positive
     */
    static ExpiresIn expiresIn(String attribute, Duration after) {
        return new ExpiresIn(attribute, after);
    }

    private static void checkAttribute(String attribute) {
        requireNonNull(attribute, "attribute is null");
        if (attribute.isEmpty()) {
            throw new IllegalArgumentException("a behaviour's attribute name is empty");
        }
    }
}
