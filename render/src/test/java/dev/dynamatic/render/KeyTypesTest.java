package dev.dynamatic.render;

import static dev.dynamatic.ast.Dsl.partitionKey;
import static dev.dynamatic.ast.Dsl.sortKey;
import static dev.dynamatic.ast.Dsl.value;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dynamatic.ast.Bytes;
import dev.dynamatic.ast.KeyCondition;
import dev.dynamatic.ast.Redaction;
import dev.dynamatic.ast.Value;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

class KeyTypesTest {

    private static final KeyTypes EVENTS = KeyTypes.of("device", Value.Type.S, "at", Value.Type.N);
    private static final KeyTypes BLOBS = KeyTypes.of("id", Value.Type.B, "part", Value.Type.B);

    @Test
    void acceptsKeyConditionsWhoseValuesAreOfTheKeyTypes() {
        assertDoesNotThrow(() -> EVENTS.check(partitionKey("device", value("d"))));
        assertDoesNotThrow(() -> EVENTS.check(partitionKey("device", value("d")).and(sortKey("at").ge(value(5)))));
        assertDoesNotThrow(() -> EVENTS.check(partitionKey("device", value("d"))
                .and(sortKey("at").between(value(1), value(2)))));
        Bytes one = Bytes.of((byte) 1);
        assertDoesNotThrow(() -> BLOBS.check(partitionKey("id", value(one)).and(sortKey("part").beginsWith(value(one)))));
        assertDoesNotThrow(() -> KeyTypes.of("pk", Value.Type.S, "sk", Value.Type.S)
                .check(partitionKey("pk", value("p")).and(sortKey("sk").beginsWith(value("s")))));
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of(partitionKey("device", value(1)), "key \"device\" is of type S, the value is of type N"),
                Arguments.of(partitionKey("device", value("d")).and(sortKey("at").eq(value("1"))),
                        "key \"at\" is of type N, the value is of type S"),
                Arguments.of(partitionKey("device", value("d")).and(sortKey("at").between(value("1"), value("2"))),
                        "key \"at\" is of type N, the value is of type S"),
                Arguments.of(partitionKey("device", value(Bytes.of((byte) 1))),
                        "key \"device\" is of type S, the value is of type B"));
    }

    @ParameterizedTest
    @MethodSource("wrongTypes")
    void rejectsKeyValuesOfAnotherTypeNamingTypesNotValues(KeyCondition k, String detail) {
        var e = assertThrows(IllegalArgumentException.class, () -> EVENTS.check(k));
        assertEquals("Invalid KeyConditionExpression: One or more parameter values were invalid: Condition parameter"
                + " type does not match schema type; " + detail, e.getMessage());
    }

    @Test
    void rejectsBeginsWithOnANumberSortKey() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> EVENTS.check(partitionKey("device", value("d")).and(sortKey("at").beginsWith(value("1")))));
        assertEquals("Invalid KeyConditionExpression: begins_with on the sort key \"at\", which is a number (N):"
                + " begins_with takes a string or binary key", e.getMessage());
        // a binary prefix for a string sort key is a type mismatch
        var binary = assertThrows(IllegalArgumentException.class, () -> KeyTypes.of("pk", Value.Type.S, "sk", Value.Type.S)
                .check(partitionKey("pk", value("p")).and(sortKey("sk").beginsWith(value(Bytes.of((byte) 1))))));
        assertFalse(binary.getMessage().contains("begins_with on the sort key"), binary.getMessage());
    }

    @Test
    void rejectsKeyConditionsOnOtherAttributes() {
        var partition = assertThrows(IllegalArgumentException.class, () -> EVENTS.check(partitionKey("id", value("d"))));
        assertEquals("Invalid KeyConditionExpression: the key condition names \"id\" as partition key, but the partition"
                + " key is \"device\"", partition.getMessage());
        var sort = assertThrows(IllegalArgumentException.class,
                () -> EVENTS.check(partitionKey("device", value("d")).and(sortKey("other").eq(value(1)))));
        assertEquals("Invalid KeyConditionExpression: the key condition names \"other\" as sort key, but the sort key"
                + " is \"at\"", sort.getMessage());
        var none = assertThrows(IllegalArgumentException.class, () -> KeyTypes.of("device", Value.Type.S)
                .check(partitionKey("device", value("d")).and(sortKey("at").eq(value(1)))));
        assertEquals("Invalid KeyConditionExpression: the key condition has a condition on \"at\", but there is no sort"
                + " key", none.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = Value.Type.class, names = {"S", "N", "B"}, mode = EnumSource.Mode.EXCLUDE)
    void keyAttributesAreStringNumberOrBinary(Value.Type type) {
        var e = assertThrows(IllegalArgumentException.class, () -> KeyTypes.of("pk", type));
        assertEquals("key attribute \"pk\": a key is of type S, N or B, not " + type, e.getMessage());
    }

    @Test
    void rejectsBadParts() {
        assertThrows(IllegalArgumentException.class, () -> KeyTypes.of("", Value.Type.S));
        assertThrows(IllegalArgumentException.class, () -> KeyTypes.of("k", Value.Type.S, "k", Value.Type.N));
        assertThrows(NullPointerException.class, () -> KeyTypes.of(null, Value.Type.S));
        assertThrows(NullPointerException.class, () -> new KeyTypes(new KeyTypes.Attribute("k", Value.Type.S), null));
        assertThrows(NullPointerException.class, () -> EVENTS.check(null));
        assertEquals(Optional.of(new KeyTypes.Attribute("at", Value.Type.N)), EVENTS.sortKey());
    }

    @Test
    void theParserChecksKeyValuesAgainstTheTypesWithAPosition() {
        Map<String, String> names = Map.of("#t", "at");
        var e = assertThrows(ExpressionParseException.class, () -> Expressions.parseKeyCondition(
                "device = :d AND #t > :t", EVENTS, names, Expressions.values(Map.of(":d", "d1", ":t", "secret-2026"))));
        assertEquals(16, e.offset());
        assertEquals("Invalid KeyConditionExpression: One or more parameter values were invalid: Condition parameter"
                + " type does not match schema type; key \"at\" is of type N, the value is of type S; token: \"#t\","
                + " near: \"AND #t >\", offset: 16", e.getMessage());
        var partition = assertThrows(ExpressionParseException.class, () -> Expressions.parseKeyCondition(
                ":d = device", EVENTS, Map.of(), Expressions.values(Map.of(":d", 5))));
        assertEquals(0, partition.offset());
        var beginsWith = assertThrows(ExpressionParseException.class, () -> Expressions.parseKeyCondition(
                "begins_with(#t, :t) AND device = :d", EVENTS, names, Expressions.values(Map.of(":d", "d", ":t", "1"))));
        assertEquals(0, beginsWith.offset());
        assertEquals(partitionKey("device", value("d")).and(sortKey("at").le(value(9))), Expressions.parseKeyCondition(
                ":t >= #t AND device = :d", EVENTS, names, Expressions.values(Map.of(":d", "d", ":t", 9))).tree());
    }

    @Test
    void parsingAQueryRequestChecksItsKeyTypes() {
        QueryRequest wrong = QueryRequest.builder().tableName("Events").keyConditionExpression("device = :d AND #t = :t")
                .expressionAttributeNames(Map.of("#t", "at"))
                .expressionAttributeValues(Expressions.values(Map.of(":d", "d", ":t", "x"))).build();
        var e = assertThrows(ExpressionParseException.class, () -> Expressions.parse(wrong, EVENTS));
        assertEquals(16, e.offset());
        // the names alone do not see it
        assertEquals(Optional.of(partitionKey("device", value("d")).and(sortKey("at").eq(value("x")))),
                Expressions.parse(wrong, "device", "at").keyCondition());
        QueryRequest right = wrong.toBuilder()
                .expressionAttributeValues(Expressions.values(Map.of(":d", "d", ":t", 3))).build();
        assertEquals(Optional.of(partitionKey("device", value("d")).and(sortKey("at").eq(value(3)))),
                Expressions.parse(right, EVENTS).keyCondition());
    }

    @Test
    void messagesNeverShowTheValue() {
        Redaction.showValues(false);
        var e = assertThrows(IllegalArgumentException.class,
                () -> EVENTS.check(partitionKey("device", value("d")).and(sortKey("at").eq(value("secret-2026")))));
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }
}
