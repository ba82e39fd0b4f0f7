package dev.dynamatic.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.ast.Bytes;
import dev.dynamatic.ast.Value;
import dev.dynamatic.render.AttributeValues;
import java.lang.invoke.MethodHandles;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class RecordCodecTest {

    enum Color { RED, GREEN, BLUE }

    record Address(String street, String city, Optional<String> zip) {}

    record Customer(
            String id,
            int age,
            long visits,
            Address address,
            List<Address> previous,
            Set<String> tags,
            Set<Integer> lucky,
            Map<String, Integer> scores,
            Color color,
            Optional<Color> accent,
            UUID uuid,
            Instant since,
            BigDecimal balance,
            Bytes avatar,
            boolean vip,
            Double rating) {}

    record Numbers(int i, long l, short s, byte b, double d, float f, BigDecimal dec, BigInteger big,
                   Integer boxed) {}

    record Node(String name, List<Node> children) {}

    record Blob(byte[] data, List<byte[]> more) {}

    record Sets(Set<Color> colors, Set<UUID> ids, Set<BigDecimal> decimals, Set<Bytes> blobs, Set<Instant> times) {}

    record Loose(Value value, Object anything, Item item, Map<String, String> map, List<String> list,
                 List<Optional<String>> maybe) {}

    record Positive(int n) {
        Positive {
            if (n <= 0) {
                throw new IllegalArgumentException("n must be positive, was " + n);
            }
        }
    }

    record Wrapper(String id, Positive positive) {}

    private record Secret(String code, Hidden hidden) {}

    private record Hidden(int level) {}

    private static final ItemCodec<Customer> CUSTOMERS = RecordCodec.of(Customer.class);

    private static final Customer ALICE = new Customer(
            "c-1", 42, 7_000_000_000L,
            new Address("1 Main St", "Lyon", Optional.of("69001")),
            List.of(new Address("2 Old Rd", "Paris", Optional.empty()), new Address("3 Quay", "Nice", Optional.empty())),
            Set.of("gold", "early"),
            Set.of(7, 13),
            Map.of("q1", 10, "q2", 20),
            Color.GREEN,
            Optional.of(Color.BLUE),
            UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
            Instant.parse("2024-05-01T12:00:00.5Z"),
            new BigDecimal("12345678901234567890123456789012345678"),
            Bytes.of((byte) 0, (byte) -1),
            true,
            4.5);

    private static AttributeValue n(String text) {
        return AttributeValue.fromN(text);
    }

    private static AttributeValue s(String text) {
        return AttributeValue.fromS(text);
    }

    private static String message(Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    private static <R extends Record> R roundTrip(ItemCodec<R> codec, R value) {
        return codec.decode(codec.encode(value));
    }

    // ---- round trips and the stored form

    @Test
    void roundTripsEveryKindOfComponent() {
        assertEquals(ALICE, roundTrip(CUSTOMERS, ALICE));
    }

    @Test
    void storesEachComponentAsItsDynamoDbType() {
        Map<String, AttributeValue> item = CUSTOMERS.encode(ALICE);
        assertEquals(List.of("id", "age", "visits", "address", "previous", "tags", "lucky", "scores", "color", "accent",
                "uuid", "since", "balance", "avatar", "vip", "rating"), List.copyOf(item.keySet()));
        assertEquals(s("c-1"), item.get("id"));
        assertEquals(n("42"), item.get("age"));
        assertEquals(n("7000000000"), item.get("visits"));
        assertEquals(AttributeValue.fromM(Map.of("street", s("1 Main St"), "city", s("Lyon"), "zip", s("69001"))),
                item.get("address"));
        assertEquals(AttributeValue.fromM(Map.of("street", s("2 Old Rd"), "city", s("Paris"))),
                item.get("previous").l().get(0), "an empty Optional is left out");
        assertEquals(AttributeValue.fromSs(List.of("early", "gold")), item.get("tags"));
        assertEquals(AttributeValue.fromNs(List.of("7", "13")), item.get("lucky"));
        assertEquals(AttributeValue.fromM(Map.of("q1", n("10"), "q2", n("20"))), item.get("scores"));
        assertEquals(s("GREEN"), item.get("color"));
        assertEquals(s("BLUE"), item.get("accent"));
        assertEquals(s("123e4567-e89b-12d3-a456-426614174000"), item.get("uuid"));
        assertEquals(s("2024-05-01T12:00:00.500000000Z"), item.get("since"));
        assertEquals(n("12345678901234567890123456789012345678"), item.get("balance"));
        assertEquals(AttributeValues.fromJava(Bytes.of((byte) 0, (byte) -1)), item.get("avatar"));
        assertEquals(AttributeValue.fromBool(true), item.get("vip"));
        assertEquals(n("4.5"), item.get("rating"));
    }

    @Test
    void keepsBigDecimalsOf38DigitsExactly() {
        for (String text : List.of("12345678901234567890123456789012345678", "-0.12345678901234567890123456789012345678",
                "9.9999999999999999999999999999999999999E+125", "1E-130")) {
            Numbers numbers = new Numbers(0, 0, (short) 0, (byte) 0, 0, 0, new BigDecimal(text), BigInteger.ONE, null);
            Numbers back = roundTrip(RecordCodec.of(Numbers.class), numbers);
            assertEquals(new BigDecimal(text), back.dec());
            assertEquals(text, back.dec().toString());
        }
    }

    @Test
    void roundTripsNumbersAtTheirLimits() {
        ItemCodec<Numbers> codec = RecordCodec.of(Numbers.class);
        Numbers max = new Numbers(Integer.MAX_VALUE, Long.MAX_VALUE, Short.MAX_VALUE, Byte.MAX_VALUE, 1.7976931348623157E125,
                Float.MAX_VALUE, BigDecimal.ONE, new BigInteger("99999999999999999999999999999999999999"), -1);
        Numbers min = new Numbers(Integer.MIN_VALUE, Long.MIN_VALUE, Short.MIN_VALUE, Byte.MIN_VALUE, -0.1,
                Float.MIN_VALUE, BigDecimal.ZERO, BigInteger.ZERO, Integer.MIN_VALUE);
        assertEquals(max, roundTrip(codec, max));
        assertEquals(min, roundTrip(codec, min));
    }

    @Test
    void roundTripsByteArrays() {
        ItemCodec<Blob> codec = RecordCodec.of(Blob.class);
        Blob blob = new Blob(new byte[] {1, 2, 3}, List.of(new byte[0], new byte[] {-128}));
        Blob back = roundTrip(codec, blob);
        assertArrayEquals(blob.data(), back.data());
        assertEquals(2, back.more().size());
        assertArrayEquals(new byte[0], back.more().get(0));
        assertArrayEquals(new byte[] {-128}, back.more().get(1));
    }

    @Test
    void roundTripsSetsOfEachDynamoDbSetType() {
        ItemCodec<Sets> codec = RecordCodec.of(Sets.class);
        Sets sets = new Sets(Set.of(Color.RED, Color.BLUE), Set.of(UUID.randomUUID()),
                Set.of(new BigDecimal("1.5"), new BigDecimal("-2")), Set.of(Bytes.of((byte) 1), Bytes.of()),
                Set.of(Instant.EPOCH, Instant.parse("2024-01-01T00:00:00Z")));
        Map<String, AttributeValue> item = codec.encode(sets);
        assertEquals(AttributeValue.fromSs(List.of("BLUE", "RED")), item.get("colors"));
        assertEquals(AttributeValue.fromNs(List.of("-2", "1.5")), item.get("decimals"));
        assertEquals(AttributeValue.Type.BS, item.get("blobs").type());
        assertEquals(AttributeValue.Type.SS, item.get("times").type());
        assertEquals(sets, codec.decode(item));
    }

    @Test
    void roundTripsRecursiveRecords() {
        ItemCodec<Node> codec = RecordCodec.of(Node.class);
        Node tree = new Node("root", List.of(new Node("a", List.of(new Node("a1", List.of()))), new Node("b", List.of())));
        assertEquals(tree, roundTrip(codec, tree));
    }

    @Test
    void roundTripsValuesItemsAndLooseData() {
        ItemCodec<Loose> codec = RecordCodec.of(Loose.class);
        Map<String, String> withNull = new LinkedHashMap<>();
        withNull.put("k", null);
        withNull.put("j", "v");
        Loose loose = new Loose(new Value.Null(), List.of(1, "x"), Item.of(Map.of("a", 1)), withNull,
                Arrays.asList("x", null), List.of(Optional.of("y"), Optional.empty()));
        Map<String, AttributeValue> item = codec.encode(loose);
        assertEquals(AttributeValue.fromNul(true), item.get("value"), "a Value is stored as is, NULL included");
        assertEquals(AttributeValue.fromM(Map.of("k", AttributeValue.fromNul(true), "j", s("v"))), item.get("map"));
        assertEquals(AttributeValue.fromL(List.of(s("x"), AttributeValue.fromNul(true))), item.get("list"));
        assertEquals(AttributeValue.fromL(List.of(s("y"), AttributeValue.fromNul(true))), item.get("maybe"));
        Loose back = codec.decode(item);
        assertEquals(new Value.Null(), back.value());
        assertEquals(List.of(BigDecimal.ONE, "x"), back.anything(), "Object reads back in Item's Java forms");
        assertEquals(loose.item(), back.item());
        assertEquals(withNull, back.map());
        assertEquals(List.of("k", "j"), List.copyOf(back.map().keySet()));
        assertEquals(loose.list(), back.list());
        assertEquals(loose.maybe(), back.maybe());
    }

    // ---- absence, NULL and emptiness

    @Test
    void leavesNullComponentsEmptyOptionalsAndEmptySetsOut() {
        Customer sparse = new Customer("c-2", 1, 2, null, List.of(), Set.of(), Set.of(), Map.of(), null, Optional.empty(),
                null, null, null, null, false, null);
        Map<String, AttributeValue> item = CUSTOMERS.encode(sparse);
        assertEquals(Set.of("id", "age", "visits", "previous", "scores", "vip"), item.keySet());
        assertEquals(AttributeValue.fromL(List.of()), item.get("previous"));
        assertEquals(AttributeValue.fromM(Map.of()), item.get("scores"));
        assertEquals(sparse, CUSTOMERS.decode(item));
    }

    @Test
    void readsMissingAndNullAttributesAsNullEmptyOrEmptySet() {
        Map<String, AttributeValue> item = new HashMap<>(Map.of("id", s("c-3"), "age", n("3"), "visits", n("0"),
                "vip", AttributeValue.fromBool(false)));
        item.put("address", AttributeValue.fromNul(true));
        item.put("accent", AttributeValue.fromNul(true));
        item.put("tags", AttributeValue.fromNul(true));
        Customer c = CUSTOMERS.decode(item);
        assertNull(c.address());
        assertNull(c.previous());
        assertEquals(Optional.empty(), c.accent());
        assertEquals(Set.of(), c.tags());
        assertEquals(Set.of(), c.lucky());
        assertNull(c.rating());
    }

    @Test
    void ignoresAttributesWithoutAComponent() {
        Map<String, AttributeValue> item = new LinkedHashMap<>(CUSTOMERS.encode(ALICE));
        item.put("gsi1pk", s("other"));
        assertEquals(ALICE, CUSTOMERS.decode(item));
    }

    @Test
    void aMissingPrimitiveIsAnError() {
        Map<String, AttributeValue> item = new LinkedHashMap<>(CUSTOMERS.encode(ALICE));
        item.remove("age");
        assertEquals("Customer.age: is missing, but the component is a primitive int (declare it Integer or"
                + " Optional<Integer> to allow that)", message(() -> CUSTOMERS.decode(item)));
        item.put("age", AttributeValue.fromNul(true));
        item.put("vip", AttributeValue.fromNul(true));
        assertTrue(message(() -> CUSTOMERS.decode(item)).startsWith("Customer.age: is NULL, but"));
        item.put("age", n("1"));
        assertEquals("Customer.vip: is NULL, but the component is a primitive boolean (declare it Boolean or"
                + " Optional<Boolean> to allow that)", message(() -> CUSTOMERS.decode(item)));
    }

    // ---- errors name the record and the component path

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            i   | 1.5                    | Numbers.i: the number has a fraction, and int holds whole numbers only (it is not truncated)
            i   | 3000000000             | Numbers.i: the number is out of range for int (it is not truncated)
            i   | 3000000000.5           | Numbers.i: the number has a fraction, and int holds whole numbers only (it is not truncated)
            i   | 1E+200                 | Numbers.i: the number is out of range for int (it is not truncated)
            l   | 1E+19                  | Numbers.l: the number is out of range for long (it is not truncated)
            l   | 2.000001               | Numbers.l: the number has a fraction, and long holds whole numbers only (it is not truncated)
            l   | 9223372036854775808    | Numbers.l: the number is out of range for long (it is not truncated)
            s   | 40000                  | Numbers.s: the number is out of range for short (it is not truncated)
            b   | 128                    | Numbers.b: the number is out of range for byte (it is not truncated)
            big | 0.5                    | Numbers.big: the number has a fraction, and BigInteger holds whole numbers only (it is not truncated)
            big | 1E+130                 | Numbers.big: the number is out of range for BigInteger: DynamoDB's numbers are below 1E+126 (it is not truncated)
            big | 1234567890123456789012345678901234567891 | Numbers.big: the number has 40 significant digits; DynamoDB keeps at most 38 (it is not rounded)
            d   | 0.30000000000000001    | Numbers.d: the number has more significant digits than a double holds exactly (it is not rounded)
            d   | 1E+309                 | Numbers.d: the number is out of range for double (it is not rounded)
            d   | 1E-200                 | Numbers.d: the number is too small in magnitude; DynamoDB's smallest is 1E-130
            d   | 1E+200                 | Numbers.d: the number is too large in magnitude; DynamoDB's numbers are below 1E+126
            d   | 1.2345E-320            | Numbers.d: the number is too close to zero for a double to hold exactly (it is not rounded)
            f   | 0.123456789            | Numbers.f: the number has more significant digits than a float holds exactly (it is not rounded)
            f   | 1E+39                  | Numbers.f: the number is out of range for float (it is not rounded)
            dec | 1E+126                 | Numbers.dec: the number is too large in magnitude; DynamoDB's numbers are below 1E+126
            dec | 1.5E-131               | Numbers.dec: the number is too small in magnitude; DynamoDB's smallest is 1E-130
            dec | 0.123456789012345678901234567890123456789 | Numbers.dec: the number has 39 significant digits; DynamoDB keeps at most 38 (it is not rounded)
            dec | 1.5.1                  | Numbers.dec: the N value is not a decimal number
            i   | 0x10                   | Numbers.i: the N value is not a decimal number
            d   | NaN                    | Numbers.d: the N value is not a decimal number
            boxed | 2147483648           | Numbers.boxed: the number is out of range for int (it is not truncated)
            """)
    void neverTruncatesNorRoundsNumbers(String component, String number, String expected) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of("i", n("1"), "l", n("1"), "s", n("1"), "b", n("1"),
                "d", n("1"), "f", n("1"), "big", n("1")));
        item.put(component, n(number));
        assertEquals(expected, message(() -> RecordCodec.of(Numbers.class).decode(item)));
    }

    @Test
    void readsWholeNumbersWrittenWithAFractionOrExponent() {
        Numbers back = RecordCodec.of(Numbers.class).decode(Map.of("i", n("7.00"), "l", n("1E+18"), "s", n("1"),
                "b", n("1"), "d", n("0.1"), "f", n("0.1"), "big", n("1.0E+2")));
        assertEquals(7, back.i());
        assertEquals(1_000_000_000_000_000_000L, back.l());
        assertEquals(0.1, back.d());
        assertEquals(0.1f, back.f());
        assertEquals(BigInteger.valueOf(100), back.big());
    }

    @Test
    void namesTheComponentPathOfAMismatch() {
        Map<String, AttributeValue> item = new LinkedHashMap<>(CUSTOMERS.encode(ALICE));
        item.put("address", AttributeValue.fromM(Map.of("street", s("x"), "city", n("1"))));
        assertEquals("Customer.address.city: expected a string (S), found N", message(() -> CUSTOMERS.decode(item)));
        item.put("address", s("flat"));
        assertEquals("Customer.address: expected a map (M), found S", message(() -> CUSTOMERS.decode(item)));
        item.remove("address");
        item.put("previous", AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of()),
                AttributeValue.fromM(Map.of("zip", AttributeValue.fromBool(true))))));
        assertEquals("Customer.previous[1].zip: expected a string (S), found BOOL", message(() -> CUSTOMERS.decode(item)));
        item.remove("previous");
        item.put("scores", AttributeValue.fromM(Map.of("q3", n("0.5"))));
        assertEquals("Customer.scores.q3: the number has a fraction, and int holds whole numbers only (it is not"
                + " truncated)",
                message(() -> CUSTOMERS.decode(item)));
        item.remove("scores");
        item.put("lucky", AttributeValue.fromSs(List.of("7")));
        assertEquals("Customer.lucky: expected a number set (NS), found SS", message(() -> CUSTOMERS.decode(item)));
    }

    @Test
    void anUnknownEnumNameIsAnError() {
        Map<String, AttributeValue> item = new LinkedHashMap<>(CUSTOMERS.encode(ALICE));
        item.put("color", s("PURPLE"));
        assertEquals("Customer.color: the string (S) is not the name of a constant of Color (RED, GREEN, BLUE)",
                message(() -> CUSTOMERS.decode(item)));
        item.put("color", s("RED"));
        item.put("accent", s("red"));
        assertEquals("Customer.accent: the string (S) is not the name of a constant of Color (RED, GREEN, BLUE)",
                message(() -> CUSTOMERS.decode(item)));
    }

    @Test
    void readsUuidsOnlyInTheirCanonicalForm() {
        Map<String, AttributeValue> item = new LinkedHashMap<>(CUSTOMERS.encode(ALICE));
        item.put("uuid", s("123E4567-E89B-12D3-A456-426614174000"));
        assertEquals(ALICE.uuid(), CUSTOMERS.decode(item).uuid());
        item.put("uuid", s("1-1-1-1-1"));
        assertEquals("Customer.uuid: the string (S) is not a UUID in its 36-character form",
                message(() -> CUSTOMERS.decode(item)));
    }

    @ParameterizedTest
    @CsvSource({
            "2024-05-01T12:00:00.500000000Z, 2024-05-01T12:00:00.5Z",
            "2024-05-01T12:00:00.5Z, 2024-05-01T12:00:00.5Z",
            "2024-05-01T14:00:00.5+02:00, 2024-05-01T12:00:00.5Z",
            "2024-05-01t12:00:00.5z, 2024-05-01T12:00:00.5Z",
            "2024-05-01T12:00Z, 2024-05-01T12:00:00Z",
            "2024-05-01T13:00:00+0100, 2024-05-01T12:00:00Z",
            "2024-05-01T12:00:00Z[UTC], 2024-05-01T12:00:00Z",
    })
    void readsAnyIsoInstant(String stored, String expected) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(CUSTOMERS.encode(ALICE));
        item.put("since", s(stored));
        assertEquals(Instant.parse(expected), CUSTOMERS.decode(item).since());
    }

    @ParameterizedTest
    @CsvSource({
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999Z",
            "1969-12-31T23:59:59.999999999Z",
            "1970-01-01T00:00:00Z",
            "2024-02-29T23:00:00.000000001Z",
            "2000-03-01T12:34:56.7Z",
    })
    void writesInstantsInValuesFixedWidthFormAndReadsThemBack(String text) {
        Instant instant = Instant.parse(text);
        ItemCodec<Sets> codec = RecordCodec.of(Sets.class);
        Map<String, AttributeValue> item = codec.encode(new Sets(null, null, null, null, Set.of(instant)));
        assertEquals(AttributeValue.fromSs(List.of(((Value.S) Value.of(instant)).value())), item.get("times"));
        assertEquals(Set.of(instant), codec.decode(item).times());
    }

    @ParameterizedTest
    @CsvSource({
            "2024-00-10T00:00:00.000000000Z",
            "2024-13-01T00:00:00.000000000Z",
            "2024-01-01T23:60:00.000000000Z",
            "2024-01-01T00:00:00.00000000xZ",
            "2024-01-01T00:00:00.000000000+",
    })
    void anInstantInTheFixedWidthShapeButNoDateIsAnError(String text) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(CUSTOMERS.encode(ALICE));
        item.put("since", s(text));
        assertEquals("Customer.since: the string (S) is not an ISO-8601 instant with an offset (such as"
                + " 2024-05-01T12:00:00Z)", message(() -> CUSTOMERS.decode(item)));
    }

    @Test
    void anInstantWithoutOffsetIsAnError() {
        Map<String, AttributeValue> item = new LinkedHashMap<>(CUSTOMERS.encode(ALICE));
        item.put("since", s("2024-05-01T12:00:00"));
        assertEquals("Customer.since: the string (S) is not an ISO-8601 instant with an offset (such as"
                + " 2024-05-01T12:00:00Z)", message(() -> CUSTOMERS.decode(item)));
    }

    @Test
    void encodingErrorsNameTheComponentPath() {
        ItemCodec<Numbers> numbers = RecordCodec.of(Numbers.class);
        assertEquals("Numbers.d: the number is NaN; DynamoDB numbers are finite",
                message(() -> numbers.encode(new Numbers(0, 0, (short) 0, (byte) 0, Double.NaN, 0, null, null, null))));
        assertEquals("Numbers.f: the number is -Infinity; DynamoDB numbers are finite", message(() -> numbers.encode(
                new Numbers(0, 0, (short) 0, (byte) 0, 0, Float.NEGATIVE_INFINITY, null, null, null))));
        assertEquals("Numbers.d: the number is too large in magnitude; DynamoDB's numbers are below 1E+126",
                message(() -> numbers.encode(new Numbers(0, 0, (short) 0, (byte) 0, 1e200, 0, null, null, null))));
        assertEquals("Numbers.d: the number is too small in magnitude; DynamoDB's smallest is 1E-130",
                message(() -> numbers.encode(new Numbers(0, 0, (short) 0, (byte) 0, 1e-200, 0, null, null, null))));
        assertEquals("Numbers.dec: the number has 39 significant digits; DynamoDB keeps at most 38 (it is not rounded)",
                message(() -> numbers.encode(new Numbers(0, 0, (short) 0, (byte) 0, 0, 0,
                        new BigDecimal("1.23456789012345678901234567890123456789"), null, null))));
        assertEquals("Numbers.big: the number has 39 significant digits; DynamoDB keeps at most 38 (it is not rounded)",
                message(() -> numbers.encode(new Numbers(0, 0, (short) 0, (byte) 0, 0, 0, null,
                        new BigInteger("123456789012345678901234567890123456789"), null))));
        Customer bad = new Customer("c", 1, 1, null, List.of(new Address("s", "c", Optional.empty())), Set.of(),
                Set.of(), Map.of(), null, Optional.empty(), null, Instant.parse("+10000-01-01T00:00:00Z"), null, null,
                false, null);
        assertEquals("Customer.since: the instant is outside years 0000-9999, where ISO-8601 text no longer sorts in"
                + " time order", message(() -> CUSTOMERS.encode(bad)));
        ItemCodec<Sets> sets = RecordCodec.of(Sets.class);
        assertEquals("Sets.decimals: the number set (NS) has the same number twice (DynamoDB compares numbers by"
                + " value, so 1 and 1.0 are one number); DynamoDB set members are unique",
                message(() -> sets.encode(new Sets(null, null, new LinkedHashSet<>(List.of(
                        new BigDecimal("1.0"), new BigDecimal("1.00"))), null, null))));
        assertEquals("Sets.times: the instant is outside years 0000-9999, where ISO-8601 text no longer sorts in time"
                + " order", message(() -> sets.encode(new Sets(null, null, null, null, Set.of(Instant.MAX)))));
    }

    @Test
    void wrapsWhatTheCanonicalConstructorRejects() {
        ItemCodec<Wrapper> codec = RecordCodec.of(Wrapper.class);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> codec.decode(Map.of("id", s("w"), "positive", AttributeValue.fromM(Map.of("n", n("-1"))))));
        assertEquals("Wrapper.positive: the canonical constructor of " + Positive.class.getName() + " rejected the values"
                + " read (it threw java.lang.IllegalArgumentException, the cause)", e.getMessage());
        assertEquals("n must be positive, was -1", e.getCause().getMessage(), "the record's own exception, as it made it");
    }

    // ---- DynamoDB's 32 levels of nesting, checked before each level is entered

    record Anything(Object value) {}

    record Documents(Item item, Value value) {}

    record Values(List<Value> values) {}

    private static final ItemCodec<Node> NODES = RecordCodec.of(Node.class);

    private static final String TOO_DEEP = ": the document nests more than 32 levels of lists and maps deep here;"
            + " DynamoDB allows at most 32";

    /** A chain of nodes, each the only child of the one above it, {@code below} nodes below the top one. */
    private static Node chain(int below) {
        Node node = new Node("leaf", List.of());
        for (int i = 0; i < below; i++) {
            node = new Node("n" + i, List.of(node));
        }
        return node;
    }

    /** The item such a chain is stored as, built by hand. */
    private static Map<String, AttributeValue> chainItem(int below) {
        AttributeValue node = AttributeValue.fromM(Map.of("name", s("leaf"), "children", AttributeValue.fromL(List.of())));
        for (int i = 0; i < below; i++) {
            node = AttributeValue.fromM(Map.of("name", s("n" + i), "children", AttributeValue.fromL(List.of(node))));
        }
        return node.m();
    }

    /** {@return {@code levels} lists, each the only element of the one around it} */
    private static AttributeValue nestedLists(int levels) {
        AttributeValue list = AttributeValue.fromL(List.of());
        for (int i = 1; i < levels; i++) {
            list = AttributeValue.fromL(List.of(list));
        }
        return list;
    }

    private static Object nestedJavaLists(int levels) {
        Object list = List.of();
        for (int i = 1; i < levels; i++) {
            list = List.of(list);
        }
        return list;
    }

    @Test
    void aRecordNestedThousandsOfLevelsDeepIsAnErrorNotAStackOverflow() {
        // levels: children (a list) 1, children[0] (a map) 2, …: the 17th children list is level 33
        String where = "Node" + ".children[0]".repeat(16) + ".children";
        assertEquals(where + TOO_DEEP, message(() -> NODES.encode(chain(3_300))));
        assertEquals(where + TOO_DEEP, message(() -> NODES.decode(chainItem(3_300))));
        assertEquals(where + TOO_DEEP, message(() -> NODES.encode(chain(16))));
        assertEquals(chain(15), NODES.decode(NODES.encode(chain(15))));
        assertEquals(chainItem(15), NODES.encode(chain(15)));
    }

    @Test
    void storesAndReadsExactly32Levels() {
        ItemCodec<Anything> codec = RecordCodec.of(Anything.class);
        Map<String, AttributeValue> item = codec.encode(new Anything(nestedJavaLists(32)));
        assertEquals(nestedLists(32), item.get("value"));
        assertEquals(nestedJavaLists(32), codec.decode(item).value());
        String where = "Anything.value" + "[0]".repeat(32);
        assertEquals(where + TOO_DEEP, message(() -> codec.encode(new Anything(nestedJavaLists(33)))));
        assertEquals(where + TOO_DEEP, message(() -> codec.decode(Map.of("value", nestedLists(33)))));
        assertEquals(where + TOO_DEEP, message(() -> codec.decode(Map.of("value", nestedLists(3_300)))));
    }

    @Test
    void aListThatHoldsItselfIsAnError() {
        List<Object> loop = new ArrayList<>();
        loop.add(loop);
        assertEquals("Anything.value" + "[0]".repeat(32) + TOO_DEEP,
                message(() -> RecordCodec.of(Anything.class).encode(new Anything(loop))));
    }

    @Test
    void itemsAndValuesTooDeepInTheirPlaceAreErrorsBothWays() {
        ItemCodec<Documents> documents = RecordCodec.of(Documents.class);
        // Item.codec() wraps any map, unchecked: here a document 3,300 levels deep
        Item deep = Item.codec().decode(Map.of("a", nestedLists(3_300)));
        assertEquals("Documents.item.a" + "[0]".repeat(31) + TOO_DEEP,
                message(() -> documents.encode(new Documents(deep, null))));
        assertEquals("Documents.item.a" + "[0]".repeat(31) + TOO_DEEP,
                message(() -> documents.decode(Map.of("item", AttributeValue.fromM(deep.attributes())))));
        assertEquals("Documents.value" + "[0]".repeat(32) + TOO_DEEP,
                message(() -> documents.decode(Map.of("value", nestedLists(3_300)))));
        // a Value holds at most 32 levels, one level down that is 33
        Value levels32 = AttributeValues.fromSdk(nestedLists(32));
        ItemCodec<Values> values = RecordCodec.of(Values.class);
        assertEquals("Values.values[0]" + "[0]".repeat(31) + TOO_DEEP,
                message(() -> values.encode(new Values(List.of(levels32)))));
        assertEquals(List.of(AttributeValues.fromSdk(nestedLists(31))),
                values.decode(Map.of("values", AttributeValue.fromL(List.of(nestedLists(31))))).values());
    }

    // ---- what DynamoDB would not store is an error, reading too

    private static String npe(Executable call) {
        return assertThrows(NullPointerException.class, call).getMessage();
    }

    @Test
    void aNullInsideAnSdkValueIsANullPointerExceptionNamingThePath() {
        Map<String, AttributeValue> item = new LinkedHashMap<>(CUSTOMERS.encode(ALICE));
        item.put("previous", AttributeValue.fromL(Arrays.asList(AttributeValue.fromM(Map.of()), null)));
        assertEquals("Customer.previous[1]: the list (L) holds a null value (DynamoDB's NULL is"
                + " AttributeValue.fromNul(true))", npe(() -> CUSTOMERS.decode(item)));
        item.remove("previous");
        Map<String, AttributeValue> scores = new HashMap<>();
        scores.put("q1", null);
        item.put("scores", AttributeValue.fromM(scores));
        assertEquals("Customer.scores.q1: the map (M) holds a null value (DynamoDB's NULL is"
                + " AttributeValue.fromNul(true))", npe(() -> CUSTOMERS.decode(item)));
        item.remove("scores");
        item.put("tags", AttributeValue.fromSs(Arrays.asList("a", null)));
        assertEquals("Customer.tags: the string set (SS) has a null member (DynamoDB's NULL is"
                + " AttributeValue.fromNul(true))", npe(() -> CUSTOMERS.decode(item)));
    }

    @Test
    void anSdkValueOfNoTypeSeveralTypesOrAFalseNullIsAnError() {
        Map<String, AttributeValue> item = new LinkedHashMap<>(CUSTOMERS.encode(ALICE));
        item.put("id", AttributeValue.builder().build());
        assertEquals("Customer.id: expected a string (S), found an AttributeValue with no type (or one unknown to this"
                + " SDK version)", message(() -> CUSTOMERS.decode(item)));
        item.put("id", AttributeValue.builder().s("x").n("1").build());
        assertEquals("Customer.id: expected a string (S), found an AttributeValue with several types (S, N)",
                message(() -> CUSTOMERS.decode(item)));
        item.put("id", s("x"));
        item.put("color", AttributeValue.fromNul(false));
        assertEquals("Customer.color: holds NUL(false); DynamoDB's NULL is always true (use"
                + " AttributeValue.fromNul(true))", message(() -> CUSTOMERS.decode(item)));
    }

    @Test
    void readsSetsOnlyWhenDynamoDbWouldStoreThem() {
        Map<String, AttributeValue> item = new LinkedHashMap<>(CUSTOMERS.encode(ALICE));
        item.put("tags", AttributeValue.fromSs(List.of()));
        assertEquals("Customer.tags: the string set (SS) is empty; DynamoDB sets cannot be empty",
                message(() -> CUSTOMERS.decode(item)));
        item.put("tags", AttributeValue.fromSs(List.of("a", "b", "a")));
        assertEquals("Customer.tags: the string set (SS) has the same member twice; DynamoDB set members are unique",
                message(() -> CUSTOMERS.decode(item)));
        item.put("tags", AttributeValue.fromSs(List.of("a")));
        item.put("lucky", AttributeValue.fromNs(List.of("7", "7.0")));
        String sameNumber = "the number set (NS) has the same number twice (DynamoDB compares numbers by value, so 1"
                + " and 1.0 are one number); DynamoDB set members are unique";
        assertEquals("Customer.lucky: " + sameNumber, message(() -> CUSTOMERS.decode(item)));
        ItemCodec<Sets> sets = RecordCodec.of(Sets.class);
        assertEquals("Sets.decimals: " + sameNumber,
                message(() -> sets.decode(Map.of("decimals", AttributeValue.fromNs(List.of("1", "2", "1.00"))))));
        assertEquals("Sets.blobs: the binary set (BS) has the same member twice; DynamoDB set members are unique",
                message(() -> sets.decode(Map.of("blobs", AttributeValue.fromBs(List.of(
                        SdkBytes.fromUtf8String("x"), SdkBytes.fromUtf8String("x")))))));
        // two texts of one UUID are two members to DynamoDB, and one UUID here
        UUID id = UUID.randomUUID();
        assertEquals(Set.of(id), sets.decode(Map.of("ids", AttributeValue.fromSs(
                List.of(id.toString(), id.toString().toUpperCase(Locale.ROOT))))).ids());
    }

    @Test
    void checksWhatItCannotTypeAsAWhole() {
        ItemCodec<Loose> codec = RecordCodec.of(Loose.class);
        assertEquals("Loose.anything[0].n: the number is too large in magnitude; DynamoDB's numbers are below 1E+126",
                message(() -> codec.decode(Map.of("anything", AttributeValue.fromL(List.of(
                        AttributeValue.fromM(Map.of("n", n("1E+200")))))))));
        assertEquals("Loose.item.s: the string set (SS) is empty; DynamoDB sets cannot be empty",
                message(() -> codec.decode(Map.of("item", AttributeValue.fromM(Map.of("s",
                        AttributeValue.fromSs(List.of())))))));
        assertEquals("Loose.value: the number set (NS) has the same number twice (DynamoDB compares numbers by value,"
                + " so 1 and 1.0 are one number); DynamoDB set members are unique",
                message(() -> codec.decode(Map.of("value", AttributeValue.fromNs(List.of("1", "1.00"))))));
        assertEquals("Loose.item: expected a map (M), found L",
                message(() -> codec.decode(Map.of("item", AttributeValue.fromL(List.of())))));
        // an Item made by Item.codec() is not checked when made, so it is when stored
        Item unchecked = Item.codec().decode(Map.of("n", n("twelve")));
        assertEquals("Loose.item.n: the N value is not a decimal number",
                message(() -> codec.encode(new Loose(null, null, unchecked, null, null, null))));
    }

    record TypedValues(Value.S text, Value.Null nothing) {}

    @Test
    void aValueSubtypeReadsOnlyItsType() {
        ItemCodec<TypedValues> codec = RecordCodec.of(TypedValues.class);
        assertEquals("TypedValues.text: expected a value of type S, found N",
                message(() -> codec.decode(Map.of("text", n("1")))));
        assertEquals(new TypedValues(new Value.S("x"), new Value.Null()),
                codec.decode(Map.of("text", s("x"), "nothing", AttributeValue.fromNul(true))));
        assertEquals(new TypedValues(null, null), codec.decode(Map.of()));
        // Value's subtypes are records, yet stored as the values they are, not as maps of their components
        assertEquals(Map.of("text", s("x"), "nothing", AttributeValue.fromNul(true)),
                codec.encode(new TypedValues(new Value.S("x"), new Value.Null())));
    }

    @Test
    void storesAnItemAsItsAttributesAre() {
        Item item = Item.from(Map.of("n", n("1.50"), "s", s("x")));
        Map<String, AttributeValue> stored = RecordCodec.of(Loose.class)
                .encode(new Loose(null, null, item, null, null, null));
        assertEquals(AttributeValue.fromM(item.attributes()), stored.get("item"));
    }

    @Test
    void encodesIntoAModifiableMapInComponentOrder() {
        Map<String, AttributeValue> item = CUSTOMERS.encode(ALICE);
        item.put("gsi1pk", s("x")); // callers add attributes: keys, versions
        assertEquals("gsi1pk", List.copyOf(item.keySet()).getLast());
        assertEquals(ALICE, CUSTOMERS.decode(item));
    }

    // ---- which types are supported

    @SuppressWarnings("rawtypes")
    record RawList(List list) {}

    record Arrays2(String[] names) {}

    record Generic<T>(T value) {}

    record BooleanSet(Set<Boolean> flags) {}

    record IntKeys(Map<Integer, String> byId) {}

    record ArraySet(Set<byte[]> blobs) {}

    record Deep(Address ok, List<Map<String, Optional<Optional<String>>>> deep) {}

    record Chars(char c) {}

    @Test
    void rejectsUnsupportedTypesWhenBuilt() {
        assertTrue(message(() -> RecordCodec.of(RawList.class)).startsWith(
                "RawList.list: the type java.util.List is not supported (declare its type arguments, e.g. List<String>)"));
        assertTrue(message(() -> RecordCodec.of(Arrays2.class)).startsWith(
                "Arrays2.names: the type java.lang.String[] is not supported (declare List<X> instead of an array)"));
        assertTrue(message(() -> RecordCodec.of(Generic.class)).startsWith(
                "Generic.value: the type T is not supported (a type variable has no type to read back;"));
        assertTrue(message(() -> RecordCodec.of(BooleanSet.class)).startsWith(
                "BooleanSet.flags: the type java.util.Set<java.lang.Boolean> is not supported (DynamoDB sets hold"
                        + " strings, numbers or binary; declare List<X>)"));
        assertTrue(message(() -> RecordCodec.of(IntKeys.class)).startsWith(
                "IntKeys.byId: the type java.util.Map<java.lang.Integer, java.lang.String> is not supported (DynamoDB"
                        + " map keys are strings; declare Map<String, X>)"));
        assertTrue(message(() -> RecordCodec.of(ArraySet.class)).contains("declare Set<Bytes>"));
        assertTrue(message(() -> RecordCodec.of(Deep.class)).startsWith(
                "Deep.deep[].*: the type java.util.Optional<java.util.Optional<java.lang.String>> is not supported"));
        assertTrue(message(() -> RecordCodec.of(Chars.class)).startsWith(
                "Chars.c: the type char is not supported (declare it String)"));
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void rejectsClassesThatAreNotRecords() {
        assertEquals("java.lang.String is not a record class", message(() -> RecordCodec.of((Class) String.class)));
    }

    // ---- access

    @Test
    void anInaccessibleRecordNeedsTheCallersLookup() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RecordCodec.of(Secret.class));
        assertEquals("cannot access record dev.dynamatic.core.RecordCodecTest$Secret reflectively: it is not a public"
                + " record of a package exported to dev.dynamatic.core, and package dev.dynamatic.core of module"
                + " dev.dynamatic.core is not opened to dev.dynamatic.core. Pass a lookup from code that can access the"
                + " record: RecordCodec.of(Secret.class, MethodHandles.lookup()), or open the package to"
                + " dev.dynamatic.core",
                e.getMessage());
        assertTrue(e.getCause() instanceof IllegalAccessException);
    }

    @Test
    void theCallersLookupGrantsAccess() {
        ItemCodec<Secret> codec = RecordCodec.of(Secret.class, MethodHandles.lookup());
        Secret secret = new Secret("s3cr3t", new Hidden(7));
        assertEquals(Map.of("code", s("s3cr3t"), "hidden", AttributeValue.fromM(Map.of("level", n("7")))),
                codec.encode(secret));
        assertEquals(secret, roundTrip(codec, secret));
    }

    @Test
    void aLookupWithoutPrivateAccessIsNotEnough() {
        String m = message(() -> RecordCodec.of(Secret.class, MethodHandles.publicLookup()));
        assertTrue(m.startsWith("cannot access record dev.dynamatic.core.RecordCodecTest$Secret reflectively, not even"
                + " with the given lookup ("), m);
        assertTrue(m.contains("lacks full privilege access"), m);
    }

    @Test
    void sharesCodecsBuiltWithoutALookupOnly() {
        assertSame(RecordCodec.of(Customer.class), RecordCodec.of(Customer.class));
        assertNotSame(RecordCodec.of(Customer.class, MethodHandles.lookup()),
                RecordCodec.of(Customer.class, MethodHandles.lookup()));
        assertFalse(RecordCodec.of(Customer.class).toString().isEmpty());
    }
}
