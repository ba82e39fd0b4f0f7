package dev.dynamatic.core.internal;

import static dev.dynamatic.ast.Dsl.eq;
import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.plus;
import static dev.dynamatic.ast.Dsl.remove;
import static dev.dynamatic.ast.Dsl.set;
import static dev.dynamatic.ast.Dsl.update;
import static dev.dynamatic.ast.Dsl.value;
import static dev.dynamatic.core.Behaviour.counter;
import static dev.dynamatic.core.Behaviour.createdAt;
import static dev.dynamatic.core.Behaviour.expiresIn;
import static dev.dynamatic.core.Behaviour.generatedId;
import static dev.dynamatic.core.Behaviour.updatedAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.ast.Condition;
import dev.dynamatic.ast.Update;
import dev.dynamatic.core.Behaviour;
import dev.dynamatic.core.Behaviours;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What each behaviour adds to a put and to an update, with a fixed clock and numbered ids. */
class BehaviourWritesTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00.123456789Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String ISO = "2026-03-01T12:00:00.123456789Z";

    /** Ids id-1, id-2, … in the order they are drawn. */
    static Supplier<String> numbered(AtomicInteger drawn) {
        return () -> "id-" + drawn.incrementAndGet();
    }

    static Behaviours all(AtomicInteger drawn) {
        return Behaviours.of(createdAt("createdAt"), updatedAt("updatedAt", Behaviour.TimeFormat.EPOCH_MILLIS),
                        generatedId("id"), counter("revision", 1, 2), expiresIn("ttl", Duration.ofDays(1)))
                .withClock(CLOCK).withIds(numbered(drawn));
    }

    static AttributeValue s(String s) {
        return AttributeValue.fromS(s);
    }

    static AttributeValue n(String n) {
        return AttributeValue.fromN(n);
    }

    static Map<String, AttributeValue> item(Object... namesAndValues) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put((String) namesAndValues[i], (AttributeValue) namesAndValues[i + 1]);
        }
        return m;
    }

    // ---- puts

    @Test
    void aPutGetsEveryBehavioursAttributeAndACreationTimeMakesItACreate() {
        AtomicInteger drawn = new AtomicInteger();
        BehaviourWrites.Put put = BehaviourWrites.put(item("pk", s("p"), "name", s("Ada")),
                Optional.of(eq(path("name"), value("Ada"))), all(drawn));
        assertEquals(item("pk", s("p"), "name", s("Ada"), "id", s("id-1"), "createdAt", s(ISO),
                "updatedAt", n(Long.toString(NOW.toEpochMilli())), "revision", n("1"),
                "ttl", n(Long.toString(NOW.getEpochSecond() + 86_400))), put.item());
        assertEquals("name = \"Ada\" AND attribute_not_exists(createdAt)",
                DebugText.of(put.condition().orElseThrow()));
        assertEquals(1, drawn.get(), "one id, drawn once");
    }

    @Test
    void aBehaviourReplacesWhatTheCodecWroteButAGeneratedIdKeepsAValue() {
        AtomicInteger drawn = new AtomicInteger();
        BehaviourWrites.Put put = BehaviourWrites.put(item("pk", s("p"), "id", s("mine"), "createdAt", s("then"),
                "revision", n("40")), Optional.empty(), all(drawn));
        assertEquals(s("mine"), put.item().get("id"));
        assertEquals(s(ISO), put.item().get("createdAt"));
        assertEquals(n("1"), put.item().get("revision"));
        assertEquals(0, drawn.get());
        BehaviourWrites.Put nulled = BehaviourWrites.put(item("pk", s("p"), "id", AttributeValue.fromNul(true)),
                Optional.empty(), all(drawn));
        assertEquals(s("id-1"), nulled.item().get("id"), "NULL is no id");
    }

    @Test
    void withoutBehavioursAPutIsUntouched() {
        Map<String, AttributeValue> item = item("pk", s("p"));
        Optional<Condition> own = Optional.of(eq(path("a"), value(1)));
        BehaviourWrites.Put put = BehaviourWrites.put(item, own, Behaviours.none());
        assertSame(item, put.item());
        assertSame(own, put.condition());
        assertEquals(Optional.empty(), BehaviourWrites.put(item, Optional.empty(),
                Behaviours.of(updatedAt("u")).withClock(CLOCK)).condition());
    }

    @Test
    void timesAreWrittenInTheirFormat() {
        for (Behaviour.TimeFormat f : Behaviour.TimeFormat.values()) {
            AttributeValue written = BehaviourWrites.put(item("pk", s("p")), Optional.empty(),
                    Behaviours.of(updatedAt("at", f)).withClock(CLOCK)).item().get("at");
            AttributeValue expected = switch (f) {
                case ISO_8601 -> s(ISO);
                case EPOCH_SECONDS -> n(Long.toString(NOW.getEpochSecond()));
                case EPOCH_MILLIS -> n(Long.toString(NOW.toEpochMilli()));
            };
            assertEquals(expected, written, f.toString());
        }
    }

    @Test
    void aBatchPutRefusesACreationTimeItCannotCondition() {
        String m = assertThrows(IllegalArgumentException.class, () -> BehaviourWrites.batchPut("Shop",
                item("pk", s("p")), Behaviours.of(updatedAt("u"), createdAt("c")))).getMessage();
        assertEquals("a batch put to table Shop cannot keep the creation time \"c\": a put that writes it is"
                + " conditioned on attribute_not_exists, and BatchWriteItem has no conditions (use a put or a"
                + " transaction, or a codec without it)", m);
        assertEquals(s(ISO), BehaviourWrites.batchPut("Shop", item("pk", s("p")),
                Behaviours.of(updatedAt("u")).withClock(CLOCK)).get("u"));
    }

    // ---- updates

    static String rendered(Update u) {
        return DebugText.of(u);
    }

    @Test
    void anUpdateGetsEachBehavioursActionAfterItsOwn() {
        AtomicInteger drawn = new AtomicInteger();
        Update u = BehaviourWrites.update("T", update(set(path("status"), value("SHIPPED"))), all(drawn),
                List.of("pk"));
        assertEquals("SET status = \"SHIPPED\", createdAt = if_not_exists(createdAt, \"" + ISO + "\"), updatedAt = "
                + NOW.toEpochMilli() + ", id = if_not_exists(id, \"id-1\"), revision = if_not_exists(revision, -1) + 2,"
                + " ttl = " + (NOW.getEpochSecond() + 86_400), rendered(u));
        assertEquals(1, drawn.get());
    }

    @Test
    void aCounterStartsAtStartWhateverTheDeltaWithoutOverflow() {
        Update u = BehaviourWrites.update("T", update(), Behaviours.of(counter("c", Long.MIN_VALUE, 1),
                counter("d", Long.MAX_VALUE, -1)), List.of("pk"));
        assertEquals("SET c = if_not_exists(c, -9223372036854775809) + 1,"
                + " d = if_not_exists(d, 9223372036854775808) + -1", rendered(u));
    }

    @Test
    void anUpdateMayNotWriteWhatABehaviourOwns() {
        Behaviours b = Behaviours.of(updatedAt("updatedAt"), generatedId("id")).withClock(CLOCK);
        for (Update own : List.of(update(set(path("updatedAt"), value(1))), update(remove(path("updatedAt"))),
                update(set(path("updatedAt.x"), value(1))), update(remove(path("id"))),
                update(set(path("id.x"), value("a"))))) {
            String m = assertThrows(IllegalArgumentException.class,
                    () -> BehaviourWrites.update("T", own, b, List.of("pk"))).getMessage();
            assertTrue(m.startsWith("UpdateItem on table T: the update writes \""), m);
            assertTrue(m.endsWith("\", which the behaviour " + (m.contains("\"id\"") ? "GeneratedId" : "UpdatedAt")
                    + " writes itself"), m);
        }
    }

    @Test
    void anUpdatesOwnIdStandsAndTheBehaviourStepsAside() {
        AtomicInteger drawn = new AtomicInteger();
        Update u = BehaviourWrites.update("T", update(set(path("id"), value("mine"))),
                Behaviours.of(generatedId("id")).withIds(numbered(drawn)), List.of("pk"));
        assertEquals("SET id = \"mine\"", rendered(u));
        assertEquals(0, drawn.get());
    }

    @Test
    void onAKeyAttributeACreationTimeOrIdAddsNothingAndAnythingElseIsRejected() {
        AtomicInteger drawn = new AtomicInteger();
        Update u = BehaviourWrites.update("T", update(set(path("a"), value(1))),
                Behaviours.of(createdAt("sk"), generatedId("pk")).withIds(numbered(drawn)), List.of("pk", "sk"));
        assertEquals("SET a = 1", rendered(u));
        assertEquals(0, drawn.get());
        for (Behaviour b : List.of(updatedAt("sk"), counter("sk"), expiresIn("sk", Duration.ofHours(1)))) {
            String m = assertThrows(IllegalArgumentException.class, () -> BehaviourWrites.update("T", update(),
                    Behaviours.of(b), List.of("pk", "sk"))).getMessage();
            assertEquals("UpdateItem on table T: the behaviour " + b.getClass().getSimpleName() + " writes \"sk\", a"
                    + " key attribute of the table, which an update cannot change", m);
        }
    }

    @Test
    void withoutBehavioursAnUpdateIsItsOwn() {
        Update own = update(set(path("a"), plus(path("a"), value(1))));
        assertSame(own, BehaviourWrites.update("T", own, Behaviours.none(), List.of("pk")));
    }

    @Test
    void theClockIsReadOncePerWrite() {
        AtomicInteger reads = new AtomicInteger();
        Clock counting = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return NOW.plusSeconds(reads.incrementAndGet());
            }
        };
        Behaviours b = Behaviours.of(createdAt("c"), updatedAt("u"), expiresIn("t", Duration.ofSeconds(1)))
                .withClock(counting);
        Map<String, AttributeValue> put = BehaviourWrites.put(item("pk", s("p")), Optional.empty(), b).item();
        assertEquals(1, reads.get());
        assertEquals(put.get("c"), put.get("u"), "a new item's two times are equal");
        BehaviourWrites.update("T", update(), b, List.of("pk"));
        assertEquals(2, reads.get());
    }
}
