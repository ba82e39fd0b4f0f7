package dev.dynamatic.core.internal;

import static dev.dynamatic.ast.Dsl.attributeNotExists;
import static dev.dynamatic.ast.Dsl.attributeType;
import static dev.dynamatic.ast.Dsl.ifNotExists;
import static dev.dynamatic.ast.Dsl.not;
import static dev.dynamatic.ast.Dsl.or;
import static dev.dynamatic.ast.Dsl.remove;
import static dev.dynamatic.ast.Dsl.set;
import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.Condition;
import dev.dynamatic.ast.Path;
import dev.dynamatic.ast.Update;
import dev.dynamatic.ast.UpdateAction;
import dev.dynamatic.ast.Value;
import dev.dynamatic.core.Behaviour;
import dev.dynamatic.core.Behaviours;
import dev.dynamatic.render.AttributeValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The requests of a patch ({@code dev.dynamatic.core.Patch}): what it writes and removes, and for each attempt the
 * update that fits what is known of the stored item, with the conditions on the item's shape it relies on.
 */
public final class Patches {

    private static final Value.M EMPTY_MAP = new Value.M(Map.of());

    private Patches() {
    }

    /**
     * What a patch writes: the value's attributes but the key and those a behaviour owns, and the names it removes.
     *
     * @param attributes the attributes to write, in the codec's order
     * @param removed the top-level attributes to remove, sorted
     */
    public record Plan(Map<String, AttributeValue> attributes, List<String> removed) {
        /** Copies both. */
        public Plan {
            attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
            removed = List.copyOf(removed);
        }
    }

    /**
     * {@return what the patch writes and removes}
     *
     * @param table the table, for messages
     * @param item the value's attributes, key included
     * @param keyNames the table's key attributes, never written
     * @param removable the attributes to remove where the item lacks them (empty to keep them)
     * @param behaviours the behaviours, whose attributes (but a generated id's that the item has) are left to them
     * @throws IllegalArgumentException if the patch would write nothing at all
     */
    public static Plan plan(String table, Map<String, AttributeValue> item, List<String> keyNames,
                            Set<String> removable, Behaviours behaviours) {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        item.forEach((name, v) -> {
            Optional<Behaviour> owner = behaviours.on(name);
            boolean owned = owner.isPresent() && !(owner.get() instanceof Behaviour.GeneratedId);
            if (!keyNames.contains(name) && !owned) {
                attributes.put(name, v);
            }
        });
        Set<String> removed = new TreeSet<>();
        for (String name : removable) {
            if (!item.containsKey(name) && !keyNames.contains(name) && behaviours.on(name).isEmpty()) {
                removed.add(name);
            }
        }
        if (attributes.isEmpty() && removed.isEmpty() && behaviours.isEmpty()) {
            throw new IllegalArgumentException("patch on table " + table + ": the value has no attribute but its key"
                    + " to write, and nothing to remove");
        }
        return new Plan(attributes, List.copyOf(removed));
    }

    /** What a check says of the attribute at its path. */
    public enum Kind {
        /** It is a map: the patch writes inside it. */
        MAP,
        /** It is a map or missing: the patch creates an empty map where there is none. */
        MAP_OR_MISSING,
        /** It is not a map (missing, NULL or another type): the patch writes it whole. */
        NOT_MAP
    }

    /**
     * A condition on the item's shape that an attempt relies on.
     *
     * @param path the attribute
     * @param kind what it must be
     */
    public record Check(Path path, Kind kind) {
        /** Checks both are present. */
        public Check {
            requireNonNull(path, "path is null");
            requireNonNull(kind, "kind is null");
        }

        /** {@return the condition DynamoDB evaluates} */
        public Condition condition() {
            return switch (kind) {
                case MAP -> attributeType(path, Value.Type.M);
                case MAP_OR_MISSING -> or(attributeNotExists(path), attributeType(path, Value.Type.M));
                case NOT_MAP -> not(attributeType(path, Value.Type.M));
            };
        }

        /**
         * {@return whether the check holds for the item}, as DynamoDB evaluates it (a path through something that is
         * not a map names no attribute)
         *
         * @param item the item's attributes
         */
        public boolean holds(Map<String, AttributeValue> item) {
            AttributeValue v = resolve(item, path);
            boolean map = v != null && v.type() == AttributeValue.Type.M;
            return switch (kind) {
                case MAP -> map;
                case MAP_OR_MISSING -> v == null || map;
                case NOT_MAP -> !map;
            };
        }
    }

    /**
     * One attempt: the update, and the checks on the item's shape it is conditioned on.
     *
     * @param update the actions
     * @param checks the conditions on the shape, in the order of the paths
     */
    public record Shape(Update update, List<Check> checks) {
        /** Copies the checks. */
        public Shape {
            requireNonNull(update, "update is null");
            checks = List.copyOf(checks);
        }

        /** {@return the checks as one condition, after the caller's own; empty when there is neither} */
        public Optional<Condition> condition(Optional<Condition> own) {
            List<Condition> all = new ArrayList<>(checks.size() + 1);
            own.ifPresent(all::add);
            checks.forEach(c -> all.add(c.condition()));
            return dev.dynamatic.ast.Dsl.allOf(all);
        }

        /**
         * {@return whether every check holds for the item}: when an attempt's condition failed and they all hold,
         * the caller's own condition is what failed
         *
         * @param item the item's attributes, as the failed attempt found them
         */
        public boolean fits(Map<String, AttributeValue> item) {
            for (Check c : checks) {
                if (!c.holds(item)) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * {@return the attempt that fits the stored item}: with {@code stored} null (nothing known yet, the first
     * attempt), the one that assumes every map the value descends into exists
     *
     * @param plan what the patch writes
     * @param stored the item as the last failed attempt found it ({@code Map.of()} for none), or null
     */
    public static Shape shape(Plan plan, @Nullable Map<String, AttributeValue> stored) {
        List<UpdateAction> actions = new ArrayList<>();
        List<Check> checks = new ArrayList<>();
        walk(null, plan.attributes(), stored, actions, checks);
        for (String name : plan.removed()) {
            actions.add(remove(Path.attribute(name)));
        }
        return new Shape(new Update(actions), checks);
    }

    /**
     * Adds the actions and checks for the value's attributes under {@code prefix}; {@code stored} is what is stored
     * there (a map, known to be one), or null when nothing is known and every map is assumed to exist.
     */
    private static void walk(@Nullable Path prefix, Map<String, AttributeValue> value,
                             @Nullable Map<String, AttributeValue> stored, List<UpdateAction> actions,
                             List<Check> checks) {
        for (Map.Entry<String, AttributeValue> e : value.entrySet()) {
            Path p = prefix == null ? Path.attribute(e.getKey()) : prefix.key(e.getKey());
            AttributeValue v = e.getValue();
            if (v.type() != AttributeValue.Type.M) {
                actions.add(set(p, AttributeValues.fromSdk(v)));
                continue;
            }
            AttributeValue there = stored == null ? null : stored.get(e.getKey());
            boolean isMap = stored == null || (there != null && there.type() == AttributeValue.Type.M);
            if (!isMap) {
                actions.add(set(p, AttributeValues.fromSdk(v)));
                checks.add(new Check(p, Kind.NOT_MAP));
            } else if (v.m().isEmpty()) {
                actions.add(set(p, ifNotExists(p, EMPTY_MAP)));
                checks.add(new Check(p, Kind.MAP_OR_MISSING));
            } else {
                checks.add(new Check(p, Kind.MAP));
                walk(p, v.m(), there == null ? null : there.m(), actions, checks);
            }
        }
    }

    /** {@return the attribute at the path (map keys only), or null where it names none} */
    static @Nullable AttributeValue resolve(Map<String, AttributeValue> item, Path path) {
        AttributeValue v = null;
        Map<String, AttributeValue> in = item;
        for (Path.Segment s : path.segments()) {
            if (in == null) {
                return null;
            }
            v = switch (s) {
                case Path.Name(String name) -> in.get(name);
                case Path.Index i -> null; // a patch's paths are names only
            };
            if (v == null) {
                return null;
            }
            in = v.type() == AttributeValue.Type.M ? v.m() : null;
        }
        return v;
    }
}
