package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.Bytes;
import dev.dynamatic.ast.Value;
import dev.dynamatic.render.AttributeValues;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The codec for a record type: each component is an attribute of the same name, read through the record's
 * accessors and written through its canonical constructor.
 *
 * <p>Everything reflective happens once, when the codec is built: components are read with
 * {@link Class#getRecordComponents()}, accessors and the canonical constructor are unreflected into method
 * handles, and each component's generic type is turned into a converter. Each record type met while building
 * (nested, repeated or recursive) gets one converter. The codec is immutable and thread-safe; encoding and
 * decoding do no reflective lookups.
 *
 * <p>Component types and their DynamoDB types:
 * <ul>
 * <li>{@code String} → S; {@code boolean}/{@code Boolean} → BOOL;</li>
 * <li>{@code int long short byte double float} (and boxes), {@code BigDecimal}, {@code BigInteger} → N. Reading
 *     never truncates nor rounds: a number the component cannot hold exactly (a fraction for an {@code int},
 *     a value out of range, 17 significant digits for a {@code double}) is an error naming the component.
 *     {@code -0.0} is stored as {@code 0}. Numbers are written normalised, as DynamoDB stores them, so a
 *     {@code BigDecimal} reads back numerically equal but without trailing zeros ({@code 1.50} as {@code 1.5});</li>
 * <li>{@link Bytes} and {@code byte[]} → B;</li>
 * <li>enums → S, their {@code name()} (an unknown name is an error); {@code UUID} → S; {@code Instant} → S in
 *     {@code Value}'s fixed-width ISO-8601 UTC form (any ISO-8601 instant text with an offset reads back);</li>
 * <li>{@code List<X>} → L; {@code Map<String,X>} → M; nested records → M; {@link Item} → M;</li>
 * <li>{@code Set<X>} of strings, enums, UUIDs or instants → SS, of numbers → NS, of {@code Bytes} → BS;</li>
 * <li>{@code Optional<X>} → X; {@link Value} (or a subtype) → stored as is; {@code Object} → converted as by
 *     {@link Value#of(Object)} and read back in {@link Item}'s Java forms.</li>
 * </ul>
 *
 * <p>Absence, NULL and emptiness:
 * <ul>
 * <li>a {@code null} component or an empty {@code Optional} is left out of the item (not stored as NULL); a
 *     missing attribute or a NULL reads back as {@code null}, or {@code Optional.empty()} for an
 *     {@code Optional}; for a primitive component it is an error naming the component;</li>
 * <li>DynamoDB sets cannot be empty, so an empty (or null) set is left out, and a missing or NULL set
 *     attribute reads back as an empty set — never {@code null};</li>
 * <li>inside lists and map values, where nothing can be left out, {@code null}, an empty {@code Optional} and
 *     an empty set are stored as NULL, and NULL reads back as {@code null}, {@code Optional.empty()} or an
 *     empty set;</li>
 * <li>attributes that match no component are ignored when reading;</li>
 * <li>a {@link Value} component holding {@code Value.Null} is stored as NULL and reads back as
 *     {@code Value.Null}.</li>
 * </ul>
 *
 * <p>Access: without a caller lookup the codec reads public records in packages exported to
 * {@code dev.dynamatic.core}, and any record in a package open to it (the class path's unnamed module is open to
 * everyone). With a lookup, it also reads whatever that lookup can reach, through
 * {@link MethodHandles#privateLookupIn} for records of the caller's own module (nested, private,
 * package-private, in packages not exported). Errors name the record class and the component path, e.g.
 * {@code Customer.address.city}.
 *
 * @param <R> the record type
 */
public final class RecordCodec<R extends Record> implements ItemCodec<R> {

    private static final MethodHandles.Lookup OWN = MethodHandles.lookup();
    private static final Module CORE = RecordCodec.class.getModule();
    private static final MethodType GETTER = MethodType.methodType(Object.class, Object.class);
    private static final MethodType CONSTRUCTOR = MethodType.methodType(Object.class, Object[].class);

    /**
     * Codecs built without a caller lookup. Anyone can build those, so sharing them leaks no access; codecs
     * built with a caller's lookup are not shared, since they carry that caller's access rights.
     */
    private static final ClassValue<RecordCodec<?>> SHARED = new ClassValue<>() {
        @Override
        protected RecordCodec<?> computeValue(Class<?> type) {
            return build(type.asSubclass(Record.class), null);
        }
    };

    private final Class<R> type;
    private final Shape shape;

    private RecordCodec(Class<R> type, Shape shape) {
        this.type = type;
        this.shape = shape;
    }

    /**
     * {@return the codec for a record type}: components by name, through the canonical constructor; nested
     * records, lists, sets, maps, enums and {@code Optional} components; no annotations
     *
     * @param type a public record class in a package the library can read reflectively (exported, or open
     *             to {@code dev.dynamatic.core}); otherwise use {@link #of(Class, MethodHandles.Lookup)}
     * @throws IllegalArgumentException if the type is not a record, a component's type is not supported, or the
     *         record cannot be accessed (saying how to grant access)
     */
    @SuppressWarnings("unchecked") // SHARED maps each class to a codec of that class
    public static <R extends Record> RecordCodec<R> of(Class<R> type) {
        requireNonNull(type, "type is null");
        checkRecord(type);
        return (RecordCodec<R>) SHARED.get(type);
    }

    /**
     * {@return a codec for a record type, using the caller's lookup to access it}: for records that are
     * nested, package-private or in packages not exported to this library; pass {@code MethodHandles.lookup()}
     *
     * @throws IllegalArgumentException as for {@link #of(Class)}
     */
    public static <R extends Record> RecordCodec<R> of(Class<R> type, MethodHandles.Lookup lookup) {
        requireNonNull(type, "type is null");
        requireNonNull(lookup, "lookup is null");
        checkRecord(type);
        return build(type, lookup);
    }

    private static void checkRecord(Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record class");
        }
    }

    private static <R extends Record> RecordCodec<R> build(Class<R> type, MethodHandles.@Nullable Lookup lookupOrNull) {
        RecordConv top = new Builder(type, lookupOrNull).record(type, type.getSimpleName());
        return new RecordCodec<>(type, top.shape());
    }

    @Override
    public Map<String, AttributeValue> encode(R value) {
        requireNonNull(value, "value is null");
        Map<String, Value> values;
        try {
            values = shape.encode(type.cast(value));
        } catch (Problem f) {
            throw f.toException(shape.name);
        }
        Map<String, AttributeValue> item = LinkedHashMap.newLinkedHashMap(values.size());
        values.forEach((name, v) -> item.put(name, AttributeValues.toSdk(v)));
        return item;
    }

    @Override
    public R decode(Map<String, AttributeValue> item) {
        requireNonNull(item, "item is null");
        try {
            return type.cast(shape.decode(item, true));
        } catch (Problem f) {
            throw f.toException(shape.name);
        }
    }

    @Override
    public String toString() {
        return "RecordCodec[" + type.getName() + "]";
    }

    // ---- errors

    /**
     * A conversion error on its way up to the codec, collecting the component path as it unwinds; the codec
     * turns it into an {@link IllegalArgumentException}. No stack trace: the final exception has one.
     */
    private static final class Problem extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private String path = "";

        Problem(String reason, @Nullable Throwable cause) {
            super(reason, cause, false, false);
        }

        Problem(String reason) {
            this(reason, null);
        }

        Problem at(String segment) {
            path = segment + path;
            return this;
        }

        IllegalArgumentException toException(String recordName) {
            return new IllegalArgumentException(recordName + path + ": " + getMessage(), getCause());
        }

        /** Converts what a part of the conversion may throw (a rule of {@link Value}, heap pollution). */
        static Problem of(RuntimeException e) {
            return switch (e) {
                case Problem f -> f;
                case IllegalArgumentException iae -> new Problem(String.valueOf(iae.getMessage()), iae);
                case ClassCastException cce -> new Problem("holds a value of another type than declared ("
                        + cce.getMessage() + ")", cce);
                default -> throw e;
            };
        }
    }

    private static Problem mismatch(Conv conv, Value found) {
        return new Problem("expected " + conv.expected() + ", found " + found.type());
    }

    // ---- converters

    /** Where a set's members go: DynamoDB's three set types. */
    private enum SetKind { SS, NS, BS }

    /** How one Java type maps to DynamoDB values; built once per component, used on every call. */
    private abstract static class Conv {
        /** {@return the value for a non-null Java value}, or {@code null} when there is nothing to store. */
        abstract @Nullable Value encode(Object o);

        /** {@return the Java value for a stored value} other than NULL. */
        abstract @Nullable Object decode(Value v);

        /** {@return the Java value for a missing attribute, or for NULL when {@code missing} is false} */
        @Nullable Object none(boolean missing) {
            return null;
        }

        /** {@return the DynamoDB type this converter reads, in words} */
        abstract String expected();

        /** {@return the set type members of this type go into}, or {@code null} if they cannot be set members. */
        @Nullable SetKind setKind() {
            return null;
        }
    }

    private static @Nullable Value encode(Conv conv, @Nullable Object o) {
        return o == null ? null : conv.encode(o);
    }

    private static @Nullable Object decode(Conv conv, @Nullable Value v) {
        if (v == null) {
            return conv.none(true);
        }
        return v instanceof Value.Null ? conv.none(false) : conv.decode(v);
    }

    private static final class StringConv extends Conv {
        static final StringConv INSTANCE = new StringConv();

        @Override
        @Nullable Value encode(Object o) {
            return new Value.S((String) o);
        }

        @Override
        @Nullable Object decode(Value v) {
            if (v instanceof Value.S(String s)) {
                return s;
            }
            throw mismatch(this, v);
        }

        @Override
        String expected() {
            return "a string (S)";
        }

        @Override
        @Nullable SetKind setKind() {
            return SetKind.SS;
        }
    }

    private static final class BooleanConv extends Conv {
        private final boolean primitive;

        BooleanConv(boolean primitive) {
            this.primitive = primitive;
        }

        @Override
        @Nullable Value encode(Object o) {
            return new Value.Bool((Boolean) o);
        }

        @Override
        @Nullable Object decode(Value v) {
            if (v instanceof Value.Bool(boolean b)) {
                return b;
            }
            throw mismatch(this, v);
        }

        @Override
        @Nullable Object none(boolean missing) {
            if (primitive) {
                throw noneForPrimitive(missing, "boolean");
            }
            return null;
        }

        @Override
        String expected() {
            return "a boolean (BOOL)";
        }
    }

    private static Problem noneForPrimitive(boolean missing, String primitive) {
        String box = primitive.equals("int") ? "Integer"
                : Character.toUpperCase(primitive.charAt(0)) + primitive.substring(1);
        return new Problem((missing ? "is missing" : "is NULL") + ", but the component is a primitive " + primitive
                + " (declare it " + box + " or Optional<" + box + "> to allow that)");
    }

    /** The Java number types, each read back exactly or not at all. */
    private enum NumberKind { INT, LONG, SHORT, BYTE, DOUBLE, FLOAT, BIG_DECIMAL, BIG_INTEGER }

    private static final class NumberConv extends Conv {
        private final NumberKind kind;
        private final String javaName;
        private final boolean primitive;

        NumberConv(NumberKind kind, Class<?> javaType) {
            this.kind = kind;
            this.javaName = javaType.getSimpleName();
            this.primitive = javaType.isPrimitive();
        }

        @Override
        @Nullable Value encode(Object o) {
            return new Value.N(switch ((Number) o) {
                case BigDecimal d -> d;
                case BigInteger i -> new BigDecimal(i);
                case Double d -> BigDecimal.valueOf(finite(d));
                case Float f -> new BigDecimal(Float.toString((float) finite(f)));
                // Integer, Long, Short, Byte: the only other number types a converter is built for
                default -> BigDecimal.valueOf(((Number) o).longValue());
            });
        }

        private static double finite(double d) {
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new Problem("number " + d + " is not finite; DynamoDB numbers cannot be NaN or Infinity");
            }
            return d;
        }

        @Override
        @Nullable Object decode(Value v) {
            if (!(v instanceof Value.N(BigDecimal n))) {
                throw mismatch(this, v);
            }
            try {
                return switch (kind) {
                    case INT -> n.intValueExact();
                    case LONG -> n.longValueExact();
                    case SHORT -> n.shortValueExact();
                    case BYTE -> n.byteValueExact();
                    case BIG_INTEGER -> n.toBigIntegerExact();
                    case BIG_DECIMAL -> n;
                    case DOUBLE -> {
                        double d = n.doubleValue();
                        if (Double.isInfinite(d) || BigDecimal.valueOf(d).compareTo(n) != 0) {
                            throw rounds(n);
                        }
                        yield d;
                    }
                    case FLOAT -> {
                        float f = n.floatValue();
                        if (Float.isInfinite(f) || new BigDecimal(Float.toString(f)).compareTo(n) != 0) {
                            throw rounds(n);
                        }
                        yield f;
                    }
                };
            } catch (ArithmeticException e) {
                boolean fraction = n.signum() != 0 && n.stripTrailingZeros().scale() > 0;
                throw new Problem("the number " + n + (fraction ? " has a fraction" : " is out of range")
                        + " for " + javaName + " (it is not truncated)", e);
            }
        }

        private Problem rounds(BigDecimal n) {
            return new Problem("the number " + n + " cannot be held by a " + javaName
                    + " without rounding (declare it BigDecimal)");
        }

        @Override
        @Nullable Object none(boolean missing) {
            if (primitive) {
                throw noneForPrimitive(missing, javaName);
            }
            return null;
        }

        @Override
        String expected() {
            return "a number (N)";
        }

        @Override
        @Nullable SetKind setKind() {
            return SetKind.NS;
        }
    }

    private static final class BytesConv extends Conv {
        static final BytesConv INSTANCE = new BytesConv();

        @Override
        @Nullable Value encode(Object o) {
            return new Value.B((Bytes) o);
        }

        @Override
        @Nullable Object decode(Value v) {
            if (v instanceof Value.B(Bytes b)) {
                return b;
            }
            throw mismatch(this, v);
        }

        @Override
        String expected() {
            return "binary (B)";
        }

        @Override
        @Nullable SetKind setKind() {
            return SetKind.BS;
        }
    }

    private static final class ByteArrayConv extends Conv {
        static final ByteArrayConv INSTANCE = new ByteArrayConv();

        @Override
        @Nullable Value encode(Object o) {
            return new Value.B(Bytes.of((byte[]) o));
        }

        @Override
        @Nullable Object decode(Value v) {
            if (v instanceof Value.B(Bytes b)) {
                return b.toArray();
            }
            throw mismatch(this, v);
        }

        @Override
        String expected() {
            return "binary (B)";
        }
    }

    private static final class EnumConv extends Conv {
        private final Class<?> type;
        private final Map<String, Object> constants;

        EnumConv(Class<?> type) {
            this.type = type;
            Map<String, Object> byName = new HashMap<>();
            for (Object constant : type.getEnumConstants()) {
                byName.put(((Enum<?>) constant).name(), constant);
            }
            this.constants = Map.copyOf(byName);
        }

        @Override
        @Nullable Value encode(Object o) {
            return new Value.S(((Enum<?>) o).name());
        }

        @Override
        @Nullable Object decode(Value v) {
            if (!(v instanceof Value.S(String name))) {
                throw mismatch(this, v);
            }
            Object constant = constants.get(name);
            if (constant == null) {
                throw new Problem("\"" + name + "\" is not a constant of " + type.getSimpleName() + " ("
                        + Arrays.stream(type.getEnumConstants()).limit(10).map(c -> ((Enum<?>) c).name())
                                .collect(Collectors.joining(", ")) + (constants.size() > 10 ? ", …)" : ")"));
            }
            return constant;
        }

        @Override
        String expected() {
            return "a string (S) naming a " + type.getSimpleName();
        }

        @Override
        @Nullable SetKind setKind() {
            return SetKind.SS;
        }
    }

    private static final class UuidConv extends Conv {
        static final UuidConv INSTANCE = new UuidConv();

        @Override
        @Nullable Value encode(Object o) {
            return new Value.S(o.toString());
        }

        @Override
        @Nullable Object decode(Value v) {
            if (!(v instanceof Value.S(String text))) {
                throw mismatch(this, v);
            }
            try {
                UUID uuid = UUID.fromString(text);
                // fromString also takes "1-1-1-1-1", which would read back as different text
                if (uuid.toString().equalsIgnoreCase(text)) {
                    return uuid;
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
            throw new Problem("\"" + text + "\" is not a UUID in its 36-character form");
        }

        @Override
        String expected() {
            return "a string (S) holding a UUID";
        }

        @Override
        @Nullable SetKind setKind() {
            return SetKind.SS;
        }
    }

    private static final class InstantConv extends Conv {
        static final InstantConv INSTANCE = new InstantConv();

        /** ISO-8601 date-times with a basic-format offset ({@code +0100}), which {@code ISO_DATE_TIME} lacks. */
        private static final DateTimeFormatter BASIC_OFFSET = new DateTimeFormatterBuilder()
                .parseCaseInsensitive()
                .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                .appendOffset("+HHmmss", "Z")
                .toFormatter();

        @Override
        @Nullable Value encode(Object o) {
            return Value.of(o); // Value's fixed-width form, which sorts in time order
        }

        @Override
        @Nullable Object decode(Value v) {
            if (!(v instanceof Value.S(String text))) {
                throw mismatch(this, v);
            }
            try {
                return Instant.parse(text); // the form written above, and any ISO instant with an offset
            } catch (DateTimeException e) {
                // try the other ISO-8601 forms
            }
            try {
                return DateTimeFormatter.ISO_DATE_TIME.parse(text, Instant::from); // no seconds, a [zone]
            } catch (DateTimeException e) {
                // and the last one
            }
            try {
                return BASIC_OFFSET.parse(text, Instant::from);
            } catch (DateTimeException e) {
                throw new Problem("\"" + text + "\" is not an ISO-8601 instant with an offset (such as"
                        + " 2024-05-01T12:00:00Z)", e);
            }
        }

        @Override
        String expected() {
            return "a string (S) holding an ISO-8601 instant";
        }

        @Override
        @Nullable SetKind setKind() {
            return SetKind.SS;
        }
    }

    private static final class OptionalConv extends Conv {
        private final Conv content;

        OptionalConv(Conv content) {
            this.content = content;
        }

        @Override
        @Nullable Value encode(Object o) {
            Optional<?> optional = (Optional<?>) o;
            return optional.isEmpty() ? null : content.encode(optional.get());
        }

        @Override
        @Nullable Object decode(Value v) {
            return Optional.ofNullable(content.decode(v));
        }

        @Override
        @Nullable Object none(boolean missing) {
            return Optional.empty();
        }

        @Override
        String expected() {
            return content.expected();
        }
    }

    private static final Value NULL = new Value.Null();

    private static final class ListConv extends Conv {
        private final Conv element;

        ListConv(Conv element) {
            this.element = element;
        }

        @Override
        @Nullable Value encode(Object o) {
            List<?> list = (List<?>) o;
            List<Value> values = new ArrayList<>(list.size());
            int i = 0;
            for (Object e : list) {
                try {
                    Value v = RecordCodec.encode(element, e);
                    values.add(v == null ? NULL : v);
                } catch (RuntimeException x) {
                    throw Problem.of(x).at("[" + i + "]");
                }
                i++;
            }
            return new Value.L(values);
        }

        @Override
        @Nullable Object decode(Value v) {
            if (!(v instanceof Value.L(List<Value> values))) {
                throw mismatch(this, v);
            }
            List<Object> list = new ArrayList<>(values.size());
            for (int i = 0; i < values.size(); i++) {
                try {
                    list.add(RecordCodec.decode(element, values.get(i)));
                } catch (RuntimeException x) {
                    throw Problem.of(x).at("[" + i + "]");
                }
            }
            return Collections.unmodifiableList(list);
        }

        @Override
        String expected() {
            return "a list (L)";
        }
    }

    private static final class SetConv extends Conv {
        private final Conv member;
        private final SetKind kind;

        SetConv(Conv member, SetKind kind) {
            this.member = member;
            this.kind = kind;
        }

        @Override
        @Nullable Value encode(Object o) {
            Set<?> set = (Set<?>) o;
            if (set.isEmpty()) {
                return null; // DynamoDB has no empty sets: leave the attribute out
            }
            List<Value> members = new ArrayList<>(set.size());
            for (Object m : set) {
                if (m == null) {
                    throw new Problem("the set has a null member; DynamoDB set members are values");
                }
                members.add(member.encode(m));
            }
            return switch (kind) {
                case SS -> new Value.SS(members.stream().map(m -> ((Value.S) m).value()).toList());
                case NS -> new Value.NS(members.stream().map(m -> (Value.N) m).toList());
                case BS -> new Value.BS(members.stream().map(m -> ((Value.B) m).value()).toList());
            };
        }

        @Override
        @Nullable Object decode(Value v) {
            List<?> members = switch (kind) {
                case SS -> v instanceof Value.SS(List<String> ss) ? ss.stream().map(Value.S::new).toList() : null;
                case NS -> v instanceof Value.NS(List<Value.N> ns) ? ns : null;
                case BS -> v instanceof Value.BS(List<Bytes> bs) ? bs.stream().map(Value.B::new).toList() : null;
            };
            if (members == null) {
                throw mismatch(this, v);
            }
            Set<Object> set = LinkedHashSet.newLinkedHashSet(members.size());
            for (Object m : members) {
                set.add(member.decode((Value) m));
            }
            return Collections.unmodifiableSet(set);
        }

        @Override
        @Nullable Object none(boolean missing) {
            return Set.of();
        }

        @Override
        String expected() {
            return switch (kind) {
                case SS -> "a string set (SS)";
                case NS -> "a number set (NS)";
                case BS -> "a binary set (BS)";
            };
        }
    }

    private static final class MapConv extends Conv {
        private final Conv value;

        MapConv(Conv value) {
            this.value = value;
        }

        @Override
        @Nullable Value encode(Object o) {
            Map<?, ?> map = (Map<?, ?>) o;
            Map<String, Value> values = LinkedHashMap.newLinkedHashMap(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new Problem("the map has the key " + e.getKey() + "; DynamoDB map keys are strings");
                }
                try {
                    Value v = RecordCodec.encode(value, e.getValue());
                    values.put(key, v == null ? NULL : v);
                } catch (RuntimeException x) {
                    throw Problem.of(x).at("." + key);
                }
            }
            return new Value.M(values);
        }

        @Override
        @Nullable Object decode(Value v) {
            if (!(v instanceof Value.M(Map<String, Value> values))) {
                throw mismatch(this, v);
            }
            Map<String, Object> map = LinkedHashMap.newLinkedHashMap(values.size());
            values.forEach((k, e) -> {
                try {
                    map.put(k, RecordCodec.decode(value, e));
                } catch (RuntimeException x) {
                    throw Problem.of(x).at("." + k);
                }
            });
            return Collections.unmodifiableMap(map);
        }

        @Override
        String expected() {
            return "a map (M)";
        }
    }

    private static final class ValueConv extends Conv {
        private final Class<?> type;

        ValueConv(Class<?> type) {
            this.type = type;
        }

        @Override
        @Nullable Value encode(Object o) {
            return (Value) o;
        }

        @Override
        @Nullable Object decode(Value v) {
            if (type.isInstance(v)) {
                return v;
            }
            throw mismatch(this, v);
        }

        @Override
        @Nullable Object none(boolean missing) {
            return !missing && type.isInstance(NULL) ? NULL : null;
        }

        @Override
        String expected() {
            return type == Value.class ? "any value" : "a value of type " + type.getSimpleName();
        }
    }

    /** {@code Object}: anything {@link Value#of(Object)} converts, read back in {@link Item}'s Java forms. */
    private static final class AnyConv extends Conv {
        static final AnyConv INSTANCE = new AnyConv();

        @Override
        @Nullable Value encode(Object o) {
            return Value.of(o);
        }

        @Override
        @Nullable Object decode(Value v) {
            return Item.javaOf(AttributeValues.toSdk(v));
        }

        @Override
        String expected() {
            return "any value";
        }
    }

    private static final class ItemConv extends Conv {
        static final ItemConv INSTANCE = new ItemConv();

        @Override
        @Nullable Value encode(Object o) {
            return Value.of(o);
        }

        @Override
        @Nullable Object decode(Value v) {
            if (v instanceof Value.M) {
                return Item.javaOf(AttributeValues.toSdk(v));
            }
            throw mismatch(this, v);
        }

        @Override
        String expected() {
            return "a map (M)";
        }
    }

    /** A nested record; its shape is filled in once built, so that a record may contain itself. */
    private static final class RecordConv extends Conv {
        // volatile: set after this converter is referenced (recursive types), so publish it safely
        private volatile @Nullable Shape shape;

        /** {@return the shape, set once the record's converters are built} */
        Shape shape() {
            return requireNonNull(shape, "record converter used before it was built");
        }

        @Override
        @Nullable Value encode(Object o) {
            return new Value.M(shape().encode(o));
        }

        @Override
        @Nullable Object decode(Value v) {
            if (v instanceof Value.M(Map<String, Value> values)) {
                return shape().decode(values, false);
            }
            throw mismatch(this, v);
        }

        @Override
        String expected() {
            return "a map (M)";
        }
    }

    // ---- records

    /** One record type: its components' names, accessors and converters, and its canonical constructor. */
    private static final class Shape {
        final Class<?> type;
        final String name;
        private final String[] names;
        private final MethodHandle[] getters;
        private final Conv[] convs;
        private final MethodHandle constructor;

        Shape(Class<?> type, String[] names, MethodHandle[] getters, Conv[] convs, MethodHandle constructor) {
            this.type = type;
            this.name = type.getSimpleName();
            this.names = names;
            this.getters = getters;
            this.convs = convs;
            this.constructor = constructor;
        }

        Map<String, Value> encode(Object record) {
            Map<String, Value> values = LinkedHashMap.newLinkedHashMap(names.length);
            for (int i = 0; i < names.length; i++) {
                Object component;
                try {
                    component = (Object) getters[i].invokeExact(record);
                } catch (Error e) {
                    throw e;
                } catch (Throwable t) {
                    throw new Problem("the accessor of " + type.getName() + " threw " + t, t).at("." + names[i]);
                }
                Value v;
                try {
                    v = RecordCodec.encode(convs[i], component);
                } catch (RuntimeException x) {
                    throw Problem.of(x).at("." + names[i]);
                }
                if (v != null) {
                    values.put(names[i], v);
                }
            }
            return values;
        }

        Object decode(Map<String, ?> attributes, boolean sdk) {
            @Nullable Object[] args = new Object[names.length];
            for (int i = 0; i < names.length; i++) {
                Object raw = attributes.get(names[i]);
                try {
                    @Nullable Value v = raw == null ? null : sdk ? AttributeValues.fromSdk((AttributeValue) raw) : (Value) raw;
                    args[i] = RecordCodec.decode(convs[i], v);
                } catch (RuntimeException x) {
                    throw Problem.of(x).at("." + names[i]);
                }
            }
            try {
                return (Object) constructor.invokeExact(args);
            } catch (Error e) {
                throw e;
            } catch (Throwable t) {
                throw new Problem("the canonical constructor of " + type.getName() + " rejected the values read: " + t, t);
            }
        }
    }

    /** Builds the converters for one codec; each record type met gets one {@link RecordConv}. */
    private static final class Builder {
        private final Class<?> top;
        private final MethodHandles.@Nullable Lookup caller;
        private final Map<Class<?>, RecordConv> records = new HashMap<>();

        Builder(Class<?> top, MethodHandles.@Nullable Lookup caller) {
            this.top = top;
            this.caller = caller;
        }

        RecordConv record(Class<?> type, String path) {
            RecordConv existing = records.get(type);
            if (existing != null) {
                return existing; // possibly still being built: a record that contains itself
            }
            RecordConv conv = new RecordConv();
            records.put(type, conv);
            RecordComponent[] components = type.getRecordComponents();
            Access access = access(type, components, path); // first: the more useful error
            String[] names = new String[components.length];
            Conv[] convs = new Conv[components.length];
            for (int i = 0; i < components.length; i++) {
                names[i] = components[i].getName();
                convs[i] = conv(components[i].getGenericType(), path + "." + names[i]);
            }
            conv.shape = new Shape(type, names, access.getters, convs, access.constructor);
            return conv;
        }

        private record Access(MethodHandle[] getters, MethodHandle constructor) {}

        /** Unreflects the accessors and the canonical constructor with the first lookup that may. */
        private Access access(Class<?> type, RecordComponent[] components, String path) {
            Constructor<?> canonical;
            try {
                canonical = type.getDeclaredConstructor(
                        Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("record " + type.getName() + " has no canonical constructor", e);
            }
            Exception denied = null;
            for (MethodHandles.Lookup lookup : lookups(type)) {
                try {
                    MethodHandle[] getters = new MethodHandle[components.length];
                    for (int i = 0; i < components.length; i++) {
                        getters[i] = lookup.unreflect(components[i].getAccessor()).asType(GETTER);
                    }
                    MethodHandle constructor = lookup.unreflectConstructor(canonical)
                            .asSpreader(Object[].class, components.length)
                            .asType(CONSTRUCTOR);
                    return new Access(getters, constructor);
                } catch (IllegalAccessException | InaccessibleObjectException e) {
                    denied = e;
                }
            }
            throw new IllegalArgumentException(inaccessible(type, path), denied);
        }

        /** The lookups to try, most capable first. */
        private List<MethodHandles.Lookup> lookups(Class<?> type) {
            List<MethodHandles.Lookup> lookups = new ArrayList<>(4);
            if (caller != null) {
                try {
                    lookups.add(MethodHandles.privateLookupIn(type, caller));
                } catch (IllegalAccessException | SecurityException e) {
                    // the caller's module cannot reach into the record's package: try the lookup as given
                }
                lookups.add(caller);
            }
            // Our own deep access is for packages opened to us (and the class path's unnamed module); we do
            // not use it on our own named module, so that core's package-mates get no special treatment.
            Module module = type.getModule();
            if (module != CORE || !CORE.isNamed()) {
                CORE.addReads(module);
                if (module.isOpen(type.getPackageName(), CORE)) {
                    try {
                        lookups.add(MethodHandles.privateLookupIn(type, OWN));
                    } catch (IllegalAccessException | SecurityException e) {
                        // fall back to public access
                    }
                }
            }
            lookups.add(OWN);
            return lookups;
        }

        private String inaccessible(Class<?> type, String path) {
            String where = type.getName() + (path.equals(top.getSimpleName()) ? "" : " (at " + path + ")");
            String module = type.getModule().isNamed() ? "module " + type.getModule().getName() : "the unnamed module";
            if (caller == null) {
                return "cannot access record " + where + " reflectively: it is not a public record of a package"
                        + " exported to dev.dynamatic.core, and package " + type.getPackageName() + " of " + module
                        + " is not opened to dev.dynamatic.core. Pass a lookup from code that can access the record:"
                        + " RecordCodec.of("
                        + top.getSimpleName() + ".class, MethodHandles.lookup()), or open the package to"
                        + " dev.dynamatic.core";
            }
            return "cannot access record " + where + " reflectively, not even with the given lookup ("
                    + caller + (caller.hasFullPrivilegeAccess() ? "" : ", which lacks full privilege access")
                    + "): pass MethodHandles.lookup() from the record's own module, or open package "
                    + type.getPackageName() + " of " + module + " to the caller's module or to dev.dynamatic.core";
        }

        /** {@return the converter for a component type} */
        Conv conv(Type type, String path) {
            return switch (type) {
                case Class<?> c -> classConv(c, path);
                case ParameterizedType p -> parameterized(p, path);
                case WildcardType w -> {
                    if (w.getLowerBounds().length > 0 || w.getUpperBounds().length != 1) {
                        throw unsupported(path, w, "declare the type without '? super'");
                    }
                    yield conv(w.getUpperBounds()[0], path);
                }
                case TypeVariable<?> v -> throw unsupported(path, v,
                        "a type variable has no type to read back; declare a concrete type");
                default -> throw unsupported(path, type, "declare List<X> instead of an array");
            };
        }

        private Conv classConv(Class<?> c, String path) {
            if (c == String.class) {
                return StringConv.INSTANCE;
            }
            if (c == boolean.class || c == Boolean.class) {
                return new BooleanConv(c.isPrimitive());
            }
            NumberKind number = numberKind(c);
            if (number != null) {
                return new NumberConv(number, c);
            }
            if (c == Bytes.class) {
                return BytesConv.INSTANCE;
            }
            if (c == byte[].class) {
                return ByteArrayConv.INSTANCE;
            }
            if (c.isEnum()) {
                return new EnumConv(c);
            }
            if (c == UUID.class) {
                return UuidConv.INSTANCE;
            }
            if (c == Instant.class) {
                return InstantConv.INSTANCE;
            }
            if (c.isRecord()) {
                return record(c, path);
            }
            if (Value.class.isAssignableFrom(c)) {
                return new ValueConv(c);
            }
            if (c == Item.class) {
                return ItemConv.INSTANCE;
            }
            if (c == Object.class) {
                return AnyConv.INSTANCE;
            }
            if (c == List.class || c == Set.class || c == Map.class || c == Optional.class) {
                throw unsupported(path, c, "declare its type arguments, e.g. " + c.getSimpleName()
                        + (c == Map.class ? "<String, Integer>" : "<String>"));
            }
            throw unsupported(path, c, c.isArray() ? "declare List<X> instead of an array"
                    : c == char.class || c == Character.class ? "declare it String" : null);
        }

        private static @Nullable NumberKind numberKind(Class<?> c) {
            if (c == int.class || c == Integer.class) {
                return NumberKind.INT;
            }
            if (c == long.class || c == Long.class) {
                return NumberKind.LONG;
            }
            if (c == short.class || c == Short.class) {
                return NumberKind.SHORT;
            }
            if (c == byte.class || c == Byte.class) {
                return NumberKind.BYTE;
            }
            if (c == double.class || c == Double.class) {
                return NumberKind.DOUBLE;
            }
            if (c == float.class || c == Float.class) {
                return NumberKind.FLOAT;
            }
            if (c == BigDecimal.class) {
                return NumberKind.BIG_DECIMAL;
            }
            if (c == BigInteger.class) {
                return NumberKind.BIG_INTEGER;
            }
            return null;
        }

        private Conv parameterized(ParameterizedType p, String path) {
            Type raw = p.getRawType();
            Type[] args = p.getActualTypeArguments();
            if (raw == List.class) {
                return new ListConv(conv(args[0], path + "[]"));
            }
            if (raw == Optional.class) {
                Conv content = conv(args[0], path);
                if (content instanceof OptionalConv) {
                    throw unsupported(path, p, "an empty inner Optional could not be told from an empty outer one");
                }
                return new OptionalConv(content);
            }
            if (raw == Set.class) {
                Conv member = conv(args[0], path + "{}");
                SetKind kind = member.setKind();
                if (kind == null) {
                    throw unsupported(path, p, member instanceof ByteArrayConv
                            ? "declare Set<Bytes>: arrays are equal by identity"
                            : "DynamoDB sets hold strings, numbers or binary; declare List<X>");
                }
                return new SetConv(member, kind);
            }
            if (raw == Map.class) {
                if (args[0] != String.class) {
                    throw unsupported(path, p, "DynamoDB map keys are strings; declare Map<String, X>");
                }
                return new MapConv(conv(args[1], path + ".*"));
            }
            if (raw instanceof Class<?> c && c.isRecord()) {
                return record(c, path); // a generic record: its components' own types decide
            }
            throw unsupported(path, p, "use List, Set, Map or Optional");
        }

        private IllegalArgumentException unsupported(String path, Type type, @Nullable String hint) {
            return new IllegalArgumentException(path + ": the type " + type.getTypeName() + " is not supported"
                    + (hint == null ? "" : " (" + hint + ")") + "; supported: String, boolean, numbers, BigDecimal,"
                    + " BigInteger, Bytes, byte[], enums, UUID, Instant, records, Item, Value, Object, and List<X>,"
                    + " Set<X>, Map<String,X>, Optional<X> of those");
        }
    }
}
