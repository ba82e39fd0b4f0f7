package dev.dynamatic.ast;

import static dev.dynamatic.ast.Dsl.binarySet;
import static dev.dynamatic.ast.Dsl.epochSeconds;
import static dev.dynamatic.ast.Dsl.nullValue;
import static dev.dynamatic.ast.Dsl.numberSet;
import static dev.dynamatic.ast.Dsl.stringSet;
import static dev.dynamatic.ast.Dsl.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueTest {

    private static Value.N n(String text) {
        return new Value.N(new BigDecimal(text));
    }

    // ---- the value(..) overloads

    enum Colour { RED }

    static Stream<Arguments> overloads() {
        UUID uuid = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("b", 1);
        map.put("a", null);
        return Stream.of(
                Arguments.of(value("x"), new Value.S("x")),
                Arguments.of(value(""), new Value.S("")),
                Arguments.of(value(42), n("42")),
                Arguments.of(value(42L), n("42")),
                Arguments.of(value(Long.MAX_VALUE), n("9223372036854775807")),
                Arguments.of(value(0.1), n("0.1")),
                Arguments.of(value(0.1f), n("0.1")),
                Arguments.of(value(new BigDecimal("1.50")), n("1.5")),
                Arguments.of(value(new BigInteger("12345678901234567890")), n("12345678901234567890")),
                Arguments.of(value(true), new Value.Bool(true)),
                Arguments.of(value(Bytes.of((byte) 1, (byte) 2)), new Value.B(Bytes.of((byte) 1, (byte) 2))),
                Arguments.of(value(Colour.RED), new Value.S("RED")),
                Arguments.of(value(TimeUnit.SECONDS), new Value.S("SECONDS")),
                Arguments.of(value(uuid), new Value.S("123e4567-e89b-12d3-a456-426614174000")),
                Arguments.of(value(Instant.parse("2026-11-27T09:00:00Z")), new Value.S("2026-11-27T09:00:00.000000000Z")),
                Arguments.of(value(List.of(1, "a")), new Value.L(List.of(n("1"), new Value.S("a")))),
                Arguments.of(value(map), new Value.M(Map.of("b", n("1"), "a", new Value.Null()))),
                Arguments.of(nullValue(), new Value.Null()),
                Arguments.of(epochSeconds(Instant.parse("1970-01-01T00:00:01.999Z")), n("1")),
                Arguments.of(epochSeconds(Instant.parse("2026-11-27T09:00:00.5Z")), n("1795770000")),
                Arguments.of(stringSet("b", "a"), new Value.SS(List.of("a", "b"))),
                Arguments.of(stringSet(List.of("b", "a")), new Value.SS(List.of("a", "b"))),
                Arguments.of(numberSet(2, 1.5), new Value.NS(List.of(n("1.5"), n("2")))),
                Arguments.of(numberSet(List.of(2L, new BigDecimal("1.5"))), new Value.NS(List.of(n("1.5"), n("2")))),
                Arguments.of(binarySet(Bytes.of((byte) 2), Bytes.of((byte) 1)),
                        new Value.BS(List.of(Bytes.of((byte) 1), Bytes.of((byte) 2)))),
                Arguments.of(binarySet(List.of(Bytes.of((byte) 1))), new Value.BS(List.of(Bytes.of((byte) 1)))));
    }

    @ParameterizedTest
    @MethodSource("overloads")
    void buildsEachOverload(Value built, Value expected) {
        assertEquals(expected, built);
        assertEquals(expected.hashCode(), built.hashCode());
        assertEquals(expected.type(), built.type());
    }

    @Test
    void reportsEachType() {
        assertEquals(List.of(Value.Type.S, Value.Type.N, Value.Type.B, Value.Type.BOOL, Value.Type.NULL, Value.Type.L,
                        Value.Type.M, Value.Type.SS, Value.Type.NS, Value.Type.BS),
                Stream.of(value("x"), value(1), value(Bytes.of()), value(false), nullValue(), value(List.of()),
                        value(Map.of()), stringSet("x"), numberSet(1), binarySet(Bytes.of())).map(Value::type).toList());
    }

    // ---- numbers

    @ParameterizedTest
    @ValueSource(strings = {
        "12345678901234567890123456789012345678", "-12345678901234567890123456789012345678",
        "1.2345678901234567890123456789012345678", "1000000000000000000000000000000000000000000000", // 1 digit
        "1E-130", "-1E-130", "1.5E-130", "9.9999999999999999999999999999999999999E+125",
        "-9.9999999999999999999999999999999999999E+125", "0", "0.000", "0E+300", "-0"})
    void acceptsNumbersInRange(String text) {
        assertEquals(0, new BigDecimal(text).compareTo(n(text).value()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            123456789012345678901234567890123456789      | has 39 significant digits; DynamoDB keeps at most 38 (it is not rounded)
            1.23456789012345678901234567890123456789     | has 39 significant digits; DynamoDB keeps at most 38 (it is not rounded)
            9.99999999999999999999999999999999999999E+125 | has 39 significant digits; DynamoDB keeps at most 38 (it is not rounded)
            1E-131                                       | is too small in magnitude; DynamoDB's smallest is 1E-130
            -9E-131                                      | is too small in magnitude; DynamoDB's smallest is 1E-130
            1E+126                                       | is too large in magnitude; DynamoDB's numbers are below 1E+126
            -1E+126                                      | is too large in magnitude; DynamoDB's numbers are below 1E+126
            1.0E+200                                     | is too large in magnitude; DynamoDB's numbers are below 1E+126
            """)
    void rejectsNumbersOutOfRangeWithoutShowingThem(String text, String problem) {
        var e = assertThrows(IllegalArgumentException.class, () -> n(text));
        assertEquals("the number " + problem, e.getMessage());
    }

    @Test
    void namesThePositionOfABadNumberInsideADocument() {
        var e = assertThrows(IllegalArgumentException.class, () -> Value.of(Map.of("a", List.of(1, Double.NaN))));
        assertEquals("at a[1]: the number is NaN; DynamoDB numbers are finite", e.getMessage());
        var set = assertThrows(IllegalArgumentException.class, () -> numberSet(1, new BigDecimal("1E+200")));
        assertEquals("at {1}: the number is too large in magnitude; DynamoDB's numbers are below 1E+126",
                set.getMessage());
    }

    @Test
    void rejectsDoublesOutOfRange() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> value(1e300)).getMessage()
                .contains("too large in magnitude"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> value(Double.MIN_VALUE)).getMessage()
                .contains("too small in magnitude"));
    }

    static Stream<Arguments> notFinite() {
        return Stream.of(
                Arguments.of((Runnable) () -> value(Double.NaN), "NaN"),
                Arguments.of((Runnable) () -> value(Double.POSITIVE_INFINITY), "Infinity"),
                Arguments.of((Runnable) () -> value(Double.NEGATIVE_INFINITY), "-Infinity"),
                Arguments.of((Runnable) () -> value(Float.NaN), "NaN"),
                Arguments.of((Runnable) () -> value(Float.POSITIVE_INFINITY), "Infinity"),
                Arguments.of((Runnable) () -> Value.of(Double.NaN), "NaN"),
                Arguments.of((Runnable) () -> Value.of(Float.NEGATIVE_INFINITY), "-Infinity"));
    }

    @ParameterizedTest
    @MethodSource("notFinite")
    void rejectsNaNAndInfinity(Runnable build, String shown) {
        var e = assertThrows(IllegalArgumentException.class, build::run);
        assertEquals("the number is " + shown + "; DynamoDB numbers are finite", e.getMessage());
    }

    @Test
    void comparesNumbersNumerically() {
        assertEquals(value(1), value(new BigDecimal("1.0")));
        assertEquals(value(new BigDecimal("1.0")), value(1));
        assertEquals(value(new BigDecimal("1.0")).hashCode(), value(1).hashCode());
        assertEquals(value(100), value(new BigDecimal("1E+2")));
        assertEquals(value(100).hashCode(), value(new BigDecimal("1E+2")).hashCode());
        assertEquals(value(0), value(new BigDecimal("-0.000")));
        assertEquals(value(0).hashCode(), value(new BigDecimal("0E+10")).hashCode());
        assertEquals(value(1), value(1.0));
        assertNotEquals(value(1), value(new BigDecimal("1.0000000000000000000000000000000000001")));
        assertNotEquals(value(1), value("1"));
    }

    @ParameterizedTest
    @CsvSource({
        "1.50, 1.5", "1E+3, 1000", "-7, -7", "0.001, 0.001",
        "1E+39, 1000000000000000000000000000000000000000", "1E+40, 1E+40",
        "1E-39, 0.000000000000000000000000000000000000001", "1E-40, 1E-40",
        "1E+125, 1E+125", "-1.5E-100, -1.5E-100", "1E-130, 1E-130"})
    void writesNumbersAsText(String number, String text) {
        assertEquals(text, n(number).text());
        assertEquals(0, new BigDecimal(text).compareTo(new BigDecimal(number)));
    }

    @Test
    void convertsEveryKindOfJavaNumber() {
        assertEquals(value(7), Value.of((short) 7));
        assertEquals(value(7), Value.of((byte) 7));
        assertEquals(value(7), Value.of(7L));
        assertEquals(value(7), Value.of(BigInteger.valueOf(7)));
        assertEquals(value(7), Value.of(new AtomicLong(7)));
        assertEquals(value(0.5), Value.of(0.5f));
    }

    // ---- sets

    static Stream<Arguments> emptySets() {
        return Stream.of(
                Arguments.of((Runnable) () -> stringSet(), "string set is empty; DynamoDB sets cannot be empty"),
                Arguments.of((Runnable) () -> stringSet(List.of()), "string set is empty; DynamoDB sets cannot be empty"),
                Arguments.of((Runnable) () -> numberSet(), "number set is empty; DynamoDB sets cannot be empty"),
                Arguments.of((Runnable) () -> numberSet(List.of()), "number set is empty; DynamoDB sets cannot be empty"),
                Arguments.of((Runnable) () -> binarySet(), "binary set is empty; DynamoDB sets cannot be empty"),
                Arguments.of((Runnable) () -> binarySet(List.of()), "binary set is empty; DynamoDB sets cannot be empty"),
                Arguments.of((Runnable) () -> Value.of(Set.of()), "set at the top level is empty; DynamoDB sets cannot be empty"),
                Arguments.of((Runnable) () -> value(List.of(Set.of())), "set at [0] is empty; DynamoDB sets cannot be empty"));
    }

    @ParameterizedTest
    @MethodSource("emptySets")
    void rejectsEmptySets(Runnable build, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, build::run).getMessage());
    }

    static Stream<Arguments> duplicateMembers() {
        return Stream.of(
                Arguments.of((Runnable) () -> stringSet("a", "b", "a"),
                        "string set has the member <String> twice (positions 0 and 2); DynamoDB set members are unique"),
                Arguments.of((Runnable) () -> numberSet(1, 2, 1),
                        "number set has the member <N> twice (positions 0 and 2)"),
                Arguments.of((Runnable) () -> numberSet(new BigDecimal("1.0"), 1),
                        "number set has the member <N> twice (positions 0 and 1)"),
                Arguments.of((Runnable) () -> numberSet(1, 1.0), "number set has the member <N> twice"),
                Arguments.of((Runnable) () -> Value.of(new LinkedHashSet<>(List.of(new BigDecimal("1.0"), BigDecimal.ONE))),
                        "number set has the member <N> twice"),
                Arguments.of((Runnable) () -> binarySet(Bytes.of((byte) 1), Bytes.of((byte) 1)),
                        "binary set has the member <Bytes> twice (positions 0 and 1)"));
    }

    @ParameterizedTest
    @MethodSource("duplicateMembers")
    void rejectsDuplicateMembers(Runnable build, String message) {
        var e = assertThrows(IllegalArgumentException.class, build::run);
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void keepsSetsSorted() {
        assertEquals(List.of("A", "B", "a", "é"), stringSet("é", "a", "B", "A").values());
        assertEquals(List.of(n("-10"), n("2"), n("2.5"), n("10")), numberSet(10, 2.5, -10, 2).values());
        assertEquals(List.of(Bytes.of((byte) 1), Bytes.of((byte) 1, (byte) 0), Bytes.of((byte) 0x7f), Bytes.of((byte) 0x80)),
                binarySet(Bytes.of((byte) 0x80), Bytes.of((byte) 1, (byte) 0), Bytes.of((byte) 0x7f), Bytes.of((byte) 1))
                        .values());
        assertEquals(stringSet("a", "b"), stringSet("b", "a"));
    }

    @Test
    void convertsJavaSetsByMemberType() {
        assertEquals(stringSet("a", "b"), Value.of(new LinkedHashSet<>(List.of("b", "a"))));
        assertEquals(stringSet("RED"), Value.of(Set.of(Colour.RED)));
        assertEquals(numberSet(1, 2), Value.of(Set.of(1, 2L)));
        assertEquals(binarySet(Bytes.of((byte) 1)), Value.of(Set.of(Bytes.of((byte) 1))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            mixed strings | set at the top level mixes types (found java.lang.Integer); a DynamoDB set holds strings only, numbers only or binary only
            booleans      | set at the top level holds a java.lang.Boolean; DynamoDB sets hold strings, numbers or binary only
            """)
    void rejectsJavaSetsThatAreNotDynamoDbSets(String kind, String message) {
        Set<Object> set = new LinkedHashSet<>();
        if (kind.equals("mixed strings")) {
            set.add("a");
            set.add(1);
        } else {
            set.add(true);
        }
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> Value.of(set)).getMessage());
    }

    // ---- documents

    @Test
    void convertsListsAndMapsRecursively() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("n", 1);
        inner.put("gone", null);
        inner.put("tags", Set.of("x"));
        Value v = value(Arrays.asList("a", null, List.of(true, Optional.of(2), Optional.empty()), inner));
        Map<String, Value> expectedInner = new LinkedHashMap<>();
        expectedInner.put("n", value(1));
        expectedInner.put("gone", nullValue());
        expectedInner.put("tags", stringSet("x"));
        assertEquals(new Value.L(List.of(value("a"), nullValue(),
                new Value.L(List.of(value(true), value(2), nullValue())), new Value.M(expectedInner))), v);
    }

    @Test
    void keepsMapOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String k : List.of("z", "a", "m")) {
            m.put(k, k);
        }
        assertEquals(List.of("z", "a", "m"), List.copyOf(value(m).values().keySet()));
    }

    @Test
    void copiesDocuments() {
        List<Value> list = new ArrayList<>(List.of(value(1)));
        Value.L l = new Value.L(list);
        list.add(value(2));
        assertEquals(1, l.values().size());
        assertThrows(UnsupportedOperationException.class, () -> l.values().add(value(3)));

        Map<String, Value> map = new HashMap<>(Map.of("a", value(1)));
        Value.M m = new Value.M(map);
        map.put("b", value(2));
        assertEquals(1, m.values().size());
        assertThrows(UnsupportedOperationException.class, () -> m.values().put("c", value(3)));
    }

    static Stream<Arguments> unconvertible() {
        return Stream.of(
                Arguments.of(List.of(1, 2, Map.of("x", new Object())), "java.lang.Object at [2].x"),
                Arguments.of(List.of(List.of(), List.of(1, Thread.State.NEW, new StringBuilder("s"))),
                        "java.lang.StringBuilder at [1][2]"),
                Arguments.of(Map.of("a", Map.of("b", List.of(Instant.EPOCH, 'c'))), "java.lang.Character at a.b[1]"),
                Arguments.of(new Object(), "java.lang.Object at the top level"));
    }

    @ParameterizedTest
    @MethodSource("unconvertible")
    void rejectsUnsupportedElementsNamingClassAndPosition(Object javaValue, String where) {
        var e = assertThrows(IllegalArgumentException.class, () -> Value.of(javaValue));
        assertTrue(e.getMessage().startsWith("cannot convert a value of type " + where + " to a DynamoDB value"),
                e.getMessage());
    }

    @Test
    void rejectsNonStringMapKeys() {
        var e = assertThrows(IllegalArgumentException.class, () -> Value.of(List.of(Map.of(1, "a"))));
        assertEquals("a map key at [0] is a java.lang.Integer; DynamoDB map keys are strings", e.getMessage());
    }

    @Test
    void rejectsAHugeNumberByItsMagnitudeInAShortMessage() {
        // 10^99999: once most of a second of stripping zeros; judged by its exponent now
        var e = assertThrows(IllegalArgumentException.class, () -> value(new BigDecimal(BigInteger.TEN.pow(99_999))));
        assertEquals("the number is too large in magnitude; DynamoDB's numbers are below 1E+126", e.getMessage());
        var digits = assertThrows(IllegalArgumentException.class,
                () -> value(new BigDecimal(BigInteger.TEN.pow(99_999).add(BigInteger.ONE), 99_999)));
        assertEquals("the number has more than 38 significant digits; DynamoDB keeps at most 38 (it is not rounded)",
                digits.getMessage());
    }

    @Test
    void rejectsNullsInsideRecords() {
        assertEquals("string value is null", assertThrows(NullPointerException.class, () -> new Value.S(null)).getMessage());
        assertEquals("number value is null", assertThrows(NullPointerException.class, () -> new Value.N(null)).getMessage());
        assertEquals("binary value is null", assertThrows(NullPointerException.class, () -> new Value.B(null)).getMessage());
        Map<String, Value> m = new HashMap<>();
        m.put("k", null);
        assertEquals("values[\"k\"] is null (use Dsl.nullValue())",
                assertThrows(NullPointerException.class, () -> new Value.M(m)).getMessage());
        assertEquals("values[1] is null",
                assertThrows(NullPointerException.class, () -> new Value.L(Arrays.asList(value(1), null))).getMessage());
    }

    private static Value nestedLists(int levels) {
        Value v = value(1);
        for (int i = 0; i < levels; i++) {
            v = new Value.L(List.of(v));
        }
        return v;
    }

    private static Value nestedMaps(int levels) {
        Value v = value(1);
        for (int i = 0; i < levels; i++) {
            v = new Value.M(Map.of("k", v));
        }
        return v;
    }

    private static Object nestedJavaLists(int levels) {
        Object o = 1;
        for (int i = 0; i < levels; i++) {
            o = List.of(o);
        }
        return o;
    }

    @Test
    void acceptsThirtyTwoLevels() {
        nestedLists(32);
        nestedMaps(32);
        Value.of(nestedJavaLists(32));
    }

    static Stream<Arguments> tooDeep() {
        return Stream.of(
                Arguments.of((Runnable) () -> nestedLists(33)),
                Arguments.of((Runnable) () -> nestedMaps(33)),
                Arguments.of((Runnable) () -> new Value.L(List.of(nestedMaps(16), new Value.M(Map.of("x", nestedLists(32)))))),
                Arguments.of((Runnable) () -> Value.of(nestedJavaLists(33))));
    }

    @ParameterizedTest
    @MethodSource("tooDeep")
    void rejectsMoreThanThirtyTwoLevels(Runnable build) {
        var e = assertThrows(IllegalArgumentException.class, build::run);
        assertTrue(e.getMessage().contains("33 levels deep; DynamoDB allows at most 32")
                || e.getMessage().contains("nests more than 32 levels deep; DynamoDB allows at most 32"), e.getMessage());
    }

    @Test
    void rejectsVeryDeepJavaInputWithoutOverflowingTheStack() {
        var e = assertThrows(IllegalArgumentException.class, () -> Value.of(nestedJavaLists(100_000)));
        assertTrue(e.getMessage().contains("nests more than 32 levels deep"), e.getMessage());
    }

    // ---- strings from Java types

    @Test
    void writesInstantsAsFixedWidthTextInTimeOrder() {
        String whole = value(Instant.parse("2026-11-27T09:00:00Z")).value();
        String half = value(Instant.parse("2026-11-27T09:00:00.5Z")).value();
        String nano = value(Instant.parse("2026-11-27T09:00:00.000000001Z")).value();
        assertEquals("2026-11-27T09:00:00.000000000Z", whole);
        assertEquals("2026-11-27T09:00:00.500000000Z", half);
        assertTrue(whole.compareTo(nano) < 0 && nano.compareTo(half) < 0);
        // the JDK's own text sorts these the wrong way round, which is why it is not used
        assertTrue("2026-11-27T09:00:00Z".compareTo("2026-11-27T09:00:00.500Z") > 0);
        assertEquals(whole.length(), half.length());
        assertEquals("0000-01-01T00:00:00.000000000Z", value(Instant.parse("0000-01-01T00:00:00Z")).value());
        assertEquals("9999-12-31T23:59:59.999999999Z", value(Instant.parse("9999-12-31T23:59:59.999999999Z")).value());
        assertEquals(value(Instant.EPOCH), Value.of(Instant.EPOCH));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-0001-12-31T23:59:59.999999999Z", "+10000-01-01T00:00:00Z"})
    void rejectsInstantsOutsideFourDigitYears(String instant) {
        var e = assertThrows(IllegalArgumentException.class, () -> value(Instant.parse(instant)));
        assertTrue(e.getMessage().endsWith("is outside years 0000-9999, where ISO-8601 text no longer sorts in time order"),
                e.getMessage());
    }

    @Test
    void writesEpochSecondsAsANumber() {
        Instant t = Instant.parse("2026-11-27T09:00:00.999Z");
        assertEquals(value(t.getEpochSecond()), epochSeconds(t));
        assertEquals(value(-1), epochSeconds(Instant.parse("1969-12-31T23:59:59.5Z")));
    }

    @Test
    void writesUuidsAndEnumsAsStrings() {
        UUID u = UUID.randomUUID();
        assertEquals(new Value.S(u.toString()), value(u));
        assertEquals(value(u), Value.of(u));
        assertEquals(value("RED"), Value.of(Colour.RED));
    }

    @Test
    void convertsBinaryForms() {
        byte[] array = {1, 2};
        assertEquals(value(Bytes.of((byte) 1, (byte) 2)), Value.of(array));
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {0, 1, 2});
        buffer.position(1);
        assertEquals(value(Bytes.of((byte) 1, (byte) 2)), Value.of(buffer));
        assertEquals(1, buffer.position());
    }

    @Test
    void returnsAValueAsIs() {
        Value v = value("x");
        assertTrue(v == Value.of(v));
        assertEquals(nullValue(), Value.of(null));
    }
}
