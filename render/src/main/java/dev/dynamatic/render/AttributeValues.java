package dev.dynamatic.render;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.Bytes;
import dev.dynamatic.ast.Limits;
import dev.dynamatic.ast.Redaction;
import dev.dynamatic.ast.Value;
import dev.dynamatic.ast.internal.Numbers;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The codec between Dynamatic's {@link Value}s (or plain Java values) and the SDK's {@link AttributeValue}.
 *
 * <p>Towards the SDK ({@link #toSdk(Value)}, {@link #fromJava(Object)}) nothing needs checking: a {@code Value}
 * is valid when built. From the SDK ({@link #fromSdk(AttributeValue)}, {@link #toJava(AttributeValue)}) every
 * rule of {@link Value} is checked, plus the SDK's own pitfalls: an {@code AttributeValue} with no type or
 * several, a type unknown to this SDK version, {@code NUL(false)}, null elements, number text that is not a
 * decimal. Errors name the position of the bad part ({@code [2].x}).
 *
 * <p>Plain Java forms, as {@link #toJava(AttributeValue)} gives them:
 * <table class="striped">
 * <caption>DynamoDB types and their Java forms</caption>
 * <thead><tr><th>DynamoDB</th><th>Java</th></tr></thead>
 * <tbody>
 * <tr><td>S</td><td>{@code String}</td></tr>
 * <tr><td>N</td><td>{@code BigDecimal}, exactly as the text says ({@code "1.0"} has scale 1)</td></tr>
 * <tr><td>B</td><td>{@link Bytes}</td></tr>
 * <tr><td>BOOL</td><td>{@code Boolean}</td></tr>
 * <tr><td>NULL</td><td>{@code null}</td></tr>
 * <tr><td>L</td><td>unmodifiable {@code List<Object>} (elements may be null)</td></tr>
 * <tr><td>M</td><td>unmodifiable {@code Map<String,Object>} in the SDK map's order (values may be null)</td></tr>
 * <tr><td>SS, NS, BS</td><td>unmodifiable {@code Set} of {@code String}, {@code BigDecimal}, {@link Bytes},
 *     iterating in {@link Value}'s sorted order</td></tr>
 * </tbody>
 * </table>
 *
 * <p>{@code fromSdk(toSdk(v))} equals {@code v} for every value; {@code toJava(fromJava(x))} equals {@code x}
 * for every Java form above (numbers numerically: {@code 1E+3} reads back as {@code 1000}).
 */
public final class AttributeValues {

    private static final AttributeValue NULL = AttributeValue.createNul(true);
    private static final AttributeValue TRUE = AttributeValue.createBool(true);
    private static final AttributeValue FALSE = AttributeValue.createBool(false);

    private AttributeValues() {
    }

    // ---- Value -> SDK

    /**
     * {@return the SDK form of the value}, built without copying more than the SDK itself does (through the
     * SDK's {@code AttributeValue.createX} factories, which skip the builder).
     *
     * @param v the value
     */
    public static AttributeValue toSdk(Value v) {
        requireNonNull(v, "value is null");
        return switch (v) {
            case Value.S(String s) -> AttributeValue.createS(s);
            case Value.N n -> AttributeValue.createN(n.text());
            // toArray() already copies: wrap that copy, don't make another
            case Value.B(Bytes b) -> AttributeValue.createB(SdkBytes.fromByteArrayUnsafe(b.toArray()));
            case Value.Bool(boolean b) -> b ? TRUE : FALSE;
            case Value.Null x -> NULL;
            case Value.L(List<Value> values) -> {
                // The SDK copies the list it is given: hand it the lightest list that holds the elements.
                int n = values.size();
                if (n == 1) {
                    yield AttributeValue.createL(List.of(toSdk(values.getFirst())));
                }
                AttributeValue[] list = new AttributeValue[n];
                for (int i = 0; i < n; i++) {
                    list[i] = toSdk(values.get(i));
                }
                yield AttributeValue.createL(Arrays.asList(list));
            }
            case Value.M(Map<String, Value> values) -> {
                Map<String, AttributeValue> map = LinkedHashMap.newLinkedHashMap(values.size());
                values.forEach((k, e) -> map.put(k, toSdk(e)));
                yield AttributeValue.createM(map);
            }
            case Value.SS(List<String> members) -> AttributeValue.createSs(members);
            case Value.NS(List<Value.N> members) -> {
                List<String> texts = new ArrayList<>(members.size());
                for (Value.N n : members) {
                    texts.add(n.text());
                }
                yield AttributeValue.createNs(texts);
            }
            case Value.BS(List<Bytes> members) -> {
                List<SdkBytes> bytes = new ArrayList<>(members.size());
                for (Bytes b : members) {
                    bytes.add(SdkBytes.fromByteArrayUnsafe(b.toArray()));
                }
                yield AttributeValue.createBs(bytes);
            }
        }; // no default: a new Value record must break this build
    }

    /**
     * {@return the SDK form of an everyday Java value}, converted as by {@link Value#of(Object)}.
     *
     * @param o a {@code String}, number, {@code Boolean}, {@link Bytes}, {@code byte[]}, enum, {@code UUID},
     *          {@code Instant}, {@code Optional}, {@code List}, {@code Set}, {@code Map<String,?>}, {@link Value}
     *          or {@code null} (DynamoDB's NULL)
     * @throws IllegalArgumentException naming the type and position of anything that cannot be converted
     */
    public static AttributeValue fromJava(@Nullable Object o) {
        return toSdk(Value.of(o));
    }

    /**
     * {@return an item in SDK form}, each attribute converted as by {@link #fromJava(Object)}, in the given map's order.
     *
     * @param item attribute names (non-empty) to Java values
     * @throws IllegalArgumentException on an empty attribute name, or naming the attribute whose value cannot
     *         be converted
     */
    public static Map<String, AttributeValue> fromJava(Map<String, ?> item) {
        requireNonNull(item, "item is null");
        Map<String, AttributeValue> out = LinkedHashMap.newLinkedHashMap(item.size());
        item.forEach((name, o) -> {
            checkName(name);
            Value v;
            try {
                v = Value.of(o);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("attribute \"" + name + "\": " + e.getMessage(), e);
            }
            out.put(name, toSdk(v));
        });
        return out;
    }

    // ---- SDK -> Value

    /**
     * {@return the value the SDK form holds}, checked against every rule of {@link Value}.
     *
     * @param av the SDK value, holding exactly one type
     * @throws IllegalArgumentException naming the position of anything DynamoDB would not store: no type or
     *         several, a type unknown to this SDK, {@code NUL(false)}, number text that is not a decimal or out
     *         of range, empty sets or duplicate members, nesting deeper than {@value Limits#MAX_NESTING}
     * @throws NullPointerException on a null value, or a null element, member or map key inside it
     */
    public static Value fromSdk(AttributeValue av) {
        return fromSdk(av, "", 0);
    }

    private static Value fromSdk(AttributeValue av, String position, int depth) {
        requireNonNull(av, () -> nullMessage(position));
        return switch (av.type()) {
            case S -> new Value.S(av.s());
            case N -> number(av.n(), position);
            case B -> new Value.B(Bytes.of(av.b().asByteArrayUnsafe()));
            case BOOL -> new Value.Bool(av.bool());
            case NUL -> {
                checkNul(av, position);
                yield new Value.Null();
            }
            case L -> {
                checkDepth(depth + 1, position);
                List<AttributeValue> elements = av.l();
                List<Value> values = new ArrayList<>(elements.size());
                for (int i = 0; i < elements.size(); i++) {
                    values.add(fromSdk(elements.get(i), position + "[" + i + "]", depth + 1));
                }
                yield new Value.L(values);
            }
            case M -> {
                checkDepth(depth + 1, position);
                Map<String, AttributeValue> entries = av.m();
                Map<String, Value> values = LinkedHashMap.newLinkedHashMap(entries.size());
                entries.forEach((k, e) -> values.put(checkKey(k, position),
                        fromSdk(e, child(position, k), depth + 1)));
                yield new Value.M(values);
            }
            case SS -> stringSet(av.ss(), position);
            case NS -> numberSet(av.ns(), position);
            case BS -> binarySet(av.bs(), position);
            case UNKNOWN_TO_SDK_VERSION -> throw unknownType(av, position);
            case null -> throw severalTypes(av, position);
            default -> throw unexpectedType(av, position);
        };
    }

    // ---- SDK -> Java

    /**
     * {@return the plain Java form of the SDK value}, checked as by {@link #fromSdk(AttributeValue)}; see the
     * class comment for the Java type of each DynamoDB type (a number is a {@code BigDecimal} exactly as its text).
     *
     * @param av the SDK value, holding exactly one type
     * @throws IllegalArgumentException as {@link #fromSdk(AttributeValue)} does
     */
    public static @Nullable Object toJava(AttributeValue av) {
        return toJava(av, "", 0);
    }

    /**
     * {@return an item in plain Java form}, each attribute converted as by {@link #toJava(AttributeValue)},
     * unmodifiable, in the given map's order, a NULL attribute mapped to {@code null}.
     *
     * @param item attribute names (non-empty) to SDK values
     * @throws IllegalArgumentException on an empty attribute name, or naming the position of a bad value
     */
    public static Map<String, @Nullable Object> toJava(Map<String, AttributeValue> item) {
        requireNonNull(item, "item is null");
        Map<String, @Nullable Object> out = LinkedHashMap.newLinkedHashMap(item.size());
        item.forEach((name, av) -> out.put(checkName(name), toJava(av, name, 0)));
        return Collections.unmodifiableMap(out);
    }

    private static @Nullable Object toJava(AttributeValue av, String position, int depth) {
        requireNonNull(av, () -> nullMessage(position));
        return switch (av.type()) {
            case S -> av.s();
            case N -> number(av.n(), position).value();
            case B -> Bytes.of(av.b().asByteArrayUnsafe());
            case BOOL -> av.bool();
            case NUL -> {
                checkNul(av, position);
                yield null;
            }
            case L -> {
                checkDepth(depth + 1, position);
                List<AttributeValue> elements = av.l();
                List<@Nullable Object> values = new ArrayList<>(elements.size());
                for (int i = 0; i < elements.size(); i++) {
                    values.add(toJava(elements.get(i), position + "[" + i + "]", depth + 1));
                }
                yield Collections.unmodifiableList(values);
            }
            case M -> {
                checkDepth(depth + 1, position);
                Map<String, AttributeValue> entries = av.m();
                Map<String, @Nullable Object> values = LinkedHashMap.newLinkedHashMap(entries.size());
                entries.forEach((k, e) -> values.put(checkKey(k, position), toJava(e, child(position, k), depth + 1)));
                yield Collections.unmodifiableMap(values);
            }
            case SS -> Collections.unmodifiableSet(new LinkedHashSet<>(stringSet(av.ss(), position).values()));
            case NS -> {
                List<Value.N> members = numberSet(av.ns(), position).values();
                Set<BigDecimal> set = LinkedHashSet.newLinkedHashSet(members.size());
                for (Value.N n : members) {
                    set.add(n.value());
                }
                yield Collections.unmodifiableSet(set);
            }
            case BS -> Collections.unmodifiableSet(new LinkedHashSet<>(binarySet(av.bs(), position).values()));
            case UNKNOWN_TO_SDK_VERSION -> throw unknownType(av, position);
            case null -> throw severalTypes(av, position);
            default -> throw unexpectedType(av, position);
        };
    }

    // ---- shared checks

    private static Value.N number(String text, String position) {
        try {
            return new Value.N(Numbers.decimalValue(text));
        } catch (IllegalArgumentException e) {
            throw position.isEmpty() ? e : new IllegalArgumentException("at " + position + ": " + e.getMessage(), e);
        }
    }

    private static Value.SS stringSet(List<String> members, String position) {
        for (int i = 0; i < members.size(); i++) {
            requireNonNull(members.get(i), () -> "SS at " + where(position) + " has a null member");
        }
        return at(position, () -> new Value.SS(members));
    }

    private static Value.NS numberSet(List<String> members, String position) {
        List<Value.N> ns = new ArrayList<>(members.size());
        for (int i = 0; i < members.size(); i++) {
            String text = requireNonNull(members.get(i), () -> "NS at " + where(position) + " has a null member");
            ns.add(number(text, position + "{" + i + "}"));
        }
        return at(position, () -> new Value.NS(ns));
    }

    private static Value.BS binarySet(List<SdkBytes> members, String position) {
        List<Bytes> bs = new ArrayList<>(members.size());
        for (SdkBytes member : members) {
            bs.add(Bytes.of(requireNonNull(member, () -> "BS at " + where(position) + " has a null member")
                    .asByteArrayUnsafe()));
        }
        return at(position, () -> new Value.BS(bs));
    }

    /** Builds a value, adding the position to its message when it breaks a rule somewhere inside a document. */
    private static <V extends Value> V at(String position, Supplier<V> build) {
        if (position.isEmpty()) {
            return build.get();
        }
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("at " + position + ": " + e.getMessage(), e);
        }
    }

    private static void checkNul(AttributeValue av, String position) {
        if (!av.nul()) {
            throw new IllegalArgumentException("NUL at " + where(position)
                    + " is false; DynamoDB's NULL is always true (use AttributeValue.fromNul(true))");
        }
    }

    private static void checkDepth(int depth, String position) {
        // checked on the way down, so a hostile document fails here rather than overflowing the stack
        if (depth > Limits.MAX_NESTING) {
            throw new IllegalArgumentException("document at " + where(position) + " nests more than "
                    + Limits.MAX_NESTING + " levels deep; DynamoDB allows at most " + Limits.MAX_NESTING);
        }
    }

    private static String checkKey(String key, String position) {
        return requireNonNull(key, () -> "M at " + where(position) + " has a null key");
    }

    private static String checkName(String name) {
        requireNonNull(name, "attribute name is null");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("attribute name is empty; DynamoDB names are at least one character");
        }
        return name;
    }

    private static IllegalArgumentException unknownType(AttributeValue av, String position) {
        return new IllegalArgumentException("AttributeValue at " + where(position)
                + " has no type set (or one unknown to this SDK version)"
                + (Redaction.showsValues() ? ": " + av : "")
                + "; it must hold exactly one of S, N, B, BOOL, NUL, L, M, SS, NS, BS");
    }

    /**
     * {@return the SDK value as a message or {@code toString()} may show it}: its type ({@code <S>}, {@code <NULL>}),
     * or the SDK's own text of it while values are shown ({@link Redaction}); for messages and logs that name an SDK
     * value
     *
     * @param av the value
     */
    public static String redacted(AttributeValue av) {
        AttributeValue.Type type = av.type();
        return Redaction.value(av, type == AttributeValue.Type.NUL ? "NULL" : String.valueOf(type));
    }

    private static IllegalArgumentException severalTypes(AttributeValue av, String position) {
        StringJoiner set = new StringJoiner(", ");
        if (av.s() != null) {
            set.add("S");
        }
        if (av.n() != null) {
            set.add("N");
        }
        if (av.b() != null) {
            set.add("B");
        }
        if (av.bool() != null) {
            set.add("BOOL");
        }
        if (av.nul() != null) {
            set.add("NUL");
        }
        if (av.hasL()) {
            set.add("L");
        }
        if (av.hasM()) {
            set.add("M");
        }
        if (av.hasSs()) {
            set.add("SS");
        }
        if (av.hasNs()) {
            set.add("NS");
        }
        if (av.hasBs()) {
            set.add("BS");
        }
        return new IllegalArgumentException("AttributeValue at " + where(position) + " has several types set ("
                + set + "); it must hold exactly one");
    }

    private static IllegalArgumentException unexpectedType(AttributeValue av, String position) {
        // a newer SDK on the user's class path may add a type this code was not compiled against
        return new IllegalArgumentException("AttributeValue at " + where(position) + " has the type " + av.type()
                + ", which Dynamatic does not know");
    }

    private static String nullMessage(String position) {
        return position.isEmpty()
                ? "attribute value is null"
                : "attribute value at " + position + " is null (DynamoDB's NULL is AttributeValue.fromNul(true))";
    }

    private static String child(String position, String key) {
        return position.isEmpty() ? key : position + "." + key;
    }

    private static String where(String position) {
        return position.isEmpty() ? "the top level" : position;
    }
}
