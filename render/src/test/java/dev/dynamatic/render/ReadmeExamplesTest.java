package dev.dynamatic.render;

import static dev.dynamatic.ast.Dsl.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dynamatic.ast.Update;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The README's examples, so that what the README shows is what the code does. */
class ReadmeExamplesTest {

    @Test
    void shortExampleRendersAsTheReadmeShows() {
        Update bumpVersion = update(set(path("version"), plus(path("version"), value(1))));
        Update touch = update(set(path("updatedAt"), value(Instant.parse("2026-11-27T09:00:00Z"))));

        Rendered r = Renderer.update(
                update(set(path("name"), value("Ada")),
                       set(path("profile.city"), ifNotExists(path("profile.city"), value("Paris"))),
                       remove(path("legacy")))
                    .and(bumpVersion, touch),
                and(attributeExists(path("PK")), eq(path("version"), value(7))));

        assertEquals("SET #n0 = :v0, #n1.#n2 = if_not_exists(#n1.#n2, :v1), #n3 = #n3 + :v2, #n4 = :v3 REMOVE #n5",
                r.updateExpression().orElseThrow());
        assertEquals("attribute_exists(#n6) AND #n3 = :v4", r.conditionExpression().orElseThrow());
        assertEquals("{#n0=name, #n1=profile, #n2=city, #n3=version, #n4=updatedAt, #n5=legacy, #n6=PK}",
                r.names().toString());
    }

    @Test
    void parsedLegacyExpressionComposesAndRendersCanonically() {
        // A hand-written expression as found in an existing code base:
        Parsed<Update> legacy = Expressions.parseUpdate(
                "set Price = Price - :discount, #st = :s remove Obsolete",
                Map.of("#st", "Status"),
                Expressions.values(Map.of(":discount", 5, ":s", "ON_SALE")));

        Update bumpVersion = update(set(path("version"), plus(path("version"), value(1))));
        Rendered r = Renderer.update(legacy.tree().and(bumpVersion));

        assertEquals("SET #n0 = #n0 - :v0, #n1 = :v1, #n2 = #n2 + :v2 REMOVE #n3", r.updateExpression().orElseThrow());
        assertEquals(Map.of("#n0", "Price", "#n1", "Status", "#n2", "version", "#n3", "Obsolete"), r.names());
        assertEquals(AttributeValue.fromN("5"), r.values().get(":v0"));
        assertEquals(java.util.Set.of("#st"), legacy.usedNames());
    }

    @Test
    void redactedTextIsWhatTheReadmeShows() {
        assertEquals("Comparison[left=password, comparator=EQ, right=<S>]",
                eq(path("password"), value("hunter2")).toString());
        assertEquals("string set has the member <String> twice (positions 1 and 2); DynamoDB set members are unique",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> stringSet("a", "secret-token", "secret-token")).getMessage());
        assertEquals("Rendered[ConditionExpression=#n0 = :v0, names={#n0=password}, values={:v0=<S>}]",
                Renderer.condition(eq(path("password"), value("hunter2"))).toString());
        assertEquals("dynamatic.showValues", dev.dynamatic.ast.Redaction.PROPERTY);
    }
}
