package dev.dynamatic.render;

import static dev.dynamatic.ast.Dsl.binarySet;
import static dev.dynamatic.ast.Dsl.nullValue;
import static dev.dynamatic.ast.Dsl.numberSet;
import static dev.dynamatic.ast.Dsl.stringSet;
import static dev.dynamatic.ast.Dsl.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.ast.Bytes;
import dev.dynamatic.ast.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class AttributeValuesTest {

    private static AttributeValue s(String s) {
        return AttributeValue.fromS(s);
    }

    private static AttributeValue n(String n) {
        return AttributeValue.fromN(n);
    }

    private static AttributeValue b(int... bytes) {
        byte[] a = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            a[i] = (byte) bytes[i];
        }
        return AttributeValue.fromB(SdkBytes.fromByteArray(a));
    }

    private static Bytes bytes(int... bytes) {
        byte[] a = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            a[i] = (byte) bytes[i];
        }
        return Bytes.of(a);
    }

    private static AttributeValue l(AttributeValue... elements) {
        return AttributeValue.fromL(Arrays.asList(elements));
    }

    private static AttributeValue m(Object... keysAndValues) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], (AttributeValue) keysAndValues[i + 1]);
        }
        return AttributeValue.fromM(m);
    }

    private static AttributeValue nested(int levels, AttributeValue innermost) {
        AttributeValue av = innermost;
        for (int i = 0; i < levels; i++) {
            av = AttributeValue.fromL(List.of(av));
        }
        return av;
    }

    // ---- each type, both directions

    static Stream<Arguments> eachType() {
        Map<String, Value> map = new LinkedHashMap<>();
        map.put("z", value(1));
        map.put("a", nullValue());
        return Stream.of(
                Arguments.of(value("héllo 🙂"), s("héllo 🙂")),
                Arguments.of(value(""), s("")),
                Arguments.of(value(new BigDecimal("1.50")), n("1.5")),
                Arguments.of(value(-7), n("-7")),
                Arguments.of(value(new BigDecimal("1E+125")), n("1E+125")),
                Arguments.of(value(new BigDecimal("-1E-130")), n("-1E-130")),
                Arguments.of(value(bytes(1, 2, 255)), b(1, 2, 255)),
                Arguments.of(value(Bytes.of()), b()),
                Arguments.of(value(true), AttributeValue.fromBool(true)),
                Arguments.of(value(false), AttributeValue.fromBool(false)),
                Arguments.of(nullValue(), AttributeValue.fromNul(true)),
                Arguments.of(new Value.L(List.of()), l()),
                Arguments.of(new Value.L(List.of(value("a"), new Value.L(List.of(value(2))))), l(s("a"), l(n("2")))),
                Arguments.of(new Value.M(Map.of()), m()),
                Arguments.of(new Value.M(map), m("z", n("1"), "a", AttributeValue.fromNul(true))),
                Arguments.of(stringSet("b", "a"), AttributeValue.fromSs(List.of("a", "b"))),
                Arguments.of(numberSet(10, 2.5), AttributeValue.fromNs(List.of("2.5", "10"))),
                Arguments.of(binarySet(bytes(2), bytes(1)),
                        AttributeValue.fromBs(List.of(SdkBytes.fromByteArray(new byte[] {1}),
                                SdkBytes.fromByteArray(new byte[] {2})))));
    }

    @ParameterizedTest
    @MethodSource("eachType")
    void convertsEachTypeToSdk(Value v, AttributeValue expected) {
        assertEquals(expected, AttributeValues.toSdk(v));
    }

    @ParameterizedTest
    @MethodSource("eachType")
    void convertsEachTypeFromSdk(Value expected, AttributeValue av) {
        assertEquals(expected, AttributeValues.fromSdk(av));
    }

    @Test
    void keepsMapOrderTowardsTheSdk() {
        Map<String, Value> map = new LinkedHashMap<>();
        for (String k : List.of("z", "a", "m", "b")) {
            map.put(k, value(k));
        }
        assertEquals(List.of("z", "a", "m", "b"), List.copyOf(AttributeValues.toSdk(new Value.M(map)).m().keySet()));
    }

    @Test
    void writesNumbersAsTheirText() {
        assertEquals("1.5", AttributeValues.toSdk(value(new BigDecimal("1.50"))).n());
        assertEquals("1000", AttributeValues.toSdk(value(new BigDecimal("1E+3"))).n());
        assertEquals("1E+125", AttributeValues.toSdk(value(new BigDecimal("1E+125"))).n());
        assertEquals("12345678901234567890123456789012345678",
                AttributeValues.toSdk(value(new BigDecimal("12345678901234567890123456789012345678"))).n());
    }

    @Test
    void readsNumbersNumerically() {
        assertEquals(value(1), AttributeValues.fromSdk(n("1.0")));
        assertEquals(value(1000), AttributeValues.fromSdk(n("1E+3")));
        assertEquals(numberSet(1, 2), AttributeValues.fromSdk(AttributeValue.fromNs(List.of("2.00", "1"))));
    }

    @Test
    void binaryIsCopiedNotShared() {
        byte[] source = {1, 2, 3};
        AttributeValue av = AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(source));
        Value v = AttributeValues.fromSdk(av);
        Object j = AttributeValues.toJava(av);
        source[0] = 9;
        assertEquals(value(bytes(1, 2, 3)), v);
        assertEquals(bytes(1, 2, 3), j);

        Value.B original = value(bytes(4, 5));
        AttributeValues.toSdk(original).b().asByteArrayUnsafe()[0] = 0;
        assertEquals(bytes(4, 5), original.value());
    }

    // ---- Java forms

    @Test
    void readsJavaForms() {
        assertEquals("x", AttributeValues.toJava(s("x")));
        assertEquals(bytes(7), AttributeValues.toJava(b(7)));
        assertEquals(Boolean.TRUE, AttributeValues.toJava(AttributeValue.fromBool(true)));
        assertNull(AttributeValues.toJava(AttributeValue.fromNul(true)));
        assertEquals(Set.of("a", "b"), AttributeValues.toJava(AttributeValue.fromSs(List.of("b", "a"))));
        assertEquals(Set.of(bytes(1), bytes(2)), AttributeValues.toJava(AttributeValue.fromBs(
                List.of(SdkBytes.fromByteArray(new byte[] {2}), SdkBytes.fromByteArray(new byte[] {1})))));
    }

    @Test
    void readsANumberAsABigDecimalExactlyAsItsText() {
        BigDecimal d = (BigDecimal) AttributeValues.toJava(n("1.0"));
        assertEquals(new BigDecimal("1.0"), d); // BigDecimal.equals: same scale
        assertEquals(1, d.scale());
        assertEquals(new BigDecimal("1E+3"), AttributeValues.toJava(n("1E+3")));
        assertEquals(new BigDecimal("-0.000"), AttributeValues.toJava(n("-0.000")));
    }

    @Test
    void readsListsWithNullElementsUnmodifiable() {
        List<?> list = (List<?>) AttributeValues.toJava(l(s("a"), AttributeValue.fromNul(true), l()));
        assertEquals(Arrays.asList("a", null, List.of()), list);
        assertThrows(UnsupportedOperationException.class, () -> list.remove(0));
    }

    @Test
    void readsMapsInOrderWithNullValuesUnmodifiable() {
        Map<?, ?> map = (Map<?, ?>) AttributeValues.toJava(
                m("z", n("1"), "a", AttributeValue.fromNul(true), "m", m()));
        assertEquals(List.of("z", "a", "m"), List.copyOf(map.keySet()));
        assertTrue(map.containsKey("a"));
        assertNull(map.get("a"));
        assertEquals(Map.of(), map.get("m"));
        assertThrows(UnsupportedOperationException.class, map::clear);
    }

    @Test
    void readsSetsSortedUnmodifiable() {
        Set<?> ns = (Set<?>) AttributeValues.toJava(AttributeValue.fromNs(List.of("10", "-1", "2.5")));
        assertEquals(List.of(new BigDecimal("-1"), new BigDecimal("2.5"), new BigDecimal("10")), List.copyOf(ns));
        Set<?> ss = (Set<?>) AttributeValues.toJava(AttributeValue.fromSs(List.of("b", "c", "a")));
        assertEquals(List.of("a", "b", "c"), List.copyOf(ss));
        assertThrows(UnsupportedOperationException.class, ss::clear);
        Set<?> bs = (Set<?>) AttributeValues.toJava(AttributeValue.fromBs(List.of(
                SdkBytes.fromByteArray(new byte[] {(byte) 0x80}), SdkBytes.fromByteArray(new byte[] {1}))));
        assertEquals(List.of(bytes(1), bytes(0x80)), List.copyOf(bs)); // unsigned, as DynamoDB sorts
    }

    @Test
    void writesJavaFormsThroughValueOf() {
        assertEquals(n("42"), AttributeValues.fromJava(42));
        assertEquals(AttributeValue.fromNul(true), AttributeValues.fromJava((Object) null));
        assertEquals(s("x"), AttributeValues.fromJava("x"));
        assertEquals(AttributeValue.fromSs(List.of("a", "b")), AttributeValues.fromJava(new LinkedHashSet<>(List.of("b", "a"))));
        assertEquals(l(s("a"), AttributeValue.fromNul(true)), AttributeValues.fromJava(Arrays.asList("a", null)));
        assertEquals(s("x"), AttributeValues.fromJava(value("x")));
    }

    @Test
    void roundTripsAnItem() {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("pk", "CUST#1");
        item.put("n", new BigDecimal("1.5"));
        item.put("gone", null);
        item.put("tags", Set.of("x"));
        item.put("doc", Map.of("list", List.of(new BigDecimal("1"), Bytes.of((byte) 1))));
        Map<String, AttributeValue> sdk = AttributeValues.fromJava(item);
        assertEquals(List.of("pk", "n", "gone", "tags", "doc"), List.copyOf(sdk.keySet()));
        assertEquals(AttributeValue.fromNul(true), sdk.get("gone"));
        Map<String, Object> back = AttributeValues.toJava(sdk);
        assertEquals(item, back);
        assertEquals(List.copyOf(item.keySet()), List.copyOf(back.keySet()));
        assertThrows(UnsupportedOperationException.class, () -> back.put("x", 1));
    }

    @Test
    void rejectsAnEmptyAttributeNameBothWays() {
        var e1 = assertThrows(IllegalArgumentException.class, () -> AttributeValues.fromJava(Map.of("", 1)));
        assertEquals("attribute name is empty; DynamoDB names are at least one character", e1.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> AttributeValues.toJava(Map.of("", n("1"))));
        assertEquals("attribute name is empty; DynamoDB names are at least one character", e2.getMessage());
    }

    @Test
    void rejectsANullAttributeNameBothWays() {
        Map<String, Object> java = new HashMap<>();
        java.put(null, 1);
        var e1 = assertThrows(NullPointerException.class, () -> AttributeValues.fromJava(java));
        assertEquals("attribute name is null", e1.getMessage());
        Map<String, AttributeValue> sdk = new HashMap<>();
        sdk.put(null, n("1"));
        var e2 = assertThrows(NullPointerException.class, () -> AttributeValues.toJava(sdk));
        assertEquals("attribute name is null", e2.getMessage());
    }

    @Test
    void namesTheAttributeThatCannotBeConverted() {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("ok", 1);
        item.put("tags", List.of("a", new Object()));
        var e = assertThrows(IllegalArgumentException.class, () -> AttributeValues.fromJava(item));
        assertTrue(e.getMessage().startsWith("attribute \"tags\": cannot convert a value of type java.lang.Object at [1]"),
                e.getMessage());
    }

    @Test
    void namesTheAttributeWhoseSdkValueIsBad() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> AttributeValues.toJava(Map.of("price", m("amount", n("ten")))));
        assertEquals("at price.amount: the N value is not a decimal number", e.getMessage());
    }

    // ---- nesting

    @Test
    void acceptsThirtyTwoLevels() {
        AttributeValue av = nested(32, n("1"));
        Value v = AttributeValues.fromSdk(av);
        assertEquals(av, AttributeValues.toSdk(v));
        assertInstanceOf(List.class, AttributeValues.toJava(av));
    }

    @ParameterizedTest
    @MethodSource("readers")
    void rejectsThirtyThreeLevels(String reader, Function<AttributeValue, Object> read) {
        var e = assertThrows(IllegalArgumentException.class, () -> read.apply(nested(33, n("1"))));
        assertEquals("document at " + "[0]".repeat(32) + " nests more than 32 levels deep; DynamoDB allows at most 32",
                e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("readers")
    void rejectsAHostileDepthWithoutOverflowingTheStack(String reader, Function<AttributeValue, Object> read) {
        AttributeValue deep = nested(100_000, m());
        var e = assertThrows(IllegalArgumentException.class, () -> read.apply(deep));
        assertTrue(e.getMessage().contains("nests more than 32 levels deep"), e.getMessage());
    }

    // ---- rejections, the same from both readers

    static Stream<Arguments> readers() {
        return Stream.of(
                Arguments.of("fromSdk", (Function<AttributeValue, Object>) AttributeValues::fromSdk),
                Arguments.of("toJava", (Function<AttributeValue, Object>) AttributeValues::toJava));
    }

    static Stream<Arguments> invalid() {
        List<Arguments> cases = new ArrayList<>();
        Object[][] table = {
            {"no type", AttributeValue.builder().build(),
                "AttributeValue at the top level has no type set (or one unknown to this SDK version)"},
            {"two types", AttributeValue.builder().s("x").n("1").build(),
                "AttributeValue at the top level has several types set (S, N); it must hold exactly one"},
            {"NUL false", AttributeValue.fromNul(false),
                "NUL at the top level is false; DynamoDB's NULL is always true"},
            {"N not a number", n("abc"), "the N value is not a decimal number"},
            {"N empty", n(""), "the N value is not a decimal number"},
            {"N NaN", n("NaN"), "the N value is not a decimal number"},
            {"N 39 digits", n("123456789012345678901234567890123456789"), "the number has 39 significant digits"},
            {"N too large", n("1E+126"), "the number is too large in magnitude; DynamoDB's numbers are below 1E+126"},
            {"N too small", n("1E-131"), "the number is too small in magnitude; DynamoDB's smallest is 1E-130"},
            {"SS empty", AttributeValue.fromSs(List.of()), "string set is empty"},
            {"SS duplicate", AttributeValue.fromSs(List.of("a", "a")), "string set has the member <String> twice (positions 0 and 1)"},
            {"NS empty", AttributeValue.fromNs(List.of()), "number set is empty"},
            {"NS duplicate", AttributeValue.fromNs(List.of("1", "1.0")), "number set has the member <N> twice (positions 0 and 1)"},
            {"NS member not a number", AttributeValue.fromNs(List.of("1", "x")),
                "at {1}: the N value is not a decimal number"},
            {"BS empty", AttributeValue.fromBs(List.of()), "binary set is empty"},
            {"BS duplicate", AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("a"), SdkBytes.fromUtf8String("a"))),
                "binary set has the member"},
            {"nested bad number", l(s("x"), m("x", n("1e"))), "at [1].x: the N value is not a decimal number"},
            {"nested empty set", m("a", m("b", AttributeValue.fromSs(List.of()))),
                "at a.b: string set is empty; DynamoDB sets cannot be empty"},
            {"nested no type", m("a", l(AttributeValue.builder().build())),
                "AttributeValue at a[0] has no type set"},
            {"nested NUL false", l(l(AttributeValue.fromNul(false))), "NUL at [0][0] is false"},
        };
        for (Object[] row : table) {
            for (Arguments reader : readers().toList()) {
                cases.add(Arguments.of(row[0], reader.get()[0], reader.get()[1], row[1], row[2]));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("invalid")
    void rejectsWhatDynamoDbWouldNotStore(String name, String reader, Function<AttributeValue, Object> read,
            AttributeValue av, String message) {
        var e = assertThrows(IllegalArgumentException.class, () -> read.apply(av));
        assertTrue(e.getMessage().contains(message), () -> "message: " + e.getMessage());
    }

    static Stream<Arguments> nulls() {
        List<Arguments> cases = new ArrayList<>();
        Object[][] table = {
            {"list element", l(s("a"), null),
                "attribute value at [1] is null (DynamoDB's NULL is AttributeValue.fromNul(true))"},
            {"map value", m("k", null),
                "attribute value at k is null (DynamoDB's NULL is AttributeValue.fromNul(true))"},
            {"SS member", AttributeValue.fromSs(Arrays.asList("a", null)), "SS at the top level has a null member"},
            {"NS member", m("x", AttributeValue.fromNs(Arrays.asList("1", null))), "NS at x has a null member"},
            {"BS member", AttributeValue.fromBs(Arrays.asList(SdkBytes.fromUtf8String("a"), null)),
                "BS at the top level has a null member"},
        };
        for (Object[] row : table) {
            for (Arguments reader : readers().toList()) {
                cases.add(Arguments.of(row[0], reader.get()[0], reader.get()[1], row[1], row[2]));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("nulls")
    void rejectsNullsInside(String name, String reader, Function<AttributeValue, Object> read,
            AttributeValue av, String message) {
        var e = assertThrows(NullPointerException.class, () -> read.apply(av));
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("readers")
    void rejectsANullAttributeValue(String reader, Function<AttributeValue, Object> read) {
        var e = assertThrows(NullPointerException.class, () -> read.apply(null));
        assertEquals("attribute value is null", e.getMessage());
    }

    @Test
    void rejectsANullValue() {
        var e = assertThrows(NullPointerException.class, () -> AttributeValues.toSdk(null));
        assertEquals("value is null", e.getMessage());
    }

    @Test
    void reusesImmutableConstants() {
        assertSame(AttributeValues.toSdk(nullValue()), AttributeValues.toSdk(nullValue())); // immutable, so cached
        assertEquals(AttributeValue.fromBool(true), AttributeValues.toSdk(value(true)));
    }
}
