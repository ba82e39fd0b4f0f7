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
}
