package dev.dynamatic.core.entity;

import static dev.dynamatic.ast.Dsl.ifNotExists;
import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.set;
import static dev.dynamatic.ast.Dsl.update;
import static dev.dynamatic.ast.Dsl.value;
import static dev.dynamatic.core.Behaviour.createdAt;
import static dev.dynamatic.core.Behaviour.generatedId;
import static dev.dynamatic.core.Behaviour.updatedAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.core.Behaviours;
import dev.dynamatic.core.ItemCodec;
import dev.dynamatic.core.Key;
import dev.dynamatic.core.KeySchema;
import dev.dynamatic.core.RecordCodec;
import dev.dynamatic.core.UpdateItem;
import java.lang.invoke.MethodHandles;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** An entity type's write behaviours: where they may write, ids before keys, and updates that carry them. */
class EntityBehavioursTest {

    static final KeySchema KEYS = KeySchema.of("PK", "SK").withIndex("GSI1", KeySchema.of("GSI1PK", "GSI1SK"));

    record Order(String orderId, String customerId, String status, Instant createdAt) {}

    static final ItemCodec<Order> ORDERS = RecordCodec.of(Order.class, MethodHandles.lookup());

    static Entity<Order> order(Behaviours b) {
        return Entity.of("Order", ORDERS, KEYS, "ORDER#{orderId}", "HEADER")
                .withIndex("GSI1", "CUST#{customerId}", "ORDER#{orderId}").withBehaviours(b);
    }

    @Test
    void aGeneratedIdIsDrawnBeforeTheKeysAreRenderedAndOnlyWhereTheValueHasNone() {
        AtomicInteger drawn = new AtomicInteger();
        Entity<Order> orders = order(Behaviours.of(generatedId("orderId"))
                .withIds(() -> "01J" + drawn.incrementAndGet()));
        Map<String, AttributeValue> item = orders.encode(new Order(null, "c1", "OPEN", null));
        assertEquals("ORDER#01J1", item.get("PK").s());
        assertEquals("ORDER#01J1", item.get("GSI1SK").s());
        assertEquals("01J1", item.get("orderId").s());
        assertEquals("ORDER#o7", orders.encode(new Order("o7", "c1", "OPEN", null)).get("PK").s());
        assertEquals(1, drawn.get());
    }

    @Test
    void aGeneratedIdOnlyAnIndexKeyTemplateNamesIsDrawnBeforeTheKeysToo() {
        AtomicInteger drawn = new AtomicInteger();
        Entity<Order> orders = order(Behaviours.of(generatedId("customerId")).withIds(() -> "c" + drawn.incrementAndGet()));
        Map<String, AttributeValue> item = orders.encode(new Order("o1", null, "OPEN", null));
        assertEquals("CUST#c1", item.get("GSI1PK").s());
        assertEquals("c1", item.get("customerId").s());
        assertEquals(1, drawn.get());
    }

    @Test
    void aGeneratedIdNoKeyTemplateNamesIsLeftToTheWriteSoAPatchCannotReplaceAStoredOne() {
        AtomicInteger drawn = new AtomicInteger();
        Entity<Order> orders = order(Behaviours.of(generatedId("status")).withIds(() -> "s" + drawn.incrementAndGet()));
        Map<String, AttributeValue> item = orders.encode(new Order("o1", "c1", null, null));
        assertEquals(null, item.get("status"), "drawn by a put, or if_not_exists by an update or a patch");
        assertEquals(0, drawn.get());
    }

    @Test
    void itsBehavioursCannotWriteItsKeysOrType() {
        for (String attribute : List.of("PK", "SK", "GSI1PK", "GSI1SK", "_type")) {
            String m = assertThrows(IllegalArgumentException.class,
                    () -> order(Behaviours.of(updatedAt(attribute)))).getMessage();
            assertEquals("entity Order: the behaviour UpdatedAt writes \"" + attribute + "\", which the entity writes"
                    + " itself (key or type attribute); a key template can use a behaviour's attribute instead, e.g. {"
                    + attribute + "}", m);
        }
        Entity<Order> withBehaviours = order(Behaviours.of(updatedAt("GSI2SK")));
        assertThrows(IllegalArgumentException.class, () -> withBehaviours.withTypeAttribute("GSI2SK"),
                "checked again when the entity changes");
    }

    @Test
    void itsUpdatesCarryItsBehaviours() {
        Behaviours b = Behaviours.of(createdAt("createdAt"), updatedAt("updatedAt"));
        Entity<Order> orders = order(b);
        assertEquals(b, orders.behaviours());
        assertEquals(Behaviours.none(), order(Behaviours.none()).behaviours());
        Key key = orders.table().key(Map.of("orderId", "o1"));
        UpdateItem u = orders.update(key, update(set(path("status"), value("SHIPPED"))));
        assertEquals(UpdateItem.of(key, update(set(path("status"), value("SHIPPED")))).withBehaviours(b), u);
    }

    @Test
    void anUpdatesGeneratedIdComesFromTheKeyItsTemplateNames() {
        Behaviours b = Behaviours.of(generatedId("orderId"), generatedId("other"));
        Entity<Order> orders = order(b);
        Key key = orders.table().key(Map.of("orderId", "o1"));
        UpdateItem u = orders.update(key, update(set(path("status"), value("SHIPPED"))));
        assertEquals(update(set(path("status"), value("SHIPPED")),
                set(path("orderId"), ifNotExists(path("orderId"), value("o1")))), u.update());
        assertEquals(b, u.behaviours(), "\"other\" is left to the behaviour");
        UpdateItem own = orders.update(key, update(set(path("orderId"), value("o1"))));
        assertEquals(update(set(path("orderId"), value("o1"))), own.update());
        String m = assertThrows(IllegalArgumentException.class,
                () -> orders.update(Key.of("CUST#1", "HEADER"), update(set(path("status"), value("x"))))).getMessage();
        assertTrue(m.startsWith("entity Order: "), m);
    }
}
