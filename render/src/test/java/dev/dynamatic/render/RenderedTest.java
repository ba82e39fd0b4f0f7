package dev.dynamatic.render;

import static dev.dynamatic.ast.Dsl.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.ast.Condition;
import dev.dynamatic.ast.KeyCondition;
import dev.dynamatic.ast.Projection;
import dev.dynamatic.ast.Update;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Get;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** A rendering's parts are never null, it applies itself to every SDK builder, and it is a value that hides values. */
class RenderedTest {

    private static final Update UPDATE = update(set(path("name"), value("Ada")), remove(path("old")));
    private static final Condition CONDITION = eq(path("secret"), value("hunter2"));
    private static final KeyCondition KEY = partitionKey("pk", value("p")).and(sortKey("sk").beginsWith(value("s")));
    private static final Projection PROJECTION = projection("a", "b.c");

    // ---- parts

    @Test
    void anAbsentExpressionIsEmptyAndAnUnusedMapIsEmpty() {
        Rendered r = Renderer.projection(PROJECTION);
        assertEquals(Optional.of("#n0, #n1.#n2"), r.projectionExpression());
        assertEquals(Optional.empty(), r.keyConditionExpression());
        assertEquals(Optional.empty(), r.updateExpression());
        assertEquals(Optional.empty(), r.conditionExpression());
        assertEquals(Map.of("#n0", "a", "#n1", "b", "#n2", "c"), r.names());
        assertEquals(Map.of(), r.values());
        assertThrows(UnsupportedOperationException.class, () -> r.values().put(":v0", AttributeValue.fromS("x")));

        Rendered nothing = Renderer.scan(Optional.empty(), Optional.empty());
        assertEquals(Map.of(), nothing.names());
        assertEquals(Map.of(), nothing.values());
        assertEquals(Optional.empty(), nothing.conditionExpression());
        assertEquals(Optional.empty(), nothing.projectionExpression());
        assertThrows(UnsupportedOperationException.class, () -> nothing.names().put("#n0", "a"));
    }

    @Test
    void everyEntryPointRendersItsPartsInOnePlaceholderSpace() {
        Rendered u = Renderer.update(UPDATE, CONDITION);
        assertEquals(Optional.of("SET #n0 = :v0 REMOVE #n1"), u.updateExpression());
        assertEquals(Optional.of("#n2 = :v1"), u.conditionExpression());
        assertEquals(Optional.empty(), Renderer.update(UPDATE).conditionExpression());
        assertEquals(Optional.of("#n0 = :v0"), Renderer.condition(CONDITION).conditionExpression());

        Rendered q = Renderer.query(KEY, Optional.of(CONDITION), Optional.of(PROJECTION));
        assertEquals(Optional.of("#n0 = :v0 AND begins_with(#n1, :v1)"), q.keyConditionExpression());
        assertEquals(Optional.of("#n2 = :v2"), q.conditionExpression());
        assertEquals(Optional.of("#n3, #n4.#n5"), q.projectionExpression());
        assertEquals(q, Renderer.query(KEY, CONDITION, PROJECTION));
        Rendered keyOnly = Renderer.query(KEY, Optional.empty(), Optional.empty());
        assertEquals(Optional.empty(), keyOnly.conditionExpression());
        assertEquals(Optional.empty(), keyOnly.projectionExpression());
        assertEquals(Optional.of("#n2, #n3.#n4"),
                Renderer.query(KEY, Optional.empty(), Optional.of(PROJECTION)).projectionExpression());

        Rendered s = Renderer.scan(Optional.of(CONDITION), Optional.of(PROJECTION));
        assertEquals(Optional.of("#n0 = :v0"), s.conditionExpression());
        assertEquals(Optional.of("#n1, #n2.#n3"), s.projectionExpression());
        assertEquals(s, Renderer.scan(CONDITION, PROJECTION));
        assertEquals(Optional.empty(), Renderer.scan(Optional.empty(), Optional.of(PROJECTION)).conditionExpression());
        assertEquals(Optional.empty(), Renderer.scan(Optional.of(CONDITION), Optional.empty()).projectionExpression());
    }

    @Test
    void entryPointsRejectNullsByName() {
        assertNpe("update is null", () -> Renderer.update(null));
        assertNpe("update is null", () -> Renderer.update(null, CONDITION));
        assertNpe("condition is null", () -> Renderer.update(UPDATE, null));
        assertNpe("condition is null", () -> Renderer.condition(null));
        assertNpe("projection is null", () -> Renderer.projection(null));
        assertNpe("keyCondition is null", () -> Renderer.query(null, Optional.empty(), Optional.empty()));
        assertNpe("filter is null", () -> Renderer.query(KEY, (Optional<Condition>) null, Optional.empty()));
        assertNpe("projection is null", () -> Renderer.query(KEY, Optional.empty(), (Optional<Projection>) null));
        assertNpe("keyCondition is null", () -> Renderer.query(null, CONDITION, PROJECTION));
        assertNpe("filter is null", () -> Renderer.query(KEY, (Condition) null, PROJECTION));
        assertNpe("projection is null", () -> Renderer.query(KEY, CONDITION, (Projection) null));
        assertNpe("filter is null", () -> Renderer.scan((Optional<Condition>) null, Optional.empty()));
        assertNpe("projection is null", () -> Renderer.scan(Optional.empty(), (Optional<Projection>) null));
        assertNpe("filter is null", () -> Renderer.scan((Condition) null, PROJECTION));
        assertNpe("projection is null", () -> Renderer.scan(CONDITION, (Projection) null));
    }

    private static void assertNpe(String message, Executable call) {
        assertEquals(message, assertThrows(NullPointerException.class, call).getMessage());
    }

    // ---- onto SDK builders

    @Test
    void appliesToEverySingleItemAndQueryBuilder() {
        Rendered u = Renderer.update(UPDATE, CONDITION);
        UpdateItemRequest update = u.applyTo(UpdateItemRequest.builder()).build();
        assertEquals(u.updateExpression().orElseThrow(), update.updateExpression());
        assertEquals(u.conditionExpression().orElseThrow(), update.conditionExpression());
        assertEquals(u.names(), update.expressionAttributeNames());
        assertEquals(u.values(), update.expressionAttributeValues());

        Rendered c = Renderer.condition(CONDITION);
        PutItemRequest put = c.applyTo(PutItemRequest.builder()).build();
        assertEquals("#n0 = :v0", put.conditionExpression());
        assertEquals(c.names(), put.expressionAttributeNames());
        assertEquals(c.values(), put.expressionAttributeValues());
        DeleteItemRequest delete = c.applyTo(DeleteItemRequest.builder()).build();
        assertEquals("#n0 = :v0", delete.conditionExpression());
        assertEquals(c.values(), delete.expressionAttributeValues());

        Rendered p = Renderer.projection(PROJECTION);
        GetItemRequest get = p.applyTo(GetItemRequest.builder()).build();
        assertEquals("#n0, #n1.#n2", get.projectionExpression());
        assertEquals(p.names(), get.expressionAttributeNames());
        KeysAndAttributes keys = p.applyTo(KeysAndAttributes.builder()).build();
        assertEquals("#n0, #n1.#n2", keys.projectionExpression());
        assertEquals(p.names(), keys.expressionAttributeNames());

        Rendered q = Renderer.query(KEY, Optional.of(CONDITION), Optional.of(PROJECTION));
        QueryRequest query = q.applyTo(QueryRequest.builder()).build();
        assertEquals(q.keyConditionExpression().orElseThrow(), query.keyConditionExpression());
        assertEquals(q.conditionExpression().orElseThrow(), query.filterExpression());
        assertEquals(q.projectionExpression().orElseThrow(), query.projectionExpression());
        assertEquals(q.names(), query.expressionAttributeNames());
        assertEquals(q.values(), query.expressionAttributeValues());

        Rendered s = Renderer.scan(Optional.of(CONDITION), Optional.of(PROJECTION));
        ScanRequest scan = s.applyTo(ScanRequest.builder()).build();
        assertEquals(s.conditionExpression().orElseThrow(), scan.filterExpression());
        assertEquals(s.projectionExpression().orElseThrow(), scan.projectionExpression());
        assertEquals(s.names(), scan.expressionAttributeNames());
        assertEquals(s.values(), scan.expressionAttributeValues());
    }

    @Test
    void appliesToEveryTransactionBuilder() {
        Rendered u = Renderer.update(UPDATE, CONDITION);
        software.amazon.awssdk.services.dynamodb.model.Update update =
                u.applyTo(software.amazon.awssdk.services.dynamodb.model.Update.builder()).build();
        assertEquals(u.updateExpression().orElseThrow(), update.updateExpression());
        assertEquals(u.conditionExpression().orElseThrow(), update.conditionExpression());
        assertEquals(u.names(), update.expressionAttributeNames());
        assertEquals(u.values(), update.expressionAttributeValues());

        Rendered c = Renderer.condition(CONDITION);
        for (var built : new Object[] {c.applyTo(Put.builder()).build(), c.applyTo(Delete.builder()).build(),
                c.applyTo(ConditionCheck.builder()).build()}) {
            switch (built) {
                case Put put -> assertConditionAndMaps(c, put.conditionExpression(), put.expressionAttributeNames(),
                        put.expressionAttributeValues());
                case Delete delete -> assertConditionAndMaps(c, delete.conditionExpression(),
                        delete.expressionAttributeNames(), delete.expressionAttributeValues());
                case ConditionCheck check -> assertConditionAndMaps(c, check.conditionExpression(),
                        check.expressionAttributeNames(), check.expressionAttributeValues());
                default -> throw new AssertionError(built);
            }
        }

        Rendered p = Renderer.projection(PROJECTION);
        Get get = p.applyTo(Get.builder()).build();
        assertEquals("#n0, #n1.#n2", get.projectionExpression());
        assertEquals(p.names(), get.expressionAttributeNames());
    }

    private static void assertConditionAndMaps(Rendered r, String condition, Map<String, String> names,
            Map<String, AttributeValue> values) {
        assertEquals(r.conditionExpression().orElseThrow(), condition);
        assertEquals(r.names(), names);
        assertEquals(r.values(), values);
    }

    @Test
    void setsAbsentPartsAndEmptyMapsAbsentOnTheBuilder() {
        // what was on the builder before is replaced: the rendering is the request's whole expression state
        QueryRequest.Builder stale = QueryRequest.builder().filterExpression("#old = :old").projectionExpression("#p")
                .expressionAttributeNames(Map.of("#old", "old")).expressionAttributeValues(Map.of(":old",
                        AttributeValue.fromS("x")));
        QueryRequest query = Renderer.query(partitionKey("pk", value("p")), Optional.empty(), Optional.empty())
                .applyTo(stale).build();
        assertNull(query.filterExpression());
        assertNull(query.projectionExpression());
        assertEquals(Map.of("#n0", "pk"), query.expressionAttributeNames());

        UpdateItemRequest removeOnly = Renderer.update(update(remove(path("a")))).applyTo(UpdateItemRequest.builder()
                .conditionExpression("#c = :c").expressionAttributeValues(Map.of(":c", AttributeValue.fromN("1"))))
                .build();
        assertNull(removeOnly.conditionExpression());
        assertFalse(removeOnly.hasExpressionAttributeValues(), "an empty map is sent as no map at all");
        assertTrue(removeOnly.hasExpressionAttributeNames());

        ScanRequest scan = Renderer.scan(Optional.empty(), Optional.empty()).applyTo(ScanRequest.builder()).build();
        assertFalse(scan.hasExpressionAttributeNames());
        assertFalse(scan.hasExpressionAttributeValues());
        assertNull(scan.filterExpression());
    }

    // ---- a value

    @Test
    void equalTreesGiveEqualRenderingsAndOthersDiffer() {
        Rendered a = Renderer.update(UPDATE, CONDITION);
        Rendered b = Renderer.update(update(set(path("name"), value("Ada")), remove(path("old"))),
                eq(path("secret"), value("hunter2")));
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, Renderer.update(UPDATE));
        assertNotEquals(a, Renderer.update(UPDATE, eq(path("secret"), value("other"))));
        assertNotEquals(a, Renderer.update(UPDATE, eq(path("other"), value("hunter2"))));
        assertFalse(a.equals(null));
        assertFalse(a.equals(a.toString()));
        // a condition rendered alone and a scan's filter are the same parts: equal
        assertEquals(Renderer.condition(CONDITION), Renderer.scan(Optional.of(CONDITION), Optional.empty()));
    }

    @Test
    void toStringShowsExpressionsAndNamesButValuesOnlyByType() {
        Rendered r = Renderer.query(KEY, Optional.of(and(CONDITION, eq(path("n"), value(42)))),
                Optional.of(PROJECTION));
        String text = r.toString();
        assertEquals("Rendered[KeyConditionExpression=#n0 = :v0 AND begins_with(#n1, :v1), "
                + "ConditionExpression=#n2 = :v2 AND #n3 = :v3, ProjectionExpression=#n4, #n5.#n6, "
                + "names={#n0=pk, #n1=sk, #n2=secret, #n3=n, #n4=a, #n5=b, #n6=c}, "
                + "values={:v0=<S>, :v1=<S>, :v2=<S>, :v3=<N>}]", text);
        assertFalse(text.contains("hunter2"), text);
        assertFalse(text.contains("42"), text);
        assertEquals("Rendered[]", Renderer.scan(Optional.empty(), Optional.empty()).toString());
        assertEquals("Rendered[UpdateExpression=REMOVE #n0, names={#n0=a}]",
                Renderer.update(update(remove(path("a")))).toString());
    }
}
