package dev.dynamatic.core;

import static dev.dynamatic.ast.Dsl.attributeNotExists;
import static dev.dynamatic.ast.Dsl.eq;
import static dev.dynamatic.ast.Dsl.ge;
import static dev.dynamatic.ast.Dsl.partitionKey;
import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.projection;
import static dev.dynamatic.ast.Dsl.remove;
import static dev.dynamatic.ast.Dsl.set;
import static dev.dynamatic.ast.Dsl.sortKey;
import static dev.dynamatic.ast.Dsl.update;
import static dev.dynamatic.ast.Dsl.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** The SDK requests built from our specs, compared with golden requests; and what is rejected before sending. */
class RequestsTest {

    private static final KeySchema SCHEMA = KeySchema.of("PK", "SK")
            .withIndex("GSI1", KeySchema.of("GSI1PK", "GSI1SK"))
            .withIndex("LSI1", KeySchema.of("PK", "created"));
    private static final Requests ORDERS = new Requests("Orders", SCHEMA, false);
    private static final Requests COUNTERS = new Requests("Counters", KeySchema.of("id"), false);
    private static final Key KEY = Key.of("CUST#1", "ORDER#7");
    private static final Map<String, AttributeValue> SDK_KEY = Map.of("PK", s("CUST#1"), "SK", s("ORDER#7"));

    private static AttributeValue s(String s) {
        return AttributeValue.fromS(s);
    }

    private static AttributeValue n(String n) {
        return AttributeValue.fromN(n);
    }

    private static <V> Map<String, V> map(Object... keysAndValues) {
        Map<String, V> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            @SuppressWarnings("unchecked")
            V v = (V) keysAndValues[i + 1];
            m.put((String) keysAndValues[i], v);
        }
        return m;
    }

    // ---- single-item requests

    @Test
    void getWithAProjectionAndConsistentRead() {
        GetItemRequest r = ORDERS.get(GetItem.of(KEY).projection(projection("status", "lines[0].sku")).consistentRead(true));
        assertEquals(GetItemRequest.builder().tableName("Orders").key(SDK_KEY).consistentRead(true)
                .projectionExpression("#n0, #n1[0].#n2")
                .expressionAttributeNames(map("#n0", "status", "#n1", "lines", "#n2", "sku")).build(), r);
    }

    @Test
    void plainGetSendsOnlyTheKey() {
        assertEquals(GetItemRequest.builder().tableName("Orders").key(SDK_KEY).build(), ORDERS.get(GetItem.of(KEY)));
    }

    @Test
    void conditionalPutAsksForTheOldItemOnFailure() {
        Item item = Item.of(map("PK", "CUST#1", "SK", "ORDER#7", "total", 12));
        PutItemRequest r = ORDERS.put(PutItem.of(item).condition(attributeNotExists(path("PK"))));
        assertEquals(PutItemRequest.builder().tableName("Orders").item(map("PK", s("CUST#1"), "SK", s("ORDER#7"), "total", n("12")))
                .conditionExpression("attribute_not_exists(#n0)").expressionAttributeNames(map("#n0", "PK"))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build(), r);
    }

    @Test
    void putReturningOldAsksForAllOld() {
        Item item = Item.of(map("PK", "CUST#1", "SK", "ORDER#7"));
        PutItemRequest r = ORDERS.put(PutItem.of(item).returningOld());
        assertEquals(ReturnValue.ALL_OLD, r.returnValues());
        assertNull(r.returnValuesOnConditionCheckFailure());
        assertNull(r.conditionExpression());
        assertNull(ORDERS.put(PutItem.of(item)).returnValues());
    }

    @Test
    void updateAndConditionShareOnePlaceholderSpace() {
        UpdateItemRequest r = ORDERS.update(UpdateItem.of(KEY, update(set(path("status"), value("SHIPPED")),
                        remove(path("GSI2PK"))))
                .condition(eq(path("status"), value("OPEN")))
                .returning(ReturnValue.UPDATED_NEW));
        assertEquals(UpdateItemRequest.builder().tableName("Orders").key(SDK_KEY)
                .updateExpression("SET #n0 = :v0 REMOVE #n1")
                .conditionExpression("#n0 = :v1")
                .expressionAttributeNames(map("#n0", "status", "#n1", "GSI2PK"))
                .expressionAttributeValues(map(":v0", s("SHIPPED"), ":v1", s("OPEN")))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .returnValues(ReturnValue.UPDATED_NEW).build(), r);
    }

    @Test
    void unconditionalUpdateAsksForNothingOnFailure() {
        UpdateItemRequest r = ORDERS.update(UpdateItem.of(KEY, update(set(path("n"), value(1)))));
        assertNull(r.returnValuesOnConditionCheckFailure());
        assertNull(r.returnValues());
        assertNull(r.conditionExpression());
    }

    @Test
    void conditionalDeleteReturningOld() {
        DeleteItemRequest r = ORDERS.delete(DeleteItem.of(KEY).condition(eq(path("status"), value("OPEN"))).returningOld());
        assertEquals(DeleteItemRequest.builder().tableName("Orders").key(SDK_KEY)
                .conditionExpression("#n0 = :v0").expressionAttributeNames(map("#n0", "status"))
                .expressionAttributeValues(map(":v0", s("OPEN")))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .returnValues(ReturnValue.ALL_OLD).build(), r);
    }

    @Test
    void theCustomizerRunsLastOverEverythingRendered() {
        List<UpdateItemRequest> seen = new ArrayList<>();
        UpdateItemRequest r = ORDERS.update(UpdateItem.of(KEY, update(set(path("n"), value(1))))
                .condition(eq(path("n"), value(0))).returning(ReturnValue.ALL_NEW)
                .customize(b -> seen.add(b.build()))
                .customize(b -> b.returnValues(ReturnValue.NONE).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.NONE)));
        // the first customizer saw the finished request; the second changed it
        assertEquals("SET #n0 = :v0", seen.getFirst().updateExpression());
        assertEquals(ReturnValue.ALL_NEW, seen.getFirst().returnValues());
        assertEquals(ReturnValue.NONE, r.returnValues());
        assertEquals(ReturnConsumedCapacity.TOTAL, r.returnConsumedCapacity());
        assertEquals(ReturnValuesOnConditionCheckFailure.NONE, r.returnValuesOnConditionCheckFailure());

        GetItemRequest get = ORDERS.get(GetItem.of(KEY).consistentRead(true).customize(b -> b.consistentRead(false)));
        assertEquals(Boolean.FALSE, get.consistentRead());
        PutItemRequest put = ORDERS.put(PutItem.of(Item.of(map("PK", "a", "SK", "b"))).customize(b -> b.tableName("Other")));
        assertEquals("Other", put.tableName());
        DeleteItemRequest delete = ORDERS.delete(DeleteItem.of(KEY).returningOld().customize(b -> b.returnValues((ReturnValue) null)));
        assertNull(delete.returnValues());
        QueryRequest query = ORDERS.query(Query.of(partitionKey("PK", value("a"))).limit(5)
                .customize(b -> b.limit(99)), false).page().apply(null, 5L);
        assertEquals(99, query.limit());
        ScanRequest scan = ORDERS.scan(Scan.all().segment(0, 2).customize(b -> b.segment(1)), false).page().apply(null, Long.MAX_VALUE);
        assertEquals(1, scan.segment());
    }

    // ---- queries and scans

    @Test
    void queryWithFilterProjectionAndOrder() {
        Requests.Plan<QueryRequest> plan = ORDERS.query(Query.of(partitionKey("PK", value("CUST#1"))
                        .and(sortKey("SK").beginsWith(value("ORDER#"))))
                .filter(ge(path("total"), value(10))).projection(projection("total", "status"))
                .descending(true).consistentRead(true).pageSize(25), false);
        QueryRequest first = plan.page().apply(null, Long.MAX_VALUE);
        assertEquals(QueryRequest.builder().tableName("Orders")
                .keyConditionExpression("#n0 = :v0 AND begins_with(#n1, :v1)")
                .filterExpression("#n2 >= :v2")
                .projectionExpression("#n2, #n3, #n0, #n1")
                .expressionAttributeNames(map("#n0", "PK", "#n1", "SK", "#n2", "total", "#n3", "status"))
                .expressionAttributeValues(map(":v0", s("CUST#1"), ":v1", s("ORDER#"), ":v2", n("10")))
                .scanIndexForward(false).consistentRead(true).limit(25).build(), first);
        assertEquals(List.of("PK", "SK"), plan.keyNames());
        assertEquals(Set.of("PK", "SK"), plan.added());
        assertNull(plan.startKey());

        Map<String, AttributeValue> start = Map.of("PK", s("CUST#1"), "SK", s("ORDER#3"));
        assertEquals(start, plan.page().apply(start, 7L).exclusiveStartKey());
        assertEquals(25, plan.page().apply(start, 7L).limit()); // a filter drops items: keep the configured page
    }

    @Test
    void projectionAddsTheIndexAndTableKeysTheCursorNeedsAndNoOthers() {
        Requests.Plan<QueryRequest> plan = ORDERS.query(Query.of(partitionKey("GSI1PK", value("g"))).index("GSI1")
                .projection(projection("SK", "total")), false);
        assertEquals(List.of("PK", "SK", "GSI1PK", "GSI1SK"), plan.keyNames());
        assertEquals(Set.of("PK", "GSI1PK", "GSI1SK"), plan.added());
        QueryRequest r = plan.page().apply(null, Long.MAX_VALUE);
        assertEquals("GSI1", r.indexName());
        assertEquals("#n1, #n2, #n3, #n0, #n4", r.projectionExpression());
        assertEquals(map("#n0", "GSI1PK", "#n1", "SK", "#n2", "total", "#n3", "PK", "#n4", "GSI1SK"),
                r.expressionAttributeNames());

        Map<String, AttributeValue> read = map("SK", s("b"), "total", n("3"), "PK", s("a"), "GSI1PK", s("g"), "GSI1SK", s("x"));
        assertEquals(map("SK", s("b"), "total", n("3")), Requests.strip(read, plan.added()));

        Requests.Plan<QueryRequest> lsi = ORDERS.query(Query.of(partitionKey("PK", value("a"))).index("LSI1")
                .projection(projection("total")), false);
        assertEquals(List.of("PK", "SK", "created"), lsi.keyNames());
        assertEquals(Set.of("PK", "SK", "created"), lsi.added());
    }

    @Test
    void withoutAProjectionNothingIsAddedOrStripped() {
        Requests.Plan<QueryRequest> plan = ORDERS.query(Query.of(partitionKey("PK", value("a"))), false);
        assertEquals(Set.of(), plan.added());
        assertNull(plan.page().apply(null, Long.MAX_VALUE).projectionExpression());
        Map<String, AttributeValue> read = Map.of("PK", s("a"), "SK", s("b"));
        assertEquals(read, Requests.strip(read, plan.added()));
    }

    @Test
    void countSelectsCountAndDropsTheProjection() {
        QueryRequest r = ORDERS.query(Query.of(partitionKey("PK", value("a"))).projection(projection("total")), true)
                .page().apply(null, Long.MAX_VALUE);
        assertEquals(Select.COUNT, r.select());
        assertNull(r.projectionExpression());
        assertEquals(map("#n0", "PK"), r.expressionAttributeNames());
        ScanRequest s = ORDERS.scan(Scan.all().filter(eq(path("s"), value("x"))).projection(projection("total")), true)
                .page().apply(null, Long.MAX_VALUE);
        assertEquals(Select.COUNT, s.select());
        assertNull(s.projectionExpression());
    }

    @Test
    void pageLimitAsksForNoMoreThanStillWanted() {
        assertEquals(3, Requests.pageLimit(OptionalInt.of(10), 3, false));
        assertEquals(10, Requests.pageLimit(OptionalInt.of(10), 30, false));
        assertEquals(7, Requests.pageLimit(OptionalInt.empty(), 7, false));
        assertNull(Requests.pageLimit(OptionalInt.empty(), Long.MAX_VALUE, false));
        assertEquals(10, Requests.pageLimit(OptionalInt.of(10), 3, true));
        assertNull(Requests.pageLimit(OptionalInt.empty(), 3, true));
    }

    @Test
    void scanOfOneSegmentOfAnIndex() {
        Requests.Plan<ScanRequest> plan = ORDERS.scan(Scan.all().index("GSI1").segment(2, 4).consistentRead(true)
                .pageSize(50).limit(20), false);
        assertEquals(ScanRequest.builder().tableName("Orders").indexName("GSI1").segment(2).totalSegments(4)
                .consistentRead(true).limit(20).build(), plan.page().apply(null, 20L));
        assertEquals(List.of("PK", "SK", "GSI1PK", "GSI1SK"), plan.keyNames());
    }

    @Test
    void aCursorResumesExactlyWhereItSays() {
        Map<String, AttributeValue> key = map("PK", s("a"), "SK", s("b"));
        Requests.Plan<QueryRequest> plan = ORDERS.query(Query.of(partitionKey("PK", value("a")))
                .startAfter(Cursors.encode(key)), false);
        assertEquals(key, plan.startKey());
        assertEquals(key, plan.page().apply(plan.startKey(), Long.MAX_VALUE).exclusiveStartKey());
        assertNull(ORDERS.query(Query.of(partitionKey("PK", value("a"))).startAfter("c1."), false).startKey());
    }

    // ---- rejected before sending

    @Test
    void keysMustFitTheSchema() {
        IllegalArgumentException noSort = assertThrows(IllegalArgumentException.class, () -> ORDERS.get(GetItem.of(Key.of("a"))));
        assertEquals("table Orders: the key has no sort value, but the schema has the sort key \"SK\"", noSort.getMessage());
        IllegalArgumentException extraSort = assertThrows(IllegalArgumentException.class,
                () -> COUNTERS.delete(DeleteItem.of(Key.of("a", "b"))));
        assertEquals("table Counters: the key has a sort value, but the schema has no sort key (partition key \"id\")",
                extraSort.getMessage());
        IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class,
                () -> ORDERS.get(GetItem.of(Key.of("a", 7))));
        assertEquals("table Orders: sort key \"SK\" is declared S, but the key's sort value is N", wrongType.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Key.of(true));
        assertThrows(IllegalArgumentException.class, () -> Key.of(List.of("a"), "b"));
    }

    @Test
    void itemsMustCarryTheirKey() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> ORDERS.put(PutItem.of(Item.of(map("PK", "a", "total", 1)))));
        assertEquals("item for table Orders lacks its key attribute \"SK\"", missing.getMessage());
        IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class,
                () -> ORDERS.put(PutItem.of(Item.of(map("PK", "a", "SK", true)))));
        assertTrue(wrongType.getMessage().contains("\"SK\" must be a string, number or binary"), wrongType.getMessage());
    }

    @Test
    void keyAttributesCannotBeUpdated() {
        for (var u : List.of(update(set(path("SK"), value("x"))), update(remove(path("PK"))),
                update(set(path("n"), value(1)), set(path("PK.x"), value(1))))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ORDERS.update(UpdateItem.of(KEY, u)));
            assertTrue(e.getMessage().contains("is part of the table's key"), e.getMessage());
        }
        // index keys are ordinary attributes of the table
        assertEquals("SET #n0 = :v0", ORDERS.update(UpdateItem.of(KEY, update(set(path("GSI1PK"), value("x")))))
                .updateExpression());
    }

    @Test
    void keyConditionsMustNameTheKeysOfTheTableOrIndex() {
        IllegalArgumentException wrongPartition = assertThrows(IllegalArgumentException.class,
                () -> ORDERS.query(Query.of(partitionKey("GSI1PK", value("a"))), false));
        assertEquals("key condition names \"GSI1PK\" as partition key, but table Orders is partitioned by \"PK\"",
                wrongPartition.getMessage());
        IllegalArgumentException wrongSort = assertThrows(IllegalArgumentException.class,
                () -> ORDERS.query(Query.of(partitionKey("GSI1PK", value("a")).and(sortKey("SK").eq(value("b"))))
                        .index("GSI1"), false));
        assertEquals("key condition names \"SK\" as sort key, but index GSI1 has the sort key \"GSI1SK\"",
                wrongSort.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> COUNTERS.query(Query.of(partitionKey("id", value("a")).and(sortKey("SK").eq(value("b")))), false));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> ORDERS.scan(Scan.all().index("GSI9"), false));
        assertTrue(unknown.getMessage().contains("no index \"GSI9\""), unknown.getMessage());
    }

    @Test
    void aCursorFromAnotherTableOrIndexIsRejected() {
        String tableCursor = Cursors.encode(map("PK", s("a"), "SK", s("b")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ORDERS.query(Query.of(partitionKey("GSI1PK", value("g"))).index("GSI1").startAfter(tableCursor), false));
        assertEquals("cursor holds the key attributes [PK, SK], but a resume on index GSI1 of table Orders needs "
                + "[PK, SK, GSI1PK, GSI1SK]: pass a cursor from the same table or index", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> COUNTERS.scan(Scan.all().startAfter(tableCursor), false));
        String indexCursor = Cursors.encode(map("GSI1PK", s("g"), "GSI1SK", s("x"), "PK", s("a"), "SK", s("b")));
        assertEquals(4, ORDERS.scan(Scan.all().index("GSI1").startAfter(indexCursor), false).startKey().size());
        assertThrows(IllegalArgumentException.class, () -> ORDERS.scan(Scan.all().startAfter(indexCursor), false));
    }
}
