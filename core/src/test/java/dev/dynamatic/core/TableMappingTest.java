package dev.dynamatic.core;

import static dev.dynamatic.ast.Dsl.eq;
import static dev.dynamatic.ast.Dsl.partitionKey;
import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.projection;
import static dev.dynamatic.ast.Dsl.set;
import static dev.dynamatic.ast.Dsl.update;
import static dev.dynamatic.ast.Dsl.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.ast.Bytes;
import dev.dynamatic.core.internal.Cursors;
import io.vavr.control.Either;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * What a table sends and how it maps what the SDK hands back, over canned HTTP responses: the SDK parses a fixed
 * body, and only our code around it is under test (no DynamoDB behaviour is imitated here; the integration tests
 * have the real ones).
 */
class TableMappingTest {

    private final CannedHttp http = new CannedHttp();
    private final DynamoDbClient client = http.client();
    private final Table table = Table.of(client, "T", KeySchema.of("PK", "SK"));

    @AfterEach
    void everyCannedResponseWasUsed() {
        client.close();
        assertEquals(0, http.unused(), "unused canned responses");
    }

    private String sent(int i) {
        return http.sent().get(i).body();
    }

    @Test
    void mapsEveryTypeOfAGetIntoAnItem() {
        http.answer(200, """
                {"Item":{"PK":{"S":"a"},"SK":{"S":"b"},"n":{"N":"1.50"},"big":{"N":"1E+3"},"b":{"B":"AQI="},
                 "t":{"BOOL":true},"z":{"NULL":true},"ss":{"SS":["y","x"]},"ns":{"NS":["2","1.0"]},"bs":{"BS":["AA=="]},
                 "l":{"L":[{"NULL":true},{"BOOL":false},{"S":""}]},"m":{"M":{"k":{"N":"7"},"e":{"M":{}}}}},
                 "ConsumedCapacity":{"TableName":"T","CapacityUnits":0.5}}""");
        Item item = table.get(GetItem.of(Key.of("a", "b"))
                .withCustomizer(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)), Item.codec()).orElseThrow();
        assertEquals(new BigDecimal("1.5"), item.getBigDecimal("n"));
        assertEquals(1000, item.getInt("big"));
        assertEquals(Bytes.of((byte) 1, (byte) 2), item.getBytes("b"));
        assertTrue(item.getBoolean("t"));
        assertTrue(item.isNull("z"));
        assertEquals(List.of("x", "y"), List.copyOf(item.getStringSet("ss")));
        assertEquals(Set.of(BigDecimal.ONE, new BigDecimal("2")), item.getNumberSet("ns"));
        assertEquals(Set.of(Bytes.of((byte) 0)), item.getBinarySet("bs"));
        assertEquals(Arrays.asList(null, false, ""), item.getList("l"));
        assertEquals(7, item.getMap("m").getInt("k"));
        assertEquals(Item.of(Map.of()), item.getMap("m").getMap("e"));
        assertEquals(AttributeValue.fromN("1.50"), item.attributes().get("n"), "the view keeps the SDK's attributes");
        assertTrue(sent(0).contains("\"ReturnConsumedCapacity\":\"TOTAL\""), sent(0));
        assertEquals("GetItem", http.sent().getFirst().operation());
    }

    @Test
    void aGetDecodesWithTheCallersCodec() {
        http.answer(200, """
                {"Item":{"PK":{"S":"a"},"SK":{"S":"b"},"n":{"N":"7"}}}""");
        record Row(String PK, String SK, int n) {
        }
        assertEquals(Optional.of(new Row("a", "b", 7)), table.get(Key.of("a", "b"),
                RecordCodec.of(Row.class, java.lang.invoke.MethodHandles.lookup())));
        assertEquals("{\"TableName\":\"T\",\"Key\":{\"PK\":{\"S\":\"a\"},\"SK\":{\"S\":\"b\"}}}", sent(0));
    }

    @Test
    void aMissingItemIsEmpty() {
        http.answer(200, "{}").answer(200, "{}").answer(200, "{\"Item\":{}}");
        assertEquals(Optional.empty(), table.get(Key.of("a", "b")));
        assertEquals(Optional.empty(), table.get(Key.of("a", "b"), Item.codec()));
        assertEquals(Optional.empty(), table.get(GetItem.of(Key.of("a", "b")), Item.codec()));
    }

    @Test
    void theCustomizerRunsLastOverEverythingTheLibrarySet() {
        http.answer(200, "{}").answer(200, "{}").answer(200, "{}").answer(200, "{}");
        List<GetItemRequest> seen = new ArrayList<>();
        table.get(GetItem.of(Key.of("a", "b")).withConsistentRead(true)
                .withCustomizer(b -> seen.add(b.build()))
                .withCustomizer(b -> b.consistentRead(false)), Item.codec());
        // the first customizer saw the finished request; the second changed it
        assertEquals(Boolean.TRUE, seen.getFirst().consistentRead());
        assertTrue(sent(0).contains("\"ConsistentRead\":false"), sent(0));

        table.put(PutItem.of(Item.of(Map.of("PK", "a", "SK", "b"))).withCustomizer(b -> b.tableName("Other")));
        assertTrue(sent(1).startsWith("{\"TableName\":\"Other\""), sent(1));

        List<UpdateItemRequest> seenUpdate = new ArrayList<>();
        table.update(UpdateItem.of(Key.of("a", "b"), update(set(path("n"), value(1))))
                .withCondition(eq(path("n"), value(0))).withReturnValues(ReturnValue.ALL_NEW)
                .withCustomizer(b -> seenUpdate.add(b.build()))
                .withCustomizer(b -> b.returnValues(ReturnValue.NONE).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.NONE)));
        assertEquals("SET #n0 = :v0", seenUpdate.getFirst().updateExpression());
        assertEquals(ReturnValue.ALL_NEW, seenUpdate.getFirst().returnValues());
        assertTrue(sent(2).contains("\"ReturnValues\":\"NONE\"") && sent(2).contains("\"ReturnConsumedCapacity\":\"TOTAL\"")
                && sent(2).contains("\"ReturnValuesOnConditionCheckFailure\":\"NONE\"")
                && sent(2).contains("\"UpdateExpression\":\"SET #n0 = :v0\""), sent(2));

        table.delete(DeleteItem.of(Key.of("a", "b")).withReturnOld(true).withCustomizer(b -> b.returnValues((ReturnValue) null)));
        assertFalse(sent(3).contains("ReturnValues"), sent(3));
    }

    @Test
    void aQueryStripsTheKeysItAddedAndSumsCapacityOverPages() {
        http.answer(200, """
                {"Items":[{"total":{"N":"1"},"PK":{"S":"a"},"SK":{"S":"1"}},{"total":{"N":"2"},"PK":{"S":"a"},"SK":{"S":"2"}}],
                 "Count":2,"ScannedCount":2,"LastEvaluatedKey":{"PK":{"S":"a"},"SK":{"S":"2"}},
                 "ConsumedCapacity":{"TableName":"T","CapacityUnits":0.5}}""")
            .answer(200, """
                {"Items":[{"total":{"N":"3"},"PK":{"S":"a"},"SK":{"S":"3"}}],"Count":1,"ScannedCount":1,
                 "ConsumedCapacity":{"TableName":"T","CapacityUnits":1.5}}""");
        try (ItemStream<Item> s = table.query(Query.of(partitionKey("PK", value("a"))).withProjection(projection("total"))
                .withPageSize(2).withCustomizer(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)))) {
            Iterator<Item> it = s.iterator();
            assertEquals(Item.of(Map.of("total", 1)), it.next());
            assertEquals(Map.of("PK", AttributeValue.fromS("a"), "SK", AttributeValue.fromS("1")),
                    Cursors.decode(s.cursor().orElseThrow()));
            assertEquals(Item.of(Map.of("total", 2)), it.next());
            assertEquals(Item.of(Map.of("total", 3)), it.next());
            assertTrue(!it.hasNext());
            assertEquals(2, s.pagesFetched());
            assertEquals(2.0, s.consumedCapacity());
            assertEquals(Optional.empty(), s.cursor());
            assertThrows(IllegalStateException.class, s::iterator, "a stream is iterated once");
        }
        assertTrue(sent(1).contains("\"ExclusiveStartKey\":{\"PK\":{\"S\":\"a\"},\"SK\":{\"S\":\"2\"}}"), sent(1));
    }

    @Test
    void aLimitedScanStopsMidPageAndItsCursorResumesAfterTheLastItemHandedOut() {
        http.answer(200, """
                {"Items":[{"PK":{"S":"a"},"SK":{"S":"1"}},{"PK":{"S":"a"},"SK":{"S":"2"}},{"PK":{"S":"a"},"SK":{"S":"3"}}],
                 "Count":3,"ScannedCount":3,"LastEvaluatedKey":{"PK":{"S":"a"},"SK":{"S":"3"}}}""");
        String cursor;
        try (ItemStream<Item> s = table.scan(Scan.of().withFilter(eq(path("x"), value(1))).withLimit(2))) {
            assertEquals(2, s.toList().size());
            cursor = s.cursor().orElseThrow();
        }
        assertEquals(Map.of("PK", AttributeValue.fromS("a"), "SK", AttributeValue.fromS("2")), Cursors.decode(cursor));
        http.answer(200, "{\"Items\":[],\"Count\":0,\"ScannedCount\":0}");
        try (ItemStream<Item> s = table.scan(Scan.of().withStartAfter(cursor))) {
            assertEquals(List.of(), s.toList());
        }
        assertTrue(sent(1).contains("\"ExclusiveStartKey\":{\"PK\":{\"S\":\"a\"},\"SK\":{\"S\":\"2\"}}"), sent(1));
    }

    @Test
    void countAddsUpEveryPage() {
        http.answer(200, """
                {"Count":5,"ScannedCount":9,"LastEvaluatedKey":{"PK":{"S":"a"},"SK":{"S":"9"}}}""")
            .answer(200, """
                {"Count":3,"ScannedCount":4}""")
            .answer(200, """
                {"Count":4,"ScannedCount":4}""");
        assertEquals(8, table.count(Query.of(partitionKey("PK", value("a"))).withFilter(eq(path("s"), value("x")))));
        assertEquals(4, table.count(Scan.of()));
        assertTrue(http.sent().stream().allMatch(s -> s.body().contains("\"Select\":\"COUNT\"")), http.sent()::toString);
        assertEquals(List.of("Query", "Query", "Scan"), http.sent().stream().map(CannedHttp.Sent::operation).toList());
    }

    @Test
    void aConditionalCheckFailureOnTheWireBecomesAFailureWithTheOldItem() {
        http.answer(400, """
                {"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",
                 "message":"The conditional request failed","Item":{"PK":{"S":"a"},"SK":{"S":"b"},"n":{"N":"1"}}}""");
        Either<Failure, Written<Item>> outcome = table.update(
                UpdateItem.of(Key.of("a", "b"), update(set(path("n"), value(2)))).withCondition(eq(path("n"), value(0))));
        Failure.ConditionFailed f = assertInstanceOf(Failure.ConditionFailed.class, outcome.getLeft());
        assertEquals(Optional.of(Item.of(Map.of("PK", "a", "SK", "b", "n", 1))), f.item());
        assertEquals("The conditional request failed", f.message());
        assertTrue(sent(0).contains("\"ReturnValuesOnConditionCheckFailure\":\"ALL_OLD\""), sent(0));
    }

    @Test
    void returnedAttributesAreMappedOnlyWhenAskedFor() {
        String attributes = """
                {"Attributes":{"n":{"N":"2"}}}""";
        http.answer(200, attributes).answer(200, attributes);
        UpdateItem u = UpdateItem.of(Key.of("a", "b"), update(set(path("n"), value(2))));
        assertEquals(Optional.of(Item.of(Map.of("n", 2))),
                table.update(u.withReturnValues(ReturnValue.UPDATED_NEW)).get().item());
        // a customizer may ask for attributes behind our back; what the spec did not ask for is not mapped
        assertEquals(Optional.empty(),
                table.update(u.withCustomizer(b -> b.returnValues(ReturnValue.ALL_NEW))).get().item());
    }

    @Test
    void aWriteReturnsTheOldItemItsResponseAndTheCapacityItConsumed() {
        http.answer(200, """
                {"Attributes":{"PK":{"S":"a"},"SK":{"S":"b"},"n":{"N":"1"}},
                 "ConsumedCapacity":{"TableName":"T","CapacityUnits":1.0}}""")
            .answer(200, "{}")
            .answer(200, """
                {"Attributes":{"PK":{"S":"a"},"SK":{"S":"b"}}}""");
        record Row(String PK, String SK, int n) {
        }
        ItemCodec<Row> rows = RecordCodec.of(Row.class, java.lang.invoke.MethodHandles.lookup());
        Written<Row> replaced = table.put(PutItem.of(new Row("a", "b", 2), rows).withReturnOld(true)
                .withCustomizer(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))).get();
        assertEquals(Optional.of(new Row("a", "b", 1)), replaced.item());
        assertEquals(1.0, replaced.consumedCapacity().orElseThrow().capacityUnits());
        assertInstanceOf(PutItemResponse.class, replaced.response());
        assertEquals("Written[item, PutItemResponse]", replaced.toString());
        assertTrue(sent(0).contains("\"ReturnValues\":\"ALL_OLD\"") && sent(0).contains("\"n\":{\"N\":\"2\"}"), sent(0));

        Written<Item> nothing = table.update(UpdateItem.of(Key.of("a", "b"), update(set(path("n"), value(3))))).get();
        assertEquals(Optional.empty(), nothing.item());
        assertEquals(Optional.empty(), nothing.consumedCapacity());
        assertInstanceOf(UpdateItemResponse.class, nothing.response());
        assertEquals("Written[no item, UpdateItemResponse]", nothing.toString());

        assertEquals(Optional.of(Item.of(Map.of("PK", "a", "SK", "b"))),
                table.delete(DeleteItem.of(Key.of("a", "b")).withReturnOld(true)).get().item());
    }

    @Test
    void plainPutsSendTheItemAsItIs() {
        http.answer(200, "{}").answer(200, "{}");
        Map<String, Object> ordered = new java.util.LinkedHashMap<>();
        ordered.put("PK", "a");
        ordered.put("SK", "b");
        ordered.put("n", 1);
        table.put(Item.of(ordered));
        record Row(String PK, String SK) {
        }
        table.put(new Row("c", "d"), RecordCodec.of(Row.class, java.lang.invoke.MethodHandles.lookup()));
        assertEquals("{\"TableName\":\"T\",\"Item\":{\"PK\":{\"S\":\"a\"},\"SK\":{\"S\":\"b\"},\"n\":{\"N\":\"1\"}}}",
                sent(0));
        assertEquals("{\"TableName\":\"T\",\"Item\":{\"PK\":{\"S\":\"c\"},\"SK\":{\"S\":\"d\"}}}", sent(1));
    }

    @Test
    void misuseIsRejectedBeforeAnythingIsSent() {
        assertThrows(IllegalArgumentException.class, () -> table.get(Key.of("a")));
        assertThrows(IllegalArgumentException.class, () -> table.put(Item.of(Map.of("PK", "a"))));
        assertThrows(IllegalArgumentException.class, () -> table.key(Key.of("a", 1)));
        assertThrows(IllegalArgumentException.class, () -> Table.of(client, "", KeySchema.of("PK")));
        assertThrows(NullPointerException.class, () -> table.get(Key.of("a", "b"), null));
        assertEquals(Map.of("PK", AttributeValue.fromS("a"), "SK", AttributeValue.fromS("b")), table.key(Key.of("a", "b")));
        assertEquals("Table[T, KeySchema[PK:S, SK:S]]", table.toString());
        assertEquals(List.of(), http.sent());
    }
}
