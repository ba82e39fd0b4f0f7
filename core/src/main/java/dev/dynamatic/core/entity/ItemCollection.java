package dev.dynamatic.core.entity;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Items of several entity types read together (one query of a partition or an index), decoded by type: in
 * the order read, for dispatch with pattern matching, or grouped by entity. Made by {@link Entities#collect}.
 *
 * {@snippet :
 * for (Object o : collection.items()) {
 *     switch (o) {
 *         case Customer c -> showProfile(c);
 *         case Order o2 -> showOrder(o2);
 *         default -> throw new IllegalStateException("unexpected " + o);
 *     }
 * }
 * }
 */
public final class ItemCollection {

    private final List<Object> items;
    private final Map<Entity<?>, List<Object>> grouped;

    ItemCollection(List<Object> items, Map<Entity<?>, List<Object>> grouped) {
        this.items = Collections.unmodifiableList(items);
        this.grouped = grouped;
    }

    /** {@return every item, decoded by its entity, in the order read} */
    public List<Object> items() {
        return items;
    }

    /**
     * {@return the items of the entity type, in the order read}
     *
     * @param <T> the type of the entity's values
     * @param entity one of the entity types the items were collected with
     * @throws IllegalArgumentException if the entity is not one of those the items were collected with
     */
    @SuppressWarnings("unchecked") // each list holds only values its entity decoded, so they are Ts
    public <T> List<T> all(Entity<T> entity) {
        List<Object> values = grouped.get(requireNonNull(entity, "entity is null"));
        if (values == null) {
            throw new IllegalArgumentException("entity " + entity.type() + " is not one of "
                    + grouped.keySet().stream().map(Entity::type).toList());
        }
        return (List<T>) Collections.unmodifiableList(values);
    }

    /**
     * {@return the one item of the entity type, or empty if there is none}
     *
     * @param <T> the type of the entity's values
     * @param entity one of the entity types the items were collected with
     * @throws IllegalArgumentException if the entity is not one of those the items were collected with
     * @throws IllegalStateException if there are several
     */
    public <T> Optional<T> one(Entity<T> entity) {
        List<T> values = all(entity);
        if (values.size() > 1) {
            throw new IllegalStateException(values.size() + " items of type " + entity.type() + ", expected at most one");
        }
        return values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** {@return the number of items of each type} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ItemCollection[");
        grouped.forEach((e, values) -> sb.append(sb.length() > 15 ? ", " : "").append(e.type()).append('=')
                .append(values.size()));
        return sb.append(']').toString();
    }
}
