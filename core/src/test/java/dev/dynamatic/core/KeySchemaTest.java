package dev.dynamatic.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.ast.Value;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class KeySchemaTest {

    static final KeySchema SHOP = KeySchema.of("PK", "SK")
            .withIndex("GSI1", KeySchema.of("GSI1PK", "GSI1SK"))
            .withIndex("BY_TIME", KeySchema.of(KeyAttribute.string("PK"), KeyAttribute.number("at")));

    @Test
    void declaresStringKeysByName() {
        assertEquals(KeyAttribute.string("PK"), SHOP.partitionKey());
        assertEquals(Optional.of(KeyAttribute.string("SK")), SHOP.sortKey());
        assertEquals(List.of("PK", "SK"), SHOP.names());
        assertEquals(Optional.of(Value.Type.N), SHOP.typeOf("at"));
        assertEquals(Optional.of(Value.Type.S), SHOP.typeOf("GSI1SK"));
        assertEquals(Optional.empty(), SHOP.typeOf("name"));
    }

    @Test
    void rejectsOneAttributeWithTwoTypes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SHOP.withIndex("BAD", KeySchema.of(KeyAttribute.number("SK"))));
        assertTrue(e.getMessage().contains("\"SK\" is declared both S and N"), e.getMessage());
    }

    @Test
    void rejectsKeyAttributesThatAreNotScalars() {
        assertThrows(IllegalArgumentException.class, () -> new KeyAttribute("PK", Value.Type.M));
        assertThrows(IllegalArgumentException.class, () -> new KeyAttribute("", Value.Type.S));
        assertThrows(IllegalArgumentException.class, () -> KeyAttribute.string("x".repeat(256)));
        assertThrows(IllegalArgumentException.class, () -> KeySchema.of("PK", "PK"));
        assertThrows(IllegalArgumentException.class, () -> SHOP.withIndex("NESTED", SHOP));
    }

    @Test
    void turnsKeysIntoAttributesCheckingTheirTypes() {
        assertEquals(Map.of("PK", AttributeValue.fromS("a"), "SK", AttributeValue.fromS("b")),
                SHOP.attributesOf(Key.of("a", "b")));
        KeySchema events = KeySchema.of(KeyAttribute.string("device"), KeyAttribute.number("at"));
        assertEquals(Map.of("device", AttributeValue.fromS("d"), "at", AttributeValue.fromN("5")),
                events.attributesOf(Key.of("d", 5)));
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> events.attributesOf(Key.of("d", "5")));
        assertEquals("sort key \"at\" is declared N, but the key's sort value is S", wrong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SHOP.attributesOf(Key.of("a")));
        assertThrows(IllegalArgumentException.class, () -> KeySchema.of("PK").attributesOf(Key.of("a", "b")));
    }

    @Test
    void readsTheKeyOfAnItem() {
        Map<String, AttributeValue> item = Map.of("PK", AttributeValue.fromS("a"), "SK", AttributeValue.fromS("b"),
                "n", AttributeValue.fromN("1"));
        assertEquals(Key.of("a", "b"), SHOP.keyOf(item));
        assertThrows(IllegalArgumentException.class, () -> SHOP.keyOf(Map.of("PK", AttributeValue.fromS("a"))));
        assertThrows(IllegalArgumentException.class,
                () -> SHOP.keyOf(Map.of("PK", AttributeValue.fromN("1"), "SK", AttributeValue.fromS("b"))));
    }

    @Test
    void equalsByAttributesAndIndexes() {
        assertEquals(KeySchema.of("PK", "SK"), KeySchema.of(KeyAttribute.string("PK"), KeyAttribute.string("SK")));
        assertNotEquals(KeySchema.of("PK", "SK"), KeySchema.of(KeyAttribute.string("PK"), KeyAttribute.number("SK")));
        assertNotEquals(KeySchema.of("PK", "SK"), SHOP);
        assertEquals("KeySchema[PK:S, SK:S; GSI1(GSI1PK:S, GSI1SK:S); BY_TIME(PK:S, at:N)]", SHOP.toString());
    }

    @Test
    void namesItsIndexesAndTheirKeys() {
        assertEquals(List.of("GSI1", "BY_TIME"), List.copyOf(SHOP.indexes().keySet()));
        assertEquals(KeySchema.of("GSI1PK", "GSI1SK"), SHOP.index("GSI1"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> SHOP.index("GSI9"));
        assertEquals("no index \"GSI9\" in the key schema; known: [GSI1, BY_TIME]", unknown.getMessage());
        assertEquals(List.of(KeyAttribute.string("PK"), KeyAttribute.string("SK")), SHOP.attributes());
        assertEquals(List.of(KeyAttribute.number("n")), KeySchema.of(KeyAttribute.number("n")).attributes());
        assertEquals(Optional.empty(), KeySchema.of("PK").sortKey());
        // replacing an index keeps one entry
        assertEquals(2, SHOP.withIndex("GSI1", KeySchema.of("GSI1PK")).indexes().size());
        assertEquals(KeySchema.of("GSI1PK"), SHOP.withIndex("GSI1", KeySchema.of("GSI1PK")).index("GSI1"));
        KeySchema base = KeySchema.of("PK", "SK");
        assertEquals(1, base.withIndex("X", KeySchema.of("X")).indexes().size());
        assertEquals(Map.of(), base.indexes(), "withIndex returns a copy");
        assertThrows(IllegalArgumentException.class, () -> SHOP.withIndex("", KeySchema.of("X")));
    }

    @Test
    void readsKeysAndTheirTypesWithDescribeTable() {
        CannedHttp http = new CannedHttp().answer(200, """
                {"Table":{"TableName":"Shop",
                 "AttributeDefinitions":[{"AttributeName":"PK","AttributeType":"S"},{"AttributeName":"SK","AttributeType":"B"},
                  {"AttributeName":"GSI1PK","AttributeType":"S"},{"AttributeName":"at","AttributeType":"N"}],
                 "KeySchema":[{"AttributeName":"SK","KeyType":"RANGE"},{"AttributeName":"PK","KeyType":"HASH"}],
                 "GlobalSecondaryIndexes":[{"IndexName":"GSI1","KeySchema":[{"AttributeName":"GSI1PK","KeyType":"HASH"}]}],
                 "LocalSecondaryIndexes":[{"IndexName":"LSI1","KeySchema":[{"AttributeName":"PK","KeyType":"HASH"},
                  {"AttributeName":"at","KeyType":"RANGE"}]}]}}""");
        try (var client = http.client()) {
            KeySchema described = KeySchema.describe(client, "Shop");
            assertEquals(KeySchema.of(KeyAttribute.string("PK"), KeyAttribute.binary("SK"))
                    .withIndex("GSI1", KeySchema.of("GSI1PK"))
                    .withIndex("LSI1", KeySchema.of(KeyAttribute.string("PK"), KeyAttribute.number("at"))), described);
            assertEquals("KeySchema[PK:S, SK:B; GSI1(GSI1PK:S); LSI1(PK:S, at:N)]", described.toString());
        }
        assertEquals("DescribeTable", http.sent().getFirst().operation());
        assertEquals("{\"TableName\":\"Shop\"}", http.sent().getFirst().body());
    }

    @Test
    void aDescriptionWithoutTheKeysTypesIsAnError() {
        CannedHttp http = new CannedHttp().answer(200, """
                {"Table":{"TableName":"Shop","AttributeDefinitions":[],
                 "KeySchema":[{"AttributeName":"PK","KeyType":"HASH"}]}}""");
        try (var client = http.client()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> KeySchema.describe(client, "Shop"));
            assertEquals("Shop: key attribute PK has no attribute definition", e.getMessage());
        }
    }

    @Test
    void keysOfTheDeclaredTypesOnly() {
        KeySchema bin = KeySchema.of(KeyAttribute.binary("id"));
        assertEquals(Map.of("id", AttributeValue.fromB(software.amazon.awssdk.core.SdkBytes.fromByteArray(new byte[] {1}))),
                bin.attributesOf(Key.of(dev.dynamatic.ast.Bytes.of((byte) 1))));
        assertEquals("partition key \"id\" is declared B, but the key's partition value is S",
                assertThrows(IllegalArgumentException.class, () -> bin.attributesOf(Key.of("AQ=="))).getMessage());
        assertEquals("key attribute \"id\" is declared B, but the item holds S", assertThrows(IllegalArgumentException.class,
                () -> bin.keyOf(Map.of("id", AttributeValue.fromS("AQ==")))).getMessage());
    }
}
