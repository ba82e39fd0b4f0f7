package dev.dynamatic.ast;

import static dev.dynamatic.ast.Dsl.allOf;
import static dev.dynamatic.ast.Dsl.and;
import static dev.dynamatic.ast.Dsl.eq;
import static dev.dynamatic.ast.Dsl.ifNotExists;
import static dev.dynamatic.ast.Dsl.listAppend;
import static dev.dynamatic.ast.Dsl.not;
import static dev.dynamatic.ast.Dsl.or;
import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Trees nest no deeper than an expression DynamoDB accepts ({@link Limits#MAX_CONDITION_DEPTH},
 * {@link Limits#MAX_OPERAND_DEPTH}): every way of building one stops at the bound with an
 * {@code IllegalArgumentException}, and a tree at the bound is an ordinary value ({@code equals}, {@code hashCode},
 * {@code toString} work, values shown or not). Without the bound, a tree a few thousand levels deep overflowed the
 * stack in those methods and in the renderer.
 */
class NestingTest {

    private static final Condition LEAF = eq(path("a"), value(1));
    private static final Condition OTHER = eq(path("b"), value(2));
    private static final Operand LIST = value(List.of(1));

    @AfterEach
    void hideValuesAgain() {
        Redaction.showValues(false);
    }

    /**
     * Each way of adding one level of NOT, AND or OR to a condition, and how many levels fit: a NOT adds at least 6
     * bytes of text, an AND or OR 13, to a 9-byte comparison, within 4,096.
     */
    static Stream<Arguments> conditionLevels() {
        UnaryOperator<Condition> andOr = c -> c instanceof Condition.And ? or(c, OTHER) : and(c, OTHER);
        return Stream.of(
                Arguments.of("Dsl.not", (UnaryOperator<Condition>) Dsl::not, 681, 4101),
                Arguments.of("new Not", (UnaryOperator<Condition>) Condition.Not::new, 681, 4101),
                // AND and OR alternate: an AND directly inside an AND is merged, adding no level
                Arguments.of("Dsl.and/or", andOr, 314, 4104),
                Arguments.of("new And/Or", (UnaryOperator<Condition>) c -> c instanceof Condition.And
                        ? new Condition.Or(List.of(OTHER, c)) : new Condition.And(List.of(OTHER, c)), 314, 4104),
                Arguments.of("Dsl.allOf/or", (UnaryOperator<Condition>) c -> c instanceof Condition.And
                        ? or(OTHER, c) : allOf(List.of(c, OTHER)).orElseThrow(), 314, 4104),
                // NOT, OR, NOT, OR, ...: 215 of each, then a NOT is one too many (9 + 216 × 6 + 215 × 13 = 4,100)
                Arguments.of("Dsl.not + or", (UnaryOperator<Condition>) c -> c instanceof Condition.Not
                        ? or(c, OTHER, OTHER) : not(c), 430, 4100));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conditionLevels")
    void conditionsNestUpToTheBound(String how, UnaryOperator<Condition> level, int levels, int bytes) {
        Condition atBound = build(LEAF, level, levels);
        var e = assertThrows(IllegalArgumentException.class, () -> level.apply(atBound));
        assertEquals("the condition nests NOT, AND and OR too deep for DynamoDB: its text would be at least " + bytes
                + " bytes (9 for a comparison, 6 more for each NOT and 13 for each AND or OR on its deepest path),"
                + " over the 4 KB expression limit; see Limits.MAX_CONDITION_DEPTH", e.getMessage());
        isAnOrdinaryValue(atBound, build(LEAF, level, levels));
    }

    @Test
    void mergingAndsAddsNoLevel() {
        Condition c = LEAF;
        for (int i = 0; i < 5 * Limits.MAX_CONDITION_DEPTH; i++) {
            c = and(c, eq(path("x" + i), value(i)));
        }
        assertEquals(5 * Limits.MAX_CONDITION_DEPTH + 1, ((Condition.And) c).conditions().size());
        Condition wide = c;
        // a NOT over a wide, flat AND is two levels deep
        assertTrue(not(wide) instanceof Condition.Not);
    }

    @Test
    void aMergedAndCountsAtItsOwnLevel() {
        // AND(x, 678 NOTs): 9 + 13 + 6 × 678 = 4,090 bytes; merged into another AND it stays there
        Condition atBound = and(OTHER, build(LEAF, Dsl::not, 678));
        Condition merged = and(atBound, LEAF);
        assertEquals(3, ((Condition.And) merged).conditions().size());
        // one NOT more fits (4,096 bytes), an OR does not
        Condition full = not(merged);
        assertThrows(IllegalArgumentException.class, () -> not(full));
        assertThrows(IllegalArgumentException.class, () -> or(merged, LEAF));
        assertThrows(IllegalArgumentException.class, () -> and(or(merged, LEAF), LEAF));
    }

    /** Each way of adding one level of if_not_exists or list_append to an operand. */
    static Stream<Arguments> operandLevels() {
        return Stream.of(
                Arguments.of("Dsl.listAppend first", (UnaryOperator<Operand>) o -> listAppend(o, LIST)),
                Arguments.of("Dsl.listAppend second", (UnaryOperator<Operand>) o -> listAppend(LIST, o)),
                Arguments.of("new ListAppend", (UnaryOperator<Operand>) o -> new Operand.ListAppend(o, LIST)),
                Arguments.of("Dsl.ifNotExists", (UnaryOperator<Operand>) o -> ifNotExists(path("a"), o)),
                Arguments.of("new IfNotExists", (UnaryOperator<Operand>) o -> new Operand.IfNotExists(path("a"), o)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operandLevels")
    void operandsNestUpToTheBound(String how, UnaryOperator<Operand> level) {
        Operand atBound = build(LIST, level, Limits.MAX_OPERAND_DEPTH);
        var e = assertThrows(IllegalArgumentException.class, () -> level.apply(atBound));
        assertEquals("the operand nests if_not_exists and list_append 227 levels deep; an update DynamoDB accepts"
                + " nests at most 226 (its text would exceed the 4 KB expression limit; see Limits.MAX_OPERAND_DEPTH)",
                e.getMessage());
        isAnOrdinaryValue(atBound, build(LIST, level, Limits.MAX_OPERAND_DEPTH));
    }

    @Test
    void theBoundsFollowFromTheExpressionLimit() {
        // 9 bytes for "#n0 = :v0", 6 more per "NOT (…)": the deepest condition fits, one more level does not
        assertTrue(9 + 6 * Limits.MAX_CONDITION_DEPTH <= Limits.MAX_EXPRESSION_BYTES);
        assertTrue(9 + 6 * (Limits.MAX_CONDITION_DEPTH + 1) > Limits.MAX_EXPRESSION_BYTES);
        // 13 per " OR #n0 = :v0"
        assertTrue(9 + 13 * 314 <= Limits.MAX_EXPRESSION_BYTES && 9 + 13 * 315 > Limits.MAX_EXPRESSION_BYTES);
        // 10 bytes for "SET #n0 = ", 3 for ":v0", 18 more per "list_append(…, :v0)"
        assertTrue(10 + 3 + 18 * Limits.MAX_OPERAND_DEPTH <= Limits.MAX_EXPRESSION_BYTES);
        assertTrue(10 + 3 + 18 * (Limits.MAX_OPERAND_DEPTH + 1) > Limits.MAX_EXPRESSION_BYTES);
        assertTrue(Limits.MAX_OPERAND_DEPTH <= Limits.MAX_UPDATE_OPERATORS);
    }

    @Test
    void writtenOutToStringsHaveTheRecordForm() {
        // the text a record's generated toString() gives, built from the leaves' own text
        Condition c = or(and(LEAF, not(not(OTHER))), not(LEAF), OTHER);
        assertEquals("Or[conditions=[And[conditions=[" + LEAF + ", Not[condition=Not[condition=" + OTHER + "]]]], "
                + "Not[condition=" + LEAF + "], " + OTHER + "]]", c.toString());
        Operand o = listAppend(ifNotExists(path("l"), LIST), path("m"));
        assertEquals("ListAppend[first=IfNotExists[path=l, fallback=" + LIST + "], second=m]", o.toString());
    }

    private static <T> T build(T leaf, UnaryOperator<T> level, int levels) {
        T tree = leaf;
        for (int i = 0; i < levels; i++) {
            tree = level.apply(tree);
        }
        return tree;
    }

    /** equals, hashCode and toString of a tree at the bound work, against an independently built equal tree. */
    private static void isAnOrdinaryValue(Object tree, Object copy) {
        assertEquals(copy.hashCode(), tree.hashCode());
        assertEquals(copy, tree);
        assertNotEquals(tree, LEAF);
        String hidden = tree.toString();
        assertTrue(hidden.length() > Limits.MAX_CONDITION_DEPTH / 2, hidden.length() + " chars");
        Redaction.showValues(true);
        assertTrue(tree.toString().length() > hidden.length());
        Redaction.showValues(false);
    }
}
