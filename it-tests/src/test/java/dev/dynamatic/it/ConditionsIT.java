package dev.dynamatic.it;

import static dev.dynamatic.ast.Dsl.and;
import static dev.dynamatic.ast.Dsl.attr;
import static dev.dynamatic.ast.Dsl.attributeExists;
import static dev.dynamatic.ast.Dsl.attributeNotExists;
import static dev.dynamatic.ast.Dsl.attributeType;
import static dev.dynamatic.ast.Dsl.beginsWith;
import static dev.dynamatic.ast.Dsl.between;
import static dev.dynamatic.ast.Dsl.contains;
import static dev.dynamatic.ast.Dsl.eq;
import static dev.dynamatic.ast.Dsl.ge;
import static dev.dynamatic.ast.Dsl.gt;
import static dev.dynamatic.ast.Dsl.in;
import static dev.dynamatic.ast.Dsl.le;
import static dev.dynamatic.ast.Dsl.lt;
import static dev.dynamatic.ast.Dsl.ne;
import static dev.dynamatic.ast.Dsl.not;
import static dev.dynamatic.ast.Dsl.or;
import static dev.dynamatic.ast.Dsl.partitionKey;
import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.size;
import static dev.dynamatic.ast.Dsl.stringSet;
import static dev.dynamatic.ast.Dsl.value;
import static dev.dynamatic.it.Fixtures.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.ast.Bytes;
import dev.dynamatic.ast.Condition;
import dev.dynamatic.ast.Value;
import dev.dynamatic.core.Item;
import dev.dynamatic.core.Key;
import dev.dynamatic.core.PutItem;
import dev.dynamatic.core.Query;
import dev.dynamatic.core.Table;
import dev.dynamatic.it.server.Engine;
import dev.dynamatic.render.Expressions;
import dev.dynamatic.render.Renderer;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * Every condition function and comparator, AND/OR/NOT: each condition is evaluated by the server twice, as
 * the condition of a put (which rewrites the same item) and as a query filter, and both must agree.
 */
@DynamoDbIT
class ConditionsIT {

    private static final Bytes ONE_TWO_THREE = Bytes.of((byte) 1, (byte) 2, (byte) 3);
    private static final Item ITEM = item("pk", "c", "sk", "item",
            "s", "hello", "n", 42, "other", 42, "d", new BigDecimal("-1.5"), "b", ONE_TWO_THREE, "t", true, "z", null,
            "l", Arrays.asList(1, "x", List.of(2)), "m", item("k", "v", "n", 1),
            "ss", Set.of("a", "b"), "ns", Set.of(1, 2), "bs", Set.of(Bytes.of((byte) 1), Bytes.of((byte) 2)),
            "a.b", "dotted", "empty", "");

    private final Table table;
    private final DynamoDbClient client;
    private final TestTable testTable;

    ConditionsIT(DynamoDbClient client, TestTable testTable) {
        this.table = testTable.on(client);
        this.client = client;
        this.testTable = testTable;
    }

    @BeforeAll
    static void seed(DynamoDbClient client, TestTable testTable) {
        testTable.on(client).put(ITEM);
    }

    /** Whether the server finds the condition true of ITEM, as a put condition and as a filter (which must agree). */
    private boolean holds(Condition c) {
        boolean asCondition = table.put(PutItem.of(ITEM).withCondition(c)).isRight();
        boolean asFilter = !table.query(Query.of(partitionKey("pk", value("c"))).withFilter(c)).toList().isEmpty();
        assertEquals(asCondition, asFilter, () -> "condition and filter disagree on " + c);
        assertEquals(Optional.of(ITEM), table.get(Key.of("c", "item")));
        return asCondition;
    }

    private void isTrue(Condition... conditions) {
        for (Condition c : conditions) {
            assertTrue(holds(c), () -> "expected true: " + c);
        }
    }

    private void isFalse(Condition... conditions) {
        for (Condition c : conditions) {
            assertFalse(holds(c), () -> "expected false: " + c);
        }
    }

    /** The server rejects the condition (as rendered, sent raw with a put of ITEM) with a ValidationException. */
    private void rejectedByServer(String fragment, Condition... conditions) {
        for (Condition c : conditions) {
            PutItemRequest.Builder put = PutItemRequest.builder().tableName(testTable.name()).item(ITEM.attributes());
            Renderer.condition(c).applyTo(put);
            DynamoDbException e = assertThrows(DynamoDbException.class, () -> client.putItem(put.build()));
            assertEquals("ValidationException", e.awsErrorDetails().errorCode(), e::getMessage);
            assertTrue(e.getMessage().contains(fragment), e::getMessage);
        }
        assertEquals(Optional.of(ITEM), table.get(Key.of("c", "item")));
    }

    @Test
    void comparesNumbers() {
        isTrue(eq(path("n"), value(42)), ne(path("n"), value(41)), lt(path("n"), value(43)), le(path("n"), value(42)),
                gt(path("n"), value(41)), ge(path("n"), value(42)), lt(path("d"), value(-1)),
                eq(path("n"), value(new BigDecimal("42.000"))), eq(path("m.n"), value(1)), eq(path("l[0]"), value(1)));
        isFalse(eq(path("n"), value(41)), ne(path("n"), value(42)), lt(path("n"), value(42)), le(path("n"), value(41)),
                gt(path("n"), value(42)), ge(path("n"), value(43)));
    }

    @Test
    void comparesStringsAndBinaryByTheirBytes() {
        isTrue(eq(path("s"), value("hello")), lt(path("s"), value("world")), gt(path("s"), value("Hello")),
                ge(path("s"), value("hello")), eq(attr("a.b"), value("dotted")), eq(path("empty"), value("")),
                eq(path("b"), value(ONE_TWO_THREE)), gt(path("b"), value(Bytes.of((byte) 1, (byte) 2))),
                lt(path("b"), value(Bytes.of((byte) 2))));
        isFalse(lt(path("s"), value("hello")), eq(path("s"), value("Hello")), gt(path("b"), value(ONE_TWO_THREE)));
    }

    @Test
    void comparesPathsWithPaths() {
        isTrue(eq(path("n"), path("other")), le(path("m.n"), path("n")), ne(path("s"), path("m.k")));
        isFalse(lt(path("n"), path("other")));
    }

    @Test
    void valuesOfAnotherTypeAreNeitherEqualNorOrdered() {
        isTrue(ne(path("n"), value("42")));
        isFalse(eq(path("n"), value("42")), lt(path("s"), value(1)), eq(path("missing"), value(1)));
    }

    @Test
    void testsBetweenAndIn() {
        isTrue(between(path("n"), value(40), value(42)), between(path("s"), value("a"), value("i")),
                in(path("n"), value(1), value(42)), in(path("s"), value("hello")), in(path("n"), path("other"), value(0)));
        isFalse(between(path("n"), value(43), value(50)), in(path("s"), value("x"), value("y")));
    }

    @Test
    void combinesWithAndOrNot() {
        isTrue(and(eq(path("n"), value(42)), eq(path("s"), value("hello"))),
                or(eq(path("n"), value(0)), eq(path("s"), value("hello"))),
                not(eq(path("n"), value(0))),
                and(or(eq(path("n"), value(0)), eq(path("n"), value(42))), not(attributeExists(path("missing")))),
                or(and(eq(path("n"), value(0)), eq(path("s"), value("hello"))), eq(path("t"), value(true))),
                not(not(eq(path("n"), value(42)))));
        isFalse(and(eq(path("n"), value(42)), eq(path("s"), value("nope"))),
                or(eq(path("n"), value(0)), eq(path("s"), value("nope"))),
                not(eq(path("n"), value(42))),
                not(or(eq(path("n"), value(0)), eq(path("n"), value(42)))));
    }

    @Test
    void testsExistence() {
        isTrue(attributeExists(path("s")), attributeExists(path("z")), attributeExists(path("m.k")),
                attributeExists(path("l[2][0]")), attributeNotExists(path("missing")), attributeNotExists(path("m.missing")),
                attributeNotExists(path("l[3]")), attributeExists(attr("a.b")));
        isFalse(attributeExists(path("missing")), attributeNotExists(path("s")), attributeExists(path("a.b")));
    }

    @Test
    void testsEveryAttributeType() {
        isTrue(attributeType(path("s"), Value.Type.S), attributeType(path("n"), Value.Type.N),
                attributeType(path("b"), Value.Type.B), attributeType(path("t"), Value.Type.BOOL),
                attributeType(path("z"), Value.Type.NULL), attributeType(path("l"), Value.Type.L),
                attributeType(path("m"), Value.Type.M), attributeType(path("ss"), Value.Type.SS),
                attributeType(path("ns"), Value.Type.NS), attributeType(path("bs"), Value.Type.BS),
                attributeType(path("l[2]"), Value.Type.L));
        isFalse(attributeType(path("s"), Value.Type.N), attributeType(path("ss"), Value.Type.L),
                attributeType(path("missing"), Value.Type.S));
    }

    @Test
    void testsBeginsWithAndContains() {
        isTrue(beginsWith(path("s"), value("he")), beginsWith(path("s"), value("")), beginsWith(path("m.k"), value("v")),
                beginsWith(path("b"), value(Bytes.of((byte) 1, (byte) 2))),
                contains(path("s"), value("ell")), contains(path("ss"), value("a")), contains(path("ns"), value(2)),
                contains(path("bs"), value(Bytes.of((byte) 1))), contains(path("l"), value("x")),
                contains(path("l"), value(1)), contains(path("l"), path("m.n")));
    }

    @Test
    void beginsWithTakesAValueFirstOrTwoPaths() {
        // The Developer Guide shows begins_with(path, substr); DynamoDB takes a string or binary value on either side,
        // and two paths. Both engines agree.
        isTrue(beginsWith(value("hello world"), path("s")), beginsWith(value(Bytes.of((byte) 1, (byte) 2, (byte) 3, (byte) 4)),
                        path("b")), beginsWith(path("s"), path("empty")), beginsWith(value("hello"), value("he")));
        // a path holding no string or binary (n is a number) makes it false, not invalid
        isFalse(beginsWith(value("help"), path("s")), beginsWith(value("42"), path("n")),
                beginsWith(path("s"), path("m.k")), beginsWith(path("n"), path("s")));
    }

    @Test
    void sizeTakesAValue(Engine engine) {
        Condition[] holding = {eq(size(value("hello")), size(path("s"))), eq(size(value(List.of(1, "x"))), value(2)),
                gt(size(stringSet("a", "b", "c")), size(path("ss")))};
        Condition failing = gt(size(value("abc")), size(path("s")));
        switch (engine) {
            case DYNALITE -> {
                isTrue(holding);
                isFalse(failing);
            }
            // dynoxide 1.2.1 takes only a path in size(..) (ENGINES.md)
            case DYNOXIDE -> rejectedByServer("Expected attribute name", failing, holding[0], holding[1], holding[2]);
        }
    }

    @Test
    void attributeTypeTakesAValue(Engine engine) {
        Condition[] holding = {attributeType(value("x"), Value.Type.S), attributeType(value(1), Value.Type.N),
                attributeType(value(List.of()), Value.Type.L), attributeType(stringSet("a"), Value.Type.SS)};
        Condition failing = attributeType(value("x"), Value.Type.N);
        switch (engine) {
            case DYNALITE -> {
                isTrue(holding);
                isFalse(failing);
            }
            // dynoxide 1.2.1 takes only a path as attribute_type's first operand (ENGINES.md)
            case DYNOXIDE -> rejectedByServer("Expected attribute name", failing, holding[0], holding[1], holding[2],
                    holding[3]);
        }
    }

    /**
     * Raw text, parsed by our parser (which must take it) and sent through the SDK with a put of ITEM: {@return
     * whether the engine accepts it} (a failed condition counts as accepted; a rejection must be a ValidationException)
     */
    private boolean accepts(String condition, Map<String, Object> javaValues) {
        Map<String, AttributeValue> values = Expressions.values(javaValues);
        Expressions.parseCondition(condition, Map.of(), values);
        PutItemRequest.Builder put = PutItemRequest.builder().tableName(testTable.name()).item(ITEM.attributes())
                .conditionExpression(condition);
        if (!values.isEmpty()) {
            put.expressionAttributeValues(values);
        }
        try {
            client.putItem(put.build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return true;
        } catch (DynamoDbException e) {
            assertEquals("ValidationException", e.awsErrorDetails().errorCode(), e::getMessage);
            return false;
        } finally {
            assertEquals(Optional.of(ITEM), table.get(Key.of("c", "item")));
        }
    }

    @Test
    void oneValueOnBothSidesOfAnOperator() {
        // DynamoDB's "first operand must be distinct" rule: both engines apply it to document paths only
        assertTrue(accepts(":v = :v", Map.of(":v", 1)));
        assertTrue(accepts("begins_with(:v, :v)", Map.of(":v", "x")));
        // our renderer keeps them apart anyway (:v0 = :v1)
        isTrue(eq(value(1), value(1)), beginsWith(value("x"), value("x")), in(value(2), path("n"), value(2)));
        isFalse(ne(value(1), value(1)));
    }

    @Test
    void parenthesisedOperandsAndSpacesInsidePaths(Engine engine) {
        // the Developer Guide says nothing of either; our parser takes all of them, dynalite too, dynoxide not all
        boolean dynalite = engine == Engine.DYNALITE;
        assertEquals(dynalite, accepts("n = (d)", Map.of()));
        assertEquals(dynalite, accepts("(s) = :v", Map.of(":v", "hello")));
        assertEquals(dynalite, accepts("size((s)) = :n", Map.of(":n", 5)));
        assertEquals(dynalite, accepts("begins_with((s), :v)", Map.of(":v", "he")));
        assertEquals(dynalite, accepts("l[ 0] = :n", Map.of(":n", 1)));
        assertTrue(accepts("l[0 ] = :n", Map.of(":n", 1)));
        assertTrue(accepts("l [0] = :n", Map.of(":n", 1)));
        assertTrue(accepts("m. k = :v", Map.of(":v", "v")));
        assertTrue(accepts("m .k = :v", Map.of(":v", "v")));
    }

    @Test
    void functionsThatDoNotMatchAreFalse() {
        isFalse(beginsWith(path("s"), value("lo")), beginsWith(path("n"), value("4")), contains(path("s"), value("xyz")),
                contains(path("ss"), value("c")), contains(path("ns"), value(3)), contains(path("l"), value(2)),
                contains(path("s"), path("m.k")));
    }

    @Test
    void comparesSizes() {
        isTrue(eq(size(path("s")), value(5)), eq(size(path("l")), value(3)), eq(size(path("m")), value(2)),
                eq(size(path("ss")), value(2)), eq(size(path("b")), value(3)),
                gt(size(path("s")), size(path("l"))), between(size(path("ns")), value(1), value(2)),
                in(size(path("l[2]")), value(1), value(9)));
        isFalse(gt(size(path("s")), value(5)), eq(size(path("missing")), value(0)));
    }

    @Test
    void sizeOfAnEmptyString(Engine engine) {
        Condition zero = eq(size(path("empty")), value(0));
        switch (engine) {
            case DYNOXIDE -> isTrue(zero); // DynamoDB: an empty string has size 0
            case DYNALITE -> isFalse(zero); // dynalite 4.0.0 takes "" for a missing value here (ENGINES.md)
        }
    }
}
