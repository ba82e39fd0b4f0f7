package dev.dynamatic.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Item identity (as DynamoDB compares keys) and item size (as DynamoDB documents it). */
class ItemIdsTest {

    private static final List<String> KEYS = List.of("PK", "SK");

    private static ItemIds.Id id(AttributeValue pk, AttributeValue sk) {
        return ItemIds.of("T", KEYS, Map.of("PK", pk, "SK", sk, "other", AttributeValue.fromS("ignored")));
    }

    @Test
    void identifiesAnItemByTableAndKeyValues() {
        assertEquals(id(AttributeValue.fromS("a"), AttributeValue.fromN("1.50")),
                id(AttributeValue.fromS("a"), AttributeValue.fromN("1.5")));
        assertEquals(id(AttributeValue.fromS("a"), AttributeValue.fromN("100")),
                id(AttributeValue.fromS("a"), AttributeValue.fromN("1E+2")));
        assertEquals(id(AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {7})), AttributeValue.fromS("x")),
                id(AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {7})), AttributeValue.fromS("x")));
        assertNotEquals(id(AttributeValue.fromS("1"), AttributeValue.fromS("x")),
                id(AttributeValue.fromN("1"), AttributeValue.fromS("x")));
        assertNotEquals(ItemIds.of("T", List.of("PK"), Map.of("PK", AttributeValue.fromS("a"))),
                ItemIds.of("U", List.of("PK"), Map.of("PK", AttributeValue.fromS("a"))));
    }

    @Test
    void rejectsAMissingOrNonScalarKey() {
        assertThrows(IllegalArgumentException.class, () -> ItemIds.of("T", KEYS, Map.of("PK", AttributeValue.fromS("a"))));
        assertThrows(IllegalArgumentException.class, () -> ItemIds.of("T", List.of("PK"),
                Map.of("PK", AttributeValue.fromBool(true))));
    }

    @Test
    void sizesItemsByDynamoDbsRules() {
        // names and strings by UTF-8 bytes: "PK" (2) + "é" (2)
        assertEquals(4, ItemIds.size(Map.of("PK", AttributeValue.fromS("é"))));
        // numbers: one byte per two significant digits, plus one: 12345 -> 3 + 1
        assertEquals(1 + 4, ItemIds.size(Map.of("n", AttributeValue.fromN("12345"))));
        assertEquals(1 + 2, ItemIds.size(Map.of("n", AttributeValue.fromN("1000"))));
        // binary by length; booleans and nulls one byte
        assertEquals(1 + 3 + 1 + 1, ItemIds.size(Map.of("b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[3])),
                "t", AttributeValue.fromBool(true))));
        // a list: 3 + one per element + the elements; a map: 3 + per entry one + name + value
        assertEquals(1 + 3 + 2 + 1 + 1, ItemIds.size(Map.of("l", AttributeValue.fromL(List.of(
                AttributeValue.fromS("a"), AttributeValue.fromNul(true))))));
        assertEquals(1 + 3 + 1 + 1 + 1, ItemIds.size(Map.of("m", AttributeValue.fromM(Map.of("k",
                AttributeValue.fromS("v"))))));
        assertEquals(2 + 2, ItemIds.size(Map.of("ss", AttributeValue.fromSs(List.of("a", "b")))));
    }
}
