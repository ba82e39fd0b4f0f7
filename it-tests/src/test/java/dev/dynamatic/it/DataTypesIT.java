package dev.dynamatic.it;

import static dev.dynamatic.ast.Dsl.add;
import static dev.dynamatic.ast.Dsl.eq;
import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.plus;
import static dev.dynamatic.ast.Dsl.set;
import static dev.dynamatic.ast.Dsl.update;
import static dev.dynamatic.ast.Dsl.value;
import static dev.dynamatic.it.Fixtures.item;
import static dev.dynamatic.it.Fixtures.right;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.ast.Bytes;
import dev.dynamatic.core.Item;
import dev.dynamatic.core.Key;
import dev.dynamatic.core.PutItem;
import dev.dynamatic.core.Table;
import dev.dynamatic.core.UpdateItem;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** Every DynamoDB type written and read back: documents, sets, binary, numbers at the limits, large items. */
@DynamoDbIT
class DataTypesIT {

    /** 38 significant digits, at the edges of DynamoDB's range (1E-130 to below 1E+126). */
    private static final List<String> NUMBERS = List.of(
            "99999999999999999999999999999999999999",
            "-99999999999999999999999999999999999999",
            "0.12345678901234567890123456789012345678",
            "9.9999999999999999999999999999999999999E+125",
            "-9.9999999999999999999999999999999999999E+125",
            "1E-130",
            "-1E-130",
            "1.2345678901234567890123456789012345678E-93",
            "0",
            "1.000",
            "1E+2");

    private final DynamoDbClient client;
    private final TestTable testTable;
    private final Table table;

    DataTypesIT(DynamoDbClient client, TestTable testTable) {
        this.client = client;
        this.testTable = testTable;
        this.table = testTable.on(client);
    }

    private Item roundTrip(Item item) {
        table.put(item);
        return table.get(Key.of(item.get("pk"), item.get("sk"))).orElseThrow();
    }

    @Test
    void nestedMapsAndListsComeBackAsWritten() {
        Item doc = item("pk", "t", "sk", "doc",
                "order", item("lines", List.of(item("sku", "A", "qty", 2, "tags", List.of("x", "y")),
                                item("sku", "B", "qty", 1, "gift", item("note", "hi", "wrapped", false))),
                        "address", item("street", List.of("1 Main St", "Apt 2"), "geo", item("lat", new BigDecimal("51.5"),
                                "lon", new BigDecimal("-0.12")))),
                "matrix", List.of(List.of(1, 2), List.of(), List.of(List.of("deep"))),
                "mixed", Arrays.asList("s", 1, true, null, Bytes.of((byte) 7), Set.of("a"), item()),
                "emptyMap", item(), "emptyList", List.of());
        assertEquals(doc, roundTrip(doc));
    }

    @Test
    void documentsNestThirtyTwoLevelsDeep() {
        Object deepest = "bottom";
        for (int level = 0; level < 31; level++) {
            deepest = level % 2 == 0 ? item("m", deepest) : List.of(deepest);
        }
        Item doc = item("pk", "t", "sk", "deep", "doc", deepest);
        assertEquals(doc, roundTrip(doc));
    }

    @Test
    void setsOfEveryKind() {
        Item sets = item("pk", "t", "sk", "sets",
                "ss", Set.of("b", "a", "ünïcödé", "😀"),
                "ns", Set.of(3, new BigDecimal("-1.5"), new BigDecimal("99999999999999999999999999999999999999")),
                "bs", Set.of(Bytes.of((byte) 0), Bytes.of((byte) -1, (byte) 0), Bytes.of()));
        Item back = roundTrip(sets);
        assertEquals(sets, back);
        assertEquals(Set.of("a", "b", "ünïcödé", "😀"), back.getStringSet("ss"));
        assertEquals(new TreeSet<>(Set.of(new BigDecimal("-1.5"), new BigDecimal("3"),
                new BigDecimal("99999999999999999999999999999999999999"))), new TreeSet<>(back.getNumberSet("ns")));
    }

    @Test
    void binaryHoldsEveryByte() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        Item bin = item("pk", "t", "sk", "bin", "all", Bytes.of(all), "empty", Bytes.of(), "text", "\u0000nul\uFFFF");
        Item back = roundTrip(bin);
        assertEquals(bin, back);
        assertEquals(Bytes.of(all), back.getBytes("all"));
    }

    @Test
    void scalarsAndEmptyValues() {
        Item scalars = item("pk", "t", "sk", "scalars", "yes", true, "no", false, "nothing", null, "empty", "",
                "emoji", "😀 ok", "long", Long.MIN_VALUE, "double", 0.1);
        Item back = roundTrip(scalars);
        assertEquals(scalars, back);
        assertTrue(back.isNull("nothing"));
        assertEquals(Long.MIN_VALUE, back.getLong("long"));
        assertEquals(new BigDecimal("0.1"), back.getBigDecimal("double"));
    }

    @Test
    void numbersAtThirtyEightDigitsAndTheRangeEdgesComeBackNumericallyEqual() {
        Map<String, Object> attributes = new LinkedHashMap<>(Map.of("pk", "t", "sk", "numbers"));
        for (int i = 0; i < NUMBERS.size(); i++) {
            attributes.put("n" + i, new BigDecimal(NUMBERS.get(i)));
        }
        Item back = roundTrip(Item.of(attributes));
        // the raw text may differ (DynamoDB normalises, e.g. 1.000 to 1), the number may not
        Map<String, AttributeValue> raw = client.getItem(b -> b.tableName(testTable.name())
                .key(table.key(Key.of("t", "numbers")))).item();
        for (int i = 0; i < NUMBERS.size(); i++) {
            BigDecimal expected = new BigDecimal(NUMBERS.get(i));
            assertEquals(0, expected.compareTo(back.getBigDecimal("n" + i)), "n" + i + " = " + back.get("n" + i));
            assertEquals(0, expected.compareTo(new BigDecimal(raw.get("n" + i).n())), "n" + i + " = " + raw.get("n" + i));
        }
        assertEquals(0, back.getBigDecimal("n9").compareTo(BigDecimal.ONE));
        assertEquals(100, back.getInt("n10"));
    }

    @Test
    void arithmeticAndConditionsKeepThirtyEightDigits() {
        BigDecimal big = new BigDecimal("99999999999999999999999999999999999998");
        table.put(item("pk", "t", "sk", "arith", "n", big, "f", new BigDecimal("0.1234567890123456789012345678901234567")));
        Item updated = right(table.update(UpdateItem.of(Key.of("t", "arith"),
                        update(add(path("n"), value(1)), set(path("g"), plus(path("f"),
                                value(new BigDecimal("0.0000000000000000000000000000000000001"))))))
                .withCondition(eq(path("n"), value(big)))
                .withReturnValues(ReturnValue.ALL_NEW))).item().orElseThrow();
        assertEquals(0, new BigDecimal("99999999999999999999999999999999999999").compareTo(updated.getBigDecimal("n")));
        assertEquals(0, new BigDecimal("0.1234567890123456789012345678901234568").compareTo(updated.getBigDecimal("g")));
        assertEquals(Optional.of(updated), table.get(Key.of("t", "arith")));
    }

    @Test
    void aThreeHundredKilobyteItemRoundTrips() {
        String text = "0123456789abcdef".repeat(300 * 1024 / 16);
        Bytes blob = Bytes.of(new byte[20 * 1024]);
        Item big = item("pk", "t", "sk", "big", "text", text, "blob", blob);
        Item back = roundTrip(big);
        assertEquals(big, back);
        assertEquals(300 * 1024, back.getString("text").length());

        // and through an update expression, whose value substitution is then ~300 KB
        Item updated = right(table.update(UpdateItem.of(Key.of("t", "big"), update(set(path("text"), value(text.toUpperCase()))))
                .withReturnValues(ReturnValue.UPDATED_NEW))).item().orElseThrow();
        assertEquals(item("text", text.toUpperCase()), updated);
        assertEquals(right(table.put(PutItem.of(big).withReturnOld(true))).item(),
                Optional.of(item("pk", "t", "sk", "big", "text", text.toUpperCase(), "blob", blob)));
    }

    @Test
    void numbersAreStoredAsDynamoDbNumbers() {
        table.put(item("pk", "t", "sk", "raw", "n", new BigDecimal("1.50")));
        AttributeValue raw = client.getItem(b -> b.tableName(testTable.name()).key(table.key(Key.of("t", "raw"))))
                .item().get("n");
        assertEquals(AttributeValue.Type.N, raw.type());
        assertEquals(0, new BigDecimal("1.5").compareTo(new BigDecimal(raw.n())), raw.n());
    }
}
