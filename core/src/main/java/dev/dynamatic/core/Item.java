package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.Bytes;
import dev.dynamatic.ast.Value;
import dev.dynamatic.render.AttributeValues;
import java.math.BigDecimal;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item as plain, immutable data: attribute names to Java values, with typed getters.
 *
 * <p>Each value has the Java form of its DynamoDB type:
 * <table class="striped">
 * <caption>DynamoDB types and their Java forms in an item</caption>
 * <thead><tr><th>DynamoDB</th><th>Java</th></tr></thead>
 * <tbody>
 * <tr><td>S</td><td>{@code String}</td></tr>
 * <tr><td>N</td><td>{@code BigDecimal} in canonical form: no trailing fraction zeros, and scale 0 for whole
 *     numbers ({@code 1.50} is held as {@code 1.5}, {@code 1E+3} as {@code 1000}), as DynamoDB stores them</td></tr>
 * <tr><td>B</td><td>{@link Bytes}</td></tr>
 * <tr><td>BOOL</td><td>{@code Boolean}</td></tr>
 * <tr><td>NULL</td><td>{@code null}: the attribute is present ({@link #has}) with no value ({@link #isNull})</td></tr>
 * <tr><td>L</td><td>unmodifiable {@code List<Object>}, elements in these forms (possibly null)</td></tr>
 * <tr><td>M</td><td>an {@code Item}, so nested maps have typed getters too</td></tr>
 * <tr><td>SS, NS, BS</td><td>unmodifiable {@code Set} of {@code String}, {@code BigDecimal}, {@link Bytes}
 *     (never empty), iterating in sorted order</td></tr>
 * </tbody>
 * </table>
 *
 * <p>Because numbers are canonical, items compare as DynamoDB compares them: an item read back equals the
 * item written, and {@code Item.of(Map.of("n", 1))} equals {@code Item.of(Map.of("n", new BigDecimal("1.0")))}.
 * The map is unmodifiable and keeps the attribute order it was built with; equality is {@link Map}'s.
 *
 * <p>Getters ({@code getString}, {@code getLong}, …) throw {@link NoSuchElementException} when the attribute is
 * missing and {@link IllegalArgumentException} naming the attribute and its actual DynamoDB type when it holds
 * something else, NULL included. For an attribute that may be missing or NULL, use {@link #find}:
 * {@snippet :
 * String nickname = item.find("nickname", Item::getString).orElse("");
 * }
 */
public final class Item extends AbstractMap<String, Object> {

    private static final Item EMPTY = new Item("", Collections.emptyMap());

    /** Where this item sits inside its top-level item ({@code ""} at the top), for error messages only. */
    private final String path;
    private final Map<String, Object> attributes;

    private Item(String path, Map<String, Object> attributes) {
        this.path = path;
        this.attributes = attributes;
    }

    // ---- construction

    /**
     * {@return an item holding the given attributes in canonical form}, converted as by
     * {@link Value#of(Object)}: any number becomes a canonical {@code BigDecimal} (so {@code get("n")} of an
     * {@code int} gives a {@code BigDecimal}), {@code byte[]} becomes {@link Bytes}, enums, {@code UUID}s and
     * {@code Instant}s become their text, an {@code Optional} its content or {@code null}, a nested map an
     * {@code Item}, a Java set a DynamoDB set.
     *
     * @param attributes attribute names (non-empty) to Java values; {@code null} values are DynamoDB's NULL
     * @throws IllegalArgumentException on an empty name, or naming the attribute whose value cannot be converted
     */
    public static Item of(Map<String, ?> attributes) {
        requireNonNull(attributes, "attributes is null");
        if (attributes instanceof Item item) {
            return item.path.isEmpty() ? item : new Item("", item.attributes);
        }
        if (attributes.isEmpty()) {
            return EMPTY;
        }
        Map<String, Object> out = LinkedHashMap.newLinkedHashMap(attributes.size());
        attributes.forEach((name, javaValue) -> {
            checkName(name);
            Value v;
            try {
                v = Value.of(javaValue);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("attribute \"" + name + "\": " + e.getMessage(), e);
            }
            out.put(name, java(v, name));
        });
        return new Item("", Collections.unmodifiableMap(out));
    }

    /**
     * {@return the item the SDK attributes hold}, each checked as by {@link AttributeValues#fromSdk(AttributeValue)}.
     *
     * @param item attribute names (non-empty) to SDK values, as the SDK returns them
     * @throws IllegalArgumentException on an empty name, or naming the attribute that DynamoDB could not store
     */
    public static Item fromSdk(Map<String, AttributeValue> item) {
        requireNonNull(item, "item is null");
        if (item.isEmpty()) {
            return EMPTY;
        }
        Map<String, Object> out = LinkedHashMap.newLinkedHashMap(item.size());
        item.forEach((name, av) -> {
            checkName(name);
            requireNonNull(av, () -> "attribute \"" + name
                    + "\" is null (DynamoDB's NULL is AttributeValue.fromNul(true))");
            Value v;
            try {
                v = AttributeValues.fromSdk(av);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("attribute \"" + name + "\": " + e.getMessage(), e);
            }
            out.put(name, java(v, name));
        });
        return new Item("", Collections.unmodifiableMap(out));
    }

    /** {@return the item as SDK attributes}, in this item's attribute order, ready for a request. */
    public Map<String, AttributeValue> toSdk() {
        return AttributeValues.fromJava(attributes);
    }

    // ---- presence

    /** {@return whether the item has the attribute}, NULL included (a missing attribute is not NULL). */
    public boolean has(String name) {
        return attributes.containsKey(name);
    }

    /** {@return whether the attribute is present and DynamoDB's NULL} */
    public boolean isNull(String name) {
        return attributes.containsKey(name) && attributes.get(name) == null;
    }

    /**
     * {@return the attribute read by a getter, or empty when it is missing or NULL}
     *
     * {@snippet :
     * Optional<Long> age = item.find("age", Item::getLong);
     * }
     *
     * @param <T> the type the getter returns
     * @param name the attribute
     * @param getter one of this class's getters, e.g. {@code Item::getString}
     * @throws IllegalArgumentException as the getter does when the attribute holds another type
     */
    public <T> Optional<T> find(String name, BiFunction<Item, String, T> getter) {
        requireNonNull(getter, "getter is null");
        return attributes.get(requireNonNull(name, "name is null")) == null
                ? Optional.empty()
                : Optional.ofNullable(getter.apply(this, name));
    }

    // ---- typed getters (each throws NoSuchElementException when the attribute is missing, and
    //      IllegalArgumentException naming the attribute and its actual type when it holds another, NULL included)

    /**
     * {@return the string (S) attribute}
     *
     * @throws NoSuchElementException if the attribute is missing
     * @throws IllegalArgumentException if it holds another type or NULL
     */
    public String getString(String name) {
        return attribute(name, String.class, "a string (S)");
    }

    /**
     * {@return the number (N) attribute, in canonical form}
     *
     * @throws NoSuchElementException if the attribute is missing
     * @throws IllegalArgumentException if it holds another type or NULL
     */
    public BigDecimal getBigDecimal(String name) {
        return attribute(name, BigDecimal.class, "a number (N)");
    }

    /**
     * {@return the number (N) attribute as a {@code long}}, never truncated or rounded.
     *
     * @throws NoSuchElementException if the attribute is missing
     * @throws IllegalArgumentException if it holds another type or NULL, or a number with a fraction or out of
     *         {@code long}'s range
     */
    public long getLong(String name) {
        BigDecimal n = getBigDecimal(name);
        try {
            return n.longValueExact();
        } catch (ArithmeticException e) {
            throw notWhole(name, n, "long", e);
        }
    }

    /**
     * {@return the number (N) attribute as an {@code int}}, never truncated or rounded.
     *
     * @throws NoSuchElementException if the attribute is missing
     * @throws IllegalArgumentException if it holds another type or NULL, or a number with a fraction or out of
     *         {@code int}'s range
     */
    public int getInt(String name) {
        BigDecimal n = getBigDecimal(name);
        try {
            return n.intValueExact();
        } catch (ArithmeticException e) {
            throw notWhole(name, n, "int", e);
        }
    }

    /**
     * {@return the boolean (BOOL) attribute}
     *
     * @throws NoSuchElementException if the attribute is missing
     * @throws IllegalArgumentException if it holds another type or NULL
     */
    public boolean getBoolean(String name) {
        return attribute(name, Boolean.class, "a boolean (BOOL)");
    }

    /**
     * {@return the binary (B) attribute}
     *
     * @throws NoSuchElementException if the attribute is missing
     * @throws IllegalArgumentException if it holds another type or NULL
     */
    public Bytes getBytes(String name) {
        return attribute(name, Bytes.class, "binary (B)");
    }

    /**
     * {@return the list (L) attribute}, unmodifiable, its elements in this class's Java forms (possibly null).
     *
     * @throws NoSuchElementException if the attribute is missing
     * @throws IllegalArgumentException if it holds another type or NULL
     */
    @SuppressWarnings("unchecked") // an item's lists are only ever built by java(..) below, as List<Object>
    public List<Object> getList(String name) {
        return attribute(name, List.class, "a list (L)");
    }

    /**
     * {@return the map (M) attribute, as an item with typed getters of its own}
     *
     * @throws NoSuchElementException if the attribute is missing
     * @throws IllegalArgumentException if it holds another type or NULL
     */
    public Item getMap(String name) {
        return attribute(name, Item.class, "a map (M)");
    }

    /**
     * {@return the string set (SS) attribute}, unmodifiable and never empty.
     *
     * @throws NoSuchElementException if the attribute is missing (DynamoDB has no empty sets: an empty set is
     *         a missing attribute, see {@link #find})
     * @throws IllegalArgumentException if it holds another type or NULL
     */
    public Set<String> getStringSet(String name) {
        return set(name, String.class, "a string set (SS)");
    }

    /**
     * {@return the number set (NS) attribute}, unmodifiable and never empty, its members canonical.
     *
     * @throws NoSuchElementException if the attribute is missing (see {@link #getStringSet})
     * @throws IllegalArgumentException if it holds another type or NULL
     */
    public Set<BigDecimal> getNumberSet(String name) {
        return set(name, BigDecimal.class, "a number set (NS)");
    }

    /**
     * {@return the binary set (BS) attribute}, unmodifiable and never empty.
     *
     * @throws NoSuchElementException if the attribute is missing (see {@link #getStringSet})
     * @throws IllegalArgumentException if it holds another type or NULL
     */
    public Set<Bytes> getBinarySet(String name) {
        return set(name, Bytes.class, "a binary set (BS)");
    }

    // ---- Map

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return attributes.entrySet();
    }

    @Override
    public Set<String> keySet() {
        return attributes.keySet();
    }

    @Override
    public Collection<Object> values() {
        return attributes.values();
    }

    @Override
    public int size() {
        return attributes.size();
    }

    @Override
    public boolean containsKey(Object name) {
        return attributes.containsKey(name);
    }

    @Override
    public Object get(Object name) {
        return attributes.get(name);
    }

    // ---- internals

    private <T> T attribute(String name, Class<T> type, String expected) {
        Object v = attributes.get(requireNonNull(name, "name is null"));
        if (type.isInstance(v)) {
            return type.cast(v);
        }
        if (v == null && !attributes.containsKey(name)) {
            throw new NoSuchElementException("attribute \"" + where(name) + "\" is missing");
        }
        throw new IllegalArgumentException("attribute \"" + where(name) + "\" is " + describe(v) + ", not " + expected);
    }

    @SuppressWarnings("unchecked") // the member type is checked: an item's sets are never empty nor mixed
    private <M> Set<M> set(String name, Class<M> member, String expected) {
        Set<?> set = attribute(name, Set.class, expected);
        if (!member.isInstance(set.iterator().next())) {
            throw new IllegalArgumentException("attribute \"" + where(name) + "\" is " + describe(set) + ", not " + expected);
        }
        return (Set<M>) set;
    }

    private IllegalArgumentException notWhole(String name, BigDecimal n, String type, ArithmeticException e) {
        String why = n.signum() != 0 && n.stripTrailingZeros().scale() > 0 ? "has a fraction" : "is out of range";
        return new IllegalArgumentException("attribute \"" + where(name) + "\" holds the number " + n + ", which "
                + why + " for " + type + " (use getBigDecimal)", e);
    }

    private String where(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** The DynamoDB type of a value in its Java form, in words. */
    private static String describe(Object v) {
        return switch (v) {
            case null -> "NULL";
            case String s -> "a string (S)";
            case BigDecimal n -> "a number (N)";
            case Bytes b -> "binary (B)";
            case Boolean b -> "a boolean (BOOL)";
            case List<?> l -> "a list (L)";
            case Item m -> "a map (M)";
            case Set<?> s -> switch (s.iterator().next()) {
                case String m -> "a string set (SS)";
                case BigDecimal m -> "a number set (NS)";
                default -> "a binary set (BS)";
            };
            default -> "a " + v.getClass().getName();
        };
    }

    private static String checkName(String name) {
        requireNonNull(name, "attribute name is null");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("attribute name is empty; DynamoDB names are at least one character");
        }
        return name;
    }

    /**
     * {@return the canonical Java form of a value}, as the class comment lists them.
     *
     * @param path where the value sits, for the error messages of nested items
     */
    static Object java(Value v, String path) {
        return switch (v) {
            case Value.S(String s) -> s;
            case Value.N(BigDecimal n) -> canonical(n);
            case Value.B(Bytes b) -> b;
            case Value.Bool(boolean b) -> b;
            case Value.Null x -> null;
            case Value.L(List<Value> values) -> {
                List<Object> list = new ArrayList<>(values.size());
                for (int i = 0; i < values.size(); i++) {
                    Value e = values.get(i);
                    list.add(java(e, nests(e) ? path + "[" + i + "]" : path));
                }
                yield Collections.unmodifiableList(list);
            }
            case Value.M(Map<String, Value> values) -> {
                Map<String, Object> map = LinkedHashMap.newLinkedHashMap(values.size());
                values.forEach((k, e) -> map.put(k, java(e, nests(e) ? path + "." + k : path)));
                yield new Item(path, Collections.unmodifiableMap(map));
            }
            case Value.SS(List<String> members) -> Collections.unmodifiableSet(new LinkedHashSet<>(members));
            case Value.NS(List<Value.N> members) -> {
                Set<BigDecimal> set = LinkedHashSet.newLinkedHashSet(members.size());
                for (Value.N n : members) {
                    set.add(canonical(n.value()));
                }
                yield Collections.unmodifiableSet(set);
            }
            case Value.BS(List<Bytes> members) -> Collections.unmodifiableSet(new LinkedHashSet<>(members));
        }; // no default: a new Value record must break this build
    }

    /** {@return whether the value can hold a map}, which needs its path: computed only then, reads being hot. */
    private static boolean nests(Value v) {
        return v instanceof Value.M || v instanceof Value.L;
    }

    /** {@return the one representative of the number's value}: no trailing fraction zeros, scale 0 when whole. */
    static BigDecimal canonical(BigDecimal n) {
        if (n.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal stripped = n.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
