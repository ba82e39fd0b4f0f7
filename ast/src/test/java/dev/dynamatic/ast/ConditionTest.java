package dev.dynamatic.ast;

import static dev.dynamatic.ast.Dsl.allOf;
import static dev.dynamatic.ast.Dsl.and;
import static dev.dynamatic.ast.Dsl.attributeExists;
import static dev.dynamatic.ast.Dsl.attributeNotExists;
import static dev.dynamatic.ast.Dsl.attributeType;
import static dev.dynamatic.ast.Dsl.beginsWith;
import static dev.dynamatic.ast.Dsl.between;
import static dev.dynamatic.ast.Dsl.binarySet;
import static dev.dynamatic.ast.Dsl.contains;
import static dev.dynamatic.ast.Dsl.eq;
import static dev.dynamatic.ast.Dsl.ge;
import static dev.dynamatic.ast.Dsl.gt;
import static dev.dynamatic.ast.Dsl.in;
import static dev.dynamatic.ast.Dsl.le;
import static dev.dynamatic.ast.Dsl.lt;
import static dev.dynamatic.ast.Dsl.ne;
import static dev.dynamatic.ast.Dsl.not;
import static dev.dynamatic.ast.Dsl.nullValue;
import static dev.dynamatic.ast.Dsl.numberSet;
import static dev.dynamatic.ast.Dsl.or;
import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.size;
import static dev.dynamatic.ast.Dsl.stringSet;
import static dev.dynamatic.ast.Dsl.value;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConditionTest {

    private static final Condition A = attributeExists(path("a"));
    private static final Condition B = eq(path("b"), value(1));
    private static final Condition C = lt(size(path("c")), value(3));
    private static final Condition D = not(attributeNotExists(path("d")));

    @Test
    void flattensNestedAnds() {
        assertEquals(and(A, B, C), and(A, and(B, C)));
        assertEquals(and(A, B, C), and(and(A, B), C));
        assertEquals(and(A, B, C, D), and(and(A, B), and(C, D)));
        assertEquals(List.of(A, B, C), and(A, and(B, C)).conditions());
    }

    @Test
    void flattensNestedOrs() {
        assertEquals(or(A, B, C), or(A, or(B, C)));
        assertEquals(List.of(A, B, C, D), or(or(A, B), or(C, D)).conditions());
    }

    @Test
    void keepsAndAndOrApart() {
        assertEquals(List.of(A, and(B, C)), or(A, and(B, C)).conditions());
        assertEquals(List.of(A, or(B, C)), and(A, or(B, C)).conditions());
        assertEquals(List.of(A, not(and(B, C))), and(A, not(and(B, C))).conditions());
    }

    static Stream<Arguments> tooFewOperands() {
        return Stream.of(
                Arguments.of((Runnable) () -> new Condition.And(List.of()), "AND needs at least two conditions, got 0"),
                Arguments.of((Runnable) () -> new Condition.And(List.of(A)), "AND needs at least two conditions, got 1"),
                Arguments.of((Runnable) () -> new Condition.Or(List.of()), "OR needs at least two conditions, got 0"),
                Arguments.of((Runnable) () -> new Condition.Or(List.of(B)), "OR needs at least two conditions, got 1"));
    }

    @ParameterizedTest
    @MethodSource("tooFewOperands")
    void rejectsAndOrWithFewerThanTwo(Runnable build, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, build::run).getMessage());
    }

    @Test
    void combinesAListOfConditions() {
        assertEquals(Optional.empty(), allOf(List.of()));
        assertEquals(Optional.of(A), allOf(List.of(A)));
        assertEquals(Optional.of(and(A, B, C)), allOf(List.of(A, and(B, C))));
    }

    @Test
    void copiesItsConditions() {
        List<Condition> list = new ArrayList<>(List.of(A, B));
        Condition.And and = new Condition.And(list);
        list.add(C);
        assertEquals(List.of(A, B), and.conditions());
        assertThrows(UnsupportedOperationException.class, () -> and.conditions().add(C));
    }

    private static List<Comparand> candidates(int count) {
        return IntStream.range(0, count).mapToObj(i -> (Comparand) value(i)).toList();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 101, 200})
    void rejectsInWithoutOneToOneHundredCandidates(int count) {
        var e = assertThrows(IllegalArgumentException.class, () -> in(path("a"), candidates(count)));
        assertEquals("IN has " + count + " candidates; DynamoDB takes 1 to 100", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 100})
    void acceptsInWithOneToOneHundredCandidates(int count) {
        assertEquals(count, in(path("a"), candidates(count)).candidates().size());
    }

    @Test
    void buildsInFromVarargs() {
        assertEquals(List.of(value(1), path("b"), size(path("c"))),
                in(path("a"), value(1), path("b"), size(path("c"))).candidates());
    }

    static Stream<Arguments> badPrefixes() {
        return Stream.of(
                Arguments.of(value(1), "N"),
                Arguments.of(value(true), "BOOL"),
                Arguments.of(nullValue(), "NULL"),
                Arguments.of(value(List.of("a")), "L"),
                Arguments.of(value(Map.of("a", "b")), "M"),
                Arguments.of(stringSet("a"), "SS"),
                Arguments.of(numberSet(1), "NS"),
                Arguments.of(binarySet(Bytes.of((byte) 1)), "BS"));
    }

    @ParameterizedTest
    @MethodSource("badPrefixes")
    void rejectsABeginsWithValueNotStringOrBinaryNamingItsPosition(Value bad, String type) {
        var second = assertThrows(IllegalArgumentException.class, () -> beginsWith(path("a"), bad));
        assertEquals("begins_with: its second operand is a value of type " + type
                + "; a value operand of begins_with is a string (S) or binary (B)", second.getMessage());
        var first = assertThrows(IllegalArgumentException.class, () -> beginsWith(bad, path("a")));
        assertEquals("begins_with: its first operand is a value of type " + type
                + "; a value operand of begins_with is a string (S) or binary (B)", first.getMessage());
    }

    @Test
    void acceptsBeginsWithPathsAndStringOrBinaryValuesInEitherPlace() {
        assertEquals(new Condition.BeginsWith(path("a"), value("x")), beginsWith(path("a"), value("x")));
        assertEquals(new Condition.BeginsWith(value("x"), path("a")), beginsWith(value("x"), path("a")));
        assertEquals(new Condition.BeginsWith(path("a"), path("b")), beginsWith(path("a"), path("b")));
        assertEquals(path("a"), beginsWith(path("a"), value(Bytes.of((byte) 1))).text());
        assertEquals(value(Bytes.of((byte) 1)), beginsWith(value(Bytes.of((byte) 1)), value("x")).text());
    }

    static Stream<Arguments> sizedValues() {
        return Stream.of(value("abc"), value(Bytes.of((byte) 1)), value(List.of("a")), value(Map.of("a", "b")),
                stringSet("a"), numberSet(1), binarySet(Bytes.of((byte) 1))).map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("sizedValues")
    void takesTheSizeOfAValueThatHasOne(Value v) {
        assertEquals(v, size(v).operand());
    }

    static Stream<Arguments> unsizedValues() {
        return Stream.of(Arguments.of(value(1), "N"), Arguments.of(value(true), "BOOL"), Arguments.of(nullValue(), "NULL"));
    }

    @ParameterizedTest
    @MethodSource("unsizedValues")
    void rejectsTheSizeOfANumberBooleanOrNull(Value v, String type) {
        var e = assertThrows(IllegalArgumentException.class, () -> size(v));
        assertEquals("size(..): its operand is a value of type " + type
                + "; DynamoDB's size takes a string, binary, list, map or set", e.getMessage());
    }

    @Test
    void testsTheTypeOfAPathOrAValue() {
        assertEquals(path("a"), attributeType(path("a"), Value.Type.SS).operand());
        assertEquals(value("x"), attributeType(value("x"), Value.Type.S).operand());
    }

    @Test
    void buildsEachComparison() {
        assertEquals(Condition.Comparator.EQ, eq(path("a"), value(1)).comparator());
        assertEquals(Condition.Comparator.NE, ne(path("a"), value(1)).comparator());
        assertEquals(Condition.Comparator.LT, lt(path("a"), value(1)).comparator());
        assertEquals(Condition.Comparator.LE, le(path("a"), value(1)).comparator());
        assertEquals(Condition.Comparator.GT, gt(path("a"), value(1)).comparator());
        assertEquals(Condition.Comparator.GE, ge(path("a"), value(1)).comparator());
        assertEquals(List.of("=", "<>", "<", "<=", ">", ">="),
                Stream.of(Condition.Comparator.values()).map(Condition.Comparator::symbol).toList());
        assertEquals(new Condition.Between(path("a"), value(1), value(2)), between(path("a"), value(1), value(2)));
        assertEquals(new Condition.AttributeType(path("a"), Value.Type.SS), attributeType(path("a"), Value.Type.SS));
        assertEquals(new Condition.Contains(path("a"), value("x")), contains(path("a"), value("x")));
    }

    static Stream<Arguments> nulls() {
        return Stream.of(
                Arguments.of((Runnable) () -> eq((Path) null, value(1)), "left is null"),
                Arguments.of((Runnable) () -> eq(path("a"), null), "right is null"),
                Arguments.of((Runnable) () -> new Condition.Comparison(path("a"), null, value(1)), "comparator is null"),
                Arguments.of((Runnable) () -> between(path("a"), null, value(1)), "low is null"),
                Arguments.of((Runnable) () -> in((Path) null, value(1)), "operand is null"),
                Arguments.of((Runnable) () -> and(A, null), "second is null"),
                Arguments.of((Runnable) () -> or(null, A), "first is null"),
                Arguments.of((Runnable) () -> not(null), "condition is null"),
                Arguments.of((Runnable) () -> attributeExists((Path) null), "path is null"),
                Arguments.of((Runnable) () -> attributeType(path("a"), null), "type is null"),
                Arguments.of((Runnable) () -> beginsWith(path("a"), null), "prefix is null"),
                Arguments.of((Runnable) () -> contains(path("a"), null), "operand is null"),
                Arguments.of((Runnable) () -> size((PathOrValue) null), "operand is null"),
                Arguments.of((Runnable) () -> attributeType(null, Value.Type.S), "operand is null"),
                Arguments.of((Runnable) () -> beginsWith(null, value("x")), "text is null"),
                Arguments.of((Runnable) () -> new Condition.In(path("a"), Collections.singletonList(null)), null));
    }

    @ParameterizedTest
    @MethodSource("nulls")
    void rejectsNulls(Runnable build, String message) {
        var e = assertThrows(NullPointerException.class, build::run);
        if (message != null) {
            assertEquals(message, e.getMessage());
        }
    }
}
