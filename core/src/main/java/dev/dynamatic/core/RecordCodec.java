package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.Attribute;
import dev.dynamatic.ast.Attributes;
import dev.dynamatic.ast.JavaTypes;
import dev.dynamatic.ast.Limits;
import dev.dynamatic.ast.internal.Numbers;
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
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The codec for a record type: each component is an attribute of the same name (or of the name its
 * {@link Attribute} annotation gives), read through the record's accessors and written through its canonical
 * constructor.
 *
 * <p>Everything reflective happens once, when the codec is built: components are read with
 * {@link Class#getRecordComponents()}, accessors and the canonical constructor are unreflected into method
 * handles, and each component's generic type is turned into a converter. Each record type met while building
 * (nested, repeated or recursive) gets one converter. The codec is immutable and thread-safe; encoding and
 * decoding do no reflective lookups, and convert straight between the components and the SDK's
 * {@link AttributeValue}s.
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
 * <li>{@code Set<X>} of strings, enums, UUIDs or instants → SS, of numbers → NS, of {@code Bytes} → BS; set
 *     members are written in {@link Value}'s sorted order;</li>
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
 * <p>DynamoDB's rules hold both ways: numbers within DynamoDB's precision and range, sets non-empty with unique
 * members, documents at most {@value Limits#MAX_NESTING} levels of lists and maps deep. The depth is checked
 * before each level is entered, so a record nested thousands of levels deep (or an item read back from such a
 * map) fails with an {@link IllegalArgumentException}, never a {@link StackOverflowError}. What the codec cannot
 * type ({@link Value}, {@link Item} and {@code Object} components) is checked whole against these rules.
 *
 * <p>Errors: an {@link IllegalArgumentException} whose message names the record, the component path (e.g.
 * {@code Customer.address.city}, with map keys and list positions), the DynamoDB type and the reason — never a
 * value, since attribute values may be personal data. A {@code null} inside an SDK value (a list element, a set
 * member, a map key or value) is a {@link NullPointerException} with the same kind of message. When a record's own
 * accessor or canonical constructor throws, that exception is the cause, as the record's code made it.
 *
 * <p>Access: without a caller lookup the codec reads public records in packages exported to
 * {@code dev.dynamatic.core}, and any record in a package open to it (the class path's unnamed module is open to
 * everyone). With a lookup, it also reads whatever that lookup can reach, through
 * {@link MethodHandles#privateLookupIn} for records of the caller's own module (nested, private,
 * package-private, in packages not exported).
 *
 * @param <R> the record type
 */
public final class RecordCodec<R extends Record> implements ItemCodec<R> {

    private static final MethodHandles.Lookup OWN = MethodHandles.lookup();
    private static final Module CORE = RecordCodec.class.getModule();
    private static final MethodType GETTER = MethodType.methodType(Object.class, Object.class);
    private static final MethodType CONSTRUCTOR = MethodType.methodType(Object.class, Object[].class);

    /** The deepest nesting of lists and maps DynamoDB stores; the item itself is level 0. */
    private static final int MAX_NESTING = Limits.MAX_NESTING;

    // SDK values are immutable: the ones every item shares are made once.
    private static final AttributeValue NUL = AttributeValue.createNul(true);
    private static final AttributeValue TRUE = AttributeValue.createBool(true);
    private static final AttributeValue FALSE = AttributeValue.createBool(false);
    private static final AttributeValue EMPTY_LIST = AttributeValue.createL(List.of());

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
    private final Map<String, Value.Type> types;

    private RecordCodec(Class<R> type, Shape shape) {
        this.type = type;
        this.shape = shape;
        this.types = shape.types();
    }

    /**
     * {@return the codec for a record type}: components by name, through the canonical constructor; nested
     * records, lists, sets, maps, enums and {@code Optional} components; no annotations
     *
     * {@snippet :
     * record Order(String customer, String orderId, long totalCents, Set<String> tags) {}
     *
     * RecordCodec<Order> orders = RecordCodec.of(Order.class);
     * Map<String, AttributeValue> item = orders.encode(new Order("ada", "o-1", 1999, Set.of("gift")));
     * Order back = orders.decode(item);
     * }
     *
     * @param <R> the record type
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
     * {@snippet :
     * private record Secret(String code) {}
     *
     * RecordCodec<Secret> secrets = RecordCodec.of(Secret.class, MethodHandles.lookup());
     * }
     *
     * @param <R> the record type
     * @param type the record class
     * @param lookup a lookup with access to the record, from the caller's own module
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

    /**
     * {@return each component's DynamoDB type}, for the components whose type does not vary: all but {@link Value}
     * and {@code Object} components ({@code Optional<X>} has X's type)
     */
    @Override
    public Map<String, Value.Type> attributeTypes() {
        return types;
    }

    /** {@return the record's component names}: the attributes it writes (a component that is null is left out) */
    @Override
    public Optional<Set<String>> attributeNames() {
        return Optional.of(Set.of(shape.names));
    }

    /**
     * {@inheritDoc}
     *
     * @return a new modifiable map, in component order, without the components left out (null, empty)
     * @throws IllegalArgumentException naming the record, the component path and the reason, when a component
     *         cannot be stored in DynamoDB (a number out of range or not finite, duplicate set members, nesting
     *         deeper than {@value Limits#MAX_NESTING} levels, …)
     */
    @Override
    public Map<String, AttributeValue> encode(R value) {
        requireNonNull(value, "value is null");
        try {
            return shape.encodeItem(type.cast(value));
        } catch (Problem p) {
            throw p.toException(shape.name);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException naming the record, the component path and the reason, when an attribute
     *         does not fit its component (another DynamoDB type, a number the component cannot hold exactly, an
     *         unknown enum name, a missing primitive, …) or breaks a rule of DynamoDB's
     * @throws NullPointerException naming the component path, on a {@code null} inside an SDK value
     */
    @Override
    public R decode(Map<String, AttributeValue> item) {
        requireNonNull(item, "item is null");
        try {
            return type.cast(shape.decode(item, 1));
        } catch (Problem p) {
            throw p.toException(shape.name);
        }
    }

    @Override
    public String toString() {
        return "RecordCodec[" + type.getName() + "]";
    }

    // ---- errors

    /**
     * A conversion error on its way up to the codec, collecting the component path as it unwinds; the codec
     * turns it into an {@link IllegalArgumentException} (or, for a null inside an SDK value, a
     * {@link NullPointerException}). No stack trace: the final exception has one. Its reason never holds a value.
     */
    private static final class Problem extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final boolean isNull;
        private String path = "";

        private Problem(String reason, @Nullable Throwable cause, boolean isNull) {
            super(reason, cause, false, false);
            this.isNull = isNull;
        }

        Problem(String reason) {
            this(reason, null, false);
        }

        /** A problem with a cause that quotes no value: what the record's own code threw, a cast's error. */
        Problem(String reason, Throwable cause) {
            this(reason, cause, false);
        }

        /** A {@code null} where the SDK value must hold one. */
        static Problem isNull(String reason) {
            return new Problem(reason + " (DynamoDB's NULL is AttributeValue.fromNul(true))", null, true);
        }

        Problem at(String segment) {
            path = segment + path;
            return this;
        }

        RuntimeException toException(String recordName) {
            String message = recordName + path + ": " + getMessage();
            return isNull ? new NullPointerException(message) : new IllegalArgumentException(message, getCause());
        }

        /**
         * Converts what a part of the conversion may throw: the number rules' {@link IllegalArgumentException}s,
         * whose messages name no value, and heap pollution (a collection holding another type than declared).
         */
        static Problem of(RuntimeException e) {
            return switch (e) {
                case Problem p -> p;
                // the number rules: their cause is the JDK's parse error, which may quote the text
                case IllegalArgumentException iae -> new Problem(String.valueOf(iae.getMessage()));
                // names classes only
                case ClassCastException cce -> new Problem("holds a value of another type than declared ("
                        + cce.getMessage() + ")", cce);
                default -> throw e;
            };
        }
    }

    private static Problem mismatch(Conv conv, AttributeValue found) {
        return new Problem("expected " + conv.expected() + ", found " + typeName(found));
    }

    /** {@return the DynamoDB type of an SDK value, by its wire name}, or what is wrong with it */
    private static String typeName(AttributeValue av) {
        AttributeValue.Type type = av.type();
        return switch (type) {
            case S, N, B, BOOL, L, M, SS, NS, BS -> type.toString();
            case NUL -> "NULL";
            case UNKNOWN_TO_SDK_VERSION -> "an AttributeValue with no type (or one unknown to this SDK version)";
            case null -> "an AttributeValue with several types (" + typesSet(av) + ")";
            default -> type.toString(); // a type added by a newer SDK than this code was compiled against
        };
    }

    /** {@return the wire names of the types an SDK value has set}, e.g. {@code S, N} */
    private static String typesSet(AttributeValue av) {
        StringJoiner set = new StringJoiner(", ");
        for (SdkField<?> field : av.sdkFields()) {
            Object v = field.getValueOrDefault(av);
            // an unset list or map is the SDK's auto-construct placeholder, not null
            if (v != null && !(v instanceof SdkAutoConstructList<?>) && !(v instanceof SdkAutoConstructMap<?, ?>)) {
                set.add(field.memberName());
            }
        }
        return set.toString();
    }

    /** Checks, before a list or map at this level is entered, that DynamoDB would store it. */
    private static void checkDepth(int depth) {
        if (depth > MAX_NESTING) {
            throw new Problem("the document nests more than " + MAX_NESTING + " levels of lists and maps deep here;"
                    + " DynamoDB allows at most " + MAX_NESTING);
        }
    }

    private static void checkNul(AttributeValue av) {
        if (!Boolean.TRUE.equals(av.nul())) {
            throw new Problem("holds NUL(false); DynamoDB's NULL is always true (use AttributeValue.fromNul(true))");
        }
    }

    private static AttributeValue present(@Nullable AttributeValue av, String container) {
        if (av == null) {
            throw Problem.isNull(container + " holds a null value");
        }
        return av;
    }

    // ---- converters

    /** Where a set's members go: DynamoDB's three set types. */
    private enum SetKind { SS, NS, BS }

    /**
     * How one Java type maps to DynamoDB values; built once per component, used on every call. {@code depth} is
     * the nesting level of the value converted: 1 for a top-level attribute, one more inside each list or map.
     */
    private abstract static class Conv {
        /** {@return the SDK value for a non-null Java value}, or {@code null} when there is nothing to store. */
        abstract @Nullable AttributeValue encode(Object o, int depth);

        /** {@return the Java value for an SDK value} other than NULL. */
        abstract @Nullable Object decode(AttributeValue av, int depth);

        /** {@return the Java value for a missing attribute, or for NULL when {@code missing} is false} */
        @Nullable Object none(boolean missing) {
            return null;
        }

        /** {@return the DynamoDB type this converter reads, in words} */
        abstract String expected();

        /** {@return the one DynamoDB type this converter writes}, or {@code null} when it varies with the value */
        Value.@Nullable Type type() {
            return null;
        }

        /** {@return the set type members of this type go into}, or {@code null} if they cannot be set members. */
        @Nullable SetKind setKind() {
            return null;
        }
    }

    private static @Nullable AttributeValue encode(Conv conv, @Nullable Object o, int depth) {
        return o == null ? null : conv.encode(o, depth);
    }

    /** Reads an attribute: {@code null} when it is missing, NULL, or the converter's reading of its value. */
    private static @Nullable Object decode(Conv conv, @Nullable AttributeValue av, int depth) {
        if (av == null) {
            return conv.none(true);
        }
        if (av.type() == AttributeValue.Type.NUL) {
            checkNul(av);
            return conv.none(false);
        }
        return conv.decode(av, depth);
    }

    /** Types stored as a string (S), and as string-set (SS) members. */
    private abstract static class TextConv extends Conv {
        @Override
        final Value.Type type() {
            return Value.Type.S;
        }

        /** {@return the text for a non-null Java value} */
        abstract String text(Object o);

        /** {@return the Java value for a stored text} */
        abstract Object fromText(String text);

        @Override
        final AttributeValue encode(Object o, int depth) {
            return AttributeValue.createS(text(o));
        }

        @Override
        final Object decode(AttributeValue av, int depth) {
            if (av.type() != AttributeValue.Type.S) {
                throw mismatch(this, av);
            }
            return fromText(av.s());
        }

        @Override
        final SetKind setKind() {
            return SetKind.SS;
        }
    }

    private static final class StringConv extends TextConv {
        static final StringConv INSTANCE = new StringConv();

        @Override
        String text(Object o) {
            return (String) o;
        }

        @Override
        Object fromText(String text) {
            return text;
        }

        @Override
        String expected() {
            return "a string (S)";
        }
    }

    private static final class EnumConv extends TextConv {
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
        String text(Object o) {
            return ((Enum<?>) o).name();
        }

        @Override
        Object fromText(String text) {
            Object constant = constants.get(text);
            if (constant == null) {
                throw new Problem("the string (S) is not the name of a constant of " + type.getSimpleName() + " ("
                        + Arrays.stream(type.getEnumConstants()).limit(10).map(c -> ((Enum<?>) c).name())
                                .collect(Collectors.joining(", ")) + (constants.size() > 10 ? ", …)" : ")"));
            }
            return constant;
        }

        @Override
        String expected() {
            return "a string (S) naming a " + type.getSimpleName();
        }
    }

    private static final class UuidConv extends TextConv {
        static final UuidConv INSTANCE = new UuidConv();

        @Override
        String text(Object o) {
            return ((UUID) o).toString();
        }

        @Override
        Object fromText(String text) {
            try {
                UUID uuid = UUID.fromString(text);
                // fromString also takes "1-1-1-1-1", which would read back as different text
                if (uuid.toString().equalsIgnoreCase(text)) {
                    return uuid;
                }
            } catch (IllegalArgumentException e) {
                // reported below, without the JDK's message: it quotes the text
            }
            throw new Problem("the string (S) is not a UUID in its 36-character form");
        }

        @Override
        String expected() {
            return "a string (S) holding a UUID";
        }
    }

    private static final class InstantConv extends TextConv {
        static final InstantConv INSTANCE = new InstantConv();

        private static final Instant FIRST = Instant.parse("0000-01-01T00:00:00Z");
        private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999999Z");
        private static final int SECONDS_PER_DAY = 86_400;
        /** The length of the fixed-width form, {@code uuuu-MM-ddTHH:mm:ss.nnnnnnnnnZ}. */
        private static final int WIDTH = 30;

        /** ISO-8601 date-times with a basic-format offset ({@code +0100}), which {@code ISO_DATE_TIME} lacks. */
        private static final DateTimeFormatter BASIC_OFFSET = new DateTimeFormatterBuilder()
                .parseCaseInsensitive()
                .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                .appendOffset("+HHmmss", "Z")
                .toFormatter();

        /**
         * {@return the form {@link Value#of(Object)} gives an instant}: fixed-width ISO-8601 UTC with nine fraction
         * digits ({@code uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'}), so that text order is time order. Written digit by
         * digit, which a {@code DateTimeFormatter} takes several times longer for; a property test holds the two to
         * the same text.
         */
        @Override
        String text(Object o) {
            Instant instant = (Instant) o;
            if (instant.isBefore(FIRST) || instant.isAfter(LAST)) {
                throw new Problem("the instant is outside years 0000-9999, where ISO-8601 text no longer sorts in"
                        + " time order");
            }
            long seconds = instant.getEpochSecond();
            LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
            int second = Math.floorMod(seconds, SECONDS_PER_DAY);
            byte[] text = new byte[WIDTH];
            digits(text, 0, date.getYear(), 4);
            text[4] = '-';
            digits(text, 5, date.getMonthValue(), 2);
            text[7] = '-';
            digits(text, 8, date.getDayOfMonth(), 2);
            text[10] = 'T';
            digits(text, 11, second / 3600, 2);
            text[13] = ':';
            digits(text, 14, second / 60 % 60, 2);
            text[16] = ':';
            digits(text, 17, second % 60, 2);
            text[19] = '.';
            digits(text, 20, instant.getNano(), 9);
            text[29] = 'Z';
            return new String(text, StandardCharsets.ISO_8859_1);
        }

        private static void digits(byte[] text, int at, int value, int width) {
            int v = value;
            for (int i = at + width - 1; i >= at; i--) {
                text[i] = (byte) ('0' + v % 10);
                v /= 10;
            }
        }

        @Override
        Object fromText(String text) {
            Instant written = fixedWidth(text);
            if (written != null) {
                return written;
            }
            // The JDK's parse errors quote the text: none is kept.
            try {
                return Instant.parse(text); // any ISO instant with an offset
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
                throw new Problem("the string (S) is not an ISO-8601 instant with an offset (such as"
                        + " 2024-05-01T12:00:00Z)");
            }
        }

        /** {@return the instant in the form {@link #text} writes}, or {@code null} for any other text */
        private static @Nullable Instant fixedWidth(String text) {
            if (text.length() != WIDTH || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                    || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(19) != '.'
                    || text.charAt(29) != 'Z') {
                return null;
            }
            int year = number(text, 0, 4);
            int month = number(text, 5, 2);
            int day = number(text, 8, 2);
            int hour = number(text, 11, 2);
            int minute = number(text, 14, 2);
            int second = number(text, 17, 2);
            int nano = number(text, 20, 9);
            if ((year | month | day | hour | minute | second | nano) < 0 || month < 1 || month > 12 || day < 1
                    || day > Month.of(month).length(Year.isLeap(year)) || hour > 23 || minute > 59 || second > 59) {
                return null; // not a date and time: the parsers below say so (a leap second, 23:59:60, they read)
            }
            long days = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(days * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second, nano);
        }

        /** {@return the decimal digits at a place in the text}, or -1 if one is not a digit */
        private static int number(String text, int at, int width) {
            int v = 0;
            for (int i = at; i < at + width; i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                v = v * 10 + (c - '0');
            }
            return v;
        }

        @Override
        String expected() {
            return "a string (S) holding an ISO-8601 instant";
        }
    }

    private static final class BooleanConv extends Conv {
        @Override
        Value.Type type() {
            return Value.Type.BOOL;
        }

        private final boolean primitive;

        BooleanConv(boolean primitive) {
            this.primitive = primitive;
        }

        @Override
        AttributeValue encode(Object o, int depth) {
            return (Boolean) o ? TRUE : FALSE;
        }

        @Override
        Object decode(AttributeValue av, int depth) {
            if (av.type() != AttributeValue.Type.BOOL) {
                throw mismatch(this, av);
            }
            return av.bool();
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

    /** Numbers (N, and number-set members), by {@link Numbers}' rules. */
    private static final class NumberConv extends Conv {
        @Override
        Value.Type type() {
            return Value.Type.N;
        }

        private final NumberKind kind;
        private final @Nullable String primitive;

        NumberConv(NumberKind kind, Class<?> javaType) {
            this.kind = kind;
            this.primitive = javaType.isPrimitive() ? javaType.getName() : null;
        }

        @Override
        AttributeValue encode(Object o, int depth) {
            return AttributeValue.createN(Numbers.text((Number) o));
        }

        @Override
        Object decode(AttributeValue av, int depth) {
            if (av.type() != AttributeValue.Type.N) {
                throw mismatch(this, av);
            }
            return fromText(av.n());
        }

        /** {@return the number the text holds, exactly as the component type holds it} */
        Object fromText(String text) {
            return switch (kind) {
                case INT -> Numbers.intValue(text);
                case LONG -> Numbers.longValue(text);
                case SHORT -> Numbers.shortValue(text);
                case BYTE -> Numbers.byteValue(text);
                case FLOAT -> Numbers.floatValue(text); // every float is in DynamoDB's range
                case DOUBLE -> {
                    double d = Numbers.doubleValue(text);
                    double magnitude = Math.abs(d);
                    // Beyond what DynamoDB stores (as before, when every value was checked as a Value): the
                    // double's shortest decimal is the text's number, so comparing doubles compares the decimals.
                    if (magnitude != 0 && (magnitude < 1e-130 || magnitude >= 1e126)) {
                        Numbers.check(BigDecimal.valueOf(d));
                    }
                    yield d;
                }
                case BIG_INTEGER -> {
                    BigInteger n = Numbers.bigIntegerValue(text);
                    if (n.bitLength() > 126) {
                        Numbers.check(new BigDecimal(n)); // more than 38 digits
                    }
                    yield n;
                }
                case BIG_DECIMAL -> Numbers.check(Numbers.decimalValue(text));
            };
        }

        /** {@return a number-set member as an exact decimal, checked against DynamoDB's rules} */
        BigDecimal decimal(Object o) {
            return Numbers.check(Numbers.decimal((Number) o));
        }

        boolean comparesByEquals() {
            // only BigDecimal tells 1 and 1.0 apart, which DynamoDB holds as one number
            return kind != NumberKind.BIG_DECIMAL;
        }

        @Override
        @Nullable Object none(boolean missing) {
            if (primitive != null) {
                throw noneForPrimitive(missing, primitive);
            }
            return null;
        }

        @Override
        String expected() {
            return "a number (N)";
        }

        @Override
        SetKind setKind() {
            return SetKind.NS;
        }
    }

    private static final class BytesConv extends Conv {
        @Override
        Value.Type type() {
            return Value.Type.B;
        }

        static final BytesConv INSTANCE = new BytesConv();

        @Override
        AttributeValue encode(Object o, int depth) {
            // toArray() copies: wrap that copy, don't make another
            return AttributeValue.createB(SdkBytes.fromByteArrayUnsafe(((Bytes) o).toArray()));
        }

        @Override
        Object decode(AttributeValue av, int depth) {
            if (av.type() != AttributeValue.Type.B) {
                throw mismatch(this, av);
            }
            return Bytes.of(av.b().asByteArrayUnsafe()); // Bytes.of copies
        }

        @Override
        String expected() {
            return "binary (B)";
        }

        @Override
        SetKind setKind() {
            return SetKind.BS;
        }
    }

    private static final class ByteArrayConv extends Conv {
        @Override
        Value.Type type() {
            return Value.Type.B;
        }

        static final ByteArrayConv INSTANCE = new ByteArrayConv();

        @Override
        AttributeValue encode(Object o, int depth) {
            return AttributeValue.createB(SdkBytes.fromByteArray((byte[]) o));
        }

        @Override
        Object decode(AttributeValue av, int depth) {
            if (av.type() != AttributeValue.Type.B) {
                throw mismatch(this, av);
            }
            return av.b().asByteArray();
        }

        @Override
        String expected() {
            return "binary (B)";
        }
    }

    private static final class OptionalConv extends Conv {
        @Override
        Value.@Nullable Type type() {
            return content.type();
        }

        private final Conv content;

        OptionalConv(Conv content) {
            this.content = content;
        }

        @Override
        @Nullable AttributeValue encode(Object o, int depth) {
            Optional<?> optional = (Optional<?>) o;
            return optional.isEmpty() ? null : content.encode(optional.get(), depth);
        }

        @Override
        Object decode(AttributeValue av, int depth) {
            return Optional.ofNullable(content.decode(av, depth));
        }

        @Override
        Object none(boolean missing) {
            return Optional.empty();
        }

        @Override
        String expected() {
            return content.expected();
        }
    }

    private static final class ListConv extends Conv {
        @Override
        Value.Type type() {
            return Value.Type.L;
        }

        private final Conv element;

        ListConv(Conv element) {
            this.element = element;
        }

        @Override
        AttributeValue encode(Object o, int depth) {
            checkDepth(depth);
            List<?> list = (List<?>) o;
            int n = list.size();
            if (n == 0) {
                return EMPTY_LIST;
            }
            // The SDK copies the list it is given: hand it the lightest list that holds the elements.
            AttributeValue[] values = new AttributeValue[n];
            int i = 0;
            for (Object e : list) {
                if (i == n) {
                    throw new ConcurrentModificationException();
                }
                try {
                    AttributeValue v = RecordCodec.encode(element, e, depth + 1);
                    values[i] = v == null ? NUL : v;
                } catch (RuntimeException x) {
                    throw Problem.of(x).at("[" + i + "]");
                }
                i++;
            }
            if (i != n) {
                throw new ConcurrentModificationException();
            }
            return AttributeValue.createL(Arrays.asList(values));
        }

        @Override
        Object decode(AttributeValue av, int depth) {
            if (av.type() != AttributeValue.Type.L) {
                throw mismatch(this, av);
            }
            checkDepth(depth);
            List<AttributeValue> values = av.l();
            List<@Nullable Object> list = new ArrayList<>(values.size());
            int i = 0;
            for (AttributeValue v : values) {
                try {
                    list.add(RecordCodec.decode(element, present(v, "the list (L)"), depth + 1));
                } catch (RuntimeException x) {
                    throw Problem.of(x).at("[" + i + "]");
                }
                i++;
            }
            return Collections.unmodifiableList(list);
        }

        @Override
        String expected() {
            return "a list (L)";
        }
    }

    private static final class SetConv extends Conv {
        @Override
        Value.Type type() {
            return switch (kind) {
                case SS -> Value.Type.SS;
                case NS -> Value.Type.NS;
                case BS -> Value.Type.BS;
            };
        }

        private final Conv member;
        private final SetKind kind;

        SetConv(Conv member, SetKind kind) {
            this.member = member;
            this.kind = kind;
        }

        @Override
        @Nullable AttributeValue encode(Object o, int depth) {
            Set<?> set = (Set<?>) o;
            if (set.isEmpty()) {
                return null; // DynamoDB has no empty sets: leave the attribute out
            }
            Object[] members = set.toArray();
            for (Object m : members) {
                if (m == null) {
                    throw new Problem("the set has a null member; DynamoDB set members are values");
                }
            }
            return switch (kind) {
                case SS -> {
                    TextConv text = (TextConv) member;
                    String[] texts = new String[members.length];
                    for (int i = 0; i < texts.length; i++) {
                        texts[i] = text.text(members[i]);
                    }
                    yield stringSet(texts);
                }
                case NS -> {
                    NumberConv number = (NumberConv) member;
                    BigDecimal[] numbers = new BigDecimal[members.length];
                    for (int i = 0; i < numbers.length; i++) {
                        numbers[i] = number.decimal(members[i]);
                    }
                    yield numberSet(numbers);
                }
                case BS -> {
                    Bytes[] bytes = new Bytes[members.length];
                    for (int i = 0; i < bytes.length; i++) {
                        bytes[i] = (Bytes) members[i];
                    }
                    yield binarySet(bytes);
                }
            };
        }

        @Override
        Object decode(AttributeValue av, int depth) {
            return Collections.unmodifiableSet(switch (kind) {
                case SS -> strings(av);
                case NS -> numbers(av);
                case BS -> binaries(av);
            });
        }

        private Set<Object> strings(AttributeValue av) {
            if (av.type() != AttributeValue.Type.SS) {
                throw mismatch(this, av);
            }
            List<String> texts = members(av.ss(), "string set (SS)");
            TextConv text = (TextConv) member;
            Set<Object> set = LinkedHashSet.newLinkedHashSet(texts.size());
            for (String t : texts) {
                set.add(text.fromText(t));
            }
            // fewer values than members: the same text twice, or two texts of one value ("…Z" and "…+00:00")
            if (set.size() != texts.size() && new HashSet<>(texts).size() != texts.size()) {
                throw duplicate("string set (SS)");
            }
            return set;
        }

        private Set<Object> numbers(AttributeValue av) {
            if (av.type() != AttributeValue.Type.NS) {
                throw mismatch(this, av);
            }
            List<String> texts = members(av.ns(), "number set (NS)");
            NumberConv number = (NumberConv) member;
            Set<Object> set = LinkedHashSet.newLinkedHashSet(texts.size());
            for (String t : texts) {
                set.add(number.fromText(t));
            }
            if (set.size() != texts.size() || !number.comparesByEquals()) {
                checkNumbersUnique(texts);
            }
            return set;
        }

        private Set<Object> binaries(AttributeValue av) {
            if (av.type() != AttributeValue.Type.BS) {
                throw mismatch(this, av);
            }
            List<SdkBytes> members = members(av.bs(), "binary set (BS)");
            Set<Object> set = LinkedHashSet.newLinkedHashSet(members.size());
            for (SdkBytes b : members) {
                set.add(Bytes.of(b.asByteArrayUnsafe()));
            }
            if (set.size() != members.size()) {
                throw duplicate("binary set (BS)");
            }
            return set;
        }

        @Override
        Object none(boolean missing) {
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

    /** {@return a set's members}, checked to be there and not null */
    private static <T> List<T> members(List<T> members, String type) {
        if (members.isEmpty()) {
            throw new Problem("the " + type + " is empty; DynamoDB sets cannot be empty");
        }
        for (T m : members) {
            if (m == null) {
                throw Problem.isNull("the " + type + " has a null member");
            }
        }
        return members;
    }

    private static Problem duplicate(String type) {
        return new Problem("the " + type + " has the same member twice; DynamoDB set members are unique");
    }

    private static Problem duplicateNumber() {
        return new Problem("the number set (NS) has the same number twice (DynamoDB compares numbers by value, so 1"
                + " and 1.0 are one number); DynamoDB set members are unique");
    }

    private static void checkNumbersUnique(List<String> texts) {
        BigDecimal[] numbers = new BigDecimal[texts.size()];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = Numbers.decimalValue(texts.get(i));
        }
        Arrays.sort(numbers);
        for (int i = 1; i < numbers.length; i++) {
            if (numbers[i].compareTo(numbers[i - 1]) == 0) {
                throw duplicateNumber();
            }
        }
    }

    /** {@return a string set}, its members sorted (as {@link Value.SS} sorts them) and checked unique */
    private static AttributeValue stringSet(String[] members) {
        Arrays.sort(members);
        for (int i = 1; i < members.length; i++) {
            if (members[i].equals(members[i - 1])) {
                throw duplicate("string set (SS)");
            }
        }
        return AttributeValue.createSs(Arrays.asList(members));
    }

    /** {@return a number set}, its members sorted by value (as {@link Value.NS} sorts them) and checked unique */
    private static AttributeValue numberSet(BigDecimal[] members) {
        Arrays.sort(members);
        String[] texts = new String[members.length];
        for (int i = 0; i < members.length; i++) {
            if (i > 0 && members[i].compareTo(members[i - 1]) == 0) {
                throw duplicateNumber();
            }
            texts[i] = Numbers.text(members[i]);
        }
        return AttributeValue.createNs(Arrays.asList(texts));
    }

    /** {@return a binary set}, its members sorted (as {@link Value.BS} sorts them) and checked unique */
    private static AttributeValue binarySet(Bytes[] members) {
        Arrays.sort(members);
        SdkBytes[] bytes = new SdkBytes[members.length];
        for (int i = 0; i < members.length; i++) {
            if (i > 0 && members[i].equals(members[i - 1])) {
                throw duplicate("binary set (BS)");
            }
            bytes[i] = SdkBytes.fromByteArrayUnsafe(members[i].toArray());
        }
        return AttributeValue.createBs(Arrays.asList(bytes));
    }

    private static final class MapConv extends Conv {
        @Override
        Value.Type type() {
            return Value.Type.M;
        }

        private final Conv value;

        MapConv(Conv value) {
            this.value = value;
        }

        @Override
        AttributeValue encode(Object o, int depth) {
            checkDepth(depth);
            Map<?, ?> map = (Map<?, ?>) o;
            int n = map.size();
            String[] keys = new String[n];
            @Nullable AttributeValue[] values = new AttributeValue[n];
            int i = 0;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (i == n) {
                    throw new ConcurrentModificationException();
                }
                if (!(e.getKey() instanceof String key)) {
                    throw new Problem("the map has a key that is " + (e.getKey() == null ? "null"
                            : "a " + e.getKey().getClass().getName()) + "; DynamoDB map keys are strings");
                }
                try {
                    AttributeValue v = RecordCodec.encode(value, e.getValue(), depth + 1);
                    values[i] = v == null ? NUL : v;
                } catch (RuntimeException x) {
                    throw Problem.of(x).at("." + key);
                }
                keys[i++] = key;
            }
            return AttributeValue.createM(new ArrayMap(keys, values, i));
        }

        @Override
        Object decode(AttributeValue av, int depth) {
            if (av.type() != AttributeValue.Type.M) {
                throw mismatch(this, av);
            }
            checkDepth(depth);
            Map<String, AttributeValue> values = av.m();
            Map<String, @Nullable Object> map = LinkedHashMap.newLinkedHashMap(values.size());
            for (Map.Entry<String, AttributeValue> e : values.entrySet()) {
                String key = e.getKey();
                if (key == null) {
                    throw Problem.isNull("the map (M) has a null key");
                }
                try {
                    map.put(key, RecordCodec.decode(value, present(e.getValue(), "the map (M)"), depth + 1));
                } catch (RuntimeException x) {
                    throw Problem.of(x).at("." + key);
                }
            }
            return Collections.unmodifiableMap(map);
        }

        @Override
        String expected() {
            return "a map (M)";
        }
    }

    /** A nested record; its shape is filled in once built, so that a record may contain itself. */
    private static final class RecordConv extends Conv {
        @Override
        Value.Type type() {
            return Value.Type.M;
        }

        // volatile: set after this converter is referenced (recursive types), so publish it safely
        private volatile @Nullable Shape shape;

        /** {@return the shape, set once the record's converters are built} */
        Shape shape() {
            return requireNonNull(shape, "record converter used before it was built");
        }

        @Override
        AttributeValue encode(Object o, int depth) {
            checkDepth(depth);
            return shape().encodeNested(o, depth + 1);
        }

        @Override
        Object decode(AttributeValue av, int depth) {
            if (av.type() != AttributeValue.Type.M) {
                throw mismatch(this, av);
            }
            checkDepth(depth);
            return shape().decode(av.m(), depth + 1);
        }

        @Override
        String expected() {
            return "a map (M)";
        }
    }

    /** A {@link Value} (or a subtype): stored as the renderer's codec stores it, read back as {@code fromSdk}. */
    private static final class ValueConv extends Conv {
        private static final Value NULL = new Value.Null();

        private final Class<?> type;

        ValueConv(Class<?> type) {
            this.type = type;
        }

        @Override
        AttributeValue encode(Object o, int depth) {
            AttributeValue av = AttributeValues.toSdk((Value) o);
            validate(av, depth); // a Value is valid by construction, but may nest too deep in its place here
            return av;
        }

        @Override
        Object decode(AttributeValue av, int depth) {
            validate(av, depth);
            Value v;
            try {
                v = AttributeValues.fromSdk(av);
            } catch (IllegalArgumentException | NullPointerException e) {
                // validate(..) checks what fromSdk checks; its messages may quote values, so none is kept
                throw new Problem("the " + typeName(av) + " is not a value DynamoDB stores");
            }
            if (!type.isInstance(v)) {
                throw mismatch(this, av);
            }
            return v;
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

    /** An {@link Item}: its attributes as they are, checked against DynamoDB's rules, both ways. */
    private static final class ItemConv extends Conv {
        @Override
        Value.Type type() {
            return Value.Type.M;
        }

        static final ItemConv INSTANCE = new ItemConv();

        @Override
        AttributeValue encode(Object o, int depth) {
            checkDepth(depth);
            Map<String, AttributeValue> attributes = ((Item) o).attributes();
            // An Item made by Item.codec() is a view over whatever map it was given: check it as a whole.
            attributes.forEach((name, av) -> {
                try {
                    validate(av, depth + 1);
                } catch (RuntimeException x) {
                    throw Problem.of(x).at("." + name);
                }
            });
            return AttributeValue.createM(attributes);
        }

        @Override
        @Nullable Object decode(AttributeValue av, int depth) {
            if (av.type() != AttributeValue.Type.M) {
                throw mismatch(this, av);
            }
            validate(av, depth);
            return Item.javaOf(av);
        }

        @Override
        String expected() {
            return "a map (M)";
        }
    }

    /** {@code Object}: anything {@link Value#of(Object)} converts, read back in {@link Item}'s Java forms. */
    private static final class AnyConv extends Conv {
        static final AnyConv INSTANCE = new AnyConv();
        private static final ListConv LIST = new ListConv(INSTANCE);
        private static final MapConv MAP = new MapConv(INSTANCE);
        private static final NumberConv NUMBER = new NumberConv(NumberKind.BIG_DECIMAL, BigDecimal.class);
        private static final ValueConv VALUE = new ValueConv(Value.class);

        @Override
        AttributeValue encode(Object o, int depth) {
            // Value.of's cases, in its order; an Item (a Map) as it is
            return switch (o) {
                case Value v -> VALUE.encode(v, depth);
                case String s -> AttributeValue.createS(s);
                case Boolean b -> b ? TRUE : FALSE;
                case Number n -> NUMBER.encode(n, depth);
                case Bytes b -> BytesConv.INSTANCE.encode(b, depth);
                case byte[] a -> ByteArrayConv.INSTANCE.encode(a, depth);
                case ByteBuffer buffer -> {
                    byte[] copy = new byte[buffer.remaining()];
                    buffer.duplicate().get(copy); // the caller's buffer keeps its position
                    yield AttributeValue.createB(SdkBytes.fromByteArrayUnsafe(copy));
                }
                case Enum<?> e -> AttributeValue.createS(e.name());
                case UUID u -> AttributeValue.createS(u.toString());
                case Instant i -> InstantConv.INSTANCE.encode(i, depth);
                case Optional<?> opt -> opt.isEmpty() ? NUL : encode(opt.get(), depth);
                case Item item -> ItemConv.INSTANCE.encode(item, depth);
                case Set<?> set -> set(set, depth);
                case List<?> list -> LIST.encode(list, depth);
                case Map<?, ?> map -> MAP.encode(map, depth);
                default -> throw new Problem("cannot store a value of type " + o.getClass().getName()
                        + " in DynamoDB; supported: String, Number, Boolean, Bytes, byte[], ByteBuffer, Enum, UUID,"
                        + " Instant, Optional, List, Set, Map<String,?>, Item, Value, null");
            };
        }

        /** A Java set becomes a DynamoDB set, typed by its members: all strings, all numbers or all binary. */
        private AttributeValue set(Set<?> set, int depth) {
            if (set.isEmpty()) {
                throw new Problem("the set is empty; DynamoDB sets cannot be empty");
            }
            Object[] members = set.toArray();
            Object first = members[0];
            if (first instanceof String || first instanceof Enum<?> || first instanceof UUID) {
                String[] texts = new String[members.length];
                for (int i = 0; i < texts.length; i++) {
                    AttributeValue av = members[i] == null ? NUL : encode(members[i], depth);
                    if (av.type() != AttributeValue.Type.S) {
                        throw mixed(members[i]);
                    }
                    texts[i] = av.s();
                }
                return stringSet(texts);
            }
            if (first instanceof Number) {
                BigDecimal[] numbers = new BigDecimal[members.length];
                for (int i = 0; i < numbers.length; i++) {
                    if (!(members[i] instanceof Number n)) {
                        throw mixed(members[i]);
                    }
                    numbers[i] = NUMBER.decimal(n);
                }
                return numberSet(numbers);
            }
            if (first instanceof Bytes || first instanceof byte[] || first instanceof ByteBuffer) {
                Bytes[] bytes = new Bytes[members.length];
                for (int i = 0; i < bytes.length; i++) {
                    AttributeValue av = members[i] == null ? NUL : encode(members[i], depth);
                    if (av.type() != AttributeValue.Type.B) {
                        throw mixed(members[i]);
                    }
                    bytes[i] = Bytes.of(av.b().asByteArrayUnsafe());
                }
                return binarySet(bytes);
            }
            throw new Problem("the set holds a " + (first == null ? "null" : first.getClass().getName())
                    + "; DynamoDB sets hold strings, numbers or binary only");
        }

        private static Problem mixed(@Nullable Object member) {
            return new Problem("the set mixes types (found " + (member == null ? "null" : member.getClass().getName())
                    + "); a DynamoDB set holds strings only, numbers only or binary only");
        }

        @Override
        @Nullable Object decode(AttributeValue av, int depth) {
            validate(av, depth);
            return Item.javaOf(av);
        }

        @Override
        String expected() {
            return "any value";
        }
    }

    // ---- values the codec does not type (Value, Item, Object)

    /**
     * Checks an SDK value against DynamoDB's rules, as {@link AttributeValues#fromSdk} does, without building
     * anything, and with messages that name no value: exactly one type, NULL true, numbers DynamoDB stores, sets
     * non-empty with unique members, no nulls inside, nesting within {@value Limits#MAX_NESTING} levels.
     *
     * @param depth the nesting level of the value
     */
    private static void validate(AttributeValue av, int depth) {
        AttributeValue.Type type = av.type();
        switch (type) {
            case S, B, BOOL -> {
                // any text, any bytes
            }
            case N -> Numbers.check(Numbers.decimalValue(av.n()));
            case NUL -> checkNul(av);
            case L -> {
                checkDepth(depth);
                int i = 0;
                for (AttributeValue e : av.l()) {
                    try {
                        validate(present(e, "the list (L)"), depth + 1);
                    } catch (RuntimeException x) {
                        throw Problem.of(x).at("[" + i + "]");
                    }
                    i++;
                }
            }
            case M -> {
                checkDepth(depth);
                for (Map.Entry<String, AttributeValue> e : av.m().entrySet()) {
                    String key = e.getKey();
                    if (key == null) {
                        throw Problem.isNull("the map (M) has a null key");
                    }
                    try {
                        validate(present(e.getValue(), "the map (M)"), depth + 1);
                    } catch (RuntimeException x) {
                        throw Problem.of(x).at("." + key);
                    }
                }
            }
            case SS -> {
                List<String> members = members(av.ss(), "string set (SS)");
                if (new HashSet<>(members).size() != members.size()) {
                    throw duplicate("string set (SS)");
                }
            }
            case NS -> {
                List<String> members = members(av.ns(), "number set (NS)");
                for (String n : members) {
                    Numbers.check(Numbers.decimalValue(n));
                }
                checkNumbersUnique(members);
            }
            case BS -> {
                List<SdkBytes> members = members(av.bs(), "binary set (BS)");
                Set<ByteBuffer> unique = HashSet.newHashSet(members.size()); // buffers are equal by content
                for (SdkBytes b : members) {
                    unique.add(ByteBuffer.wrap(b.asByteArrayUnsafe()));
                }
                if (unique.size() != members.size()) {
                    throw duplicate("binary set (BS)");
                }
            }
            case UNKNOWN_TO_SDK_VERSION -> throw new Problem("is an AttributeValue with no type set (or one unknown"
                    + " to this SDK version); it must hold exactly one of S, N, B, BOOL, NUL, L, M, SS, NS, BS");
            case null -> throw new Problem("is an AttributeValue with several types set (" + typesSet(av)
                    + "); it must hold exactly one");
            default -> throw new Problem("is an AttributeValue of the type " + type + ", which Dynamatic does not"
                    + " know"); // added by a newer SDK than this code was compiled against
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

        /** {@return each component's DynamoDB type, where it does not vary with the value} */
        Map<String, Value.Type> types() {
            Map<String, Value.Type> types = LinkedHashMap.newLinkedHashMap(names.length);
            for (int i = 0; i < names.length; i++) {
                Value.Type t = convs[i].type();
                if (t != null) {
                    types.put(names[i], t);
                }
            }
            return Collections.unmodifiableMap(types);
        }

        Shape(Class<?> type, String[] names, MethodHandle[] getters, Conv[] convs, MethodHandle constructor) {
            this.type = type;
            this.name = type.getSimpleName();
            this.names = names;
            this.getters = getters;
            this.convs = convs;
            this.constructor = constructor;
        }

        /** {@return a top-level item}: a modifiable map, as callers may add attributes (keys, a version) */
        Map<String, AttributeValue> encodeItem(Object record) {
            Map<String, AttributeValue> item = LinkedHashMap.newLinkedHashMap(names.length);
            for (int i = 0; i < names.length; i++) {
                AttributeValue v = component(record, i, 1);
                if (v != null) {
                    item.put(names[i], v);
                }
            }
            return item;
        }

        /** {@return a nested record as a map (M)} whose components are at the given level */
        AttributeValue encodeNested(Object record, int depth) {
            @Nullable AttributeValue[] values = new AttributeValue[names.length];
            int count = 0;
            for (int i = 0; i < names.length; i++) {
                AttributeValue v = component(record, i, depth);
                if (v != null) {
                    values[i] = v;
                    count++;
                }
            }
            // The SDK copies the map it is given: hand it the lightest map that holds the attributes.
            return AttributeValue.createM(new ArrayMap(names, values, count));
        }

        private @Nullable AttributeValue component(Object record, int i, int depth) {
            Object component;
            try {
                component = (Object) getters[i].invokeExact(record);
            } catch (Error e) {
                throw e;
            } catch (Throwable t) {
                throw new Problem("the accessor of " + type.getName() + " threw " + t.getClass().getName(), t)
                        .at("." + names[i]);
            }
            try {
                return RecordCodec.encode(convs[i], component, depth);
            } catch (RuntimeException x) {
                throw Problem.of(x).at("." + names[i]);
            }
        }

        /** {@return the record the attributes hold}, its components at the given level */
        Object decode(Map<String, AttributeValue> attributes, int depth) {
            @Nullable Object[] args = new Object[names.length];
            for (int i = 0; i < names.length; i++) {
                try {
                    args[i] = RecordCodec.decode(convs[i], attributes.get(names[i]), depth);
                } catch (RuntimeException x) {
                    throw Problem.of(x).at("." + names[i]);
                }
            }
            try {
                return (Object) constructor.invokeExact(args);
            } catch (Error e) {
                throw e;
            } catch (Throwable t) {
                // Not the exception's message: the record's own code may have put the values read in it.
                throw new Problem("the canonical constructor of " + type.getName() + " rejected the values read"
                        + " (it threw " + t.getClass().getName() + ", the cause)", t);
            }
        }
    }

    /**
     * A read-only map over parallel arrays of names and values, skipping absent values, in array order: what a
     * nested map is handed to the SDK as, which copies it (through {@code forEach}) into a map of its own.
     */
    private static final class ArrayMap extends AbstractMap<String, AttributeValue> {
        private final String[] keys;
        private final @Nullable AttributeValue[] values;
        private final int size;

        ArrayMap(String[] keys, @Nullable AttributeValue[] values, int size) {
            this.keys = keys;
            this.values = values;
            this.size = size;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public void forEach(BiConsumer<? super String, ? super AttributeValue> action) {
            for (int i = 0; i < values.length; i++) {
                AttributeValue v = values[i];
                if (v != null) {
                    action.accept(keys[i], v);
                }
            }
        }

        @Override
        public Set<Entry<String, AttributeValue>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public int size() {
                    return size;
                }

                @Override
                public Iterator<Entry<String, AttributeValue>> iterator() {
                    return new Iterator<>() {
                        private int next = advance(0);

                        private int advance(int from) {
                            int i = from;
                            while (i < values.length && values[i] == null) {
                                i++;
                            }
                            return i;
                        }

                        @Override
                        public boolean hasNext() {
                            return next < values.length;
                        }

                        @Override
                        public Entry<String, AttributeValue> next() {
                            if (next >= values.length) {
                                throw new NoSuchElementException();
                            }
                            int i = next;
                            next = advance(i + 1);
                            return new SimpleImmutableEntry<>(keys[i], requireNonNull(values[i]));
                        }
                    };
                }
            };
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
            Map<String, String> byName = new HashMap<>();
            boolean referenced = type.isAnnotationPresent(Attributes.class);
            for (int i = 0; i < components.length; i++) {
                names[i] = attributeName(components[i], path);
                if (referenced) {
                    checkJacksonName(type, components[i], names[i], path);
                }
                String other = byName.putIfAbsent(names[i], components[i].getName());
                if (other != null) {
                    throw new IllegalArgumentException(path + ": components " + other + " and "
                            + components[i].getName() + " are both stored as attribute " + names[i]);
                }
                convs[i] = conv(components[i].getGenericType(), path + "." + names[i]);
            }
            conv.shape = new Shape(type, names, access.getters, convs, access.constructor);
            return conv;
        }

        /** {@return the component's attribute name: its {@link Attribute} name, or else its own name} */
        private static String attributeName(RecordComponent component, String path) {
            Attribute attribute = component.getAnnotation(Attribute.class);
            if (attribute == null) {
                return component.getName();
            }
            if (attribute.value().isEmpty()) {
                throw new IllegalArgumentException(path + "." + component.getName()
                        + ": @Attribute names an empty attribute name");
            }
            return attribute.value();
        }

        /**
         * Rejects a component of an {@code @Attributes} record that Jackson's {@code @JsonProperty} names otherwise
         * than this codec stores it: its generated reference takes that name (dynamatic-processor reads it), this codec
         * does not, so every expression built from the reference would name an attribute the item does not have.
         * Found by the annotation's name, on the accessor or the field (where javac puts it), without Jackson.
         */
        private static void checkJacksonName(Class<?> type, RecordComponent component, String stored, String path) {
            String jackson = jsonPropertyName(component.getAccessor().getDeclaredAnnotations());
            if (jackson == null) {
                try {
                    jackson = jsonPropertyName(type.getDeclaredField(component.getName()).getDeclaredAnnotations());
                } catch (NoSuchFieldException e) {
                    jackson = null; // a record has a field per component; none to read if not
                }
            }
            if (jackson != null && !jackson.isEmpty() && !jackson.equals(stored)) {
                throw new IllegalArgumentException(path + "." + component.getName() + ": @JsonProperty names it \""
                        + jackson + "\", and so does its generated reference (" + type.getSimpleName()
                        + " is @Attributes), but RecordCodec stores it as \"" + stored + "\" (it reads @Attribute,"
                        + " not @JsonProperty): add @Attribute(\"" + jackson + "\") to the component, or store the"
                        + " record with JacksonCodec");
            }
        }

        private static @Nullable String jsonPropertyName(java.lang.annotation.Annotation[] annotations) {
            for (java.lang.annotation.Annotation a : annotations) {
                if (a.annotationType().getName().equals("com.fasterxml.jackson.annotation.JsonProperty")) {
                    try {
                        return String.valueOf(a.annotationType().getMethod("value").invoke(a));
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        throw new IllegalStateException("cannot read @JsonProperty's value", e);
                    }
                }
            }
            return null;
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
            // ast's one table decides the DynamoDB type of a scalar, so that typed references cannot disagree
            Value.Type scalar = JavaTypes.scalar(c).orElse(null);
            if (scalar != null) {
                return switch (scalar) {
                    case S -> c == String.class ? StringConv.INSTANCE
                            : c.isEnum() ? new EnumConv(c)
                            : c == UUID.class ? UuidConv.INSTANCE
                            : c == Instant.class ? InstantConv.INSTANCE
                            : tableMismatch(c, scalar);
                    case N -> new NumberConv(requireNonNull(numberKind(c), c.getName()), c);
                    case B -> c == byte[].class ? ByteArrayConv.INSTANCE : BytesConv.INSTANCE;
                    case BOOL -> new BooleanConv(c.isPrimitive());
                    case NULL, L, M, SS, NS, BS -> tableMismatch(c, scalar);
                };
            }
            if (Value.class.isAssignableFrom(c)) {
                return new ValueConv(c); // before records: Value's subtypes are records, stored as values
            }
            if (c.isRecord()) {
                return record(c, path);
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

        private static Conv tableMismatch(Class<?> c, Value.Type type) {
            throw new IllegalStateException("the Java type table gives " + c.getName() + " the type " + type
                    + ", which the record codec has no converter for");
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
