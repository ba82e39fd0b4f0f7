package dev.dynamatic.render;

import static dev.dynamatic.ast.Dsl.and;
import static dev.dynamatic.ast.Dsl.eq;
import static dev.dynamatic.ast.Dsl.ifNotExists;
import static dev.dynamatic.ast.Dsl.listAppend;
import static dev.dynamatic.ast.Dsl.not;
import static dev.dynamatic.ast.Dsl.or;
import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.set;
import static dev.dynamatic.ast.Dsl.update;
import static dev.dynamatic.ast.Dsl.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.ast.Condition;
import dev.dynamatic.ast.Limits;
import dev.dynamatic.ast.Operand;
import dev.dynamatic.ast.Redaction;
import dev.dynamatic.ast.Update;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The deepest trees that can be built ({@link Limits#MAX_CONDITION_DEPTH}, {@link Limits#MAX_OPERAND_DEPTH}) go
 * through every entry point of the renderer and the parser: rendered when their text fits in 4 KB (the deepest
 * NOT chain and list_append chain fit exactly: the bounds are tight), rejected with an
 * {@code IllegalArgumentException} when it does not, never a {@code StackOverflowError}. One level deeper cannot be
 * built at all (see the ast's NestingTest); before the bound, about 1,500 nested NOTs overflowed the renderer and
 * {@code Renderer.debug}, and 10,000 nested list_appends the renderer.
 */
class DeepTreesTest {

    private static final Condition LEAF = eq(path("a"), value(1));

    @AfterEach
    void hideValuesAgain() {
        Redaction.showValues(false);
    }

    private static <T> T nest(T leaf, UnaryOperator<T> level, int levels) {
        T tree = leaf;
        for (int i = 0; i < levels; i++) {
            tree = level.apply(tree);
        }
        return tree;
    }

    /** {@return the deepest tree the level can build}: one more level is refused when it is built */
    private static <T> T deepest(T leaf, UnaryOperator<T> level) {
        T tree = leaf;
        while (true) {
            try {
                tree = level.apply(tree);
            } catch (IllegalArgumentException e) {
                return tree;
            }
        }
    }

    @Test
    void theDeepestNotChainRendersToJustUnder4Kb() {
        Condition deepest = deepest(LEAF, c -> not(c));
        Rendered r = Renderer.condition(deepest);
        String text = r.conditionExpression().orElseThrow();
        assertEquals(9 + 6 * Limits.MAX_CONDITION_DEPTH, text.length());
        assertTrue(text.length() <= Limits.MAX_EXPRESSION_BYTES);
        assertTrue(text.startsWith("NOT (NOT (") && text.contains("(#n0 = :v0)"), text);
        // every entry point that takes a condition
        Renderer.update(update(set(path("b"), value(2))), deepest);
        Renderer.scan(deepest, dev.dynamatic.ast.Dsl.projection("c"));
        Renderer.query(dev.dynamatic.ast.Dsl.partitionKey("PK", value("x")), deepest,
                dev.dynamatic.ast.Dsl.projection("c"));
        assertEquals(6 + 6 * Limits.MAX_CONDITION_DEPTH, Renderer.debug(deepest).length()); // "a = :v"
        Redaction.showValues(true);
        assertEquals(5 + 6 * Limits.MAX_CONDITION_DEPTH, Renderer.debug(deepest).length()); // "a = 1"
        assertTrue(Renderer.condition(deepest).toString().contains("AttributeValue(N=1)"));
    }

    @Test
    void theDeepestAndOrTreeFailsTheLengthCheckNotTheStack() {
        Condition deepest = deepest(LEAF, c -> c instanceof Condition.And ? or(c, LEAF) : and(c, LEAF));
        var e = assertThrows(IllegalArgumentException.class, () -> Renderer.condition(deepest));
        assertTrue(e.getMessage().startsWith("Invalid ConditionExpression: rendered expression is "), e.getMessage());
        // the debug text (names as written, values as :v) is shorter, and is made all the same
        String debug = Renderer.debug(deepest);
        assertTrue(debug.replaceFirst("^[(]+", "").startsWith("a = :v AND a = :v OR a = :v) AND a = :v OR a = :v) AND "));
        Condition notAndOr = deepest(LEAF, c -> switch (c) {
            case Condition.Not n -> and(c, LEAF);
            case Condition.And a -> or(c, LEAF);
            default -> not(c);
        });
        assertThrows(IllegalArgumentException.class, () -> Renderer.condition(notAndOr));
        assertTrue(Renderer.debug(notAndOr).startsWith("NOT (NOT (NOT ("));
    }

    @Test
    void theDeepestListAppendChainRendersToJustUnder4Kb() {
        Operand list = value(List.of(1));
        Operand deepest = deepest(list, o -> listAppend(o, list));
        Update u = update(set(path("a"), deepest));
        String text = Renderer.update(u).updateExpression().orElseThrow();
        assertEquals(10 + 3 + 18 * Limits.MAX_OPERAND_DEPTH, text.length());
        assertTrue(text.startsWith("SET #n0 = list_append(list_append("), text);
        Renderer.debug(u);
        // the same chain on the other side, and inside a condition's request
        Operand right = deepest(list, o -> listAppend(list, o));
        String rightText = Renderer.update(update(set(path("a"), right)), LEAF).updateExpression().orElseThrow();
        assertEquals(text.length(), rightText.length());
        assertTrue(rightText.startsWith("SET #n0 = list_append(:v0, list_append(:v0, "), rightText);
    }

    @Test
    void theDeepestIfNotExistsChainFailsTheLengthCheckNotTheStack() {
        Operand deepest = deepest((Operand) value(1), o -> ifNotExists(path("a"), o));
        Update u = update(set(path("b"), deepest));
        var e = assertThrows(IllegalArgumentException.class, () -> Renderer.update(u));
        assertTrue(e.getMessage().startsWith("Invalid UpdateExpression: rendered expression is "), e.getMessage());
        assertTrue(Renderer.debug(u).startsWith("SET b = if_not_exists(a, if_not_exists(a, "));
    }

    @Test
    void theParserStopsAtItsOwnBoundWithItsException() {
        // text is at most 4 KB, and the parser opens at most 100 levels: its trees are far inside the ast's bounds
        // "NOT (" opens two levels: the NOT and its parenthesis
        String fifty = "NOT (".repeat(50) + "a = :v" + ")".repeat(50);
        Condition parsed = Expressions.parseCondition(fifty, Map.of(), Expressions.values(Map.of(":v", 1))).tree();
        assertEquals(nest(LEAF, c -> not(c), 50), parsed);
        String deeper = "NOT (".repeat(600) + "a = :v" + ")".repeat(600);
        var e = assertThrows(ExpressionParseException.class,
                () -> Expressions.parseCondition(deeper, Map.of(), Expressions.values(Map.of(":v", 1))));
        assertTrue(e.getMessage().contains("more than 100 levels deep"), e.getMessage());
    }
}
