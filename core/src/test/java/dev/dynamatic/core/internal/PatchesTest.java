package dev.dynamatic.core.internal;

import static dev.dynamatic.ast.Dsl.eq;
import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.value;
import static dev.dynamatic.core.Behaviour.createdAt;
import static dev.dynamatic.core.Behaviour.generatedId;
import static dev.dynamatic.core.Behaviour.updatedAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.ast.Path;
import dev.dynamatic.core.Behaviours;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The requests a patch sends: what it writes, and each attempt's update and shape conditions (golden text). */
class PatchesTest {

    static final List<String> KEYS = List.of("pk", "sk");

    static AttributeValue s(String s) {
        return AttributeValue.fromS(s);
    }

    static AttributeValue n(String n) {
        return AttributeValue.fromN(n);
    }

    static AttributeValue m(Object... namesAndValues) {
        return AttributeValue.fromM(map(namesAndValues));
    }

    static final AttributeValue NULL = AttributeValue.fromNul(true);

    static Map<String, AttributeValue> map(Object... namesAndValues) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put((String) namesAndValues[i], (AttributeValue) namesAndValues[i + 1]);
        }
        return m;
    }

    /** pk, sk, name, address.city, address.geo.lat, an empty prefs map, a list. */
    static final Map<String, AttributeValue> VALUE = map("pk", s("p"), "sk", s("s"), "name", s("Ada"),
            "address", m("city", s("Lyon"), "geo", m("lat", n("45.7"))), "prefs", m(),
            "tags", AttributeValue.fromL(List.of(m("a", s("b")))));

    static Patches.Plan plan(Map<String, AttributeValue> value) {
        return Patches.plan("T", value, KEYS, Set.of(), Behaviours.none());
    }

    static String update(Patches.Shape shape) {
        return DebugText.of(shape.update());
    }

    static String condition(Patches.Shape shape) {
        return shape.condition(Optional.empty()).map(DebugText::of).orElse("");
    }

    @Test
    void theFirstAttemptDescendsIntoEveryMapAndConditionsOnThemBeingMaps() {
        Patches.Shape first = Patches.shape(plan(VALUE), null);
        assertEquals("SET name = \"Ada\", address.city = \"Lyon\", address.geo.lat = 45.7,"
                + " prefs = if_not_exists(prefs, {}), tags = [{\"a\": \"b\"}]", update(first));
        assertEquals("attribute_type(address, \"M\") AND attribute_type(address.geo, \"M\")"
                + " AND (attribute_not_exists(prefs) OR attribute_type(prefs, \"M\"))", condition(first));
    }

    @Test
    void anAttemptAfterAFailureWritesWholeTheMapsThatAreNotThere() {
        Map<String, AttributeValue> stored = map("pk", s("p"), "sk", s("s"), "address", m("zip", s("69001"),
                "geo", NULL), "prefs", s("legacy"));
        Patches.Shape next = Patches.shape(plan(VALUE), stored);
        assertEquals("SET name = \"Ada\", address.city = \"Lyon\", address.geo = {\"lat\": 45.7}, prefs = {},"
                + " tags = [{\"a\": \"b\"}]", update(next));
        assertEquals("attribute_type(address, \"M\") AND NOT (attribute_type(address.geo, \"M\"))"
                + " AND NOT (attribute_type(prefs, \"M\"))", condition(next));
        assertTrue(next.fits(stored));

        Patches.Shape none = Patches.shape(plan(VALUE), Map.of());
        assertEquals("SET name = \"Ada\", address = {\"city\": \"Lyon\", \"geo\": {\"lat\": 45.7}}, prefs = {},"
                + " tags = [{\"a\": \"b\"}]", update(none));
        assertEquals("NOT (attribute_type(address, \"M\")) AND NOT (attribute_type(prefs, \"M\"))", condition(none));
        assertTrue(none.fits(Map.of()));
        assertFalse(none.fits(stored), "address is a map there");
    }

    @Test
    void theCallersConditionComesFirst() {
        Patches.Shape first = Patches.shape(plan(VALUE), null);
        assertEquals("status = \"OPEN\" AND attribute_type(address, \"M\") AND attribute_type(address.geo, \"M\")"
                        + " AND (attribute_not_exists(prefs) OR attribute_type(prefs, \"M\"))",
                DebugText.of(first.condition(Optional.of(eq(path("status"), value("OPEN")))).orElseThrow()));
        Patches.Shape flat = Patches.shape(plan(map("pk", s("p"), "sk", s("s"), "a", n("1"))), null);
        assertEquals(Optional.empty(), flat.condition(Optional.empty()), "no map, no condition");
        assertEquals("SET a = 1", update(flat));
    }

    @Test
    void theKeyIsNotWrittenBehaviourAttributesAreLeftToThemAndAbsentOnesRemovedInOrder() {
        Map<String, AttributeValue> value = map("pk", s("p"), "sk", s("s"), "id", s("mine"), "createdAt", s("then"),
                "b", n("2"), "updatedAt", s("then"));
        Patches.Plan plan = Patches.plan("T", value, KEYS, Set.of("pk", "z", "b", "a", "createdAt", "id2", "x"),
                Behaviours.of(generatedId("id"), generatedId("id2"), createdAt("createdAt"), updatedAt("updatedAt")));
        assertEquals(List.of("id", "b"), List.copyOf(plan.attributes().keySet()));
        assertEquals(List.of("a", "x", "z"), plan.removed());
        assertEquals("SET id = \"mine\", b = 2 REMOVE a, x, z", update(Patches.shape(plan, null)));
    }

    @Test
    void aPatchThatWritesNothingIsRefused() {
        String m = assertThrows(IllegalArgumentException.class,
                () -> plan(map("pk", s("p"), "sk", s("s")))).getMessage();
        assertEquals("patch on table T: the value has no attribute but its key to write, and nothing to remove", m);
        Patches.Plan touch = Patches.plan("T", map("pk", s("p"), "sk", s("s")), KEYS, Set.of(),
                Behaviours.of(updatedAt("u")));
        assertTrue(touch.attributes().isEmpty(), "the behaviours alone write");
    }

    @Test
    void checksHoldAsDynamoDbEvaluatesThem() {
        Map<String, AttributeValue> item = map("map", m("inner", m()), "nul", NULL, "str", s("x"));
        record Case(String path, boolean map, boolean mapOrMissing, boolean notMap) {}
        for (Case c : List.of(new Case("map", true, true, false), new Case("map.inner", true, true, false),
                new Case("nul", false, false, true), new Case("str", false, false, true),
                new Case("missing", false, true, true), new Case("str.below", false, true, true),
                new Case("map.missing.below", false, true, true))) {
            Path p = path(c.path());
            assertEquals(c.map(), new Patches.Check(p, Patches.Kind.MAP).holds(item), c.toString());
            assertEquals(c.mapOrMissing(), new Patches.Check(p, Patches.Kind.MAP_OR_MISSING).holds(item), c.toString());
            assertEquals(c.notMap(), new Patches.Check(p, Patches.Kind.NOT_MAP).holds(item), c.toString());
        }
    }

    @Test
    void namesAreDataNotSyntax() {
        Patches.Shape s = Patches.shape(plan(map("pk", s("p"), "sk", s("s"), "a.b", m("c[0]", n("1")))), null);
        assertEquals(List.of(new Patches.Check(Path.attribute("a.b"), Patches.Kind.MAP)), s.checks());
        assertEquals(Path.attribute("a.b").key("c[0]"), s.update().actions().getFirst().path());
    }
}
