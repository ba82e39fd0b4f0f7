package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.Bytes;
import dev.dynamatic.render.AttributeValues;
import java.math.BigDecimal;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item as plain, immutable data: a {@code Map<String,Object>} of attribute names to Java values, with typed
 * getters — a read-only view over the DynamoDB attributes it was made from, converting an attribute only when
 * it is read.
 *
 * <p>Each value has the Java form of its DynamoDB type:
 * <table class="striped">
 * <caption>DynamoDB types and their Java forms in an item</caption>
 * <thead><tr><th>DynamoDB</th><th>Java</th></tr></thead>
 * <tbody>
 * <tr><td>S</td><td>{@code String}</td></tr>
 * <tr><td>N</td><td>{@code BigDecimal} in canonical form: no trailing fraction zeros, and scale 0 for whole
 *     numbers ({@code 1.50} reads as {@code 1.5}, {@code 1E+3} as {@code 1000}), as DynamoDB stores them</td></tr>
 * <tr><td>B</td><td>{@link Bytes}</td></tr>
 * <tr><td>BOOL</td><td>{@code Boolean}</td></tr>
 * <tr><td>NULL</td><td>{@code null}: the attribute is present ({@link #has}) with no value ({@link #isNull})</td></tr>
 * <tr><td>L</td><td>unmodifiable {@code List<Object>}, elements in these forms (possibly null)</td></tr>
 * <tr><td>M</td><td>an {@code Item}, so nested maps have typed getters too</td></tr>
 * <tr><td>SS, NS, BS</td><td>unmodifiable {@code Set} of {@code String}, {@code BigDecimal}, {@link Bytes}
 *     (never empty)</td></tr>
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
 * Customer c = item.decode(customers);        // the same attributes through any codec, without a copy
 * }
 *
 * <p>{@link #toString()} names attributes and their types, never their values (they may be personal data).
 */
public final class Item extends AbstractMap<String, @Nullable Object> {

    private static final Item EMPTY = new Item("", Collections.emptyMap());
    private static final ItemCodec<Item> CODEC = new ItemCodec<>() {
        @Override
        public Map<String, AttributeValue> encode(Item value) {
            return requireNonNull(value, "item is null").attributes;
        }

        @Override
        public Item decode(Map<String, AttributeValue> item) {
            // The SDK hands out unmodifiable maps: the view needs no copy.
            return new Item("", requireNonNull(item, "item is null"));
        }

        @Override
        public String toString() {
            return "Item.codec()";
        }
    };

    /** Where this item sits inside its top-level item ({@code ""} at the top), for error messages only. */
    private final String path;
    private final Map<String, AttributeValue> attributes;

    private Item(String path, Map<String, AttributeValue> attributes) {
        this.path = path;
        this.attributes = attributes;
    }

    // ---- construction

    /**
     * {@return an item holding the given Java values}, each converted as by
     * {@link dev.dynamatic.ast.Value#of(Object)}: any number becomes a DynamoDB number (so {@code get("n")} of an
     * {@code int} gives a {@code BigDecimal}), {@code byte[]} becomes binary, enums, {@code UUID}s and
     * {@code Instant}s become their text, an {@code Optional} its content or NULL, a nested map an {@code Item},
     * a Java set a DynamoDB set.
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
        return new Item("", Collections.unmodifiableMap(AttributeValues.fromJava(attributes)));
    }

    /**
     * {@return the item the SDK attributes hold}, copied, each value checked as by
     * {@link AttributeValues#fromSdk(AttributeValue)}
     *
     * @param attributes attribute names (non-empty) to SDK values
     * @throws IllegalArgumentException on an empty name, or naming the attribute that DynamoDB could not store
     */
    public static Item from(Map<String, AttributeValue> attributes) {
        requireNonNull(attributes, "attributes is null");
        if (attributes.isEmpty()) {
            return EMPTY;
        }
        Map<String, AttributeValue> copy = LinkedHashMap.newLinkedHashMap(attributes.size());
        attributes.forEach((name, av) -> {
            checkName(name);
            requireNonNull(av, () -> "attribute \"" + name + "\" is null (DynamoDB's NULL is AttributeValue.fromNul(true))");
            try {
                AttributeValues.fromSdk(av);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("attribute \"" + name + "\": " + e.getMessage(), e);
            }
            copy.put(name, av);
        });
        return new Item("", Collections.unmodifiableMap(copy));
    }

    /** {@return the codec for plain data: an item's attributes as they are, both ways, without a copy} */
    public static ItemCodec<Item> codec() {
        return CODEC;
    }

    /** {@return the item's DynamoDB attributes}, unmodifiable, in this item's attribute order */
    public Map<String, AttributeValue> attributes() {
        return attributes;
    }

    /**
     * {@return the item decoded by a codec}, straight from its attributes
     *
     * @param <T> the type the codec decodes to
     * @param codec how the item is decoded
     * @throws IllegalArgumentException as the codec throws when the item does not fit its type
     */
    public <T> T decode(ItemCodec<T> codec) {
        return requireNonNull(codec, "codec is null").decode(attributes);
    }

    // ---- presence

    /**
     * {@return whether the item has the attribute}, NULL included (a missing attribute is not NULL).
     *
     * @param name the attribute name
     */
    public boolean has(String name) {
        return attributes.containsKey(requireNonNull(name, "name is null"));
    }

    /**
     * {@return whether the attribute is present and DynamoDB's NULL}
     *
     * @param name the attribute name
     */
    public boolean isNull(String name) {
        AttributeValue v = attributes.get(requireNonNull(name, "name is null"));
        return v != null && v.type() == AttributeValue.Type.NUL;
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
        AttributeValue v = attributes.get(requireNonNull(name, "name is null"));
        return v == null || v.type() == AttributeValue.Type.NUL ? Optional.empty()
                : Optional.ofNullable(getter.apply(this, name));
    }

    // ---- typed getters (each throws NoSuchElementException when the attribute is missing, and
    //      IllegalArgumentException naming the attribute and its actual type when it holds another, NULL included)

    /**
     * {@return the string (S) attribute}
     *
     * @param name the attribute name
     * @throws NoSuchElementException if the attribute is missing
     * @throws IllegalArgumentException if it holds another type or NULL
     */
    public String getString(String name) {
        return requireNonNull(attribute(name, AttributeValue.Type.S, "a string (S)").s());
    }

    /**
     * {@return the number (N) attribute, in canonical form}
     *
     * @param name the attribute name
     * @throws NoSuchElementException if the attribute is missing
     * @throws IllegalArgumentException if it holds another type or NULL, or number text DynamoDB would not store
     */
    public BigDecimal getBigDecimal(String name) {
        return (BigDecimal) requireNonNull(java(attribute(name, AttributeValue.Type.N, "a number (N)"), where(name)));
    }

    /**
     * {@return the number (N) attribute as a {@code long}}, never truncated or rounded.
     *
     * @param name the attribute name
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
     * @param name the attribute name
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
     * @param name the attribute name
     * @throws NoSuchElementException if the attribute is missing
     * @throws IllegalArgumentException if it holds another type or NULL
     */
    public boolean getBoolean(String name) {
        return requireNonNull(attribute(name, AttributeValue.Type.BOOL, "a boolean (BOOL)").bool());
    }

    /**
     * {@return the binary (B) attribute}
     *
     * @param name the attribute name
     * @throws NoSuchElementException if the attribute is missing
     * @throws IllegalArgumentException if it holds another type or NULL
     */
    public Bytes getBytes(String name) {
        return (Bytes) requireNonNull(java(attribute(name, AttributeValue.Type.B, "binary (B)"), where(name)));
    }

    /**
     * {@return the list (L) attribute}, unmodifiable, its elements in this class's Java forms (possibly null).
     *
     * @param name the attribute name
     * @throws NoSuchElementException if the attribute is missing
     * @throws IllegalArgumentException if it holds another type or NULL
     */
    @SuppressWarnings("unchecked") // java(..) turns an L into a List<Object>
    public List<@Nullable Object> getList(String name) {
        return (List<@Nullable Object>) requireNonNull(java(attribute(name, AttributeValue.Type.L, "a list (L)"),
                where(name)));
    }

    /**
     * {@return the map (M) attribute, as an item with typed getters of its own}
     *
     * @param name the attribute name
     * @throws NoSuchElementException if the attribute is missing
     * @throws IllegalArgumentException if it holds another type or NULL
     */
    public Item getMap(String name) {
        return new Item(where(name), attribute(name, AttributeValue.Type.M, "a map (M)").m());
    }

    /**
     * {@return the string set (SS) attribute}, unmodifiable and never empty.
     *
     * @param name the attribute name
     * @throws NoSuchElementException if the attribute is missing (DynamoDB has no empty sets: an empty set is
     *         a missing attribute, see {@link #find})
     * @throws IllegalArgumentException if it holds another type or NULL
     */
    @SuppressWarnings("unchecked") // java(..) turns an SS into a Set<String>
    public Set<String> getStringSet(String name) {
        return (Set<String>) requireNonNull(java(attribute(name, AttributeValue.Type.SS, "a string set (SS)"),
                where(name)));
    }

    /**
     * {@return the number set (NS) attribute}, unmodifiable and never empty, its members canonical.
     *
     * @param name the attribute name
     * @throws NoSuchElementException if the attribute is missing (see {@link #getStringSet})
     * @throws IllegalArgumentException if it holds another type or NULL
     */
    @SuppressWarnings("unchecked") // java(..) turns an NS into a Set<BigDecimal>
    public Set<BigDecimal> getNumberSet(String name) {
        return (Set<BigDecimal>) requireNonNull(java(attribute(name, AttributeValue.Type.NS, "a number set (NS)"),
                where(name)));
    }

    /**
     * {@return the binary set (BS) attribute}, unmodifiable and never empty.
     *
     * @param name the attribute name
     * @throws NoSuchElementException if the attribute is missing (see {@link #getStringSet})
     * @throws IllegalArgumentException if it holds another type or NULL
     */
    @SuppressWarnings("unchecked") // java(..) turns a BS into a Set<Bytes>
    public Set<Bytes> getBinarySet(String name) {
        return (Set<Bytes>) requireNonNull(java(attribute(name, AttributeValue.Type.BS, "a binary set (BS)"),
                where(name)));
    }

    // ---- Map

    @Override
    public Set<Entry<String, @Nullable Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, @Nullable Object>> iterator() {
                Iterator<Entry<String, AttributeValue>> it = attributes.entrySet().iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public Entry<String, @Nullable Object> next() {
                        Entry<String, AttributeValue> e = it.next();
                        return new SimpleImmutableEntry<>(e.getKey(), java(e.getValue(), where(e.getKey())));
                    }
                };
            }

            @Override
            public int size() {
                return attributes.size();
            }
        };
    }

    @Override
    public Set<String> keySet() {
        return attributes.keySet();
    }

    @Override
    public int size() {
        return attributes.size();
    }

    @Override
    public boolean isEmpty() {
        return attributes.isEmpty();
    }

    @Override
    public boolean containsKey(@Nullable Object name) {
        return attributes.containsKey(name);
    }

    @Override
    public @Nullable Object get(@Nullable Object name) {
        AttributeValue v = attributes.get(name);
        return v == null ? null : java(v, where((String) requireNonNull(name)));
    }

    /**
     * {@return the attribute names and their DynamoDB types, never values}, e.g. {@code {PK=<S>, total=<N>}}; values
     * too only when switched on with {@link dev.dynamatic.ast.Redaction} for local debugging
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        attributes.forEach((name, v) -> sb.append(sb.length() > 1 ? ", " : "").append(name).append('=')
                .append(AttributeValues.redacted(v)));
        return sb.append('}').toString();
    }

    // ---- internals

    private AttributeValue attribute(String name, AttributeValue.Type type, String expected) {
        AttributeValue v = attributes.get(requireNonNull(name, "name is null"));
        if (v == null) {
            throw new NoSuchElementException("attribute \"" + where(name) + "\" is missing");
        }
        if (v.type() != type) {
            throw new IllegalArgumentException("attribute \"" + where(name) + "\" is " + describe(v) + ", not " + expected);
        }
        return v;
    }

    private IllegalArgumentException notWhole(String name, BigDecimal n, String type, ArithmeticException e) {
        String why = n.signum() != 0 && n.stripTrailingZeros().scale() > 0 ? "has a fraction" : "is out of range";
        return new IllegalArgumentException("attribute \"" + where(name) + "\" holds a number which " + why + " for "
                + type + " (use getBigDecimal)", e);
    }

    private String where(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** The DynamoDB type of a value, in words. */
    private static String describe(AttributeValue v) {
        return switch (v.type()) {
            case S -> "a string (S)";
            case N -> "a number (N)";
            case B -> "binary (B)";
            case BOOL -> "a boolean (BOOL)";
            case NUL -> "NULL";
            case L -> "a list (L)";
            case M -> "a map (M)";
            case SS -> "a string set (SS)";
            case NS -> "a number set (NS)";
            case BS -> "a binary set (BS)";
            case UNKNOWN_TO_SDK_VERSION -> "of a type unknown to this SDK version";
            case null -> "of no type";
            default -> "of the type " + v.type();
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
     * {@return the canonical Java form of an attribute value}, as the class comment lists them, checked as by
     * {@link AttributeValues#fromSdk(AttributeValue)}
     *
     * @param path where the value sits, for messages and for the path of nested items
     */
    private static @Nullable Object java(AttributeValue v, String path) {
        switch (v.type()) {
            case M -> {
                return new Item(path, v.m());
            }
            case L -> {
                List<AttributeValue> elements = v.l();
                List<@Nullable Object> list = new ArrayList<>(elements.size());
                for (int i = 0; i < elements.size(); i++) {
                    list.add(java(requireNonNull(elements.get(i), "list element is null"), path + "[" + i + "]"));
                }
                return Collections.unmodifiableList(list);
            }
            case N -> {
                return canonical((BigDecimal) requireNonNull(plain(v, path)));
            }
            case NS -> {
                @SuppressWarnings("unchecked") // toJava turns an NS into a Set<BigDecimal>
                Set<BigDecimal> members = (Set<BigDecimal>) requireNonNull(plain(v, path));
                Set<BigDecimal> canonical = new java.util.LinkedHashSet<>();
                for (BigDecimal n : members) {
                    canonical.add(canonical(n));
                }
                return Collections.unmodifiableSet(canonical);
            }
            default -> {
                return plain(v, path);
            }
        }
    }

    /** {@return the value as {@link AttributeValues#toJava(AttributeValue)} gives it, errors naming the path} */
    private static @Nullable Object plain(AttributeValue v, String path) {
        try {
            return AttributeValues.toJava(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("attribute \"" + path + "\": " + e.getMessage(), e);
        }
    }

    /** {@return the Java form of an attribute value}, as the class comment lists them (for the record codec) */
    static @Nullable Object javaOf(AttributeValue v) {
        return java(v, "");
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
