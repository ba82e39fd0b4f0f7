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
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
            i   | 1.5                    | Numbers.i: the number 1.5 has a fraction for int (it is not truncated)
            i   | 3000000000             | Numbers.i: the number 3000000000 is out of range for int (it is not truncated)
            l   | 1E+19                  | Numbers.l: the number 1E+19 is out of range for long (it is not truncated)
            l   | 2.000001               | Numbers.l: the number 2.000001 has a fraction for long (it is not truncated)
            s   | 40000                  | Numbers.s: the number 40000 is out of range for short (it is not truncated)
            b   | 128                    | Numbers.b: the number 128 is out of range for byte (it is not truncated)
            big | 0.5                    | Numbers.big: the number 0.5 has a fraction for BigInteger (it is not truncated)
            d   | 0.30000000000000001    | Numbers.d: the number 0.30000000000000001 cannot be held by a double without rounding (declare it BigDecimal)
            f   | 0.123456789            | Numbers.f: the number 0.123456789 cannot be held by a float without rounding (declare it BigDecimal)
            f   | 1E+39                  | Numbers.f: the number 1E+39 cannot be held by a float without rounding (declare it BigDecimal)
            boxed | 2147483648           | Numbers.boxed: the number 2147483648 is out of range for Integer (it is not truncated)
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
        assertEquals("Customer.scores.q3: the number 0.5 has a fraction for Integer (it is not truncated)",
                message(() -> CUSTOMERS.decode(item)));
        item.remove("scores");
        item.put("lucky", AttributeValue.fromSs(List.of("7")));
        assertEquals("Customer.lucky: expected a number set (NS), found SS", message(() -> CUSTOMERS.decode(item)));
    }

    @Test
    void anUnknownEnumNameIsAnError() {
        Map<String, AttributeValue> item = new LinkedHashMap<>(CUSTOMERS.encode(ALICE));
        item.put("color", s("PURPLE"));
        assertEquals("Customer.color: \"PURPLE\" is not a constant of Color (RED, GREEN, BLUE)",
                message(() -> CUSTOMERS.decode(item)));
        item.put("color", s("RED"));
        item.put("accent", s("red"));
        assertEquals("Customer.accent: \"red\" is not a constant of Color (RED, GREEN, BLUE)",
                message(() -> CUSTOMERS.decode(item)));
    }

    @Test
    void readsUuidsOnlyInTheirCanonicalForm() {
        Map<String, AttributeValue> item = new LinkedHashMap<>(CUSTOMERS.encode(ALICE));
        item.put("uuid", s("123E4567-E89B-12D3-A456-426614174000"));
        assertEquals(ALICE.uuid(), CUSTOMERS.decode(item).uuid());
        item.put("uuid", s("1-1-1-1-1"));
        assertEquals("Customer.uuid: \"1-1-1-1-1\" is not a UUID in its 36-character form",
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

    @Test
    void anInstantWithoutOffsetIsAnError() {
        Map<String, AttributeValue> item = new LinkedHashMap<>(CUSTOMERS.encode(ALICE));
        item.put("since", s("2024-05-01T12:00:00"));
        assertEquals("Customer.since: \"2024-05-01T12:00:00\" is not an ISO-8601 instant with an offset (such as"
                + " 2024-05-01T12:00:00Z)", message(() -> CUSTOMERS.decode(item)));
    }

    @Test
    void encodingErrorsNameTheComponentPath() {
        ItemCodec<Numbers> numbers = RecordCodec.of(Numbers.class);
        assertEquals("Numbers.d: number NaN is not finite; DynamoDB numbers cannot be NaN or Infinity",
                message(() -> numbers.encode(new Numbers(0, 0, (short) 0, (byte) 0, Double.NaN, 0, null, null, null))));
        assertEquals("Numbers.d: the number is too large in magnitude; DynamoDB's numbers are below 1E+126",
                message(() -> numbers.encode(new Numbers(0, 0, (short) 0, (byte) 0, 1e200, 0, null, null, null))));
        Customer bad = new Customer("c", 1, 1, null, List.of(new Address("s", "c", Optional.empty())), Set.of(),
                Set.of(), Map.of(), null, Optional.empty(), null, Instant.parse("+10000-01-01T00:00:00Z"), null, null,
                false, null);
        assertTrue(message(() -> CUSTOMERS.encode(bad)).startsWith("Customer.since: instant +10000-01-01T00:00:00Z is"
                + " outside years 0000-9999"));
        ItemCodec<Sets> sets = RecordCodec.of(Sets.class);
        String duplicate = message(() -> sets.encode(new Sets(null, null, new LinkedHashSet<>(List.of(
                new BigDecimal("1.0"), new BigDecimal("1.00"))), null, null)));
        assertTrue(duplicate.startsWith("Sets.decimals: number set has the member "), duplicate);
        assertTrue(duplicate.endsWith(" twice; DynamoDB set members are unique"), duplicate);
    }

    @Test
    void wrapsWhatTheCanonicalConstructorRejects() {
        ItemCodec<Wrapper> codec = RecordCodec.of(Wrapper.class);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> codec.decode(Map.of("id", s("w"), "positive", AttributeValue.fromM(Map.of("n", n("-1"))))));
        assertEquals("Wrapper.positive: the canonical constructor of " + Positive.class.getName() + " rejected the values"
                + " read: java.lang.IllegalArgumentException: n must be positive, was -1", e.getMessage());
        assertEquals("n must be positive, was -1", e.getCause().getMessage());
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
