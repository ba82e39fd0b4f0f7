package dev.dynamatic.core.entity;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.Condition;
import dev.dynamatic.ast.Dsl;
import dev.dynamatic.ast.Path;
import dev.dynamatic.ast.Update;
import dev.dynamatic.ast.Value;
import dev.dynamatic.core.Behaviour;
import dev.dynamatic.core.Behaviours;
import dev.dynamatic.core.Item;
import dev.dynamatic.core.ItemCodec;
import dev.dynamatic.core.Key;
import dev.dynamatic.core.KeySchema;
import dev.dynamatic.core.UpdateItem;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One entity type of a single-table design: a type name, the codec of its values, and the key templates that
 * place its items in the table and in secondary indexes. An {@code Entity} is itself an {@link ItemCodec}, so
 * every {@link dev.dynamatic.core.Table} operation and transaction action takes it where it takes a codec.
 *
 * {@snippet :
 * static final KeySchema KEYS = KeySchema.of("PK", "SK").withIndex("GSI1", KeySchema.of("GSI1PK", "GSI1SK"));
 * static final Entity<Customer> CUSTOMER = Entity.of("Customer", RecordCodec.of(Customer.class), KEYS,
 *                 "CUST#{customerId}", "PROFILE")
 *         .withIndex("GSI1", "CUST#{customerId}", "PROFILE");
 *
 * shop.put(new Customer("c1", "Ada", "ada@example.com"), CUSTOMER);
 * // PK=CUST#c1, SK=PROFILE, GSI1PK=CUST#c1, GSI1SK=PROFILE, _type=Customer, customerId=c1, name=Ada, email=…
 * Optional<Customer> ada = shop.get(CUSTOMER.table().key(Map.of("customerId", "c1")), CUSTOMER);
 * }
 *
 * <p><b>Writing</b> ({@link #encode}) adds to what the codec produces the key attributes, rendered from the
 * codec's attributes and any {@linkplain #withDerived derived values}, and the type attribute ({@code _type}
 * unless {@linkplain #withTypeAttribute configured}). The table key must render; an index's key attributes
 * are written only when every placeholder of its templates has a value, which is how an item joins or stays
 * out of a <b>sparse index</b>: derive a value that is {@code null} while the item should not be indexed.
 * {@snippet :
 * // Orders are in the open-order queue (GSI2) only while OPEN, spread over 4 shards.
 * Entity<Order> ORDER = Entity.of("Order", RecordCodec.of(Order.class), KEYS, "ORDER#{orderId}", "HEADER")
 *         .withIndex("GSI2", "OPEN#{openShard}", "{placedAt}")
 *         .withDerived("openShard", o -> o.status() == Status.OPEN ? Math.floorMod(o.orderId().hashCode(), 4) : null);
 * // Shipping takes it out with an update: SET status = :s REMOVE GSI2PK, GSI2SK
 * UpdateItem ship = UpdateItem.of(ORDER.key(order), update(set(path("status"), value("SHIPPED"))).and(ORDER.index("GSI2").remove()))
 *         .withCondition(eq(path("status"), value("OPEN")));
 * }
 *
 * <p><b>Reading</b> ({@link #decode}) checks the type attribute and fails, naming the item, on an item of
 * another type, so one entity's items never pass for another's; the key and type attributes are removed before
 * the codec sees the item. To read one type from a partition that holds several, filter with
 * {@link #typeCondition()}; to read several at once, see {@link Entities#collect}.
 *
 * <p><b>Versioned items</b>, a recipe: keep the latest version under a fixed sort key and each version under
 * its own, written together in one transaction whose update of the latest is conditioned on the version read
 * (optimistic locking), so two writers can never both create version n+1.
 * {@snippet :
 * Entity<Product> PRODUCT = Entity.of("Product", codec, KEYS, "PROD#{productId}", "v0");           // the latest
 * Entity<Product> PRODUCT_VERSION = Entity.of("ProductVersion", codec, KEYS, "PROD#{productId}", "v#{rev}")
 *         .withDerived("rev", p -> "%04d".formatted(p.version()));                                   // v#0001, v#0002, …
 * // change: Put PRODUCT_VERSION(n+1) if attribute_not_exists(SK), and Update PRODUCT v0 SET …, version = n+1 if version = n
 * }
 * (The history is {@code v#0001}, not {@code v0001}: with {@code v{rev}} a rev of {@code 0} would write the
 * latest item's key, and {@link Entities#of} rejects entity types that could write the same key.)
 *
 * <p>An entity is an immutable value; the {@code with…} methods return new ones. Templates use the separator
 * {@code #}.
 *
 * @param <T> the type of the entity's values
 */
public final class Entity<T> implements ItemCodec<T> {

    /** The type attribute's name unless {@link #withTypeAttribute} says otherwise: {@code _type}. */
    public static final String DEFAULT_TYPE_ATTRIBUTE = "_type";

    private final String type;
    private final ItemCodec<T> codec;
    private final KeySchema schema;
    private final String typeAttribute;
    private final KeyFormat table;
    private final Map<String, KeyFormat> indexes;
    private final Map<String, Function<? super T, ?>> derived;
    private final Behaviours behaviours;
    /**
     * Placeholders of the key templates that are neither an attribute the codec writes (when it can tell) nor a
     * derived value: a typo, or a derived value not declared yet. Checked by {@link Entities#of} and on first use.
     */
    private final Set<String> unresolved;
    /** Whether a key template (the table's or an index's) names the attribute: its generated id is drawn first. */
    private final Predicate<String> namedByKeys;

    private Entity(String type, ItemCodec<T> codec, KeySchema schema, String typeAttribute, KeyFormat table,
                   Map<String, KeyFormat> indexes, Map<String, Function<? super T, ?>> derived, Behaviours behaviours) {
        this.type = type;
        this.codec = codec;
        this.schema = schema;
        this.typeAttribute = typeAttribute;
        this.table = table;
        this.indexes = Collections.unmodifiableMap(indexes);
        this.derived = Collections.unmodifiableMap(derived);
        this.behaviours = behaviours;
        Set<String> keyNames = keyAttributes();
        if (keyNames.contains(typeAttribute)) {
            throw new IllegalArgumentException("entity " + type + ": the type attribute \"" + typeAttribute
                    + "\" is a key attribute");
        }
        for (Behaviour b : behaviours.list()) {
            if (keyNames.contains(b.attribute()) || b.attribute().equals(typeAttribute)) {
                throw new IllegalArgumentException("entity " + type + ": the behaviour " + b.getClass().getSimpleName()
                        + " writes \"" + b.attribute() + "\", which the entity writes itself (key or type attribute);"
                        + " a key template can use a behaviour's attribute instead, e.g. {" + b.attribute() + "}");
            }
        }
        Set<String> placeholders = new LinkedHashSet<>(table.placeholders());
        indexes.values().forEach(f -> placeholders.addAll(f.placeholders()));
        this.namedByKeys = Set.copyOf(placeholders)::contains;
        placeholders.removeAll(this.derived.keySet());
        this.unresolved = codec.attributeNames().map(names -> {
            Set<String> left = new LinkedHashSet<>(placeholders);
            left.removeAll(names);
            return Collections.unmodifiableSet(left);
        }).orElse(Set.of());
    }

    /**
     * Checks that every placeholder of the key templates names an attribute the codec writes or a derived value
     * (when the codec can tell which attributes it writes: {@link ItemCodec#attributeNames()}).
     *
     * @throws IllegalArgumentException naming the placeholders that name nothing, and what they could name
     */
    void checkPlaceholders() {
        if (!unresolved.isEmpty()) {
            throw new IllegalArgumentException("entity " + type + ": the key template placeholders "
                    + unresolved.stream().map(n -> "{" + n + "}").toList() + " name neither an attribute the codec"
                    + " writes " + codec.attributeNames().map(n -> n.stream().sorted().toList().toString()).orElse("")
                    + " nor a derived value "
                    + derived.keySet() + " (names are case-sensitive; declare derived values with withDerived)");
        }
    }

    /** {@return the key attributes, the type attribute and the codec's attributes, when the codec can tell} */
    @Override
    public Optional<Set<String>> attributeNames() {
        return codec.attributeNames().map(names -> {
            Set<String> all = keyAttributes();
            all.add(typeAttribute);
            all.addAll(names);
            return Collections.unmodifiableSet(all);
        });
    }

    /**
     * {@return the types of what the entity writes}: its key attributes and its type attribute are strings (S), the
     * rest as the codec tells
     */
    @Override
    public Map<String, Value.Type> attributeTypes() {
        Map<String, Value.Type> types = new LinkedHashMap<>(codec.attributeTypes());
        keyAttributes().forEach(name -> types.put(name, Value.Type.S));
        types.put(typeAttribute, Value.Type.S);
        return Collections.unmodifiableMap(types);
    }

    /**
     * {@return an entity type of a table with a sort key}
     *
     * @param <T> the type of the entity's values
     * @param type the name written to the type attribute, e.g. {@code Customer}
     * @param codec how values become attributes and back
     * @param schema the table's key schema, with the indexes the entity will name
     * @param partitionTemplate the partition key's {@link KeyTemplate} pattern, e.g. {@code CUST#{customerId}}
     * @param sortTemplate the sort key's pattern, e.g. {@code ADDR#{country}#{state}#{city}#{addressId}}
     * @throws IllegalArgumentException if a name is empty, a pattern is invalid, or the table has no sort key
     */
    public static <T> Entity<T> of(String type, ItemCodec<T> codec, KeySchema schema, String partitionTemplate,
                                   String sortTemplate) {
        return create(type, codec, schema, partitionTemplate, Optional.of(requireNonNull(sortTemplate,
                "sortTemplate is null")));
    }

    /**
     * {@return an entity type of a table keyed by a partition key alone}
     *
     * @param <T> the type of the entity's values
     * @param type the name written to the type attribute, e.g. {@code Customer}
     * @param codec how values become attributes and back
     * @param schema the table's key schema, with the indexes the entity will name
     * @param partitionTemplate the partition key's {@link KeyTemplate} pattern, e.g. {@code CUST#{customerId}}
     * @throws IllegalArgumentException if a name is empty, the pattern is invalid, or the table has a sort key
     */
    public static <T> Entity<T> of(String type, ItemCodec<T> codec, KeySchema schema, String partitionTemplate) {
        return create(type, codec, schema, partitionTemplate, Optional.empty());
    }

    private static <T> Entity<T> create(String type, ItemCodec<T> codec, KeySchema schema, String partitionTemplate,
                                        Optional<String> sortTemplate) {
        requireNonNull(type, "type is null");
        if (type.isEmpty()) {
            throw new IllegalArgumentException("entity type name is empty");
        }
        requireNonNull(codec, "codec is null");
        requireNonNull(schema, "schema is null");
        KeyFormat table = format(type, Optional.empty(), schema, schema, partitionTemplate, sortTemplate);
        return new Entity<>(type, codec, schema, DEFAULT_TYPE_ATTRIBUTE, table, new LinkedHashMap<>(),
                new LinkedHashMap<>(), Behaviours.none());
    }

    /**
     * {@return this entity with its key templates for a secondary index that has a sort key}
     *
     * @param indexName the index, as named in the schema
     * @param partitionTemplate the index partition key's pattern, e.g. {@code CUST#{customerId}}
     * @param sortTemplate the index sort key's pattern, e.g. {@code ORDER#{placedAt}#{orderId}}
     * @throws IllegalArgumentException if the schema has no such index, the index has no sort key, a pattern is
     *         invalid, or a key attribute the index shares with the table or another index gets another template
     */
    public Entity<T> withIndex(String indexName, String partitionTemplate, String sortTemplate) {
        return addIndex(indexName, partitionTemplate, Optional.of(requireNonNull(sortTemplate, "sortTemplate is null")));
    }

    /**
     * {@return this entity with its key template for a secondary index keyed by a partition key alone}
     *
     * @param indexName the index, as named in the schema
     * @param partitionTemplate the index partition key's pattern, e.g. {@code CUST#{customerId}}
     * @throws IllegalArgumentException as for {@link #withIndex(String, String, String)}, or if the index has a
     *         sort key
     */
    public Entity<T> withIndex(String indexName, String partitionTemplate) {
        return addIndex(indexName, partitionTemplate, Optional.empty());
    }

    private Entity<T> addIndex(String indexName, String partitionTemplate, Optional<String> sortTemplate) {
        requireNonNull(indexName, "indexName is null");
        KeyFormat f = format(type, Optional.of(indexName), schema.index(indexName), schema, partitionTemplate,
                sortTemplate);
        Map<String, KeyFormat> all = new LinkedHashMap<>(indexes);
        all.put(indexName, f);
        checkSharedAttributes(all.values());
        return new Entity<>(type, codec, schema, typeAttribute, table, all, derived, behaviours);
    }

    /**
     * {@return this entity with a value its key templates can use that is computed rather than stored}, e.g. a
     * shard number, a zero-padded version, or a value that is {@code null} while the item should stay out of
     * a sparse index
     *
     * @param name the placeholder name; the codec must not write an attribute of that name
     * @param value computes the value (a string or number, or {@code null} for none) from the entity's value
     */
    public Entity<T> withDerived(String name, Function<? super T, ?> value) {
        requireNonNull(name, "name is null");
        requireNonNull(value, "value is null");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("derived value name is empty");
        }
        Map<String, Function<? super T, ?>> all = new LinkedHashMap<>(derived);
        all.put(name, value);
        return new Entity<>(type, codec, schema, typeAttribute, table, indexes, all, behaviours);
    }

    /**
     * {@return this entity writing and checking its type under another attribute name}
     *
     * @param name the attribute that holds the type name
     * @throws IllegalArgumentException if the name is empty or a key attribute
     */
    public Entity<T> withTypeAttribute(String name) {
        requireNonNull(name, "name is null");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("type attribute name is empty");
        }
        return new Entity<>(type, codec, schema, name, table, indexes, derived, behaviours);
    }

    /**
     * {@return this entity applying the write behaviours on every write of its type}: every put (single, batch,
     * transaction, locked) and patch of its values, and every update made with {@link #update(Key, Update)};
     * replaces behaviours given before
     *
     * <p>A {@link Behaviour.GeneratedId} that a key template names is applied when a value is encoded, before its
     * keys are rendered: {@code "ORDER#{orderId}"} with {@code generatedId("orderId")} gives a value without an id a
     * new one, in its key too (read it back, or draw it yourself with {@link dev.dynamatic.core.UuidV7}, to know
     * it). Other generated ids are drawn by the write, as for any codec.
     * {@snippet :
     * static final Entity<Order> ORDER = Entity.of("Order", RecordCodec.of(Order.class), KEYS, "ORDER#{orderId}", "HEADER")
     *         .withBehaviours(Behaviours.of(generatedId("orderId"), createdAt("createdAt"), updatedAt("updatedAt")));
     * shop.put(PutItem.of(new Order(null, "c1", "OPEN", null, null), ORDER));       // a create: new id, both times set
     * shop.update(ORDER.update(key, update(set(path("status"), value("SHIPPED"))))); // updatedAt set, createdAt kept
     * }
     *
     * @param b the behaviours
     * @throws IllegalArgumentException if a behaviour writes a key attribute or the type attribute
     */
    public Entity<T> withBehaviours(Behaviours b) {
        requireNonNull(b, "behaviours is null");
        return new Entity<>(type, codec, schema, typeAttribute, table, indexes, derived, b);
    }

    /** {@return the behaviours every write of this type applies}: the codec's, then those given to {@link #withBehaviours} */
    @Override
    public Behaviours behaviours() {
        return codec.behaviours().and(behaviours);
    }

    /**
     * {@return an update of the item with this key that applies this type's behaviours}
     *
     * <p>A {@link Behaviour.GeneratedId} whose attribute a key template names takes its value from the key (an
     * update that creates the item must not give it an id other than its key's): {@code SET orderId =
     * if_not_exists(orderId, :fromKey)}, unless the update writes the attribute itself.
     *
     * @param key the item's key, e.g. {@code ORDER.key(order)} or {@code ORDER.table().key(Map.of(..))}
     * @param update the update's own actions
     * @throws IllegalArgumentException if the key is not of this entity's key templates
     */
    public UpdateItem update(Key key, Update update) {
        requireNonNull(key, "key is null");
        requireNonNull(update, "update is null");
        Behaviours b = behaviours();
        Update all = update;
        for (Behaviour x : b.list()) {
            if (x instanceof Behaviour.GeneratedId g && table.placeholders().contains(g.attribute())
                    && update.actions().stream().noneMatch(a -> a.path().attributeName().equals(g.attribute()))) {
                String id = withContext(() -> table.parse(Item.codec().decode(schema.attributesOf(key))))
                        .get(g.attribute());
                Path p = Path.attribute(g.attribute());
                all = all.and(Dsl.set(p, Dsl.ifNotExists(p, Dsl.value(requireNonNull(id, "parsed id is null")))));
            }
        }
        return UpdateItem.of(key, all).withBehaviours(b);
    }

    /** {@return the type name written to the type attribute} */
    public String type() {
        return type;
    }

    /** {@return the type name, for {@link dev.dynamatic.core.OperationListener}s} */
    @Override
    public Optional<String> entityType() {
        return Optional.of(type);
    }

    /** {@return the name of the attribute that holds the type} */
    public String typeAttribute() {
        return typeAttribute;
    }

    /** {@return the table's key schema} */
    public KeySchema schema() {
        return schema;
    }

    /** {@return how the entity's primary key is composed} */
    public KeyFormat table() {
        return table;
    }

    /**
     * {@return how the entity's key is composed on the index}
     *
     * @param indexName an index given to {@link #withIndex}
     * @throws IllegalArgumentException naming the entity's indexes if it declares no such index
     */
    public KeyFormat index(String indexName) {
        KeyFormat f = indexes.get(requireNonNull(indexName, "indexName is null"));
        if (f == null) {
            throw new IllegalArgumentException("entity " + type + " declares no keys for index \"" + indexName
                    + "\"; it does for " + indexes.keySet());
        }
        return f;
    }

    /**
     * {@return the primary key of the item the value is stored as}
     *
     * @param value a value of this entity type
     * @throws IllegalArgumentException if the key cannot be rendered from the value
     */
    public Key key(T value) {
        requireNonNull(value, "value is null");
        checkPlaceholders();
        return withContext(() -> table.key(templateValues(value, codec.encode(value))));
    }

    /** {@return the condition that an item is of this type, {@code _type = :type}, e.g. for a query filter} */
    public Condition typeCondition() {
        return Dsl.eq(Path.attribute(typeAttribute), Dsl.value(type));
    }

    /**
     * {@return the item for the value}: its key attributes (table, then each index whose placeholders all have
     * values), the type attribute, then the codec's attributes
     *
     * @throws IllegalArgumentException if the codec writes a key attribute, the type attribute or a derived
     *         value's name, or the table key cannot be rendered
     */
    @Override
    public Map<String, AttributeValue> encode(T value) {
        requireNonNull(value, "value is null");
        checkPlaceholders();
        Map<String, AttributeValue> data = keyIds(codec.encode(value));
        Set<String> reserved = keyAttributes();
        reserved.add(typeAttribute);
        for (String name : data.keySet()) {
            if (reserved.contains(name)) {
                throw new IllegalArgumentException("entity " + type + ": the codec writes the attribute \"" + name
                        + "\", which the entity writes itself (key or type attribute)");
            }
        }
        Map<String, @Nullable Object> values = templateValues(value, data);
        return withContext(() -> {
            Map<String, AttributeValue> item = new LinkedHashMap<>();
            item.putAll(table.attributes(values));
            for (KeyFormat f : indexes.values()) {
                if (f.complete(values)) {
                    item.putAll(f.attributes(values));
                }
            }
            item.put(typeAttribute, AttributeValue.createS(type));
            item.putAll(data);
            return item;
        });
    }

    /**
     * {@return the codec's attributes with a new id in each generated id a key template names and the value lacks}:
     * drawn before the keys render, since they need it. Other generated ids are left to the write (a put draws them
     * where missing, an update or patch writes them only if not there), so a patch never replaces a stored id.
     */
    private Map<String, AttributeValue> keyIds(Map<String, AttributeValue> data) {
        return behaviours().withGeneratedIds(data, namedByKeys);
    }

    /**
     * {@return the value the item holds}, after checking that the item is of this type
     *
     * @throws IllegalArgumentException if the type attribute is missing or names another type, or as the
     *         codec throws
     */
    @Override
    public T decode(Map<String, AttributeValue> item) {
        requireNonNull(item, "item is null");
        AttributeValue t = item.get(typeAttribute);
        if (t == null || !type.equals(t.s())) {
            throw new IllegalArgumentException("the item " + describeKey(item) + " is "
                    + (t == null ? "of no type (no attribute \"" + typeAttribute + "\")"
                    : "of type " + (t.s() != null ? "\"" + t.s() + "\"" : t.toString()))
                    + ", not \"" + type + "\"; filter with typeCondition(), or read several types with Entities");
        }
        Map<String, AttributeValue> data = new LinkedHashMap<>(item);
        data.keySet().removeAll(keyAttributes());
        data.remove(typeAttribute);
        return codec.decode(data);
    }

    /** {@return the table's and the declared indexes' key attribute names} */
    Set<String> keyAttributes() {
        Set<String> names = new LinkedHashSet<>(table.names());
        indexes.values().forEach(f -> names.addAll(f.names()));
        return names;
    }

    /** What the templates read: the codec's attributes as Java values, and the derived values. */
    private Map<String, @Nullable Object> templateValues(T value, Map<String, AttributeValue> data) {
        Map<String, @Nullable Object> computed = derived.isEmpty() ? Map.of() : new HashMap<>();
        derived.forEach((name, f) -> {
            if (data.containsKey(name)) {
                throw new IllegalArgumentException("entity " + type + ": the derived value \"" + name
                        + "\" is also an attribute the codec writes");
            }
            computed.put(name, f.apply(value));
        });
        return new TemplateValues(computed, Item.codec().decode(data));
    }

    /**
     * The derived values, then the codec's attributes as an {@link Item} view: a template converts only the
     * attributes it names.
     */
    private static final class TemplateValues extends AbstractMap<String, @Nullable Object> {
        private final Map<String, @Nullable Object> derived;
        private final Item data;

        TemplateValues(Map<String, @Nullable Object> derived, Item data) {
            this.derived = derived;
            this.data = data;
        }

        @Override
        public @Nullable Object get(@Nullable Object name) {
            return derived.containsKey(name) ? derived.get(name) : data.get(name);
        }

        @Override
        public boolean containsKey(@Nullable Object name) {
            return derived.containsKey(name) || data.containsKey(name);
        }

        @Override
        public Set<Entry<String, @Nullable Object>> entrySet() {
            Map<String, @Nullable Object> all = new LinkedHashMap<>();
            data.forEach(all::put);
            all.putAll(derived);
            return Collections.<String, @Nullable Object>unmodifiableMap(all).entrySet();
        }
    }

    private <R> R withContext(java.util.function.Supplier<R> work) {
        try {
            return work.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("entity " + type + ": " + e.getMessage(), e);
        }
    }

    /** {@return the item's key attribute names and types, for messages: never the values} */
    private String describeKey(Map<String, AttributeValue> item) {
        StringBuilder sb = new StringBuilder("(");
        for (String name : table.names()) {
            AttributeValue v = item.get(name);
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(name).append('=').append(v == null ? "missing" : "<" + v.type() + ">");
        }
        return sb.append(')').toString();
    }

    private static KeyFormat format(String type, Optional<String> index, KeySchema keys, KeySchema table,
                                    String partitionTemplate, Optional<String> sortTemplate) {
        requireNonNull(partitionTemplate, "partitionTemplate is null");
        try {
            return new KeyFormat(index, keys, KeyTemplate.of(partitionTemplate), sortTemplate.map(KeyTemplate::of),
                    table.names());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("entity " + type + ": " + e.getMessage(), e);
        }
    }

    /** A key attribute that several formats write (an LSI's partition key is the table's) needs one template. */
    private void checkSharedAttributes(java.util.Collection<KeyFormat> formats) {
        Map<String, KeyTemplate> byAttribute = new HashMap<>();
        byAttribute.put(table.partitionKey(), table.partitionTemplate());
        table.sortKey().ifPresent(s -> byAttribute.put(s, table.sortTemplate().orElseThrow()));
        for (KeyFormat f : formats) {
            check(byAttribute, f.partitionKey(), f.partitionTemplate(), f);
            f.sortKey().ifPresent(s -> check(byAttribute, s, f.sortTemplate().orElseThrow(), f));
        }
    }

    private void check(Map<String, KeyTemplate> byAttribute, String attribute, KeyTemplate template, KeyFormat f) {
        KeyTemplate before = byAttribute.putIfAbsent(attribute, template);
        if (before != null && !before.equals(template)) {
            throw new IllegalArgumentException("entity " + type + ": " + f + " gives the key attribute " + attribute
                    + " the template " + template + ", but it already has " + before);
        }
    }

    /** {@return the type name and its key design} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Entity[").append(type).append("; ").append(table);
        indexes.values().forEach(f -> sb.append("; ").append(f));
        return sb.append(']').toString();
    }
}
