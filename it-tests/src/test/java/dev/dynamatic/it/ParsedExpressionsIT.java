package dev.dynamatic.it;

import static dev.dynamatic.it.Fixtures.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.core.Failure;
import dev.dynamatic.core.Item;
import dev.dynamatic.core.Key;
import dev.dynamatic.core.Table;
import dev.dynamatic.core.UpdateItem;
import dev.dynamatic.render.Expressions;
import dev.dynamatic.render.ParsedRequest;
import io.vavr.control.Either;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Hand-written expressions, parsed and executed through {@code core}, leave the same item as the raw text
 * sent directly through the SDK.
 */
@DynamoDbIT
class ParsedExpressionsIT {

    private static final AtomicInteger IDS = new AtomicInteger();

    private final DynamoDbClient client;
    private final Table table;
    private final TestTable testTable;

    ParsedExpressionsIT(DynamoDbClient client, TestTable testTable) {
        this.client = client;
        this.testTable = testTable;
        this.table = testTable.on(client);
    }

    /** An update expression, an optional condition, their names and (plain Java) values. */
    record Sample(String update, String condition, Map<String, String> names, Map<String, Object> values) {
    }

    static List<Sample> samples() {
        return List.of(
                new Sample("SET Price = Price - :d, #st = :s REMOVE Obsolete", null,
                        Map.of("#st", "Status"), Map.of(":d", 3, ":s", "ON_SALE")),
                new Sample("set #l = list_append(if_not_exists(#l, :empty), :new) add Visits :one", null,
                        Map.of("#l", "Lines"), Map.of(":empty", List.of(), ":new", List.of("x", 2), ":one", 1)),
                new Sample("SET Info.Rating = :r, Tags[1] = :t DELETE Colors :c", null,
                        Map.of(), Map.of(":r", 5, ":t", "B", ":c", Set.of("red"))),
                new Sample("remove Tags[0], Info.#o SET #c = if_not_exists(#c, :zero) + :one", null,
                        Map.of("#o", "Old", "#c", "Counter"), Map.of(":zero", 0, ":one", 1)),
                new Sample("SET Price = :p",
                        "attribute_exists(Price) AND (Price BETWEEN :lo AND :hi OR contains(Colors, :red))",
                        Map.of(), Map.of(":p", 12, ":lo", 1, ":hi", 100, ":red", "red")),
                new Sample("SET Price = :p",
                        "NOT (Price < :lo) and size(Tags) = :three AND attribute_type(Info, :m)",
                        Map.of(), Map.of(":p", 13, ":lo", 1, ":three", 3, ":m", "M")),
                new Sample("SET Price = :p", "Price > :big",
                        Map.of(), Map.of(":p", 14, ":big", 1000)));
    }

    private Item fresh(String sk) {
        Item item = item("pk", "parsed", "sk", sk, "Price", 10, "Status", "x", "Obsolete", "y", "Visits", 1,
                "Info", item("Rating", 1, "Old", 2), "Tags", List.of("a", "b", "c"), "Colors", Set.of("red", "blue"));
        table.put(item);
        return item;
    }

    @ParameterizedTest
    @MethodSource("samples")
    void parsedAndRawTextLeaveTheSameItem(Sample sample) {
        int id = IDS.incrementAndGet();
        fresh("raw#" + id);
        fresh("parsed#" + id);
        Map<String, AttributeValue> values = Expressions.values(sample.values());
        UpdateItemRequest raw = UpdateItemRequest.builder().tableName(testTable.name())
                .key(table.key(Key.of("parsed", "raw#" + id)))
                .updateExpression(sample.update()).conditionExpression(sample.condition())
                .expressionAttributeNames(sample.names().isEmpty() ? null : sample.names())
                .expressionAttributeValues(values).build();

        // The request-level parse also checks that every map entry is used, as DynamoDB does.
        ParsedRequest parsed = Expressions.parse(raw);
        UpdateItem ours = UpdateItem.of(Key.of("parsed", "parsed#" + id), parsed.update().orElseThrow());
        if (parsed.condition().isPresent()) {
            ours = ours.withCondition(parsed.condition().get());
        }

        boolean rawFailed;
        try {
            client.updateItem(raw);
            rawFailed = false;
        } catch (ConditionalCheckFailedException e) {
            rawFailed = true;
        }
        Either<Failure, ?> outcome = table.update(ours);
        assertEquals(rawFailed, outcome.isLeft(), "both fail their condition, or neither does");

        Item rawItem = table.get(Key.of("parsed", "raw#" + id)).orElseThrow();
        Item parsedItem = table.get(Key.of("parsed", "parsed#" + id)).orElseThrow();
        assertEquals(Fixtures.without(rawItem, "sk"), Fixtures.without(parsedItem, "sk"));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void unusedMapEntriesAreRejectedBeforeSending(Sample sample) {
        Map<String, Object> more = new java.util.HashMap<>(sample.values());
        more.put(":unused", 1);
        UpdateItemRequest raw = UpdateItemRequest.builder().tableName(testTable.name())
                .key(table.key(Key.of("parsed", "never")))
                .updateExpression(sample.update()).conditionExpression(sample.condition())
                .expressionAttributeNames(sample.names().isEmpty() ? null : sample.names())
                .expressionAttributeValues(Expressions.values(more)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Expressions.parse(raw));
        assertTrue(e.getMessage().contains(":unused"), e.getMessage());
    }
}
