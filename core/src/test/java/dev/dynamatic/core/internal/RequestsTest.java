package dev.dynamatic.core.internal;

import static dev.dynamatic.ast.Dsl.attributeExists;
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

import dev.dynamatic.core.ConditionCheck;
import dev.dynamatic.core.DeleteItem;
import dev.dynamatic.core.GetItem;
import dev.dynamatic.core.Item;
import dev.dynamatic.core.Key;
import dev.dynamatic.core.KeyAttribute;
import dev.dynamatic.core.KeySchema;
import dev.dynamatic.core.PutItem;
import dev.dynamatic.core.Query;
import dev.dynamatic.core.Scan;
import dev.dynamatic.core.UpdateItem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Get;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The SDK requests assembled from our specs, compared with golden requests; and what is rejected before sending.
 * (Customizers of single-item specs are applied by the front-ends: see TableRequestsTest.)
 */
class RequestsTest {

    private static final KeySchema SCHEMA = KeySchema.of("PK", "SK")
            .withIndex("GSI1", KeySchema.of("GSI1PK", "GSI1SK"))
            .withIndex("LSI1", KeySchema.of("PK", "created"));
    private static final Requests ORDERS = Requests.of("Orders", SCHEMA);
    private static final Requests COUNTERS = Requests.of("Counters", KeySchema.of("id"));
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

    private static GetItemRequest getRequest(Requests r, GetItem g) {
        return r.get(g).applyTo(GetItemRequest.builder()).build();
    }

    private static PutItemRequest putRequest(Requests r, PutItem<?> p) {
        return r.put(p).applyTo(PutItemRequest.builder()).build();
    }

    private static UpdateItemRequest updateRequest(Requests r, UpdateItem u) {
        return r.update(u).applyTo(UpdateItemRequest.builder()).build();
    }

    private static DeleteItemRequest deleteRequest(Requests r, DeleteItem d) {
        return r.delete(d).applyTo(DeleteItemRequest.builder()).build();
    }

    // ---- single-item requests

    @Test
    void getWithAProjectionAndConsistentRead() {
        GetItemRequest r = getRequest(ORDERS, GetItem.of(KEY).withProjection(projection("status", "lines[0].sku"))
                .withConsistentRead(true));
        assertEquals(GetItemRequest.builder().tableName("Orders").key(SDK_KEY).consistentRead(true)
                .projectionExpression("#n0, #n1[0].#n2")
                .expressionAttributeNames(map("#n0", "status", "#n1", "lines", "#n2", "sku")).build(), r);
    }

    @Test
    void plainGetSendsOnlyTheKey() {
        assertEquals(GetItemRequest.builder().tableName("Orders").key(SDK_KEY).build(), getRequest(ORDERS, GetItem.of(KEY)));
    }

    @Test
    void conditionalPutAsksForTheOldItemOnFailure() {
        Item item = Item.of(map("PK", "CUST#1", "SK", "ORDER#7", "total", 12));
        PutItemRequest r = putRequest(ORDERS, PutItem.of(item).withCondition(attributeNotExists(path("PK"))));
        assertEquals(PutItemRequest.builder().tableName("Orders").item(map("PK", s("CUST#1"), "SK", s("ORDER#7"), "total", n("12")))
                .conditionExpression("attribute_not_exists(#n0)").expressionAttributeNames(map("#n0", "PK"))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build(), r);
    }

    @Test
    void putReturningOldAsksForAllOld() {
        Item item = Item.of(map("PK", "CUST#1", "SK", "ORDER#7"));
        PutItemRequest r = putRequest(ORDERS, PutItem.of(item).withReturnOld(true));
        assertEquals(ReturnValue.ALL_OLD, r.returnValues());
        assertNull(r.returnValuesOnConditionCheckFailure());
        assertNull(r.conditionExpression());
        assertNull(putRequest(ORDERS, PutItem.of(item)).returnValues());
        assertNull(putRequest(ORDERS, PutItem.of(item).withReturnOld(true).withReturnOld(false)).returnValues());
    }

    @Test
    void aPutEncodesItsItemOnceAndKeepsItsKey() {
        Item item = Item.of(map("PK", "CUST#1", "SK", "ORDER#7", "total", 12));
        Requests.PutParts p = ORDERS.put(PutItem.of(item));
        assertEquals(SDK_KEY, p.key());
        assertEquals(List.of("PK", "SK"), List.copyOf(p.key().keySet()), "schema order");
        assertEquals(item.attributes(), p.item());
    }

    @Test
    void updateAndConditionShareOnePlaceholderSpace() {
        UpdateItemRequest r = updateRequest(ORDERS, UpdateItem.of(KEY, update(set(path("status"), value("SHIPPED")),
                        remove(path("GSI2PK"))))
                .withCondition(eq(path("status"), value("OPEN")))
                .withReturnValues(ReturnValue.UPDATED_NEW));
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
        UpdateItemRequest r = updateRequest(ORDERS, UpdateItem.of(KEY, update(set(path("n"), value(1)))));
        assertNull(r.returnValuesOnConditionCheckFailure());
        assertNull(r.returnValues());
        assertNull(r.conditionExpression());
    }

    @Test
    void andAddsActionsAfterTheUpdatesOwn() {
        UpdateItemRequest r = updateRequest(ORDERS, UpdateItem.of(KEY, update(set(path("a"), value(1))))
                .and(update(remove(path("b")))));
        assertEquals("SET #n0 = :v0 REMOVE #n1", r.updateExpression());
        assertEquals(map("#n0", "a", "#n1", "b"), r.expressionAttributeNames());
    }

    @Test
    void conditionalDeleteReturningOld() {
        DeleteItemRequest r = deleteRequest(ORDERS, DeleteItem.of(KEY).withCondition(eq(path("status"), value("OPEN")))
                .withReturnOld(true));
        assertEquals(DeleteItemRequest.builder().tableName("Orders").key(SDK_KEY)
                .conditionExpression("#n0 = :v0").expressionAttributeNames(map("#n0", "status"))
                .expressionAttributeValues(map(":v0", s("OPEN")))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .returnValues(ReturnValue.ALL_OLD).build(), r);
    }

    // ---- transaction actions: the same parts, applied to the transaction's builders

    @Test
    void transactionActionsCarryTheSamePartsAndAskForTheOldItemOnlyForAFailedCondition() {
        Item item = Item.of(map("PK", "CUST#1", "SK", "ORDER#7", "total", 12));
        TransactWriteItem put = ORDERS.put(PutItem.of(item).withCondition(attributeNotExists(path("PK"))))
                .transactItem();
        assertEquals("Orders", put.put().tableName());
        assertEquals(item.attributes(), put.put().item());
        assertEquals("attribute_not_exists(#n0)", put.put().conditionExpression());
        assertEquals(ReturnValuesOnConditionCheckFailure.ALL_OLD, put.put().returnValuesOnConditionCheckFailure());
        assertNull(ORDERS.put(PutItem.of(item)).transactItem().put().returnValuesOnConditionCheckFailure());

        TransactWriteItem upd = ORDERS.update(UpdateItem.of(KEY, update(set(path("n"), value(1))))
                .withCondition(eq(path("n"), value(0)))).transactItem();
        assertEquals(SDK_KEY, upd.update().key());
        assertEquals("SET #n0 = :v0", upd.update().updateExpression());
        assertEquals("#n0 = :v1", upd.update().conditionExpression());
        assertEquals(map(":v0", n("1"), ":v1", n("0")), upd.update().expressionAttributeValues());
        assertEquals(ReturnValuesOnConditionCheckFailure.ALL_OLD, upd.update().returnValuesOnConditionCheckFailure());
        assertNull(ORDERS.update(UpdateItem.of(KEY, update(set(path("n"), value(1))))).transactItem().update()
                .returnValuesOnConditionCheckFailure());

        TransactWriteItem del = ORDERS.delete(DeleteItem.of(KEY).withCondition(attributeExists(path("PK"))))
                .transactItem();
        assertEquals(SDK_KEY, del.delete().key());
        assertEquals("attribute_exists(#n0)", del.delete().conditionExpression());
        assertEquals(ReturnValuesOnConditionCheckFailure.ALL_OLD, del.delete().returnValuesOnConditionCheckFailure());

        TransactWriteItem check = ORDERS.check(ConditionCheck.of(KEY, eq(path("status"), value("OPEN"))))
                .transactItem();
        assertEquals("Orders", check.conditionCheck().tableName());
        assertEquals(SDK_KEY, check.conditionCheck().key());
        assertEquals("#n0 = :v0", check.conditionCheck().conditionExpression());
        assertEquals(map("#n0", "status"), check.conditionCheck().expressionAttributeNames());
        assertEquals(ReturnValuesOnConditionCheckFailure.ALL_OLD,
                check.conditionCheck().returnValuesOnConditionCheckFailure());
    }

    @Test
    void aTransactionReadHasNoConsistencyOfItsOwn() {
        Get g = ORDERS.get(KEY, Optional.of(projection("total"))).applyTo(Get.builder()).build();
        assertEquals(Get.builder().tableName("Orders").key(SDK_KEY).projectionExpression("#n0")
                .expressionAttributeNames(map("#n0", "total")).build(), g);
        assertEquals(Get.builder().tableName("Orders").key(SDK_KEY).build(),
                ORDERS.get(KEY, Optional.empty()).applyTo(Get.builder()).build());
    }

    @Test
    void anActionsSizeIsItsItemOrKeyPlusItsExpressionValues() {
        Item item = Item.of(map("PK", "CUST#1", "SK", "ORDER#7", "blob", "x".repeat(1000)));
        long itemBytes = ItemIds.size(item.attributes());
        assertEquals(itemBytes, ORDERS.put(PutItem.of(item)).size());
        // the condition's value ":v0" = "OPEN" adds its 4 bytes (and the alias name its 3)
        long withCondition = ORDERS.put(PutItem.of(item).withCondition(eq(path("status"), value("OPEN")))).size();
        assertEquals(itemBytes + ItemIds.size(Map.of(":v0", s("OPEN"))), withCondition);
        long keyBytes = ItemIds.size(SDK_KEY);
        assertEquals(keyBytes, ORDERS.delete(DeleteItem.of(KEY)).size());
        assertEquals(keyBytes + ItemIds.size(Map.of(":v0", s("x".repeat(50)))),
                ORDERS.update(UpdateItem.of(KEY, update(set(path("n"), value("x".repeat(50)))))).size());
        assertEquals(keyBytes, ORDERS.check(ConditionCheck.of(KEY, attributeExists(path("PK")))).size());
    }

    // ---- queries and scans

    @Test
    void queryWithFilterProjectionAndOrder() {
        Requests.Plan<QueryRequest> plan = ORDERS.query(Query.of(partitionKey("PK", value("CUST#1"))
                        .and(sortKey("SK").beginsWith(value("ORDER#"))))
                .withFilter(ge(path("total"), value(10))).withProjection(projection("total", "status"))
                .withDescending(true).withConsistentRead(true).withPageSize(25), false);
        QueryRequest first = plan.page().page(null, Long.MAX_VALUE);
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
        assertEquals(Long.MAX_VALUE, plan.limit());

        Map<String, AttributeValue> start = Map.of("PK", s("CUST#1"), "SK", s("ORDER#3"));
        assertEquals(start, plan.page().page(start, 7L).exclusiveStartKey());
        assertEquals(25, plan.page().page(start, 7L).limit()); // a filter drops items: keep the configured page
    }

    @Test
    void theQueryAndScanCustomizersRunLastOnEveryPage() {
        QueryRequest query = ORDERS.query(Query.of(partitionKey("PK", value("a"))).withLimit(5)
                .withCustomizer(b -> b.limit(99)), false).page().page(null, 5L);
        assertEquals(99, query.limit());
        List<Integer> seen = new java.util.ArrayList<>();
        Requests.Plan<QueryRequest> twice = ORDERS.query(Query.of(partitionKey("PK", value("a")))
                .withCustomizer(b -> seen.add(b.build().limit()))
                .withCustomizer(b -> b.consistentRead(true)), false);
        assertEquals(Boolean.TRUE, twice.page().page(null, 3L).consistentRead());
        assertEquals(Boolean.TRUE, twice.page().page(Map.of("PK", s("a"), "SK", s("b")), 1L).consistentRead());
        assertEquals(List.of(3, 1), seen, "the first customizer saw each finished page request");
        ScanRequest scan = ORDERS.scan(Scan.of().withSegment(0, 2).withCustomizer(b -> b.segment(1)), false)
                .page().page(null, Long.MAX_VALUE);
        assertEquals(1, scan.segment());
    }

    @Test
    void projectionAddsTheIndexAndTableKeysTheCursorNeedsAndNoOthers() {
        Requests.Plan<QueryRequest> plan = ORDERS.query(Query.of(partitionKey("GSI1PK", value("g"))).withIndex("GSI1")
                .withProjection(projection("SK", "total")), false);
        assertEquals(List.of("PK", "SK", "GSI1PK", "GSI1SK"), plan.keyNames());
        assertEquals(Set.of("PK", "GSI1PK", "GSI1SK"), plan.added());
        QueryRequest r = plan.page().page(null, Long.MAX_VALUE);
        assertEquals("GSI1", r.indexName());
        assertEquals("#n1, #n2, #n3, #n0, #n4", r.projectionExpression());
        assertEquals(map("#n0", "GSI1PK", "#n1", "SK", "#n2", "total", "#n3", "PK", "#n4", "GSI1SK"),
                r.expressionAttributeNames());

        Map<String, AttributeValue> read = map("SK", s("b"), "total", n("3"), "PK", s("a"), "GSI1PK", s("g"), "GSI1SK", s("x"));
        assertEquals(map("SK", s("b"), "total", n("3")), plan.strip(read));
        assertEquals(List.of("SK", "total"), List.copyOf(plan.strip(read).keySet()));

        Requests.Plan<QueryRequest> lsi = ORDERS.query(Query.of(partitionKey("PK", value("a"))).withIndex("LSI1")
                .withProjection(projection("total")), false);
        assertEquals(List.of("PK", "SK", "created"), lsi.keyNames());
        assertEquals(Set.of("PK", "SK", "created"), lsi.added());
    }

    @Test
    void rejectsKeyValuesOfAnotherTypeThanTheKeySchemaDeclaresBeforeSending() {
        Requests events = Requests.of("Events", KeySchema.of(KeyAttribute.string("device"), KeyAttribute.number("at"))
                .withIndex("byDay", KeySchema.of(KeyAttribute.number("day"), KeyAttribute.string("device"))));
        var partition = assertThrows(IllegalArgumentException.class,
                () -> events.query(Query.of(partitionKey("device", value(7))), false));
        assertEquals("Invalid KeyConditionExpression: One or more parameter values were invalid: Condition parameter"
                + " type does not match schema type; key \"device\" is of type S, the value is of type N",
                partition.getMessage());
        var sort = assertThrows(IllegalArgumentException.class, () -> events.query(Query.of(
                partitionKey("device", value("d")).and(sortKey("at").gt(value("2026")))), false));
        assertTrue(sort.getMessage().endsWith("key \"at\" is of type N, the value is of type S"), sort.getMessage());
        var beginsWith = assertThrows(IllegalArgumentException.class, () -> events.query(Query.of(
                partitionKey("device", value("d")).and(sortKey("at").beginsWith(value("17")))), false));
        assertEquals("Invalid KeyConditionExpression: begins_with on the sort key \"at\", which is a number (N):"
                + " begins_with takes a string or binary key", beginsWith.getMessage());
        // an index's own key types
        assertThrows(IllegalArgumentException.class, () -> events.query(Query.of(partitionKey("day", value("x")))
                .withIndex("byDay"), false));
        assertEquals("#n0 = :v0 AND #n1 BETWEEN :v1 AND :v2", events.query(Query.of(partitionKey("device", value("d"))
                        .and(sortKey("at").between(value(1), value(2)))), false).page().page(null, Long.MAX_VALUE)
                .keyConditionExpression());
        assertEquals("#n0 = :v0 AND begins_with(#n1, :v1)", events.query(Query.of(partitionKey("day", value(1))
                        .and(sortKey("device").beginsWith(value("d")))).withIndex("byDay"), false)
                .page().page(null, Long.MAX_VALUE).keyConditionExpression());
    }

    @Test
    void withoutAProjectionNothingIsAddedOrStripped() {
        Requests.Plan<QueryRequest> plan = ORDERS.query(Query.of(partitionKey("PK", value("a"))), false);
        assertEquals(Set.of(), plan.added());
        assertNull(plan.page().page(null, Long.MAX_VALUE).projectionExpression());
        Map<String, AttributeValue> read = Map.of("PK", s("a"), "SK", s("b"));
        assertEquals(read, plan.strip(read));
    }

    @Test
    void countSelectsCountAndDropsTheProjection() {
        QueryRequest r = ORDERS.query(Query.of(partitionKey("PK", value("a"))).withProjection(projection("total")), true)
                .page().page(null, Long.MAX_VALUE);
        assertEquals(Select.COUNT, r.select());
        assertNull(r.projectionExpression());
        assertEquals(map("#n0", "PK"), r.expressionAttributeNames());
        ScanRequest s = ORDERS.scan(Scan.of().withFilter(eq(path("s"), value("x"))).withProjection(projection("total")), true)
                .page().page(null, Long.MAX_VALUE);
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
        Requests.Plan<ScanRequest> plan = ORDERS.scan(Scan.of().withIndex("GSI1").withSegment(2, 4)
                .withConsistentRead(true).withPageSize(50).withLimit(20), false);
        assertEquals(ScanRequest.builder().tableName("Orders").indexName("GSI1").segment(2).totalSegments(4)
                .consistentRead(true).limit(20).build(), plan.page().page(null, 20L));
        assertEquals(List.of("PK", "SK", "GSI1PK", "GSI1SK"), plan.keyNames());
        assertEquals(20, plan.limit());
    }

    @Test
    void aCursorResumesExactlyWhereItSays() {
        Map<String, AttributeValue> key = map("PK", s("a"), "SK", s("b"));
        Requests.Plan<QueryRequest> plan = ORDERS.query(Query.of(partitionKey("PK", value("a")))
                .withStartAfter(Cursors.encode(key)), false);
        assertEquals(key, plan.startKey());
        assertEquals(key, plan.page().page(plan.startKey(), Long.MAX_VALUE).exclusiveStartKey());
        assertNull(ORDERS.query(Query.of(partitionKey("PK", value("a"))).withStartAfter("c1."), false).startKey());
    }

    // ---- rejected before sending

    @Test
    void aTableHasAName() {
        assertThrows(IllegalArgumentException.class, () -> Requests.of("", SCHEMA));
        assertThrows(NullPointerException.class, () -> Requests.of(null, SCHEMA));
        assertThrows(NullPointerException.class, () -> Requests.of("T", null));
    }

    @Test
    void keysMustFitTheSchema() {
        IllegalArgumentException noSort = assertThrows(IllegalArgumentException.class,
                () -> ORDERS.get(GetItem.of(Key.of("a"))));
        assertEquals("table Orders: the key has no sort value, but the schema has the sort key \"SK\"", noSort.getMessage());
        IllegalArgumentException extraSort = assertThrows(IllegalArgumentException.class,
                () -> COUNTERS.delete(DeleteItem.of(Key.of("a", "b"))));
        assertEquals("table Counters: the key has a sort value, but the schema has no sort key (partition key \"id\")",
                extraSort.getMessage());
        IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class,
                () -> ORDERS.get(GetItem.of(Key.of("a", 7))));
        assertEquals("table Orders: sort key \"SK\" is declared S, but the key's sort value is N", wrongType.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ORDERS.check(ConditionCheck.of(Key.of(1, "b"),
                attributeExists(path("PK")))));
        assertThrows(IllegalArgumentException.class, () -> ORDERS.get(Key.of("a"), Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> Key.of(true));
        assertThrows(IllegalArgumentException.class, () -> Key.of(List.of("a"), "b"));
    }

    @Test
    void itemsMustCarryTheirKeyOfItsDeclaredType() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> ORDERS.put(PutItem.of(Item.of(map("PK", "a", "total", 1)))));
        assertEquals("item for table Orders lacks its key attribute \"SK\"", missing.getMessage());
        IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class,
                () -> ORDERS.put(PutItem.of(Item.of(map("PK", "a", "SK", true)))));
        assertEquals("table Orders: sort key \"SK\" is declared S, but the value is BOOL",
                wrongType.getMessage());
        Requests events = Requests.of("Events", KeySchema.of(KeyAttribute.string("device"), KeyAttribute.number("at")));
        assertEquals(map("device", s("d"), "at", n("5")),
                events.put(PutItem.of(Item.of(map("device", "d", "at", 5, "x", 1)))).key());
        IllegalArgumentException numberAsText = assertThrows(IllegalArgumentException.class,
                () -> events.put(PutItem.of(Item.of(map("device", "d", "at", "5")))));
        assertEquals("table Events: sort key \"at\" is declared N, but the value is S",
                numberAsText.getMessage());
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
                .rendered().updateExpression().orElseThrow());
    }

    @Test
    void keyConditionsMustNameTheKeysOfTheTableOrIndex() {
        IllegalArgumentException wrongPartition = assertThrows(IllegalArgumentException.class,
                () -> ORDERS.query(Query.of(partitionKey("GSI1PK", value("a"))), false));
        assertEquals("key condition names \"GSI1PK\" as partition key, but table Orders is partitioned by \"PK\"",
                wrongPartition.getMessage());
        IllegalArgumentException wrongSort = assertThrows(IllegalArgumentException.class,
                () -> ORDERS.query(Query.of(partitionKey("GSI1PK", value("a")).and(sortKey("SK").eq(value("b"))))
                        .withIndex("GSI1"), false));
        assertEquals("key condition names \"SK\" as sort key, but index GSI1 has the sort key \"GSI1SK\"",
                wrongSort.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> COUNTERS.query(Query.of(partitionKey("id", value("a")).and(sortKey("SK").eq(value("b")))), false));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> ORDERS.scan(Scan.of().withIndex("GSI9"), false));
        assertTrue(unknown.getMessage().contains("no index \"GSI9\""), unknown.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ORDERS.query(Query.of(partitionKey("GSI1PK", value("a"))).withIndex("GSI9"), false));
    }

    @Test
    void aCursorFromAnotherTableOrIndexIsRejected() {
        String tableCursor = Cursors.encode(map("PK", s("a"), "SK", s("b")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ORDERS.query(Query.of(partitionKey("GSI1PK", value("g"))).withIndex("GSI1")
                        .withStartAfter(tableCursor), false));
        assertEquals("cursor holds the key attributes [PK, SK], but a resume on index GSI1 of table Orders needs "
                + "[PK, SK, GSI1PK, GSI1SK]: pass a cursor from the same table or index", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> COUNTERS.scan(Scan.of().withStartAfter(tableCursor), false));
        String indexCursor = Cursors.encode(map("GSI1PK", s("g"), "GSI1SK", s("x"), "PK", s("a"), "SK", s("b")));
        assertEquals(4, ORDERS.scan(Scan.of().withIndex("GSI1").withStartAfter(indexCursor), false).startKey().size());
        assertThrows(IllegalArgumentException.class, () -> ORDERS.scan(Scan.of().withStartAfter(indexCursor), false));
        assertThrows(IllegalArgumentException.class,
                () -> ORDERS.query(Query.of(partitionKey("PK", value("a"))).withStartAfter("not a cursor"), false));
    }
}
