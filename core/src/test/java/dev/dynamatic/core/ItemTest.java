package dev.dynamatic.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.ast.Bytes;
import dev.dynamatic.ast.Value;
import dev.dynamatic.render.AttributeValues;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ItemTest {

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static final Item ITEM = Item.of(map(
            "s", "text",
            "n", 42,
            "big", new BigDecimal("12345678901234567890123456789012345678"),
            "fraction", new BigDecimal("1.50"),
            "bool", true,
            "bin", Bytes.of((byte) 1, (byte) 2),
            "nul", null,
            "list", Arrays.asList("a", 1, null),
            "map", map("city", "Lyon", "zip", 69001),
            "ss", Set.of("b", "a"),
            "ns", Set.of(2, 1),
            "bs", Set.of(Bytes.of((byte) 9))));

    private static String message(Class<? extends Throwable> type, Executable call) {
        return assertThrows(type, call).getMessage();
    }

    // ---- construction

    @Test
    void ofConvertsNumbersToCanonicalBigDecimals() {
        Item item = Item.of(map("int", 1, "long", 2L, "double", 1.5, "trailing", new BigDecimal("1.50"),
                "exponent", new BigDecimal("1E+3"), "zero", new BigDecimal("0.000")));
        assertEquals(new BigDecimal("1"), item.get("int"));
        assertInstanceOf(BigDecimal.class, item.get("long"));
        assertEquals(new BigDecimal("1.5"), item.get("double"));
        assertEquals(new BigDecimal("1.5"), item.get("trailing"));
        assertEquals(new BigDecimal("1000"), item.get("exponent"));
        assertEquals(0, ((BigDecimal) item.get("exponent")).scale());
        assertEquals(BigDecimal.ZERO, item.get("zero"));
    }

    @Test
    void ofConvertsOtherJavaValuesToTheirDynamoDbForms() {
        UUID uuid = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        Item item = Item.of(map("bytes", new byte[] {1, 2}, "enum", Thread.State.NEW, "uuid", uuid,
                "instant", Instant.parse("2024-05-01T12:00:00Z"), "some", Optional.of("x"), "none", Optional.empty(),
                "nested", map("a", map("b", 1))));
        assertEquals(Bytes.of((byte) 1, (byte) 2), item.get("bytes"));
        assertEquals("NEW", item.get("enum"));
        assertEquals(uuid.toString(), item.get("uuid"));
        assertEquals("2024-05-01T12:00:00.000000000Z", item.get("instant"));
        assertEquals("x", item.get("some"));
        assertTrue(item.isNull("none"));
        assertInstanceOf(Item.class, item.get("nested"));
        assertEquals(1, item.getMap("nested").getMap("a").getInt("b"));
    }

    @Test
    void equalsAsDynamoDbCompares() {
        Item fromSdk = Item.from(Map.of("n", AttributeValue.fromN("1.0"), "ns", AttributeValue.fromNs(List.of("1E+1", "2.50"))));
        assertEquals(Item.of(map("n", 1, "ns", Set.of(10, new BigDecimal("2.5")))), fromSdk);
        assertEquals(Map.of("n", BigDecimal.ONE, "ns", Set.of(BigDecimal.TEN, new BigDecimal("2.5"))), fromSdk);
        assertEquals(Map.of("n", BigDecimal.ONE, "ns", Set.of(BigDecimal.TEN, new BigDecimal("2.5"))).hashCode(),
                fromSdk.hashCode());
    }

    @Test
    void keepsTheAttributeOrder() {
        assertEquals(List.of("s", "n", "big", "fraction", "bool", "bin", "nul", "list", "map", "ss", "ns", "bs"),
                List.copyOf(ITEM.keySet()));
        assertEquals(List.copyOf(ITEM.keySet()), List.copyOf(ITEM.attributes().keySet()));
    }

    @Test
    void roundTripsThroughTheSdk() {
        Map<String, AttributeValue> sdk = ITEM.attributes();
        assertEquals(AttributeValue.fromS("text"), sdk.get("s"));
        assertEquals(AttributeValue.fromN("1.5"), sdk.get("fraction"));
        assertEquals(AttributeValue.fromNul(true), sdk.get("nul"));
        assertEquals(AttributeValue.fromSs(List.of("a", "b")), sdk.get("ss"));
        assertEquals(ITEM, Item.from(sdk));
    }

    @Test
    void ofAnItemIsThatItem() {
        assertSame(ITEM, Item.of(ITEM));
        assertEquals(ITEM.getMap("map"), Item.of(ITEM.getMap("map")));
    }

    @Test
    void isUnmodifiable() {
        assertThrows(UnsupportedOperationException.class, () -> ITEM.put("x", "y"));
        assertThrows(UnsupportedOperationException.class, () -> ITEM.remove("s"));
        assertThrows(UnsupportedOperationException.class, ITEM::clear);
        assertThrows(UnsupportedOperationException.class, () -> ITEM.getList("list").add("x"));
        assertThrows(UnsupportedOperationException.class, () -> ITEM.getStringSet("ss").add("x"));
        assertThrows(UnsupportedOperationException.class, () -> ITEM.getMap("map").put("x", "y"));
    }

    @Test
    void copiesWhatItIsGiven() {
        Map<String, Object> source = map("a", "x");
        Item item = Item.of(source);
        source.put("a", "changed");
        assertEquals("x", item.getString("a"));
    }

    @Test
    void rejectsWhatDynamoDbCannotStore() {
        assertEquals("attribute name is empty; DynamoDB names are at least one character",
                message(IllegalArgumentException.class, () -> Item.of(map("", 1))));
        assertEquals("attribute \"t\": cannot convert a value of type java.lang.Object at the top level to a"
                        + " DynamoDB value; supported: String, Number, Boolean, Bytes, byte[], ByteBuffer, Enum, UUID,"
                        + " Instant, Optional, List, Set, Map<String,?>, Value, null",
                message(IllegalArgumentException.class, () -> Item.of(map("t", new Object()))));
        assertTrue(message(IllegalArgumentException.class, () -> Item.of(map("s", Set.of())))
                .startsWith("attribute \"s\": set at the top level is empty"));
    }

    @Test
    void fromNamesTheBadAttribute() {
        Map<String, AttributeValue> nulFalse = Map.of("gone", AttributeValue.fromNul(false));
        assertTrue(message(IllegalArgumentException.class, () -> Item.from(nulFalse))
                .startsWith("attribute \"gone\": NUL at the top level is false"));
        Map<String, AttributeValue> nullValue = new HashMap<>();
        nullValue.put("a", null);
        assertEquals("attribute \"a\" is null (DynamoDB's NULL is AttributeValue.fromNul(true))",
                message(NullPointerException.class, () -> Item.from(nullValue)));
        assertEquals("attribute \"n\": the N value is not a decimal number",
                message(IllegalArgumentException.class, () -> Item.from(Map.of("n", AttributeValue.fromN("x")))));
    }

    // ---- presence

    @Test
    void hasMeansPresentEvenIfNull() {
        assertTrue(ITEM.has("s"));
        assertTrue(ITEM.has("nul"));
        assertFalse(ITEM.has("missing"));
        assertTrue(ITEM.containsKey("nul"));
        assertNull(ITEM.get("nul"));
    }

    @Test
    void isNullMeansPresentAndNull() {
        assertTrue(ITEM.isNull("nul"));
        assertFalse(ITEM.isNull("s"));
        assertFalse(ITEM.isNull("missing"));
    }

    // ---- getters

    @Test
    void gettersReturnTheTypedValues() {
        assertEquals("text", ITEM.getString("s"));
        assertEquals(42L, ITEM.getLong("n"));
        assertEquals(42, ITEM.getInt("n"));
        assertEquals(new BigDecimal("12345678901234567890123456789012345678"), ITEM.getBigDecimal("big"));
        assertEquals(new BigDecimal("1.5"), ITEM.getBigDecimal("fraction"));
        assertTrue(ITEM.getBoolean("bool"));
        assertEquals(Bytes.of((byte) 1, (byte) 2), ITEM.getBytes("bin"));
        assertEquals(Arrays.asList("a", BigDecimal.ONE, null), ITEM.getList("list"));
        assertEquals("Lyon", ITEM.getMap("map").getString("city"));
        assertEquals(Set.of("a", "b"), ITEM.getStringSet("ss"));
        assertEquals(List.of("a", "b"), List.copyOf(ITEM.getStringSet("ss")), "sets iterate in sorted order");
        assertEquals(Set.of(BigDecimal.ONE, new BigDecimal("2")), ITEM.getNumberSet("ns"));
        assertEquals(Set.of(Bytes.of((byte) 9)), ITEM.getBinarySet("bs"));
    }

    @Test
    void getLongAcceptsWholeNumbersWrittenWithAFraction() {
        Item item = Item.from(Map.of("n", AttributeValue.fromN("7.000"), "e", AttributeValue.fromN("1E+2")));
        assertEquals(7L, item.getLong("n"));
        assertEquals(100, item.getInt("e"));
    }

    @Test
    void gettersThrowWhenTheAttributeIsMissing() {
        assertEquals("attribute \"missing\" is missing",
                message(NoSuchElementException.class, () -> ITEM.getString("missing")));
        assertEquals("attribute \"map.street\" is missing",
                message(NoSuchElementException.class, () -> ITEM.getMap("map").getString("street")));
        for (Executable getter : List.<Executable>of(() -> ITEM.getLong("x"), () -> ITEM.getInt("x"),
                () -> ITEM.getBigDecimal("x"), () -> ITEM.getBoolean("x"), () -> ITEM.getBytes("x"),
                () -> ITEM.getList("x"), () -> ITEM.getMap("x"), () -> ITEM.getStringSet("x"),
                () -> ITEM.getNumberSet("x"), () -> ITEM.getBinarySet("x"))) {
            assertEquals("attribute \"x\" is missing", message(NoSuchElementException.class, getter));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            s        | getLong       | attribute "s" is a string (S), not a number (N)
            n        | getString     | attribute "n" is a number (N), not a string (S)
            nul      | getString     | attribute "nul" is NULL, not a string (S)
            bool     | getInt        | attribute "bool" is a boolean (BOOL), not a number (N)
            bin      | getString     | attribute "bin" is binary (B), not a string (S)
            list     | getMap        | attribute "list" is a list (L), not a map (M)
            map      | getList       | attribute "map" is a map (M), not a list (L)
            s        | getBoolean    | attribute "s" is a string (S), not a boolean (BOOL)
            n        | getBytes      | attribute "n" is a number (N), not binary (B)
            ss       | getNumberSet  | attribute "ss" is a string set (SS), not a number set (NS)
            ns       | getStringSet  | attribute "ns" is a number set (NS), not a string set (SS)
            bs       | getStringSet  | attribute "bs" is a binary set (BS), not a string set (SS)
            list     | getBinarySet  | attribute "list" is a list (L), not a binary set (BS)
            ss       | getString     | attribute "ss" is a string set (SS), not a string (S)
            """)
    void gettersNameTheActualTypeOnAMismatch(String name, String getter, String expected) {
        assertEquals(expected, message(IllegalArgumentException.class, () -> GETTERS.get(getter).apply(ITEM, name)));
    }

    private static final Map<String, BiFunction<Item, String, Object>> GETTERS = Map.ofEntries(
            Map.entry("getString", Item::getString), Map.entry("getLong", Item::getLong),
            Map.entry("getInt", Item::getInt), Map.entry("getBigDecimal", Item::getBigDecimal),
            Map.entry("getBoolean", Item::getBoolean), Map.entry("getBytes", Item::getBytes),
            Map.entry("getList", Item::getList), Map.entry("getMap", Item::getMap),
            Map.entry("getStringSet", Item::getStringSet), Map.entry("getNumberSet", Item::getNumberSet),
            Map.entry("getBinarySet", Item::getBinarySet));

    @Test
    void getLongAndGetIntNeverTruncateAndNeverQuoteTheNumber() {
        Item item = Item.of(map("fraction", 1.5, "huge", new BigDecimal("1E+19"), "big", 3_000_000_000L,
                "tiny", new BigDecimal("1E-100")));
        assertEquals("attribute \"fraction\" holds a number which has a fraction for long (use getBigDecimal)",
                message(IllegalArgumentException.class, () -> item.getLong("fraction")));
        assertEquals("attribute \"huge\" holds a number which is out of range for long (use getBigDecimal)",
                message(IllegalArgumentException.class, () -> item.getLong("huge")));
        assertEquals("attribute \"big\" holds a number which is out of range for int (use getBigDecimal)",
                message(IllegalArgumentException.class, () -> item.getInt("big")));
        assertEquals(3_000_000_000L, item.getLong("big"));
        assertTrue(message(IllegalArgumentException.class, () -> item.getInt("tiny")).contains("has a fraction"));
    }

    @Test
    void findIsEmptyWhenMissingOrNull() {
        assertEquals(Optional.of("text"), ITEM.find("s", Item::getString));
        assertEquals(Optional.of(42L), ITEM.find("n", Item::getLong));
        assertEquals(Optional.empty(), ITEM.find("missing", Item::getString));
        assertEquals(Optional.empty(), ITEM.find("nul", Item::getString));
        assertEquals(Optional.of(Set.of("a", "b")), ITEM.find("ss", Item::getStringSet));
        assertEquals("attribute \"s\" is a string (S), not a number (N)",
                message(IllegalArgumentException.class, () -> ITEM.find("s", Item::getLong)));
    }

    @Test
    void nestedItemsNameTheirPathInErrors() {
        Item item = Item.of(map("a", List.of(map("b", map("c", "x")))));
        Item inner = (Item) item.getList("a").get(0);
        assertEquals("attribute \"a[0].b.c\" is a string (S), not a number (N)",
                message(IllegalArgumentException.class, () -> inner.getMap("b").getInt("c")));
    }

    // ---- codec

    @Test
    void theItemCodecIsTheAttributesBothWays() {
        ItemCodec<Item> codec = Item.codec();
        assertEquals(ITEM.attributes(), codec.encode(ITEM));
        assertEquals(ITEM, codec.decode(ITEM.attributes()));
        assertEquals(Item.of(Map.of()), codec.decode(Map.of()));
        assertTrue(codec.decode(Map.of()).isEmpty());
    }

    @Test
    void valuesReadBackInCanonicalForms() {
        Value.M m = new Value.M(Map.of("ns", new Value.NS(List.of(new Value.N(new BigDecimal("1.10"))))));
        Item item = Item.from(Map.of("m", AttributeValues.toSdk(m)));
        assertEquals(new LinkedHashSet<>(List.of(new BigDecimal("1.1"))), item.getMap("m").getNumberSet("ns"));
    }

    // ---- a view over the SDK's attributes

    @Test
    void fromCopiesWhatItIsGiven() {
        Map<String, AttributeValue> source = new LinkedHashMap<>();
        source.put("a", AttributeValue.fromS("x"));
        source.put("n", AttributeValue.fromN("1.50"));
        Item item = Item.from(source);
        source.put("a", AttributeValue.fromS("changed"));
        source.remove("n");
        assertEquals("x", item.getString("a"));
        assertEquals(new BigDecimal("1.5"), item.getBigDecimal("n"));
        assertEquals(List.of("a", "n"), List.copyOf(item.keySet()), "the order given");
        assertEquals(AttributeValue.fromN("1.50"), item.attributes().get("n"), "the attributes as given");
        assertThrows(UnsupportedOperationException.class, () -> item.attributes().put("b", AttributeValue.fromS("y")));
        assertSame(Item.from(Map.of()), Item.of(Map.of()), "one empty item");
    }

    @Test
    void fromRejectsWhatDynamoDbCouldNotStoreNamingTheAttribute() {
        assertEquals("attribute name is empty; DynamoDB names are at least one character",
                message(IllegalArgumentException.class, () -> Item.from(Map.of("", AttributeValue.fromS("x")))));
        assertTrue(message(IllegalArgumentException.class, () -> Item.from(Map.of("ss", AttributeValue.fromSs(List.of()))))
                .startsWith("attribute \"ss\": "));
        assertTrue(message(IllegalArgumentException.class, () -> Item.from(Map.of("m", AttributeValue.fromM(Map.of("x",
                AttributeValue.fromN("not a number")))))).startsWith("attribute \"m\": "));
        assertThrows(NullPointerException.class, () -> Item.from(null));
    }

    @Test
    void theCodecsDecodeIsAViewWithoutACopy() {
        Map<String, AttributeValue> sdk = new LinkedHashMap<>();
        sdk.put("a", AttributeValue.fromS("x"));
        Item view = Item.codec().decode(sdk);
        assertSame(sdk, view.attributes());
        assertSame(view.attributes(), Item.codec().encode(view));
        // a view converts when read: what the map holds at that time
        sdk.put("a", AttributeValue.fromS("y"));
        assertEquals("y", view.getString("a"));
    }

    @Test
    void decodeReadsTheSameAttributesThroughAnyCodec() {
        record Address(String city, int zip) {
        }
        ItemCodec<Address> addresses = RecordCodec.of(Address.class, java.lang.invoke.MethodHandles.lookup());
        Item item = Item.of(map("city", "Lyon", "zip", 69001));
        assertEquals(new Address("Lyon", 69001), item.decode(addresses));
        assertEquals(new Address("Lyon", 69001), ITEM.getMap("map").decode(addresses), "a nested item too");
        assertSame(item.attributes(), item.decode(Item.codec()).attributes(), "no copy");
        assertEquals(item, item.decode(Item.codec()));
        assertThrows(NullPointerException.class, () -> item.decode(null));
    }

    @Test
    void equalAcrossNumberFormsAndAcrossConstruction() {
        Item a = Item.from(Map.of("n", AttributeValue.fromN("100"), "l", AttributeValue.fromL(List.of(
                AttributeValue.fromN("1.0"))), "m", AttributeValue.fromM(Map.of("x", AttributeValue.fromN("2.50")))));
        Item b = Item.from(Map.of("n", AttributeValue.fromN("1E+2"), "l", AttributeValue.fromL(List.of(
                AttributeValue.fromN("1"))), "m", AttributeValue.fromM(Map.of("x", AttributeValue.fromN("2.5")))));
        Item c = Item.of(map("n", 100L, "l", List.of(1), "m", map("x", 2.5)));
        assertEquals(a, b);
        assertEquals(b, c);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(b.hashCode(), c.hashCode());
        assertFalse(a.equals(Item.from(Map.of("n", AttributeValue.fromS("100"), "l", a.attributes().get("l"),
                "m", a.attributes().get("m")))), "a string is not a number");
        assertEquals(new HashMap<>(a), a, "equal to any map of the same Java values");
    }

    @Test
    void toStringNamesAttributesAndTypesNeverValues() {
        String canary = "secret-canary-4711";
        Item item = Item.of(map("PK", canary, "n", 987654321, "b", Bytes.of((byte) 7), "t", true, "z", null,
                "l", List.of(canary), "m", map("inner", canary), "ss", Set.of(canary), "ns", Set.of(987654321),
                "bs", Set.of(Bytes.of((byte) 9))));
        assertEquals("{PK=<S>, n=<N>, b=<B>, t=<BOOL>, z=<NULL>, l=<L>, m=<M>, ss=<SS>, ns=<NS>, bs=<BS>}", item.toString());
        assertEquals("{inner=<S>}", item.getMap("m").toString());
        assertEquals("{}", Item.of(Map.of()).toString());
        assertFalse(List.of(item).toString().contains(canary));
        assertFalse(Optional.of(item).toString().contains("987654321"));
    }

    @Test
    void toStringShowsValuesOnlyWhenSwitchedOn() {
        String canary = "secret-canary-4712";
        Item item = Item.of(map("PK", canary, "n", 987654321));
        Key key = Key.of(canary, 987654321);
        dev.dynamatic.ast.Redaction.showValues(true);
        try {
            assertTrue(item.toString().contains(canary) && item.toString().contains("987654321"), item.toString());
            assertTrue(key.toString().contains(canary) && key.toString().contains("987654321"), key.toString());
        } finally {
            dev.dynamatic.ast.Redaction.showValues(false);
        }
        assertEquals("{PK=<S>, n=<N>}", item.toString());
        assertEquals("Key[<S>, <N>]", key.toString());
    }

    @Test
    void nestedMapsAreItemsWithTypedGettersAndTheirPath() {
        Item item = Item.from(Map.of("m", AttributeValue.fromM(Map.of("n", AttributeValue.fromN("7"),
                "l", AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of("s", AttributeValue.fromS("x")))))))));
        Item m = item.getMap("m");
        assertEquals(7, m.getInt("n"));
        Item inList = (Item) m.getList("l").getFirst();
        assertEquals("x", inList.getString("s"));
        assertEquals("attribute \"m.l[0].s\" is a string (S), not a boolean (BOOL)",
                message(IllegalArgumentException.class, () -> inList.getBoolean("s")));
        assertEquals("attribute \"m.l[0].missing\" is missing",
                message(NoSuchElementException.class, () -> inList.getString("missing")));
        assertInstanceOf(Item.class, item.get("m"));
        assertEquals(Item.of(Map.of("s", "x")), inList, "a nested item equals the same item at the top");
    }
}
