package dev.dynamatic.core;

import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.set;
import static dev.dynamatic.ast.Dsl.update;
import static dev.dynamatic.ast.Dsl.value;
import static dev.dynamatic.core.Behaviour.counter;
import static dev.dynamatic.core.Behaviour.createdAt;
import static dev.dynamatic.core.Behaviour.expiresIn;
import static dev.dynamatic.core.Behaviour.generatedId;
import static dev.dynamatic.core.Behaviour.updatedAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.control.Either;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Write behaviours as values, and attached to requests: what each front-end sends (canned HTTP), and that a write is
 * stamped once however often it is sent (transactions, the lock's retries).
 */
class BehavioursTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final String ISO = "2026-03-01T12:00:00.000000000Z";
    static final Table T = Table.of(BatchTest.ORDERS.client(), "T", KeySchema.of("PK", "SK"));
    static final RetryPolicy FAST = RetryPolicy.defaults().withBackoff(Duration.ZERO, Duration.ZERO)
            .withDeadline(Duration.ofMinutes(1));

    /** A clock that counts its readings; each reading is a second later. */
    static final class CountingClock extends UtcClock {
        final AtomicInteger reads = new AtomicInteger();

        @Override
        public Instant instant() {
            return NOW.plusSeconds(reads.getAndIncrement());
        }
    }

    /** Ids id-1, id-2, … counted as drawn. */
    static final class Ids implements Supplier<String> {
        final AtomicInteger drawn = new AtomicInteger();

        @Override
        public String get() {
            return "id-" + drawn.incrementAndGet();
        }
    }

    /** Plain data with behaviours, as an entity type would have them. */
    static ItemCodec<Item> with(Behaviours b) {
        return new ItemCodec<>() {
            @Override
            public Map<String, AttributeValue> encode(Item value) {
                return Item.codec().encode(value);
            }

            @Override
            public Item decode(Map<String, AttributeValue> item) {
                return Item.codec().decode(item);
            }

            @Override
            public Behaviours behaviours() {
                return b;
            }
        };
    }

    static Item order(String id) {
        return Item.of(Map.of("PK", "O#" + id, "SK", "HEADER", "status", "OPEN"));
    }

    static void on(CannedHttp http, java.util.function.Consumer<Table> checks) {
        try (DynamoDbClient client = http.client()) {
            checks.accept(Table.of(client, "T", KeySchema.of("PK", "SK")));
        }
    }

    // ---- values

    @Test
    void behavioursAreCheckedData() {
        assertThrows(IllegalArgumentException.class, () -> createdAt(""));
        assertThrows(NullPointerException.class, () -> updatedAt(null));
        assertThrows(NullPointerException.class, () -> createdAt("a", null));
        assertEquals("counter \"c\": the delta is 0",
                assertThrows(IllegalArgumentException.class, () -> counter("c", 5, 0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> expiresIn("t", Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> expiresIn("t", Duration.ofSeconds(-1)));
        assertEquals(new Behaviour.Counter("c", 0, 1), counter("c"));
        assertEquals(new Behaviour.CreatedAt("c", Behaviour.TimeFormat.ISO_8601), createdAt("c"));
    }

    @Test
    void twoBehavioursCannotWriteOneAttribute() {
        String m = assertThrows(IllegalArgumentException.class,
                () -> Behaviours.of(createdAt("at"), updatedAt("u"), counter("at"))).getMessage();
        assertEquals("behaviours 0 (CreatedAt) and 2 (Counter) both write the attribute \"at\"", m);
        assertThrows(IllegalArgumentException.class,
                () -> Behaviours.of(createdAt("at")).and(Behaviours.of(updatedAt("at"))));
        assertThrows(IllegalArgumentException.class,
                () -> PutItem.of(order("1"), with(Behaviours.of(updatedAt("u")))).withBehaviours(Behaviours.of(counter("u"))));
    }

    @Test
    void joiningWithNoBehavioursReturnsTheOtherSideItself() {
        // every put joins its codec's behaviours with its own: with none on either side, nothing is made
        Behaviours a = Behaviours.of(createdAt("c")).withClock(Clock.fixed(NOW, ZoneOffset.UTC));
        assertSame(a, a.and(Behaviours.none()));
        assertSame(a, Behaviours.none().and(a));
        assertSame(Behaviours.none(), Behaviours.none().and(Behaviours.none()));
        assertSame(a, a.and(Behaviours.of()));
        Behaviours clockOnly = Behaviours.none().withClock(Clock.fixed(NOW, ZoneOffset.UTC));
        assertNotEquals(Behaviours.of(updatedAt("u")), Behaviours.of(updatedAt("u")).and(clockOnly),
                "a side that gave a clock is not nothing");
    }

    @Test
    void behavioursCombineWithTheClockAndIdsEitherWasGiven() {
        Clock fixed = Clock.fixed(NOW, ZoneOffset.UTC);
        Ids ids = new Ids();
        Behaviours a = Behaviours.of(createdAt("c")).withClock(fixed).withIds(ids);
        Behaviours b = Behaviours.of(updatedAt("u"));
        Behaviours both = a.and(b);
        assertEquals(List.of(createdAt("c"), updatedAt("u")), both.list());
        assertSame(fixed, both.clock());
        assertSame(ids, both.ids());
        assertEquals(a, a.and(Behaviours.none()));
        assertEquals(b, Behaviours.none().and(b));
        Behaviours other = b.and(a);
        assertEquals(List.of(updatedAt("u"), createdAt("c")), other.list());
        assertSame(fixed, other.clock(), "the second's clock: the first gave none");
        assertSame(ids, other.ids());
        Behaviours clockOnly = Behaviours.none().withClock(fixed);
        assertSame(fixed, b.and(clockOnly).clock(), "a request can bring the clock for an entity type's behaviours");
        assertEquals(7, java.util.UUID.fromString(b.and(clockOnly).newId()).version(), "ids follow that clock");
        assertEquals(NOW, UuidV7.time(java.util.UUID.fromString(b.and(clockOnly).newId())));
        assertSame(ids, Behaviours.of(updatedAt("u")).withIds(ids).withClock(fixed).ids(),
                "a clock given after a source keeps the source");
        assertEquals("both behaviours were given a clock, and they differ: give one of them the clock, or both the"
                        + " same", assertThrows(IllegalArgumentException.class,
                () -> a.and(b.withClock(Clock.systemUTC()))).getMessage());
        assertEquals("both behaviours were given an id source, and they differ: give one of them the source, or both"
                        + " the same", assertThrows(IllegalArgumentException.class,
                () -> a.and(b.withIds(new Ids()))).getMessage());
        assertEquals(List.of(createdAt("c"), updatedAt("u")), a.and(b.withClock(fixed).withIds(ids)).list(),
                "the same clock and source twice");
        assertThrows(IllegalArgumentException.class,
                () -> PutItem.of(order("1"), with(a)).withBehaviours(Behaviours.of(updatedAt("u")).withIds(new Ids())),
                "checked when a request's behaviours meet its codec's");
        assertTrue(Behaviours.none().isEmpty());
        assertFalse(both.isEmpty());
        assertEquals(Optional.of(updatedAt("u")), both.on("u"));
        assertEquals(Optional.empty(), both.on("x"));
        assertEquals(Behaviours.of(createdAt("c")), Behaviours.of(createdAt("c")), "same clock, same id source");
        assertNotEquals(a, Behaviours.of(createdAt("c")).withClock(fixed), "another id source");
        assertEquals("Behaviours[CreatedAt[attribute=c, format=ISO_8601], UpdatedAt[attribute=u, format=ISO_8601]]",
                both.toString());
    }

    @Test
    void idsComeFromTheSourceAndMustBeText() {
        Behaviours b = Behaviours.of(generatedId("id")).withIds(new Ids());
        Map<String, AttributeValue> item = Map.of("PK", AttributeValue.fromS("p"));
        assertEquals(AttributeValue.fromS("id-1"), b.withGeneratedIds(item, a -> true).get("id"));
        Map<String, AttributeValue> has = Map.of("id", AttributeValue.fromS("mine"));
        assertSame(has, b.withGeneratedIds(has, a -> true));
        assertEquals("the id source gave an empty string for a generated id", assertThrows(IllegalStateException.class,
                () -> b.withIds(() -> "").newId()).getMessage().replaceFirst("source .* gave", "source gave"));
        assertThrows(IllegalStateException.class, () -> b.withIds(() -> null).newId());
        String id = Behaviours.of(generatedId("id")).newId();
        assertEquals(7, java.util.UUID.fromString(id).version(), "a UUIDv7 by default");
    }

    @Test
    void specsCarryTheirBehavioursInEqualsAndToStringWithoutValues() {
        Behaviours b = Behaviours.of(updatedAt("updatedAt"));
        PutItem<Item> put = PutItem.of(order("1")).withBehaviours(b);
        assertEquals(b, put.behaviours());
        assertEquals(Behaviours.none(), PutItem.of(order("1")).behaviours());
        assertNotEquals(PutItem.of(order("1")), put);
        assertEquals(PutItem.of(order("1")).withBehaviours(b), put);
        assertEquals("PutItem[item=Item, behaviours=[UpdatedAt[attribute=updatedAt, format=ISO_8601]]]", put.toString());
        UpdateItem u = UpdateItem.of(Key.of("O#1", "HEADER"), update(set(path("status"), value("SECRET"))))
                .withBehaviours(b);
        assertEquals(b, u.behaviours());
        assertNotEquals(u, u.withBehaviours(Behaviours.none()));
        assertFalse(u.toString().contains("SECRET"), u.toString());
        assertTrue(u.toString().endsWith(", behaviours=[UpdatedAt[attribute=updatedAt, format=ISO_8601]]]"), u.toString());
        assertEquals(b, u.and(update(set(path("x"), value(1)))).behaviours(), "and(..) keeps them");
    }

    // ---- what is sent

    @Test
    void aPutSendsTheStampedItemAndAPutWithACreationTimeIsACreate() {
        Ids ids = new Ids();
        Behaviours b = Behaviours.of(createdAt("createdAt"), generatedId("orderId"), counter("revision"),
                expiresIn("ttl", Duration.ofSeconds(10))).withClock(Clock.fixed(NOW, ZoneOffset.UTC)).withIds(ids);
        CannedHttp http = new CannedHttp().answer(200, "{}");
        on(http, t -> assertTrue(t.put(PutItem.of(order("1"), with(b))).isRight()));
        String body = http.sent().getFirst().body();
        assertTrue(body.contains("\"createdAt\":{\"S\":\"" + ISO + "\"}"), body);
        assertTrue(body.contains("\"orderId\":{\"S\":\"id-1\"}"), body);
        assertTrue(body.contains("\"revision\":{\"N\":\"0\"}"), body);
        assertTrue(body.contains("\"ttl\":{\"N\":\"" + (NOW.getEpochSecond() + 10) + "\"}"), body);
        assertTrue(body.contains("\"ConditionExpression\":\"attribute_not_exists(#n0)\""), body);
        assertTrue(body.contains("\"#n0\":\"createdAt\""), body);
    }

    @Test
    void aPutThatReturnsNothingRefusesACreationTimeWhoseFailureItCouldNotReport() {
        CannedHttp http = new CannedHttp().answer(200, "{}");
        on(http, t -> {
            String m = assertThrows(IllegalArgumentException.class,
                    () -> t.put(order("1"), with(Behaviours.of(createdAt("c"))))).getMessage();
            assertEquals("put(value, codec) to table T returns nothing, but the creation time \"c\" makes the put a"
                    + " create (conditioned on attribute_not_exists), whose failure it could not report: use"
                    + " put(PutItem.of(value, codec)), which returns it", m);
            t.put(order("2"), with(Behaviours.of(updatedAt("u"))));
        });
        assertEquals(1, http.sent().size(), "only the put without a creation time was sent");
    }

    @Test
    void aGeneratedIdCanBeTheKey() {
        CannedHttp http = new CannedHttp().answer(200, "{}");
        on(http, t -> t.put(PutItem.of(Item.of(Map.of("PK", "O", "status", "OPEN")),
                with(Behaviours.of(generatedId("SK")).withIds(new Ids())))));
        assertTrue(http.sent().getFirst().body().contains("\"SK\":{\"S\":\"id-1\"}"), http.sent().getFirst().body());
    }

    @Test
    void anUpdateSendsItsActionsThenTheBehaviours() {
        CannedHttp http = new CannedHttp().answer(200, "{}");
        on(http, t -> t.update(UpdateItem.of(Key.of("O#1", "HEADER"), update(set(path("status"), value("SHIPPED"))))
                .withBehaviours(Behaviours.of(updatedAt("updatedAt")).withClock(Clock.fixed(NOW, ZoneOffset.UTC)))));
        String body = http.sent().getFirst().body();
        assertTrue(body.contains("\"UpdateExpression\":\"SET #n0 = :v0, #n1 = :v1\""), body);
        assertTrue(body.contains("\":v1\":{\"S\":\"" + ISO + "\"}"), body);
    }

    @Test
    void aBatchAppliesTheCodecsBehavioursButCannotKeepACreationTime() {
        CannedHttp http = new CannedHttp().answer(200, "{\"UnprocessedItems\":{}}");
        on(http, t -> BatchWrite.of().put(t, order("1"),
                with(Behaviours.of(updatedAt("updatedAt")).withClock(Clock.fixed(NOW, ZoneOffset.UTC)))).execute());
        assertTrue(http.sent().getFirst().body().contains("\"updatedAt\":{\"S\":\"" + ISO + "\"}"));
        assertThrows(IllegalArgumentException.class,
                () -> BatchWrite.of().put(T, order("1"), with(Behaviours.of(createdAt("createdAt")))));
    }

    @Test
    void aTransactionIsStampedWhenAnActionIsAddedSoItsRetriesAndRerunsAreTheSameWrite() {
        Ids ids = new Ids();
        CountingClock clock = new CountingClock();
        Behaviours b = Behaviours.of(createdAt("createdAt"), generatedId("orderId")).withClock(clock).withIds(ids);
        CannedHttp http = new CannedHttp().error(500, "InternalServerError", "oops").answer(200, "{}")
                .answer(200, "{}");
        on(http, t -> {
            Transaction tx = Transaction.of().withRetry(FAST).put(t, PutItem.of(order("1"), with(b)))
                    .update(t, UpdateItem.of(Key.of("O#2", "HEADER"), update(set(path("n"), value(1))))
                            .withBehaviours(Behaviours.of(updatedAt("updatedAt")).withClock(clock)));
            assertTrue(tx.execute().isRight());
            assertTrue(tx.execute().isRight());
        });
        assertEquals(3, http.sent().size());
        assertEquals(1, http.sent().stream().map(CannedHttp.Sent::body).distinct().count());
        assertEquals(1, ids.drawn.get());
        assertEquals(2, clock.reads.get(), "once per action");
    }

    // ---- the optimistic lock

    static final OptimisticLock LOCK = OptimisticLock.on("version").withRetry(FAST);

    @Test
    void aLockedWriteIsStampedOnceHoweverOftenItIsRetried() {
        for (OptimisticLock lock : List.of(LOCK, LOCK.withMode(OptimisticLock.Mode.CONDITIONAL_WRITE))) {
            Ids ids = new Ids();
            CountingClock clock = new CountingClock();
            Behaviours b = Behaviours.of(generatedId("orderId"), updatedAt("updatedAt"), counter("revision"))
                    .withClock(clock).withIds(ids);
            // throttling: retried in both modes (a lost answer is retried only in transaction mode, with its token)
            CannedHttp http = new CannedHttp().error(400, "ThrottlingException", "slow down")
                    .error(400, "ThrottlingException", "slow down").answer(200, "{}")
                    .error(400, "ThrottlingException", "slow down").answer(200, "{}");
            on(http, t -> {
                assertEquals(Either.right(1L), lock.put(t, PutItem.of(order("1"), with(b)), 0));
                assertEquals(Either.right(2L), lock.update(t, UpdateItem.of(Key.of("O#1", "HEADER"),
                        update(set(path("status"), value("SHIPPED")))).withBehaviours(b), 1));
            });
            List<String> bodies = http.sent().stream().map(CannedHttp.Sent::body).toList();
            assertEquals(5, bodies.size(), lock.toString());
            assertEquals(1, bodies.subList(0, 3).stream().distinct().count(), "the put, three times the same");
            assertEquals(1, bodies.subList(3, 5).stream().distinct().count(), "the update, twice the same");
            assertEquals(2, ids.drawn.get(), "one id per write: the put's, and the update's if_not_exists");
            assertEquals(2, clock.reads.get(), "one reading per write");
            assertTrue(bodies.get(3).contains("#n4 = if_not_exists(#n4, :v4) + :v5\""), bodies.get(3));
        }
    }

    @Test
    void theLockRefusesBehavioursOnItsVersionAndACreationTimeInAPutOverAVersion() {
        String m = assertThrows(IllegalArgumentException.class, () -> LOCK.put(T,
                PutItem.of(order("1"), with(Behaviours.of(counter("version")))), 0)).getMessage();
        assertEquals("the version attribute \"version\" is the lock's, but the behaviour Counter writes it too", m);
        assertThrows(IllegalArgumentException.class, () -> LOCK.update(T, UpdateItem.of(Key.of("O#1", "HEADER"),
                update(set(path("a"), value(1)))).withBehaviours(Behaviours.of(updatedAt("version"))), 3));
        m = assertThrows(IllegalArgumentException.class, () -> LOCK.put(T,
                PutItem.of(order("1")).withBehaviours(Behaviours.of(createdAt("createdAt"))), 4)).getMessage();
        assertEquals("a locked put at version 4 replaces an existing item, but its creation time \"createdAt\" makes"
                + " the put a create (attribute_not_exists): change the item with update(..) instead", m);
    }

    @Test
    void aLockedCreateIsConditionedOnTheVersionAndTheCreationTime() {
        CannedHttp http = new CannedHttp().answer(200, "{}");
        on(http, t -> assertEquals(Either.right(1L), LOCK.put(t,
                PutItem.of(order("1")).withBehaviours(Behaviours.of(createdAt("createdAt"))), 0)));
        String body = http.sent().getFirst().body();
        assertTrue(body.contains("\"ConditionExpression\":\"attribute_not_exists(#n0) AND attribute_not_exists(#n1)\""),
                body);
        assertTrue(body.contains("\"#n0\":\"version\",\"#n1\":\"createdAt\""), body);
    }
}
