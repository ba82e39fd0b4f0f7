package dev.dynamatic.it;

import static dev.dynamatic.ast.Dsl.eq;
import static dev.dynamatic.ast.Dsl.partitionKey;
import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.set;
import static dev.dynamatic.ast.Dsl.update;
import static dev.dynamatic.ast.Dsl.value;
import static dev.dynamatic.core.Behaviour.counter;
import static dev.dynamatic.core.Behaviour.createdAt;
import static dev.dynamatic.core.Behaviour.expiresIn;
import static dev.dynamatic.core.Behaviour.generatedId;
import static dev.dynamatic.core.Behaviour.updatedAt;
import static dev.dynamatic.it.Fixtures.conditionFailed;
import static dev.dynamatic.it.Fixtures.item;
import static dev.dynamatic.it.Fixtures.right;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.core.Behaviour;
import dev.dynamatic.core.Behaviours;
import dev.dynamatic.core.BatchWrite;
import dev.dynamatic.core.Failure;
import dev.dynamatic.core.GetItem;
import dev.dynamatic.core.Item;
import dev.dynamatic.core.ItemCodec;
import dev.dynamatic.core.Key;
import dev.dynamatic.core.OptimisticLock;
import dev.dynamatic.core.Patch;
import dev.dynamatic.core.PutItem;
import dev.dynamatic.core.Query;
import dev.dynamatic.core.RecordCodec;
import dev.dynamatic.core.RetryPolicy;
import dev.dynamatic.core.Table;
import dev.dynamatic.core.Transaction;
import dev.dynamatic.core.UpdateItem;
import dev.dynamatic.core.UuidV7;
import dev.dynamatic.core.entity.Entity;
import dev.dynamatic.render.AttributeValues;
import io.vavr.control.Either;
import java.lang.invoke.MethodHandles;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Write behaviours on both engines, every outcome read back: an entity type's on its puts, updates, batch puts and
 * patches; one request's; with the optimistic lock in both modes; in a transaction (engines with transactions).
 * Time comes from a clock the test sets, so each stored time is known exactly.
 */
@DynamoDbIT
class WriteBehavioursIT {

    /** An order: its id may be generated, the times, revision and expiry are the behaviours'. */
    public record Order(@Nullable String orderId, String customerId, String status, @Nullable Instant createdAt,
                        @Nullable Instant updatedAt, @Nullable Long revision, @Nullable Long expiresAt) {
        static Order open(@Nullable String id, String customer) {
            return new Order(id, customer, "OPEN", null, null, null, null);
        }
    }

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>();

        TestClock(Instant start) {
            now.set(start);
        }

        Instant set(Instant t) {
            now.set(t);
            return t;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    static final Instant T1 = Instant.parse("2026-05-01T10:00:00.123456789Z");
    static final Instant T2 = Instant.parse("2026-05-02T11:30:00Z");
    static final Duration KEEP = Duration.ofDays(30);
    static final ItemCodec<Order> ORDERS = RecordCodec.of(Order.class, MethodHandles.lookup());
    static final RetryPolicy QUICK = RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(20))
            .withDeadline(Duration.ofMinutes(2));

    private final TestClock clock = new TestClock(T1);
    private final Behaviours audited = Behaviours.of(generatedId("orderId"), createdAt("createdAt"),
            updatedAt("updatedAt"), counter("revision"), expiresIn("expiresAt", KEEP)).withClock(clock);
    private final Entity<Order> order;
    private final Table table;

    WriteBehavioursIT(DynamoDbClient client, TestTable testTable) {
        this.table = testTable.on(client);
        this.order = Entity.of("Order", ORDERS, table.schema(), "CUST#{customerId}", "ORDER#{orderId}")
                .withBehaviours(audited);
    }

    Item read(Key key) {
        return table.get(GetItem.of(key).withConsistentRead(true), Item.codec()).orElseThrow();
    }

    List<Item> ordersOf(String customer) {
        return table.query(Query.of(partitionKey("pk", value("CUST#" + customer))).withConsistentRead(true)).toList();
    }

    /** Asserts what the behaviours stored for an item created at {@code created} and last written at {@code last}. */
    static void assertStamped(Item item, Instant created, Instant last, long revision) {
        assertEquals(iso(created), item.getString("createdAt"));
        assertEquals(iso(last), item.getString("updatedAt"));
        assertEquals(revision, item.getLong("revision"));
        assertEquals(last.plus(KEEP).getEpochSecond(), item.getLong("expiresAt"), "TTL in epoch seconds (N)");
    }

    /** {@return the fixed-width ISO-8601 text the behaviours (and RecordCodec, for an Instant) store} */
    static String iso(Instant t) {
        return AttributeValues.toSdk(value(t)).s();
    }

    // ---- an entity type's behaviours

    @Test
    void anEntitysPutIsACreateWithANewIdAndItsUpdatesKeepTheCreationTime() {
        Order placed = Order.open(null, "ada");
        right(table.put(PutItem.of(placed, order)));
        List<Item> stored = ordersOf("ada");
        assertEquals(1, stored.size());
        Item created = stored.getFirst();
        String id = created.getString("orderId");
        assertEquals(7, UUID.fromString(id).version(), "a UUIDv7");
        assertEquals(T1.toEpochMilli(), UuidV7.time(UUID.fromString(id)).toEpochMilli(), "timed by the entity's clock");
        assertEquals("ORDER#" + id, created.getString("sk"), "drawn before the key was rendered");
        assertStamped(created, T1, T1, 0);
        Order decoded = order.decode(created.attributes());
        assertEquals(new Order(id, "ada", "OPEN", T1, T1, 0L, T1.plus(KEEP).getEpochSecond()), decoded);

        // A put replaces the whole item, so with a creation time it is a create: a second one fails, item unchanged.
        clock.set(T2);
        Failure.ConditionFailed again = conditionFailed(table.put(PutItem.of(decoded, order)));
        assertEquals(created, again.item().orElseGet(() -> read(order.key(decoded))));
        assertEquals(created, read(order.key(decoded)));

        Key key = order.key(decoded);
        right(table.update(order.update(key, update(set(path("status"), value("SHIPPED"))))));
        Item shipped = read(key);
        assertStamped(shipped, T1, T2, 1);
        assertEquals("SHIPPED", shipped.getString("status"));
        assertEquals(id, shipped.getString("orderId"), "the id stays");
        right(table.update(order.update(key, update(set(path("status"), value("DELIVERED"))))));
        assertStamped(read(key), T1, T2, 2);
    }

    @Test
    void generatedIdsSortInCreationOrderEvenWhenTheClockStandsStill() {
        clock.set(T2);
        for (int i = 0; i < 5; i++) {
            right(table.put(PutItem.of(Order.open(null, "bob"), order)));
        }
        List<String> ids = ordersOf("bob").stream().map(o -> o.getString("orderId")).toList();
        assertEquals(5, ids.size());
        assertEquals(ids.stream().sorted().toList(), ids, "the query's sort-key order");
        List<UUID> uuids = ids.stream().map(UUID::fromString).toList();
        assertTrue(uuids.stream().allMatch(u -> UuidV7.time(u).toEpochMilli() == T2.toEpochMilli()));
        assertEquals(5, uuids.stream().distinct().count());
    }

    @Test
    void anEntityUpdateThatCreatesTheItemStartsItsCounterAndTakesTheIdFromTheKey() {
        Key key = order.table().key(Map.of("customerId", "cyd", "orderId", "o-1"));
        right(table.update(order.update(key, update(set(path("status"), value("DRAFT"))))));
        Item item = read(key);
        assertStamped(item, T1, T1, 0);
        assertEquals("o-1", item.getString("orderId"), "from the key, not a new id");
    }

    @Test
    void aBatchPutStampsItemsButRefusesACreationTime() {
        List<Order> two = List.of(Order.open("b-1", "dee"), Order.open("b-2", "dee"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BatchWrite.of().putAll(table, two, order));
        assertTrue(e.getMessage().contains("cannot keep the creation time \"createdAt\""), e.getMessage());
        assertEquals(List.of(), ordersOf("dee"), "nothing sent");

        Entity<Order> touched = Entity.of("Order", ORDERS, table.schema(), "CUST#{customerId}", "ORDER#{orderId}")
                .withBehaviours(Behaviours.of(updatedAt("updatedAt")).withClock(clock));
        assertTrue(BatchWrite.of().putAll(table, two, touched).execute().unwritten().isEmpty());
        assertEquals(List.of(iso(T1), iso(T1)), ordersOf("dee").stream().map(o -> o.getString("updatedAt")).toList());
    }

    @Test
    void aPatchOfAnEntityLeavesTheBehavioursAttributesToThem() {
        right(table.put(PutItem.of(Order.open("p-1", "eve"), order)));
        Key key = order.table().key(Map.of("customerId", "eve", "orderId", "p-1"));
        clock.set(T2);
        // The record's own times and revision are the behaviours': the patch does not write them.
        right(table.patch(Patch.of(new Order("p-1", "eve", "PAID", T2.minusSeconds(9), null, 41L, null), order)));
        Item item = read(key);
        assertEquals("PAID", item.getString("status"));
        assertStamped(item, T1, T2, 1);
    }

    // ---- one request's behaviours

    @Test
    void oneRequestsBehavioursOnPlainItems() {
        AtomicInteger drawn = new AtomicInteger();
        Behaviours touched = Behaviours.of(updatedAt("u", Behaviour.TimeFormat.EPOCH_MILLIS)).withClock(clock);
        right(table.put(PutItem.of(item("pk", "req", "sk", "put", "n", 1), Item.codec()).withBehaviours(touched)));
        assertEquals(item("pk", "req", "sk", "put", "n", 1, "u", T1.toEpochMilli()), read(Key.of("req", "put")));

        Behaviours upsert = Behaviours.of(createdAt("c", Behaviour.TimeFormat.EPOCH_SECONDS), counter("n", 10, 5),
                generatedId("id")).withClock(clock).withIds(() -> "id-" + drawn.incrementAndGet());
        Key key = Key.of("req", "update");
        right(table.update(UpdateItem.of(key, update(set(path("x"), value("a")))).withBehaviours(upsert)));
        assertEquals(item("pk", "req", "sk", "update", "x", "a", "c", T1.getEpochSecond(), "n", 10, "id", "id-1"),
                read(key));
        clock.set(T2);
        right(table.update(UpdateItem.of(key, update(set(path("x"), value("b")))).withBehaviours(upsert)));
        assertEquals(item("pk", "req", "sk", "update", "x", "b", "c", T1.getEpochSecond(), "n", 15, "id", "id-1"),
                read(key), "the creation time and the id stay, the counter counts");
    }

    @Test
    void aRequestCanBringTheClockForTheEntitysBehaviours() {
        Entity<Order> systemTimed = Entity.of("Order", ORDERS, table.schema(), "CUST#{customerId}", "ORDER#{orderId}")
                .withBehaviours(Behaviours.of(createdAt("createdAt"), updatedAt("updatedAt")));
        right(table.put(PutItem.of(Order.open("c-1", "fay"), systemTimed)
                .withBehaviours(Behaviours.of(counter("revision")).and(Behaviours.none().withClock(clock)))));
        Item item = read(systemTimed.table().key(Map.of("customerId", "fay", "orderId", "c-1")));
        assertEquals(iso(T1), item.getString("createdAt"));
        assertEquals(iso(T1), item.getString("updatedAt"));
        assertEquals(0, item.getLong("revision"));
    }

    // ---- with the optimistic lock

    /** The lock's version and the behaviours' attributes side by side; a stale write changes nothing. */
    void lockedWrites(OptimisticLock lock, String customer) {
        Order placed = Order.open("l-1", customer);
        Key key = order.key(placed);
        assertEquals(Either.right(1L), lock.put(table, PutItem.of(placed, order), 0));
        Item created = read(key);
        assertStamped(created, T1, T1, 0);
        assertEquals(1, created.getLong("version"));

        clock.set(T2);
        assertEquals(Either.right(2L), lock.update(table, order.update(key, update(set(path("status"),
                value("SHIPPED")))), 1));
        Item shipped = read(key);
        assertStamped(shipped, T1, T2, 1);
        assertEquals(2, shipped.getLong("version"));

        Either<Failure, Long> stale = lock.update(table, order.update(key, update(set(path("status"),
                value("LOST")))), 1);
        assertInstanceOf(Failure.VersionConflict.class, stale.getLeft());
        assertEquals(shipped, read(key), "a stale write stamps nothing");

        assertThrows(IllegalArgumentException.class, () -> lock.put(table, PutItem.of(placed, order), 2),
                "a put with a creation time is a create: not at a version above 0");
        assertEquals(shipped, read(key));
    }

    @Test
    void behavioursComposeWithTheLockInConditionalWriteMode() {
        lockedWrites(OptimisticLock.on("version").withMode(OptimisticLock.Mode.CONDITIONAL_WRITE).withRetry(QUICK),
                "gil");
    }

    @Test
    @Tag("transactions")
    void behavioursComposeWithTheLockInTransactionMode() {
        lockedWrites(OptimisticLock.on("version").withRetry(QUICK), "hal");
    }

    // ---- in a transaction

    @Test
    @Tag("transactions")
    void aTransactionsActionsAreStampedAndAPutOverAnExistingItemCancelsIt() {
        Order first = Order.open("t-1", "ivy");
        right(table.put(PutItem.of(first, order)));
        clock.set(T2);
        Order second = Order.open("t-2", "ivy");
        Transaction tx = Transaction.of().withRetry(QUICK)
                .put(table, PutItem.of(second, order))
                .update(table, order.update(order.key(first), update(set(path("status"), value("MERGED")))));
        right(tx.execute());
        assertStamped(read(order.key(second)), T2, T2, 0);
        assertStamped(read(order.key(first)), T1, T2, 1);

        Item before = read(order.key(first));
        Either<Failure, ?> again = Transaction.of().withRetry(QUICK).put(table, PutItem.of(first, order))
                .update(table, UpdateItem.of(order.key(second), update(set(path("status"), value("X"))))
                        .withCondition(eq(path("status"), value("OPEN"))))
                .execute();
        Failure.TransactionCanceled canceled = assertInstanceOf(Failure.TransactionCanceled.class, again.getLeft());
        assertEquals("ConditionalCheckFailed", canceled.reasons().getFirst().code(), "the put is a create");
        assertEquals(before, read(order.key(first)), "nothing applied");
        assertEquals("OPEN", read(order.key(second)).getString("status"));
        assertFalse(ordersOf("ivy").isEmpty());
    }
}
