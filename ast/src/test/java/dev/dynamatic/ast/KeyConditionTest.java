package dev.dynamatic.ast;

import static dev.dynamatic.ast.Dsl.binarySet;
import static dev.dynamatic.ast.Dsl.nullValue;
import static dev.dynamatic.ast.Dsl.numberSet;
import static dev.dynamatic.ast.Dsl.partitionKey;
import static dev.dynamatic.ast.Dsl.sortKey;
import static dev.dynamatic.ast.Dsl.stringSet;
import static dev.dynamatic.ast.Dsl.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class KeyConditionTest {

    @Test
    void buildsPartitionAndSortKeyConditions() {
        KeyCondition k = partitionKey("PK", value("CUST#1")).and(sortKey("SK").beginsWith(value("ADDR#")));
        assertEquals("PK", k.partitionKey());
        assertEquals(value("CUST#1"), k.partitionValue());
        assertEquals(Optional.of(new KeyCondition.BeginsWith("SK", value("ADDR#"))), k.sortKey());
        assertEquals(Optional.empty(), partitionKey("PK", value(1)).sortKey());
    }

    @Test
    void buildsEachSortKeyCondition() {
        KeyCondition.SortKey sk = sortKey("SK");
        assertEquals(new KeyCondition.Comparison("SK", Condition.Comparator.EQ, value(1)), sk.eq(value(1)));
        assertEquals(new KeyCondition.Comparison("SK", Condition.Comparator.LT, value(1)), sk.lt(value(1)));
        assertEquals(new KeyCondition.Comparison("SK", Condition.Comparator.LE, value(1)), sk.le(value(1)));
        assertEquals(new KeyCondition.Comparison("SK", Condition.Comparator.GT, value(1)), sk.gt(value(1)));
        assertEquals(new KeyCondition.Comparison("SK", Condition.Comparator.GE, value(1)), sk.ge(value(1)));
        assertEquals(new KeyCondition.Between("SK", value("a"), value("b")), sk.between(value("a"), value("b")));
        assertEquals(new KeyCondition.BeginsWith("SK", value(Bytes.of((byte) 1))), sk.beginsWith(value(Bytes.of((byte) 1))));
    }

    @Test
    void andAddsTheSortKeyConditionWithoutMutating() {
        KeyCondition partition = partitionKey("PK", value(1));
        KeyCondition k = partition.and(sortKey("SK").eq(value(1)));
        assertEquals(Optional.of(sortKey("SK").eq(value(1))), k.sortKey());
        assertEquals(Optional.empty(), partition.sortKey());
    }

    @Test
    void rejectsASecondSortKeyConditionInsteadOfReplacingTheFirst() {
        KeyCondition first = partitionKey("PK", value(1)).and(sortKey("SK").eq(value(1)));
        var e = assertThrows(IllegalStateException.class, () -> first.and(sortKey("SK").gt(value(2))));
        assertEquals("the key condition has a sort-key condition on \"SK\" already; DynamoDB takes at most one, so a"
                + " second (on \"SK\") is not added: build the key condition from partitionKey(..) with the one you"
                + " want", e.getMessage());
        assertEquals(Optional.of(sortKey("SK").eq(value(1))), first.sortKey());
        // the same when the second condition names another attribute
        assertThrows(IllegalStateException.class, () -> first.and(sortKey("other").beginsWith(value("x"))));
    }

    @Test
    void takesKeyNamesVerbatim() {
        assertEquals("a.b[0]", partitionKey("a.b[0]", value(1)).partitionKey());
    }

    @Test
    void rejectsNotEqualOnTheSortKey() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new KeyCondition.Comparison("SK", Condition.Comparator.NE, value(1)));
        assertEquals("sort key \"SK\": <> is not allowed in a key condition (use a filter)", e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = Condition.Comparator.class, names = "NE", mode = EnumSource.Mode.EXCLUDE)
    void acceptsEveryOtherComparator(Condition.Comparator comparator) {
        assertEquals(comparator, new KeyCondition.Comparison("SK", comparator, value(1)).comparator());
    }

    static Stream<Arguments> notKeyTypes() {
        return Stream.of(
                Arguments.of(value(true), "BOOL"),
                Arguments.of(nullValue(), "NULL"),
                Arguments.of(value(List.of(1)), "L"),
                Arguments.of(value(Map.of("a", 1)), "M"),
                Arguments.of(stringSet("a"), "SS"),
                Arguments.of(numberSet(1), "NS"),
                Arguments.of(binarySet(Bytes.of((byte) 1)), "BS"));
    }

    @ParameterizedTest
    @MethodSource("notKeyTypes")
    void rejectsAPartitionValueNotStringNumberOrBinary(Value v, String type) {
        var e = assertThrows(IllegalArgumentException.class, () -> partitionKey("PK", v));
        assertEquals("key \"PK\": a key value is a string, number or binary, not " + type, e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("notKeyTypes")
    void rejectsASortValueNotStringNumberOrBinary(Value v, String type) {
        String message = "key \"SK\": a key value is a string, number or binary, not " + type;
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> sortKey("SK").eq(v)).getMessage());
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> sortKey("SK").ge(v)).getMessage());
        assertEquals(message,
                assertThrows(IllegalArgumentException.class, () -> sortKey("SK").between(v, value(1))).getMessage());
        assertEquals(message,
                assertThrows(IllegalArgumentException.class, () -> sortKey("SK").between(value(1), v)).getMessage());
    }

    static Stream<Arguments> mixedBounds() {
        return Stream.of(
                Arguments.of(value(1), value("a"), "N and S"),
                Arguments.of(value("a"), value(Bytes.of((byte) 1)), "S and B"),
                Arguments.of(value(Bytes.of((byte) 1)), value(2), "B and N"));
    }

    @ParameterizedTest
    @MethodSource("mixedBounds")
    void rejectsBetweenWithMixedTypes(Value low, Value high, String types) {
        var e = assertThrows(IllegalArgumentException.class, () -> sortKey("SK").between(low, high));
        assertEquals("sort key \"SK\": BETWEEN bounds are of different types, " + types, e.getMessage());
    }

    static Stream<Arguments> notPrefixes() {
        return Stream.of(Arguments.of(value(1), "N"), Arguments.of(value(true), "BOOL"), Arguments.of(stringSet("a"), "SS"));
    }

    @ParameterizedTest
    @MethodSource("notPrefixes")
    void rejectsBeginsWithAPrefixNotStringOrBinary(Value prefix, String type) {
        var e = assertThrows(IllegalArgumentException.class, () -> sortKey("SK").beginsWith(prefix));
        assertEquals("sort key \"SK\": begins_with takes a string or binary prefix, not " + type, e.getMessage());
    }

    @Test
    void rejectsTheSameNameForPartitionAndSortKey() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> partitionKey("id", value(1)).and(sortKey("id").eq(value(2))));
        assertEquals("key condition names \"id\" as both partition key and sort key", e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class,
                () -> new KeyCondition("id", value(1), Optional.of(sortKey("id").beginsWith(value("x")))));
        assertEquals("key condition names \"id\" as both partition key and sort key", e2.getMessage());
    }

    static Stream<Arguments> emptyNames() {
        return Stream.of(
                Arguments.of((Runnable) () -> partitionKey("", value(1)), "partition key name is empty"),
                Arguments.of((Runnable) () -> sortKey(""), "sort key name is empty"),
                Arguments.of((Runnable) () -> new KeyCondition.Comparison("", Condition.Comparator.EQ, value(1)),
                        "sort key name is empty"),
                Arguments.of((Runnable) () -> new KeyCondition.Between("", value(1), value(2)), "sort key name is empty"),
                Arguments.of((Runnable) () -> new KeyCondition.BeginsWith("", value("a")), "sort key name is empty"));
    }

    @ParameterizedTest
    @MethodSource("emptyNames")
    void rejectsEmptyNames(Runnable build, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, build::run).getMessage());
    }

    static Stream<Arguments> nulls() {
        return Stream.of(
                Arguments.of((Runnable) () -> partitionKey((String) null, value(1)), "name (the partition key name) is null"),
                Arguments.of((Runnable) () -> partitionKey("PK", null), "value (the partition key value) is null"),
                Arguments.of((Runnable) () -> new KeyCondition("PK", value(1), null), "sortKey is null (use Optional.empty())"),
                Arguments.of((Runnable) () -> sortKey((String) null), "name (the sort key name) is null"),
                Arguments.of((Runnable) () -> sortKey("SK").eq(null), "value (a value for key \"SK\") is null"),
                Arguments.of((Runnable) () -> new KeyCondition.Comparison("SK", null, value(1)), "comparator is null"),
                Arguments.of((Runnable) () -> sortKey("SK").beginsWith(null), "prefix is null"));
    }

    @ParameterizedTest
    @MethodSource("nulls")
    void rejectsNulls(Runnable build, String message) {
        assertEquals(message, assertThrows(NullPointerException.class, build::run).getMessage());
    }
}
