package dev.dynamatic.core.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.core.KeyAttribute;
import dev.dynamatic.core.KeySchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ItemChecksTest {

    static final KeySchema SHOP = KeySchema.of("PK", "SK")
            .withIndex("GSI1", KeySchema.of("GSI1PK", "GSI1SK"))
            .withIndex("BY_AMOUNT", KeySchema.of(KeyAttribute.string("PK"), KeyAttribute.number("amount")));

    static final String LONE = "a\uD800b";

    static Map<String, AttributeValue> item(Object... namesAndValues) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        m.put("PK", AttributeValue.fromS("p"));
        m.put("SK", AttributeValue.fromS("s"));
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put((String) namesAndValues[i], (AttributeValue) namesAndValues[i + 1]);
        }
        return m;
    }

    static String rejected(Map<String, AttributeValue> item) {
        return assertThrows(IllegalArgumentException.class, () -> ItemChecks.checkItem("Shop", SHOP, item)).getMessage();
    }

    @Test
    void acceptsAnOrdinaryItem() {
        assertDoesNotThrow(() -> ItemChecks.checkItem("Shop", SHOP, item("name", AttributeValue.fromS("Ada \uD83D\uDE00"),
                "GSI1PK", AttributeValue.fromS("x"), "amount", AttributeValue.fromN("5"),
                "tags", AttributeValue.fromSs(List.of("a", "b")),
                "nested", AttributeValue.fromM(Map.of("k", AttributeValue.fromL(List.of(AttributeValue.fromBool(true))))))));
    }

    @Test
    void rejectsEmptyKeys() {
        String m = rejected(item("SK", AttributeValue.fromS("")));
        assertEquals("table Shop: sort key \"SK\" is empty; DynamoDB rejects empty key values", m);
        Map<String, AttributeValue> binary = new LinkedHashMap<>();
        binary.put("id", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[0])));
        assertThrows(IllegalArgumentException.class,
                () -> ItemChecks.checkItem("Files", KeySchema.of(KeyAttribute.binary("id")), binary));
    }

    @Test
    void rejectsKeysOverDynamoDbsSizeLimits() {
        assertTrue(rejected(item("PK", AttributeValue.fromS("p".repeat(2049))))
                .contains("partition key \"PK\" is 2049 bytes; DynamoDB allows at most 2048"));
        assertTrue(rejected(item("SK", AttributeValue.fromS("\u00e9".repeat(513))))
                .contains("sort key \"SK\" is 1026 bytes; DynamoDB allows at most 1024"));
        assertDoesNotThrow(() -> ItemChecks.checkItem("Shop", SHOP, item("PK", AttributeValue.fromS("p".repeat(2048)),
                "SK", AttributeValue.fromS("s".repeat(1024)))));
    }

    @Test
    void rejectsIndexKeysOfAnotherTypeOrEmpty() {
        assertTrue(rejected(item("amount", AttributeValue.fromS("5")))
                .contains("\"amount\" is a key attribute of index BY_AMOUNT, declared N, but the item holds S"));
        assertTrue(rejected(item("GSI1SK", AttributeValue.fromS("")))
                .contains("\"GSI1SK\" is a key attribute of index GSI1 and is empty"));
    }

    @Test
    void rejectsItemsCertainlyOver400Kilobytes() {
        String m = rejected(item("blob", AttributeValue.fromS("x".repeat(400 * 1024))));
        assertTrue(m.contains("is at least 409610 bytes; DynamoDB's largest item is 409600 bytes"), m);
        // numbers only count a byte each: an item whose size is uncertain is left to DynamoDB
        assertDoesNotThrow(() -> ItemChecks.checkItem("Shop", SHOP,
                item("blob", AttributeValue.fromS("x".repeat(400 * 1024 - 100)), "n", AttributeValue.fromN("1"))));
    }

    @Test
    void rejectsLoneSurrogatesAnywhereWithoutShowingTheText() {
        for (Map<String, AttributeValue> bad : List.of(
                item("name", AttributeValue.fromS(LONE)),
                item(LONE, AttributeValue.fromS("x")),
                item("tags", AttributeValue.fromSs(List.of("ok", LONE))),
                item("m", AttributeValue.fromM(Map.of("inner", AttributeValue.fromL(List.of(AttributeValue.fromS(LONE)))))),
                item("SK", AttributeValue.fromS(LONE)))) {
            String m = rejected(bad);
            assertTrue(m.contains("lone surrogate at index 1"), m);
            assertFalse(m.contains(LONE), m);
        }
        assertTrue(rejected(item("m", AttributeValue.fromM(Map.of("inner", AttributeValue.fromL(List.of(
                AttributeValue.fromS(LONE)))))))
                .contains("attribute \"m.inner[0]\""));
    }

    @Test
    void countsUtf8BytesWithoutEncoding() {
        for (String s : List.of("", "abc", "\u00e9t\u00e9", "\u20ac", "\uD83D\uDE00 smile", "mixed \u00e9\u20ac\uD83D\uDE00")) {
            assertEquals(s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, dev.dynamatic.ast.internal.Utf8.length(s), s);
        }
    }
}
