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
        Item fromSdk = Item.fromSdk(Map.of("n", AttributeValue.fromN("1.0"), "ns", AttributeValue.fromNs(List.of("1E+1", "2.50"))));
        assertEquals(Item.of(map("n", 1, "ns", Set.of(10, new BigDecimal("2.5")))), fromSdk);
        assertEquals(Map.of("n", BigDecimal.ONE, "ns", Set.of(BigDecimal.TEN, new BigDecimal("2.5"))), fromSdk);
        assertEquals(Map.of("n", BigDecimal.ONE, "ns", Set.of(BigDecimal.TEN, new BigDecimal("2.5"))).hashCode(),
                fromSdk.hashCode());
    }

    @Test
    void keepsTheAttributeOrder() {
        assertEquals(List.of("s", "n", "big", "fraction", "bool", "bin", "nul", "list", "map", "ss", "ns", "bs"),
                List.copyOf(ITEM.keySet()));
        assertEquals(List.copyOf(ITEM.keySet()), List.copyOf(ITEM.toSdk().keySet()));
    }

    @Test
    void roundTripsThroughTheSdk() {
        Map<String, AttributeValue> sdk = ITEM.toSdk();
        assertEquals(AttributeValue.fromS("text"), sdk.get("s"));
        assertEquals(AttributeValue.fromN("1.5"), sdk.get("fraction"));
        assertEquals(AttributeValue.fromNul(true), sdk.get("nul"));
        assertEquals(AttributeValue.fromSs(List.of("a", "b")), sdk.get("ss"));
        assertEquals(ITEM, Item.fromSdk(sdk));
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
    void fromSdkNamesTheBadAttribute() {
        Map<String, AttributeValue> nulFalse = Map.of("gone", AttributeValue.fromNul(false));
        assertTrue(message(IllegalArgumentException.class, () -> Item.fromSdk(nulFalse))
                .startsWith("attribute \"gone\": NUL at the top level is false"));
        Map<String, AttributeValue> nullValue = new HashMap<>();
        nullValue.put("a", null);
        assertEquals("attribute \"a\" is null (DynamoDB's NULL is AttributeValue.fromNul(true))",
                message(NullPointerException.class, () -> Item.fromSdk(nullValue)));
        assertEquals("attribute \"n\": the N value is not a decimal number",
                message(IllegalArgumentException.class, () -> Item.fromSdk(Map.of("n", AttributeValue.fromN("x")))));
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
        Item item = Item.fromSdk(Map.of("n", AttributeValue.fromN("7.000"), "e", AttributeValue.fromN("1E+2")));
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
    void getLongAndGetIntNeverTruncate() {
        Item item = Item.of(map("fraction", 1.5, "huge", new BigDecimal("1E+19"), "big", 3_000_000_000L,
                "tiny", new BigDecimal("1E-100")));
        assertEquals("attribute \"fraction\" holds the number 1.5, which has a fraction for long (use getBigDecimal)",
                message(IllegalArgumentException.class, () -> item.getLong("fraction")));
        assertEquals("attribute \"huge\" holds the number 10000000000000000000, which is out of range for long"
                + " (use getBigDecimal)", message(IllegalArgumentException.class, () -> item.getLong("huge")));
        assertEquals("attribute \"big\" holds the number 3000000000, which is out of range for int (use getBigDecimal)",
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
    void theItemCodecIsToSdkAndFromSdk() {
        ItemCodec<Item> codec = ItemCodec.items();
        assertEquals(ITEM.toSdk(), codec.encode(ITEM));
        assertEquals(ITEM, codec.decode(ITEM.toSdk()));
        assertEquals(Item.of(Map.of()), codec.decode(Map.of()));
        assertTrue(codec.decode(Map.of()).isEmpty());
    }

    @Test
    void valuesReadBackInCanonicalForms() {
        Value.M m = new Value.M(Map.of("ns", new Value.NS(List.of(new Value.N(new BigDecimal("1.10"))))));
        Item item = Item.fromSdk(Map.of("m", AttributeValues.toSdk(m)));
        assertEquals(new LinkedHashSet<>(List.of(new BigDecimal("1.1"))), item.getMap("m").getNumberSet("ns"));
    }
}
