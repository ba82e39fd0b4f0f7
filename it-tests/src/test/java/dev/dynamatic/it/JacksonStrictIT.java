package dev.dynamatic.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dynamatic.core.Key;
import dev.dynamatic.core.Table;
import dev.dynamatic.jackson.JacksonCodec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Items written by other code, read back from the server: the Jackson codec reads them strictly (the record codec's
 * rules, whatever the mapper allows), names the class, the attribute and the DynamoDB type without showing the value,
 * and reads them as the mapper is configured when asked to be lenient.
 */
@DynamoDbIT
class JacksonStrictIT {

    /** An order as the application declares it. */
    public record Order(String pk, String sk, int quantity, double price, String note, List<String> tags) {
    }

    /** A mapper configured to coerce, as a JSON application might have it. */
    private static final JsonMapper LOOSE = JsonMapper.builder()
            .enable(DeserializationFeature.ACCEPT_FLOAT_AS_INT, DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .build();
    private static final JacksonCodec<Order> ORDERS = JacksonCodec.of(LOOSE, Order.class);

    private final DynamoDbClient client;
    private final TestTable testTable;
    private final Table table;

    JacksonStrictIT(DynamoDbClient client, TestTable testTable) {
        this.client = client;
        this.testTable = testTable;
        this.table = testTable.on(client);
    }

    /** Stores an order item as other code wrote it, with the given attributes replaced (null: left out). */
    private Key store(String sk, Object... replacements) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(testTable.key("ORDER#1", sk));
        item.put("quantity", AttributeValue.fromN("2"));
        item.put("price", AttributeValue.fromN("9.5"));
        item.put("note", AttributeValue.fromS("gift"));
        item.put("tags", AttributeValue.fromL(List.of(AttributeValue.fromS("a"))));
        for (int i = 0; i < replacements.length; i += 2) {
            AttributeValue v = (AttributeValue) replacements[i + 1];
            if (v == null) {
                item.remove((String) replacements[i]);
            } else {
                item.put((String) replacements[i], v);
            }
        }
        client.putItem(b -> b.tableName(testTable.name()).item(item));
        return Key.of("ORDER#1", sk);
    }

    private void assertRejected(String expected, Key key) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> table.get(key, ORDERS));
        assertEquals(expected, e.getMessage());
    }

    @Test
    void readsAnItemThatFits() {
        Key key = store("FITS");
        assertEquals(Optional.of(new Order("ORDER#1", "FITS", 2, 9.5, "gift", List.of("a"))), table.get(key, ORDERS));
    }

    @Test
    void rejectsWhatTheClassCannotHoldExactly() {
        assertRejected("Order.quantity: the number has a fraction for int (it is not truncated)",
                store("FRACTION", "quantity", AttributeValue.fromN("1.5")));
        assertRejected("Order.quantity: expected a number (N), found S",
                store("STRING", "quantity", AttributeValue.fromS("5")));
        assertRejected("Order.note: expected a string (S), found N",
                store("NUMBER", "note", AttributeValue.fromN("5")));
        assertRejected("Order.quantity: is missing, but the property is a primitive int (declare it Integer or"
                + " Optional<Integer> to allow that)", store("MISSING", "quantity", null));
        assertRejected("Order.price: the number cannot be held by a double without rounding (declare it BigDecimal)",
                store("DIGITS", "price", AttributeValue.fromN("12345678901234567890123456789012345678")));
        assertRejected("Order.tags: expected a list or set (L, SS, NS, BS), found S",
                store("SCALAR", "tags", AttributeValue.fromS("tok_live_secret")));
    }

    @Test
    void showsNoValueOfTheItem() {
        Key key = store("SECRET", "quantity", AttributeValue.fromS("tok_live_4f9a"), "note", AttributeValue.fromS("x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> table.get(key, ORDERS));
        IllegalArgumentException lenient = assertThrows(IllegalArgumentException.class,
                () -> table.get(key, ORDERS.lenient()));
        for (Throwable t : List.of(e, lenient)) {
            for (Throwable x = t; x != null; x = x.getCause()) {
                assertFalse(String.valueOf(x).contains("tok_live_4f9a"), String.valueOf(x));
            }
        }
        assertEquals("Order.quantity: the string is not a valid int", lenient.getMessage());
    }

    @Test
    void readsAsTheMapperIsConfiguredWhenLenient() {
        JacksonCodec<Order> lenient = ORDERS.lenient();
        assertEquals(1, table.get(store("L-FRACTION", "quantity", AttributeValue.fromN("1.5")), lenient)
                .orElseThrow().quantity());
        assertEquals(0, table.get(store("L-MISSING", "quantity", null), lenient).orElseThrow().quantity());
        assertEquals("5", table.get(store("L-NUMBER", "note", AttributeValue.fromN("5")), lenient).orElseThrow().note());
        assertEquals(List.of("x"), table.get(store("L-SCALAR", "tags", AttributeValue.fromS("x")), lenient)
                .orElseThrow().tags());
    }
}
