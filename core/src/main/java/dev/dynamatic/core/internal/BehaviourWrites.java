package dev.dynamatic.core.internal;

import static dev.dynamatic.ast.Dsl.attributeNotExists;
import static dev.dynamatic.ast.Dsl.epochSeconds;
import static dev.dynamatic.ast.Dsl.ifNotExists;
import static dev.dynamatic.ast.Dsl.plus;
import static dev.dynamatic.ast.Dsl.set;
import static dev.dynamatic.ast.Dsl.value;

import dev.dynamatic.ast.Condition;
import dev.dynamatic.ast.Dsl;
import dev.dynamatic.ast.Path;
import dev.dynamatic.ast.Update;
import dev.dynamatic.ast.UpdateAction;
import dev.dynamatic.ast.Value;
import dev.dynamatic.core.Behaviour;
import dev.dynamatic.core.Behaviours;
import dev.dynamatic.render.AttributeValues;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What write behaviours add to a request, as {@link Behaviour} describes: the item attributes and condition of a
 * put, the actions of an update. Each call reads the clock once and draws each id once: it is one write's stamp, so
 * callers apply it once per request they assemble, never per attempt.
 */
public final class BehaviourWrites {

    private BehaviourWrites() {
    }

    /**
     * A put's item and condition with the behaviours applied.
     *
     * @param item the item to write
     * @param condition the put's condition: its own, and {@code attribute_not_exists} for a creation time
     */
    public record Put(Map<String, AttributeValue> item, Optional<Condition> condition) {
    }

    /**
     * {@return the put's item and condition with the behaviours applied}
     *
     * @param item the item as the codec wrote it
     * @param own the put's own condition
     * @param behaviours what to apply; the item and condition unchanged when there is none
     */
    public static Put put(Map<String, AttributeValue> item, Optional<Condition> own, Behaviours behaviours) {
        if (behaviours.isEmpty()) {
            return new Put(item, own);
        }
        Instant now = behaviours.clock().instant();
        Map<String, AttributeValue> stamped = new LinkedHashMap<>(behaviours.withGeneratedIds(item, a -> true));
        List<Condition> conditions = new ArrayList<>(2);
        own.ifPresent(conditions::add);
        for (Behaviour b : behaviours.list()) {
            String a = b.attribute();
            switch (b) {
                case Behaviour.CreatedAt c -> {
                    stamped.put(a, time(now, c.format()));
                    conditions.add(attributeNotExists(Path.attribute(a)));
                }
                case Behaviour.UpdatedAt u -> stamped.put(a, time(now, u.format()));
                case Behaviour.GeneratedId g -> {
                    // added above, where missing
                }
                case Behaviour.Counter c -> stamped.put(a, AttributeValue.createN(Long.toString(c.start())));
                case Behaviour.ExpiresIn e -> stamped.put(a, sdk(epochSeconds(now.plus(e.after()))));
            }
        }
        return new Put(stamped, Dsl.allOf(conditions));
    }

    /**
     * {@return the item of a batch put with the behaviours applied}
     *
     * @param table the table, for the message
     * @param item the item as the codec wrote it
     * @param behaviours what to apply
     * @throws IllegalArgumentException if a behaviour is a creation time, which needs a condition a batch cannot have
     */
    public static Map<String, AttributeValue> batchPut(String table, Map<String, AttributeValue> item,
                                                       Behaviours behaviours) {
        Behaviour.CreatedAt c = createdAt(behaviours);
        if (c != null) {
            throw new IllegalArgumentException("a batch put to table " + table + " cannot keep the creation time \""
                    + c.attribute() + "\": a put that writes it is conditioned on attribute_not_exists, and"
                    + " BatchWriteItem has no conditions (use a put or a transaction, or a codec without it)");
        }
        return put(item, Optional.empty(), behaviours).item();
    }

    /**
     * Checks that a put whose outcome is not returned is unconditional: a creation time would make it a create,
     * whose failure the caller would never see.
     *
     * @param table the table, for the message
     * @param behaviours the codec's behaviours
     * @throws IllegalArgumentException if a behaviour is a creation time
     */
    public static void unconditionalPut(String table, Behaviours behaviours) {
        Behaviour.CreatedAt c = createdAt(behaviours);
        if (c != null) {
            throw new IllegalArgumentException("put(value, codec) to table " + table + " returns nothing, but the"
                    + " creation time \"" + c.attribute() + "\" makes the put a create (conditioned on"
                    + " attribute_not_exists), whose failure it could not report: use put(PutItem.of(value, codec)),"
                    + " which returns it");
        }
    }

    /** {@return the creation time among the behaviours, or null}: checked on every put, so no lambda or Optional */
    private static Behaviour.@Nullable CreatedAt createdAt(Behaviours behaviours) {
        for (Behaviour b : behaviours.list()) {
            if (b instanceof Behaviour.CreatedAt c) {
                return c;
            }
        }
        return null;
    }

    /**
     * {@return the update's actions followed by the behaviours'}
     *
     * @param table the table, for messages
     * @param own the update's own actions
     * @param behaviours what to apply
     * @param keyNames the table's key attributes: a creation time or id there adds nothing, anything else there is
     *                 an error
     * @throws IllegalArgumentException if the update's own actions touch an attribute a behaviour writes (but for
     *                                  a {@code SET} of a generated id's attribute, which then stands), or a
     *                                  behaviour other than a creation time or id writes a key attribute
     */
    public static Update update(String table, Update own, Behaviours behaviours, List<String> keyNames) {
        if (behaviours.isEmpty()) {
            return own;
        }
        Set<String> setByCaller = new HashSet<>();
        for (UpdateAction action : own.actions()) {
            String name = action.path().attributeName();
            Optional<Behaviour> owner = behaviours.on(name);
            if (owner.isEmpty()) {
                continue;
            }
            if (owner.get() instanceof Behaviour.GeneratedId && action instanceof UpdateAction.Set
                    && action.path().isTopLevel()) {
                setByCaller.add(name);
                continue;
            }
            throw new IllegalArgumentException("UpdateItem on table " + table + ": the update writes \"" + name
                    + "\", which the behaviour " + owner.get().getClass().getSimpleName() + " writes itself");
        }
        Instant now = behaviours.clock().instant();
        List<UpdateAction> more = new ArrayList<>(behaviours.list().size());
        for (Behaviour b : behaviours.list()) {
            Path p = Path.attribute(b.attribute());
            boolean key = keyNames.contains(b.attribute());
            switch (b) {
                case Behaviour.CreatedAt c -> {
                    if (!key) {
                        more.add(set(p, ifNotExists(p, timeValue(now, c.format()))));
                    }
                }
                case Behaviour.UpdatedAt u -> {
                    notKey(table, key, b);
                    more.add(set(p, timeValue(now, u.format())));
                }
                case Behaviour.GeneratedId g -> {
                    if (!key && !setByCaller.contains(b.attribute())) {
                        more.add(set(p, ifNotExists(p, value(behaviours.newId()))));
                    }
                }
                case Behaviour.Counter c -> {
                    notKey(table, key, b);
                    BigInteger before = BigInteger.valueOf(c.start()).subtract(BigInteger.valueOf(c.delta()));
                    more.add(set(p, plus(ifNotExists(p, value(before)), value(c.delta()))));
                }
                case Behaviour.ExpiresIn e -> {
                    notKey(table, key, b);
                    more.add(set(p, epochSeconds(now.plus(e.after()))));
                }
            }
        }
        return own.and(more.toArray(UpdateAction[]::new));
    }

    private static void notKey(String table, boolean key, Behaviour b) {
        if (key) {
            throw new IllegalArgumentException("UpdateItem on table " + table + ": the behaviour "
                    + b.getClass().getSimpleName() + " writes \"" + b.attribute() + "\", a key attribute of the table,"
                    + " which an update cannot change");
        }
    }

    private static Value timeValue(Instant now, Behaviour.TimeFormat format) {
        return switch (format) {
            case ISO_8601 -> value(now);
            case EPOCH_SECONDS -> epochSeconds(now);
            case EPOCH_MILLIS -> value(now.toEpochMilli());
        };
    }

    private static AttributeValue time(Instant now, Behaviour.TimeFormat format) {
        return sdk(timeValue(now, format));
    }

    private static AttributeValue sdk(Value v) {
        return AttributeValues.toSdk(v);
    }
}
