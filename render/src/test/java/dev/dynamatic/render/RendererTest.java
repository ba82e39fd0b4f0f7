package dev.dynamatic.render;

import static dev.dynamatic.ast.Dsl.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.ast.Condition;
import dev.dynamatic.ast.KeyCondition;
import dev.dynamatic.ast.Path;
import dev.dynamatic.ast.Redaction;
import dev.dynamatic.ast.Update;
import dev.dynamatic.ast.UpdateAction;
import dev.dynamatic.ast.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** Golden strings for every construct, and a rejecting example for every rule. */
class RendererTest {

    private static Map<String, String> names(String... aliasAndName) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < aliasAndName.length; i += 2) {
            m.put(aliasAndName[i], aliasAndName[i + 1]);
        }
        return m;
    }

    private static String conditionText(Condition c) {
        return Renderer.condition(c).conditionExpression().orElseThrow();
    }

    private static String keyConditionText(KeyCondition k) {
        return Renderer.query(k, Optional.empty(), Optional.empty()).keyConditionExpression().orElseThrow();
    }

    @Test
    void sharesOneValuePlaceholderForEqualValues() {
        Rendered r = Renderer.update(update(set(path("a"), value(1)), set(path("b"), value(1)), remove(path("c"))));
        assertEquals("SET #n0 = :v0, #n1 = :v0 REMOVE #n2", r.updateExpression().orElseThrow());
        assertEquals(names("#n0", "a", "#n1", "b", "#n2", "c"), r.names());
        assertEquals(Map.of(":v0", AttributeValue.fromN("1")), r.values());
        assertEquals(Optional.empty(), r.conditionExpression());
    }

    @Test
    void rendersClausesInFixedOrderWhateverTheOrderWritten() {
        Update u = update(delete(path("tags"), stringSet("x")), add(path("visits"), value(1)), remove(path("old")),
                set(path("name"), value("Ada")));
        assertEquals("SET #n0 = :v0 REMOVE #n1 ADD #n2 :v1 DELETE #n3 :v2",
                Renderer.update(u).updateExpression().orElseThrow());
    }

    @Test
    void reusesAliasForRepeatedName() {
        Rendered r = Renderer.update(update(set(path("count"), plus(path("count"), value(1)))));
        assertEquals("SET #n0 = #n0 + :v0", r.updateExpression().orElseThrow());
        assertEquals(names("#n0", "count"), r.names());
    }

    @Test
    void aliasesEveryNameSegmentAndKeepsIndexes() {
        Rendered r = Renderer.update(update(set(path("a.b[3].c"), value("x")), remove(attr("Safety.Warning"))));
        assertEquals("SET #n0.#n1[3].#n2 = :v0 REMOVE #n3", r.updateExpression().orElseThrow());
        assertEquals(names("#n0", "a", "#n1", "b", "#n2", "c", "#n3", "Safety.Warning"), r.names());
    }

    @Test
    void rendersFunctionsAndArithmetic() {
        Update u = update(
                set(path("name"), value("n")),
                set(path("count"), plus(path("count"), value(1))),
                set(path("left"), minus(path("left"), value(2))),
                set(path("tags"), listAppend(path("tags"), value(List.of("new")))),
                set(path("profile.city"), ifNotExists(path("profile.city"), value("Paris"))),
                set(path("list"), listAppend(ifNotExists(path("list"), value(List.of())), value(List.of(1)))),
                remove(path("old")),
                add(path("visits"), value(1)));
        assertEquals("SET #n0 = :v0, #n1 = #n1 + :v1, #n2 = #n2 - :v2, #n3 = list_append(#n3, :v3), "
                + "#n4.#n5 = if_not_exists(#n4.#n5, :v4), #n6 = list_append(if_not_exists(#n6, :v5), :v6) "
                + "REMOVE #n7 ADD #n8 :v1", Renderer.update(u).updateExpression().orElseThrow());
    }

    @Test
    void rendersEveryConditionConstruct() {
        Condition c = and(
                eq(path("a"), value(1)), ne(path("b"), value(2)), lt(path("c"), value(3)), le(path("d"), path("e")),
                gt(size(path("f")), value(4)), ge(path("g"), value(5)),
                between(path("h"), value(1), value(9)), in(path("i"), value("x"), value("y")),
                attributeExists(path("j")), attributeNotExists(path("k")), attributeType(path("l"), Value.Type.SS),
                beginsWith(path("m"), value("pre")), contains(path("n"), value("x")));
        assertEquals("#n0 = :v0 AND #n1 <> :v1 AND #n2 < :v2 AND #n3 <= #n4 AND size(#n5) > :v3 AND #n6 >= :v4"
                + " AND #n7 BETWEEN :v0 AND :v5 AND #n8 IN (:v6, :v7) AND attribute_exists(#n9)"
                + " AND attribute_not_exists(#n10) AND attribute_type(#n11, :v8) AND begins_with(#n12, :v9)"
                + " AND contains(#n13, :v6)", conditionText(c));
        assertEquals(AttributeValue.fromS("SS"), Renderer.condition(c).values().get(":v8"));
    }

    @Test
    void rendersValueOperandsWhereDynamoDbTakesThem() {
        assertEquals("begins_with(:v0, #n0)", conditionText(beginsWith(value("BIKE#123"), path("family"))));
        assertEquals("begins_with(#n0, #n1)", conditionText(beginsWith(path("a"), path("c"))));
        assertEquals("size(:v0) >= :v1", conditionText(ge(size(value("text")), value(3))));
        assertEquals("size(:v0) = size(#n0)", conditionText(eq(size(stringSet("x", "y")), size(path("a")))));
        assertEquals("attribute_type(:v0, :v1)", conditionText(attributeType(value(1), Value.Type.N)));
        assertEquals("NOT (attribute_type(:v0, :v1)) AND begins_with(#n0, :v0)", conditionText(
                and(not(attributeType(value("x"), Value.Type.N)), beginsWith(path("a"), value("x")))));
        assertEquals("size(\"text\") >= 3", debugWithValues(ge(size(value("text")), value(3))));
    }

    @Test
    void sharesAnAttributeTypeNameWithAnEqualStringValue() {
        assertEquals("#n0 = :v0 AND attribute_type(#n1, :v0)",
                conditionText(and(eq(path("a"), value("S")), attributeType(path("b"), Value.Type.S))));
    }

    private static String debugWithValues(Condition c) {
        Redaction.showValues(true);
        try {
            return Renderer.debug(c);
        } finally {
            Redaction.showValues(false);
        }
    }

    @Test
    void keepsAValueFirstInAnOperatorApartFromEqualOperands() {
        Rendered r = Renderer.condition(and(eq(value(1), value(1)), eq(path("a"), value(1)), lt(value(1), value(1.0)),
                in(value("x"), path("b"), value("x")), beginsWith(value("x"), value("x")),
                attributeType(value("S"), Value.Type.S)));
        assertEquals(":v0 = :v1 AND #n0 = :v0 AND :v0 < :v1 AND :v2 IN (#n1, :v3) AND begins_with(:v2, :v3)"
                + " AND attribute_type(:v4, :v5)", r.conditionExpression().orElseThrow());
        assertEquals(Map.of(":v0", AttributeValue.fromN("1"), ":v1", AttributeValue.fromN("1"),
                ":v2", AttributeValue.fromS("x"), ":v3", AttributeValue.fromS("x"),
                ":v4", AttributeValue.fromS("S"), ":v5", AttributeValue.fromS("S")), r.values());
        // only the first operand is kept apart: equal later operands share a placeholder
        assertEquals("#n0 IN (:v0, :v0)", conditionText(in(path("a"), value(1), value(1))));
        assertEquals(":v", Renderer.debug(eq(value(1), value(1))).substring(0, 2));
    }

    @Test
    void keepsValuesApartAlsoPastTheLinearTable() {
        // 20 distinct values first, so that the value table has its hash index when the twin is added
        List<Condition> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            all.add(eq(path("a" + i), value(i)));
        }
        all.add(eq(value(3), value(3)));
        all.add(eq(path("b"), value(3)));
        all.add(eq(value(3), value(3)));
        String text = Renderer.condition(new Condition.And(all)).conditionExpression().orElseThrow();
        assertTrue(text.endsWith(" AND :v3 = :v20 AND #n20 = :v3 AND :v3 = :v20"), text);
    }

    @Test
    void rejectsAPathComparedWithItselfInBeginsWith() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Renderer.condition(beginsWith(path("a.b"), path("a.b"))));
        assertEquals("Invalid ConditionExpression: The first operand must be distinct from the remaining operands for"
                + " this operator or function; operator: begins_with, first operand: a.b", e.getMessage());
    }

    @Test
    void parenthesisesOnlyWherePrecedenceNeedsIt() {
        Condition a = eq(path("a"), value(1));
        Condition b = eq(path("b"), value(2));
        Condition c = eq(path("c"), value(3));
        assertEquals("#n0 = :v0 AND (#n1 = :v1 OR #n2 = :v2)", conditionText(and(a, or(b, c))));
        assertEquals("#n0 = :v0 OR #n1 = :v1 AND #n2 = :v2", conditionText(or(a, and(b, c))));
        assertEquals("NOT (#n0 = :v0 OR #n1 = :v1)", conditionText(not(or(a, b))));
        assertEquals("NOT (attribute_exists(#n0))", conditionText(not(attributeExists(path("a")))));
        assertEquals("#n0 = :v0 AND #n1 = :v1 AND #n2 = :v2", conditionText(and(a, and(b, c))));
    }

    @Test
    void rendersKeyConditionsOfEveryShape() {
        assertEquals("#n0 = :v0", keyConditionText(partitionKey("PK", value("C#1"))));
        assertEquals("#n0 = :v0 AND begins_with(#n1, :v1)", keyConditionText(
                partitionKey("PK", value("C#1")).and(sortKey("SK").beginsWith(value("ADDR#")))));
        assertEquals("#n0 = :v0 AND #n1 BETWEEN :v1 AND :v2", keyConditionText(
                partitionKey("PK", value("P")).and(sortKey("SK").between(value("v0001"), value("v9999")))));
        assertEquals("#n0 = :v0 AND #n1 <= :v1", keyConditionText(
                partitionKey("PK", value(1)).and(sortKey("SK").le(value(5)))));
    }

    @Test
    void numbersPlaceholdersAcrossKeyConditionFilterAndProjectionInThatOrder() {
        Rendered r = Renderer.query(partitionKey("pk", value("p")).and(sortKey("sk").beginsWith(value("s"))),
                Optional.of(and(in(path("status"), value("a"), value("b")), gt(size(path("items")), value(3)))),
                Optional.of(projection("pk", "sk", "status", "profile.city", "items")));
        assertEquals("#n0 = :v0 AND begins_with(#n1, :v1)", r.keyConditionExpression().orElseThrow());
        assertEquals("#n2 IN (:v2, :v3) AND size(#n3) > :v4", r.conditionExpression().orElseThrow());
        assertEquals("#n0, #n1, #n2, #n4.#n5, #n3", r.projectionExpression().orElseThrow());
        QueryRequest q = r.applyTo(QueryRequest.builder().tableName("t")).build();
        assertEquals(r.conditionExpression().orElseThrow(), q.filterExpression());
        assertEquals(r.names(), q.expressionAttributeNames());
    }

    @Test
    void distinguishesValuesByTypeButNumbersByNumericValue() {
        Rendered r = Renderer.condition(or(eq(path("a"), value("1")), eq(path("a"), value(1)),
                eq(path("a"), value(true)), eq(path("a"), value(new BigDecimal("1.00")))));
        assertEquals("#n0 = :v0 OR #n0 = :v1 OR #n0 = :v2 OR #n0 = :v1", r.conditionExpression().orElseThrow());
        assertEquals(3, r.values().size());
    }

    @Test
    void leavesMapsEmptyWhenNothingIsSubstitutedAndAbsentOnRequests() {
        Rendered r = Renderer.update(update(remove(path("a"))));
        assertEquals(Map.of(), r.values());
        UpdateItemRequest req = r.applyTo(UpdateItemRequest.builder().tableName("t")).build();
        assertEquals("REMOVE #n0", req.updateExpression());
        assertTrue(!req.hasExpressionAttributeValues());
    }

    @Test
    void describesTreesReadablyHidingValuesUnlessShown() {
        Condition c = and(eq(path("a.b"), value("secret")), gt(size(path("c")), value(3)));
        assertEquals("a.b = :v AND size(c) > :v", Renderer.debug(c));
        assertEquals("SET x = x + :v REMOVE y", Renderer.debug(update(set(path("x"), plus(path("x"), value(1))),
                remove(path("y")))));
        Redaction.showValues(true);
        try {
            assertEquals("a.b = \"secret\" AND size(c) > 3", Renderer.debug(c));
            assertEquals("PK = \"ada\"", Renderer.debug(partitionKey("PK", value("ada"))));
        } finally {
            Redaction.showValues(false);
        }
        assertEquals("PK = :v", Renderer.debug(partitionKey("PK", value("ada"))));
    }

    // ---- rejections

    static List<Update> overlappingUpdates() {
        return List.of(
                update(set(path("a"), value(1)), remove(path("a"))),
                update(set(path("a"), value(1)), set(path("a.b"), value(2))),
                update(remove(path("a.b[2]")), add(path("a"), value(1))),
                update(set(path("a[0]"), value(1)), set(path("a[0].x"), value(1))));
    }

    @ParameterizedTest
    @MethodSource("overlappingUpdates")
    void rejectsActionsOnOverlappingPaths(Update u) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Renderer.update(u));
        assertTrue(e.getMessage().contains("overlap"), e.getMessage());
    }

    @Test
    void rejectsConflictingPaths() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Renderer.update(update(set(path("a[0]"), value(1)), set(path("a.b"), value(1)))));
        assertTrue(e.getMessage().contains("conflict") && e.getMessage().contains("a[0] and a.b"), e.getMessage());
    }

    @Test
    void acceptsSiblingPaths() {
        assertEquals("SET #n0.#n1 = :v0, #n0.#n2 = :v0, #n3[0] = :v0, #n3[1] = :v0",
                Renderer.update(update(set(path("a.b"), value(1)), set(path("a.c"), value(1)),
                        set(path("l[0]"), value(1)), set(path("l[1]"), value(1)))).updateExpression().orElseThrow());
    }

    @Test
    void writesEveryDigitOfLargeIndexesAndAliases() {
        assertEquals("#n0[9], #n0[10], #n0[99], #n0[100], #n0[2147483647]",
                Renderer.projection(projection("a[9]", "a[10]", "a[99]", "a[100]", "a[2147483647]"))
                        .projectionExpression().orElseThrow());
        List<UpdateAction> actions = new ArrayList<>();
        StringBuilder expected = new StringBuilder("SET ");
        for (int i = 0; i < 150; i++) {
            actions.add(set(Path.attribute("a" + i), value(i)));
            expected.append(i == 0 ? "" : ", ").append("#n").append(i).append(" = :v").append(i);
        }
        assertEquals(expected.toString(), Renderer.update(new Update(actions)).updateExpression().orElseThrow());
    }

    @Test
    void acceptsPathsUnderDifferentNamesWhoseHashesCollide() {
        // the path checks first compare top-level names by hash: "Aa" and "BB" hash alike but are different names
        assertEquals("Aa".hashCode(), "BB".hashCode());
        assertEquals("SET #n0 = :v0, #n1[0] = :v0",
                Renderer.update(update(set(path("Aa"), value(1)), set(path("BB[0]"), value(1))))
                        .updateExpression().orElseThrow());
        assertEquals("#n0.#n1, #n2[1]", Renderer.projection(projection("Aa.x", "BB[1]")).projectionExpression()
                .orElseThrow());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Renderer.projection(projection("Aa", "BB", "Aa.x"))).getMessage().contains("Aa and Aa.x"));
    }

    @Test
    void rejectsOverlappingAndConflictingProjections() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Renderer.projection(projection("a", "a.b")))
                .getMessage().contains("ProjectionExpression: two projected paths overlap"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Renderer.projection(projection("a", "a")))
                .getMessage().contains("overlap"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Renderer.projection(projection("a[1]", "a.x")))
                .getMessage().contains("conflict"));
    }

    @Test
    void rejectsEmptyUpdate() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Renderer.update(update()))
                .getMessage().contains("no actions"));
    }

    @Test
    void rejectsExpressionsOver4KB() {
        List<UpdateAction> actions = new ArrayList<>();
        // each action renders as "#nK = :v0" (~10 chars): 500 of them pass 4 KB
        IntStream.range(0, 500).forEach(i -> actions.add(set(attr("a" + i), value(1))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Renderer.update(new Update(actions)));
        assertTrue(e.getMessage().contains("UpdateExpression") && e.getMessage().contains("4096"), e.getMessage());
    }

    @Test
    void rejectsMoreThan300OperatorsInOneUpdate() {
        List<UpdateAction> actions = new ArrayList<>();
        IntStream.range(0, 151).forEach(i -> actions.add(set(attr("a" + (i % 200)),
                listAppend(ifNotExists(attr("a" + i), value(List.of())), value(List.of(1))))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Renderer.update(new Update(actions)));
        assertTrue(e.getMessage().contains("302 operators and functions"), e.getMessage());
    }

    @Test
    void rejectsSubstitutionsOver2MB() {
        String big = "x".repeat(300_000);
        List<UpdateAction> actions = new ArrayList<>();
        IntStream.range(0, 8).forEach(i -> actions.add(set(attr("a" + i), value(big + i))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Renderer.update(new Update(actions)));
        assertTrue(e.getMessage().contains("2 MB"), e.getMessage());
    }

    @Test
    void placeholdersBeyondTheCachedOnesKeepCounting() {
        List<UpdateAction> actions = new ArrayList<>();
        IntStream.range(0, 70).forEach(i -> actions.add(set(attr("a" + i), value(i))));
        Rendered r = Renderer.update(new Update(actions));
        assertEquals("a69", r.names().get("#n69"));
        assertEquals(AttributeValue.fromN("69"), r.values().get(":v69"));
    }

    @Test
    void everyNameIsAliasedEvenWhenItLooksLikeSyntax() {
        Rendered r = Renderer.condition(eq(attr(":v0 OR #n0"), value("#n0")));
        assertEquals("#n0 = :v0", r.conditionExpression().orElseThrow());
        assertEquals(":v0 OR #n0", r.names().get("#n0"));
        assertEquals(Path.attribute(":v0 OR #n0"), path(":v0 OR #n0"));
    }

    // ---- rules on what the operands are, checked before any text is built (Semantics)

    static List<Runnable> operandTypeViolations() {
        return List.of(
                () -> Renderer.condition(eq(path("a"), path("a"))),
                () -> Renderer.condition(contains(path("a"), path("a"))),
                () -> Renderer.condition(beginsWith(path("a"), path("a"))),
                () -> Renderer.condition(between(path("a"), value(1), value("z"))),
                () -> Renderer.condition(between(path("a"), value(9), value(1))),
                () -> Renderer.condition(lt(path("a"), value(List.of(1)))),
                () -> Renderer.condition(between(path("a"), value(List.of()), value(List.of()))),
                () -> Renderer.update(update(set(path("a"), plus(path("a"), value("x"))))),
                () -> Renderer.update(update(set(path("a"), listAppend(path("a"), value("x"))))),
                () -> Renderer.query(partitionKey("PK", value("p")).and(sortKey("SK").between(value("b"), value("a"))),
                        Optional.empty(), Optional.empty()));
    }

    @ParameterizedTest
    @MethodSource("operandTypeViolations")
    void rejectsWhatDynamoDbRejectsWhenItParses(Runnable render) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, render::run);
        assertTrue(e.getMessage().startsWith("Invalid ") && (e.getMessage().contains("distinct")
                || e.getMessage().contains("BETWEEN") || e.getMessage().contains("Incorrect operand type")), e.getMessage());
    }

    @Test
    void ordersStringBoundsByUtf8BytesNotUtf16() {
        // U+FF5E sorts before U+1F600 in UTF-8 (and code points) but after it in UTF-16 (String.compareTo).
        Renderer.condition(between(path("a"), value("\uFF5E"), value("\uD83D\uDE00")));
        assertThrows(IllegalArgumentException.class,
                () -> Renderer.condition(between(path("a"), value("\uD83D\uDE00"), value("\uFF5E"))));
    }
}
