package dev.dynamatic.core;

import static dev.dynamatic.ast.Dsl.attributeExists;
import static dev.dynamatic.ast.Dsl.beginsWith;
import static dev.dynamatic.ast.Dsl.eq;
import static dev.dynamatic.ast.Dsl.partitionKey;
import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.projection;
import static dev.dynamatic.ast.Dsl.remove;
import static dev.dynamatic.ast.Dsl.set;
import static dev.dynamatic.ast.Dsl.sortKey;
import static dev.dynamatic.ast.Dsl.update;
import static dev.dynamatic.ast.Dsl.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.ast.Bytes;
import dev.dynamatic.ast.Condition;
import dev.dynamatic.ast.KeyCondition;
import dev.dynamatic.core.internal.Cursors;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The request specs as values: {@code with…} methods return changed copies and leave the original alone, equality
 * covers every part but the customizer, and {@code toString} shows the parts with every value redacted (a canary
 * value in keys, conditions, updates, items and cursors never shows).
 */
class RequestSpecsTest {

    private static final String CANARY = "secret-canary-4711";
    private static final BigDecimal NUMBER_CANARY = new BigDecimal("987654321.123");
    private static final Key KEY = Key.of(CANARY, NUMBER_CANARY);
    private static final Condition CONDITION = eq(path("status"), value(CANARY));
    private static final String CURSOR = Cursors.encode(Map.of("PK", AttributeValue.fromS(CANARY),
            "SK", AttributeValue.fromN(NUMBER_CANARY.toPlainString())));

    private static void redacted(Object spec) {
        String text = spec.toString();
        assertFalse(text.contains(CANARY) || text.contains("987654321") || text.contains(CURSOR.substring(3)), text);
    }

    private static <T> Consumer<T> noop() {
        return b -> { };
    }

    // ---- keys

    @Test
    void aKeyShowsItsTypesNeverItsValues() {
        assertEquals("Key[<S>, <N>]", KEY.toString());
        assertEquals("Key[<B>]", Key.of(Bytes.of((byte) 1)).toString());
        assertEquals(Key.of(CANARY, NUMBER_CANARY), KEY);
        assertEquals(Key.of("a", 1), Key.of("a", new BigDecimal("1")));
    }

    // ---- GetItem

    @Test
    void getItem() {
        GetItem g = GetItem.of(KEY);
        assertEquals(KEY, g.key());
        assertEquals(Optional.empty(), g.projection());
        assertFalse(g.consistentRead());
        assertEquals(Optional.empty(), g.customizer());

        GetItem p = g.withProjection(projection("a", "b.c"));
        assertEquals(Optional.of(projection("a", "b.c")), p.projection());
        assertTrue(g.withConsistentRead(true).consistentRead());
        assertEquals(Optional.empty(), g.projection(), "the original is unchanged");
        assertFalse(g.consistentRead());
        assertNotEquals(g, p);
        assertNotEquals(g, g.withConsistentRead(true));
        assertEquals(g, g.withConsistentRead(true).withConsistentRead(false));

        GetItem customized = p.withCustomizer(noop());
        assertTrue(customized.customizer().isPresent());
        assertEquals(p, customized, "the customizer is not compared");
        assertEquals(p.hashCode(), customized.hashCode());

        assertEquals("GetItem[key=Key[<S>, <N>], projection=a, b.c, consistentRead, customized]",
                customized.withConsistentRead(true).toString());
        redacted(customized);
        assertThrows(NullPointerException.class, () -> GetItem.of(null));
        assertThrows(NullPointerException.class, () -> g.withProjection(null));
        assertThrows(NullPointerException.class, () -> g.withCustomizer(null));
    }

    // ---- PutItem

    @Test
    void putItem() {
        Item item = Item.of(Map.of("PK", CANARY, "SK", NUMBER_CANARY));
        PutItem<Item> put = PutItem.of(item);
        assertEquals(item, put.item());
        assertEquals(Item.codec(), put.codec());
        assertEquals(Optional.empty(), put.condition());
        assertFalse(put.returnOld());

        PutItem<Item> conditional = put.withCondition(CONDITION);
        assertEquals(Optional.of(CONDITION), conditional.condition());
        assertTrue(put.withReturnOld(true).returnOld());
        assertEquals(Optional.empty(), put.condition(), "the original is unchanged");
        assertNotEquals(put, conditional);
        assertNotEquals(put, put.withReturnOld(true));
        assertNotEquals(put, PutItem.of(Item.of(Map.of("PK", "other", "SK", 1))));
        assertEquals(put, PutItem.of(item, Item.codec()));
        assertEquals(conditional.withReturnOld(true), conditional.withReturnOld(true).withCustomizer(noop()));
        assertEquals(conditional.hashCode(), conditional.withCustomizer(noop()).hashCode());

        PutItem<Item> all = conditional.withReturnOld(true).withCustomizer(noop());
        assertEquals("PutItem[item=Item, condition=status = :v, returnOld, customized]", all.toString());
        redacted(all);
        assertThrows(NullPointerException.class, () -> PutItem.of(null));
        assertThrows(NullPointerException.class, () -> PutItem.of(item, null));
        assertThrows(NullPointerException.class, () -> put.withCondition(null));
    }

    // ---- UpdateItem

    @Test
    void updateItem() {
        UpdateItem u = UpdateItem.of(KEY, update(set(path("a"), value(CANARY))));
        assertEquals(KEY, u.key());
        assertEquals(update(set(path("a"), value(CANARY))), u.update());
        assertEquals(Optional.empty(), u.condition());
        assertEquals(ReturnValue.NONE, u.returnValues());

        UpdateItem more = u.and(update(remove(path("b"))));
        assertEquals(update(set(path("a"), value(CANARY)), remove(path("b"))), more.update());
        assertEquals(Optional.of(CONDITION), u.withCondition(CONDITION).condition());
        assertEquals(ReturnValue.ALL_NEW, u.withReturnValues(ReturnValue.ALL_NEW).returnValues());
        assertEquals(update(set(path("a"), value(CANARY))), u.update(), "the original is unchanged");
        assertEquals(ReturnValue.NONE, u.returnValues());
        assertNotEquals(u, more);
        assertNotEquals(u, u.withCondition(CONDITION));
        assertNotEquals(u, u.withReturnValues(ReturnValue.UPDATED_OLD));
        assertEquals(u.withReturnValues(ReturnValue.ALL_OLD), u.withReturnValues(ReturnValue.ALL_OLD).withCustomizer(noop()));
        assertThrows(IllegalArgumentException.class, () -> u.withReturnValues(ReturnValue.UNKNOWN_TO_SDK_VERSION));

        UpdateItem all = more.withCondition(CONDITION).withReturnValues(ReturnValue.UPDATED_NEW).withCustomizer(noop());
        assertTrue(all.toString().startsWith("UpdateItem[key=Key[<S>, <N>], update=SET a = :v REMOVE b, condition="),
                all.toString());
        assertTrue(all.toString().endsWith(", returnValues=UPDATED_NEW, customized]"), all.toString());
        redacted(all);
        assertThrows(NullPointerException.class, () -> UpdateItem.of(KEY, null));
        assertThrows(NullPointerException.class, () -> u.and(null));
    }

    // ---- DeleteItem and ConditionCheck

    @Test
    void deleteItem() {
        DeleteItem d = DeleteItem.of(KEY);
        assertEquals(KEY, d.key());
        assertEquals(Optional.empty(), d.condition());
        assertFalse(d.returnOld());
        DeleteItem all = d.withCondition(CONDITION).withReturnOld(true).withCustomizer(noop());
        assertEquals(Optional.of(CONDITION), all.condition());
        assertTrue(all.returnOld());
        assertTrue(all.customizer().isPresent());
        assertEquals(Optional.empty(), d.condition(), "the original is unchanged");
        assertEquals(d.withCondition(CONDITION).withReturnOld(true), all);
        assertNotEquals(d, d.withReturnOld(true));
        assertNotEquals(d, DeleteItem.of(Key.of("x", 1)));
        assertTrue(all.toString().startsWith("DeleteItem[key=Key[<S>, <N>], condition="), all.toString());
        assertTrue(all.toString().endsWith(", returnOld, customized]"), all.toString());
        redacted(all);
    }

    @Test
    void conditionCheck() {
        ConditionCheck c = ConditionCheck.of(KEY, CONDITION);
        assertEquals(KEY, c.key());
        assertEquals(CONDITION, c.condition());
        assertEquals(c, ConditionCheck.of(Key.of(CANARY, NUMBER_CANARY), eq(path("status"), value(CANARY))));
        assertEquals(c.hashCode(), ConditionCheck.of(KEY, eq(path("status"), value(CANARY))).hashCode());
        assertNotEquals(c, ConditionCheck.of(KEY, attributeExists(path("PK"))));
        assertTrue(c.toString().startsWith("ConditionCheck[key=Key[<S>, <N>], condition="), c.toString());
        redacted(c);
    }

    // ---- Query

    @Test
    void query() {
        KeyCondition k = partitionKey("PK", value(CANARY)).and(sortKey("SK").beginsWith(value(CANARY)));
        Query q = Query.of(k);
        assertEquals(k, q.keyCondition());
        assertEquals(Optional.empty(), q.index());
        assertEquals(Optional.empty(), q.filter());
        assertEquals(Optional.empty(), q.projection());
        assertFalse(q.descending());
        assertFalse(q.consistentRead());
        assertEquals(OptionalInt.empty(), q.limit());
        assertEquals(OptionalInt.empty(), q.pageSize());
        assertEquals(Optional.empty(), q.startAfter());
        assertEquals(Optional.empty(), q.customizer());

        Query all = q.withIndex("GSI1").withFilter(CONDITION).withProjection(projection("a")).withDescending(true)
                .withConsistentRead(true).withLimit(10).withPageSize(5).withStartAfter(CURSOR);
        assertEquals(Optional.of("GSI1"), all.index());
        assertEquals(Optional.of(CONDITION), all.filter());
        assertEquals(Optional.of(projection("a")), all.projection());
        assertTrue(all.descending());
        assertTrue(all.consistentRead());
        assertEquals(OptionalInt.of(10), all.limit());
        assertEquals(OptionalInt.of(5), all.pageSize());
        assertEquals(Optional.of(CURSOR), all.startAfter());
        assertEquals(Query.of(k), q, "the original is unchanged");
        for (Query changed : List.of(q.withIndex("GSI1"), q.withFilter(CONDITION), q.withProjection(projection("a")),
                q.withDescending(true), q.withConsistentRead(true), q.withLimit(10), q.withPageSize(5),
                q.withStartAfter(CURSOR))) {
            assertNotEquals(q, changed, changed::toString);
        }
        assertEquals(all, all.withCustomizer(noop()));
        assertEquals(all.hashCode(), all.withCustomizer(noop()).hashCode());
        assertEquals(q, q.withDescending(true).withDescending(false));

        String text = all.withCustomizer(noop()).toString();
        assertTrue(text.startsWith("Query[PK = :v AND begins_with(SK, :v), index=GSI1, filter="), text);
        assertTrue(text.endsWith(", projection=a, descending, consistentRead, limit=10, pageSize=5,"
                + " startAfter=<cursor>, customized]"), text);
        redacted(all);

        assertThrows(IllegalArgumentException.class, () -> q.withLimit(0));
        assertThrows(IllegalArgumentException.class, () -> q.withPageSize(-1));
        assertThrows(IllegalArgumentException.class, () -> q.withIndex(""));
        assertThrows(NullPointerException.class, () -> q.withStartAfter(null));
    }

    // ---- Scan

    @Test
    void scan() {
        Scan s = Scan.of();
        assertEquals("Scan[]", s.toString());
        assertEquals(OptionalInt.empty(), s.segment());
        assertEquals(OptionalInt.empty(), s.totalSegments());
        Scan all = s.withIndex("GSI1").withFilter(beginsWith(path("SK"), value(CANARY))).withProjection(projection("a"))
                .withConsistentRead(true).withSegment(2, 4).withLimit(10).withPageSize(5).withStartAfter(CURSOR);
        assertEquals(Optional.of("GSI1"), all.index());
        assertEquals(OptionalInt.of(2), all.segment());
        assertEquals(OptionalInt.of(4), all.totalSegments());
        assertEquals(OptionalInt.of(10), all.limit());
        assertEquals(OptionalInt.of(5), all.pageSize());
        assertEquals(Optional.of(CURSOR), all.startAfter());
        assertEquals(Scan.of(), s, "the original is unchanged");
        for (Scan changed : List.of(s.withIndex("GSI1"), s.withFilter(CONDITION), s.withProjection(projection("a")),
                s.withConsistentRead(true), s.withSegment(0, 1), s.withLimit(10), s.withPageSize(5),
                s.withStartAfter(CURSOR))) {
            assertNotEquals(s, changed, changed::toString);
        }
        assertNotEquals(s.withSegment(0, 2), s.withSegment(0, 3));
        assertEquals(all, all.withCustomizer(noop()));
        assertEquals(all.hashCode(), all.withCustomizer(noop()).hashCode());
        assertEquals("Scan[segment=0/1, customized]", s.withSegment(0, 1).withCustomizer(noop()).toString());
        String text = all.toString();
        assertTrue(text.startsWith("Scan[index=GSI1, filter=begins_with(SK, :v), projection=a, consistentRead,"
                + " segment=2/4, limit=10, pageSize=5, startAfter=<cursor>"), text);
        redacted(all);

        assertThrows(IllegalArgumentException.class, () -> s.withSegment(4, 4));
        assertThrows(IllegalArgumentException.class, () -> s.withSegment(-1, 4));
        assertThrows(IllegalArgumentException.class, () -> s.withSegment(0, 0));
        assertThrows(IllegalArgumentException.class, () -> s.withSegment(0, 1_000_001));
        assertEquals(OptionalInt.of(999_999), s.withSegment(999_999, 1_000_000).segment());
        assertThrows(IllegalArgumentException.class, () -> s.withLimit(0));
        assertThrows(IllegalArgumentException.class, () -> s.withIndex(""));
    }

    // ---- customizers compose

    @Test
    void customizersRunInTheOrderAdded() {
        StringBuilder order = new StringBuilder();
        GetItem g = GetItem.of(KEY).withCustomizer(b -> order.append('1')).withCustomizer(b -> order.append('2'));
        g.customizer().orElseThrow().accept(software.amazon.awssdk.services.dynamodb.model.GetItemRequest.builder());
        assertEquals("12", order.toString());
    }
}
