package dev.dynamatic.core;

import static dev.dynamatic.ast.Dsl.eq;
import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.value;
import static dev.dynamatic.core.Behaviour.updatedAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.control.Either;
import java.lang.invoke.MethodHandles;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** A patch's attempts as sent (canned HTTP): one when the maps are there, another that fits what a failure returned. */
class PatchTest {

    record Address(String city, String zip) {}

    record Profile(String pk, String sk, String name, Address address, Integer logins) {}

    static final ItemCodec<Profile> PROFILES = RecordCodec.of(Profile.class, MethodHandles.lookup());
    static final Profile LYON = new Profile("p1", "PROFILE", null, new Address("Lyon", null), null);
    static final RetryPolicy FAST = RetryPolicy.defaults().withBackoff(Duration.ZERO, Duration.ZERO);

    static final String CONDITION_FAILED = """
            {"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",
             "message":"The conditional request failed"%s}""";

    static String failedWith(String item) {
        return CONDITION_FAILED.formatted(item == null ? "" : ",\"Item\":" + item);
    }

    static void on(CannedHttp http, java.util.function.Consumer<Table> checks) {
        try (DynamoDbClient client = http.client()) {
            checks.accept(Table.of(client, "T", KeySchema.of("pk", "sk")));
        }
    }

    static String expression(String body, String name) {
        int at = body.indexOf("\"" + name + "\":\"");
        return at < 0 ? "" : body.substring(at + name.length() + 4, body.indexOf('"', at + name.length() + 4));
    }

    @Test
    void whenTheMapsAreThereOneRequestWritesInsideThem() {
        CannedHttp http = new CannedHttp().answer(200, "{}");
        on(http, t -> assertTrue(t.patch(Patch.of(LYON, PROFILES)).isRight()));
        String body = http.sent().getFirst().body();
        assertEquals("UpdateItem", http.sent().getFirst().operation());
        assertEquals("SET #n0.#n1 = :v0", expression(body, "UpdateExpression"));
        assertEquals("attribute_type(#n0, :v1)", expression(body, "ConditionExpression"));
        assertTrue(body.contains("\"#n0\":\"address\",\"#n1\":\"city\""), body);
        assertTrue(body.contains("\":v1\":{\"S\":\"M\"}"), body);
        assertTrue(body.contains("\"ReturnValuesOnConditionCheckFailure\":\"ALL_OLD\""), body);
        assertTrue(body.contains("\"ExpressionAttributeNames\":{\"#n0\":\"address\",\"#n1\":\"city\"}"), "no key written");
    }

    @Test
    void whenAParentIsMissingTheNextRequestCreatesItWithWhatGoesInside() {
        CannedHttp http = new CannedHttp()
                .answer(400, failedWith("{\"pk\":{\"S\":\"p1\"},\"sk\":{\"S\":\"PROFILE\"},\"address\":{\"NULL\":true}}"))
                .answer(200, "{}");
        on(http, t -> assertTrue(t.patch(Patch.of(LYON, PROFILES).withRetry(FAST)).isRight()));
        assertEquals(2, http.sent().size());
        String second = http.sent().get(1).body();
        assertEquals("SET #n0 = :v0", expression(second, "UpdateExpression"));
        assertEquals("NOT (attribute_type(#n0, :v1))", expression(second, "ConditionExpression"));
        assertTrue(second.contains("\":v0\":{\"M\":{\"city\":{\"S\":\"Lyon\"}}}"), second);
    }

    @Test
    void theRequestThatFitsWhatTheFirstFoundIsSentAtOnceButCountsAsAnAttempt() {
        // An hour's backoff and a minute's deadline: a patch that waited there would (almost surely) give up instead.
        RetryPolicy noRoomToWait = RetryPolicy.defaults().withBackoff(Duration.ofHours(1), Duration.ofHours(1))
                .withDeadline(Duration.ofMinutes(1)).withMaxAttempts(2);
        String nullAddress = "{\"pk\":{\"S\":\"p1\"},\"sk\":{\"S\":\"PROFILE\"},\"address\":{\"NULL\":true}}";
        String mapAddress = "{\"pk\":{\"S\":\"p1\"},\"sk\":{\"S\":\"PROFILE\"},\"address\":{\"M\":{}}}";
        CannedHttp once = new CannedHttp().answer(400, failedWith(nullAddress)).answer(200, "{}");
        on(once, t -> assertTrue(t.patch(Patch.of(LYON, PROFILES).withRetry(noRoomToWait)).isRight()));
        assertEquals(2, once.sent().size());

        CannedHttp raced = new CannedHttp().answer(400, failedWith(nullAddress)).answer(400, failedWith(mapAddress))
                .answer(200, "{}");
        on(raced, t -> {
            RetriesExhaustedException e = assertThrows(RetriesExhaustedException.class,
                    () -> t.patch(Patch.of(LYON, PROFILES).withRetry(noRoomToWait)));
            assertEquals(2, e.attempts(), "the policy's attempts bound the patch");
        });
        assertEquals(2, raced.sent().size());
    }

    @Test
    void anEngineThatReturnsNoItemIsReadConsistently() {
        CannedHttp http = new CannedHttp().answer(400, failedWith(null)).answer(200, "{}").answer(200, "{}");
        on(http, t -> assertTrue(t.patch(Patch.of(LYON, PROFILES).withRetry(FAST)).isRight()));
        assertEquals(List.of("UpdateItem", "GetItem", "UpdateItem"),
                http.sent().stream().map(CannedHttp.Sent::operation).toList());
        assertTrue(http.sent().get(1).body().contains("\"ConsistentRead\":true"));
        assertEquals("NOT (attribute_type(#n0, :v1))", expression(http.sent().get(2).body(), "ConditionExpression"),
                "no item: no map");
    }

    @Test
    void whenTheShapeFitsTheCallersConditionIsWhatFailed() {
        String stored = "{\"pk\":{\"S\":\"p1\"},\"sk\":{\"S\":\"PROFILE\"},\"address\":{\"M\":{}},\"name\":{\"S\":\"x\"}}";
        CannedHttp http = new CannedHttp().answer(400, failedWith(stored));
        on(http, t -> {
            Either<Failure, Written<Profile>> r = t.patch(Patch.of(LYON, PROFILES)
                    .withCondition(eq(path("name"), value("Ada"))));
            Failure.ConditionFailed f = assertInstanceOf(Failure.ConditionFailed.class, r.getLeft());
            assertEquals("x", f.item().orElseThrow().getString("name"));
            assertEquals("The conditional request failed", f.message());
        });
        assertEquals(1, http.sent().size());
        assertEquals("#n2 = :v1 AND attribute_type(#n0, :v2)",
                expression(http.sent().getFirst().body(), "ConditionExpression"));
    }

    @Test
    void whenTheShapeKeepsChangingThePolicyEndsIt() {
        String mapThere = "{\"pk\":{\"S\":\"p1\"},\"sk\":{\"S\":\"PROFILE\"},\"address\":{\"M\":{}}}";
        String mapGone = "{\"pk\":{\"S\":\"p1\"},\"sk\":{\"S\":\"PROFILE\"}}";
        CannedHttp http = new CannedHttp().answer(400, failedWith(mapGone)).answer(400, failedWith(mapThere))
                .answer(400, failedWith(mapGone));
        on(http, t -> {
            RetriesExhaustedException e = assertThrows(RetriesExhaustedException.class,
                    () -> t.patch(Patch.of(LYON, PROFILES).withRetry(FAST.withMaxAttempts(3))));
            assertEquals(3, e.attempts());
            assertInstanceOf(ConditionalCheckFailedException.class, e.getCause());
            assertEquals(2, e.getSuppressed().length);
            assertTrue(e.getMessage().startsWith("patch of an item in table T: gave up after 3 attempts"),
                    e.getMessage());
        });
    }

    @Test
    void theItemAsWrittenComesBackDecoded() {
        CannedHttp http = new CannedHttp().answer(200, """
                {"Attributes":{"pk":{"S":"p1"},"sk":{"S":"PROFILE"},"name":{"S":"Ada"},"address":{"M":{"city":{"S":"Lyon"}}}}}""");
        on(http, t -> {
            Profile written = t.patch(Patch.of(LYON, PROFILES).withReturnNew(true)).get().item().orElseThrow();
            assertEquals(new Profile("p1", "PROFILE", "Ada", new Address("Lyon", null), null), written);
        });
        assertTrue(http.sent().getFirst().body().contains("\"ReturnValues\":\"ALL_NEW\""));
    }

    @Test
    void removeAbsentRemovesTheCodecsTopLevelAttributesTheValueLacks() {
        CannedHttp http = new CannedHttp().answer(200, "{}");
        on(http, t -> t.patch(Patch.of(new Profile("p1", "PROFILE", "Ada", null, null), PROFILES)
                .withMode(Patch.Mode.REMOVE_ABSENT)));
        String body = http.sent().getFirst().body();
        assertEquals("SET #n0 = :v0 REMOVE #n1, #n2", expression(body, "UpdateExpression"));
        assertTrue(body.contains("\"#n0\":\"name\",\"#n1\":\"address\",\"#n2\":\"logins\""), body);
        assertFalse(body.contains("ConditionExpression"), body);
    }

    @Test
    void behavioursApplyAndOwnTheirAttributes() {
        CannedHttp http = new CannedHttp().answer(200, "{}");
        Instant now = Instant.parse("2026-03-01T12:00:00Z");
        on(http, t -> t.patch(Patch.of(Item.of(Map.of("pk", "p1", "sk", "PROFILE", "name", "Ada", "updatedAt", "old")))
                .withBehaviours(Behaviours.of(updatedAt("updatedAt")).withClock(Clock.fixed(now, ZoneOffset.UTC)))));
        String body = http.sent().getFirst().body();
        assertEquals("SET #n0 = :v0, #n1 = :v1", expression(body, "UpdateExpression"));
        assertTrue(body.contains("\"#n0\":\"name\",\"#n1\":\"updatedAt\""), body);
        assertTrue(body.contains("\":v1\":{\"S\":\"2026-03-01T12:00:00.000000000Z\"}"), body);
    }

    @Test
    void badPatchesAreRefusedBeforeSending() {
        String m = assertThrows(IllegalArgumentException.class,
                () -> Patch.of(Item.of(Map.of("pk", "p"))).withMode(Patch.Mode.REMOVE_ABSENT)).getMessage();
        assertTrue(m.startsWith("REMOVE_ABSENT removes the attributes the codec may write that the value lacks, but"
                + " this codec ("), m);
        CannedHttp http = new CannedHttp();
        on(http, t -> {
            assertThrows(IllegalArgumentException.class,
                    () -> t.patch(Patch.of(new Profile("p1", null, "Ada", null, null), PROFILES)), "no sort key");
            assertThrows(IllegalArgumentException.class,
                    () -> t.patch(Patch.of(new Profile("p1", "PROFILE", null, null, null), PROFILES)), "only the key");
        });
        assertEquals(0, http.sent().size());
        assertThrows(NullPointerException.class, () -> Patch.of(null, PROFILES));
        assertThrows(IllegalArgumentException.class, () -> Patch.of(LYON, new ItemCodec<Profile>() {
            @Override
            public Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> encode(Profile value) {
                return PROFILES.encode(value);
            }

            @Override
            public Profile decode(Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item) {
                return PROFILES.decode(item);
            }

            @Override
            public Behaviours behaviours() {
                return Behaviours.of(updatedAt("u"));
            }
        }).withBehaviours(Behaviours.of(Behaviour.counter("u"))));
    }

    @Test
    void aPatchIsAValueThatHidesItsValues() {
        Patch<Profile> p = Patch.of(new Profile("p1", "PROFILE", "SECRET", null, 3), PROFILES)
                .withCondition(eq(path("name"), value("SECRET"))).withReturnNew(true);
        assertEquals("Patch[value=Profile, KEEP_ABSENT, condition=name = :v, returnNew]", p.toString());
        assertEquals(p, Patch.of(new Profile("p1", "PROFILE", "SECRET", null, 3), PROFILES)
                .withCondition(eq(path("name"), value("SECRET"))).withReturnNew(true));
        assertNotEquals(p, p.withMode(Patch.Mode.REMOVE_ABSENT));
        assertEquals(Patch.Mode.REMOVE_ABSENT, p.withMode(Patch.Mode.REMOVE_ABSENT).mode());
        assertEquals(RetryPolicy.defaults(), p.retry());
        assertTrue(p.returnNew());
    }
}
