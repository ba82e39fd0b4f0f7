package dev.dynamatic.core.entity;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.core.Item;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The entity types of one table, checked to never write the same key, and read back by their type attribute.
 *
 * <p>{@link #of} proves, before anything is written, that no two entity types can produce the same primary
 * key: for each pair it searches for a key both pairs of templates could render (templates are regular
 * languages, so the search is exact) and rejects the pair with an example. Because no value can contain the
 * separator, a check that passes holds for every value. Index keys are not checked: they need not be unique.
 *
 * {@snippet :
 * static final Entities SHOP = Entities.of(CUSTOMER, ADDRESS, ORDER, ORDER_LINE, PRODUCT, PRODUCT_VERSION);
 *
 * // Profile plus newest orders: one query, two entity types
 * ItemCollection c = SHOP.collect(shop.query(CUSTOMER.index("GSI1").partition(Map.of("customerId", "c1"))
 *         .withDescending(true).withLimit(11)));
 * Optional<Customer> profile = c.one(CUSTOMER);
 * List<Order> orders = c.all(ORDER);
 * }
 */
public final class Entities {

    private final List<Entity<?>> entities;
    private final Map<String, Entity<?>> byType;
    private final String typeAttribute;

    private Entities(List<Entity<?>> entities, Map<String, Entity<?>> byType) {
        this.entities = entities;
        this.byType = byType;
        this.typeAttribute = entities.getFirst().typeAttribute();
    }

    /**
     * {@return the entity types of one table}
     *
     * @param entities the entity types, at least one, sharing a key schema and a type attribute
     * @throws IllegalArgumentException if there are none, their key schemas or type attributes differ, two share
     *         a type name, or two could write the same primary key (the message shows such a key)
     */
    public static Entities of(Entity<?>... entities) {
        return of(List.of(entities));
    }

    /**
     * {@return the entity types of one table}
     *
     * @param entities the entity types, at least one, sharing a key schema and a type attribute
     * @throws IllegalArgumentException as for {@link #of(Entity...)}
     */
    public static Entities of(List<? extends Entity<?>> entities) {
        List<Entity<?>> all = List.copyOf(requireNonNull(entities, "entities is null"));
        if (all.isEmpty()) {
            throw new IllegalArgumentException("no entity types");
        }
        Entity<?> first = all.getFirst();
        Map<String, Entity<?>> byType = new LinkedHashMap<>();
        for (Entity<?> e : all) {
            if (!e.schema().equals(first.schema())) {
                throw new IllegalArgumentException("entity " + e.type() + " has the key schema " + e.schema()
                        + ", entity " + first.type() + " " + first.schema() + ": entities of one table share one");
            }
            if (!e.typeAttribute().equals(first.typeAttribute())) {
                throw new IllegalArgumentException("entity " + e.type() + " keeps its type in \"" + e.typeAttribute()
                        + "\", entity " + first.type() + " in \"" + first.typeAttribute() + "\": items could not be told apart");
            }
            e.checkPlaceholders();
            if (byType.putIfAbsent(e.type(), e) != null) {
                throw new IllegalArgumentException("two entities have the type name \"" + e.type() + "\"");
            }
        }
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                checkDisjoint(all.get(i), all.get(j));
            }
        }
        return new Entities(all, byType);
    }

    private static void checkDisjoint(Entity<?> a, Entity<?> b) {
        KeyFormat x = a.table();
        KeyFormat y = b.table();
        Optional<String> partition = x.partitionTemplate().overlap(y.partitionTemplate());
        if (partition.isEmpty()) {
            return;
        }
        String example = x.partitionKey() + "=\"" + partition.get() + "\"";
        if (x.sortTemplate().isPresent()) {
            Optional<String> sort = x.sortTemplate().orElseThrow().overlap(y.sortTemplate().orElseThrow());
            if (sort.isEmpty()) {
                return;
            }
            example += ", " + x.sortKey().orElseThrow() + "=\"" + sort.get() + "\"";
        }
        throw new IllegalArgumentException("entity types " + a.type() + " (" + x + ") and " + b.type() + " (" + y
                + ") could write the same key, e.g. " + example + ", and overwrite each other's items; make their"
                + " templates differ in literal text where they meet");
    }

    /** {@return the entity types, in the order given} */
    public List<Entity<?>> entities() {
        return entities;
    }

    /**
     * {@return the items decoded each by the entity its type attribute names, in the order given}
     *
     * @param items items of these entity types, e.g. a {@link dev.dynamatic.core.Table#query} of a partition holding several
     * @throws IllegalArgumentException if an item has no type attribute or one none of the entities has, or as
     *         the entity's codec throws
     */
    public ItemCollection collect(Iterable<Item> items) {
        requireNonNull(items, "items is null");
        List<Object> decoded = new ArrayList<>();
        Map<Entity<?>, List<Object>> grouped = new LinkedHashMap<>();
        entities.forEach(e -> grouped.put(e, new ArrayList<>()));
        for (Item item : items) {
            Entity<?> e = entityOf(item);
            Object value = item.decode(e);
            decoded.add(value);
            requireNonNull(grouped.get(e)).add(value);
        }
        return new ItemCollection(decoded, grouped);
    }

    private Entity<?> entityOf(Item item) {
        AttributeValue type = item.attributes().get(typeAttribute);
        Entity<?> e = type != null && type.s() != null ? byType.get(type.s()) : null;
        if (e == null) {
            throw new IllegalArgumentException("an item with the key attributes "
                    + entities.getFirst().table().names().stream().filter(item::has).toList()
                    + (type == null ? " has no type attribute \"" + typeAttribute + "\""
                    : type.s() == null ? " has a type attribute \"" + typeAttribute + "\" that is not a string"
                    : " has the type \"" + type.s() + "\", which none of " + byType.keySet() + " has"));
        }
        return e;
    }

    /** {@return the type names} */
    @Override
    public String toString() {
        return "Entities" + byType.keySet();
    }
}
