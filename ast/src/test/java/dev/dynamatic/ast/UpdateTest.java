package dev.dynamatic.ast;

import static dev.dynamatic.ast.Dsl.add;
import static dev.dynamatic.ast.Dsl.binarySet;
import static dev.dynamatic.ast.Dsl.delete;
import static dev.dynamatic.ast.Dsl.ifNotExists;
import static dev.dynamatic.ast.Dsl.listAppend;
import static dev.dynamatic.ast.Dsl.minus;
import static dev.dynamatic.ast.Dsl.nullValue;
import static dev.dynamatic.ast.Dsl.numberSet;
import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.plus;
import static dev.dynamatic.ast.Dsl.remove;
import static dev.dynamatic.ast.Dsl.set;
import static dev.dynamatic.ast.Dsl.stringSet;
import static dev.dynamatic.ast.Dsl.update;
import static dev.dynamatic.ast.Dsl.value;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UpdateTest {

    static Stream<Arguments> notNumbersOrSets() {
        return Stream.of(
                Arguments.of(value("x"), "S"),
                Arguments.of(value(Bytes.of((byte) 1)), "B"),
                Arguments.of(value(true), "BOOL"),
                Arguments.of(nullValue(), "NULL"),
                Arguments.of(value(List.of(1)), "L"),
                Arguments.of(value(Map.of("a", 1)), "M"));
    }

    static Stream<Value> numbersAndSets() {
        return Stream.of(value(1), stringSet("a"), numberSet(1), binarySet(Bytes.of((byte) 1)));
    }

    static Stream<Value> sets() {
        return Stream.of(stringSet("a"), numberSet(1), binarySet(Bytes.of((byte) 1)));
    }

    @ParameterizedTest
    @MethodSource("notNumbersOrSets")
    void addRejectsWhatIsNotANumberOrASet(Value v, String type) {
        var e = assertThrows(IllegalArgumentException.class, () -> add(path("a.b"), v));
        assertEquals("ADD a.b: the value is of type " + type + "; DynamoDB's ADD takes only a number or a set",
                e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("numbersAndSets")
    void addTakesNumbersAndSets(Value v) {
        assertEquals(v, add(path("a"), v).value());
    }

    @ParameterizedTest
    @MethodSource("notNumbersOrSets")
    void deleteRejectsWhatIsNotASet(Value v, String type) {
        var e = assertThrows(IllegalArgumentException.class, () -> delete(path("a"), v));
        assertEquals("DELETE a: the value is of type " + type + "; DynamoDB's DELETE takes only a set", e.getMessage());
    }

    @Test
    void deleteRejectsANumber() {
        var e = assertThrows(IllegalArgumentException.class, () -> delete(path("tags"), value(1)));
        assertEquals("DELETE tags: the value is of type N; DynamoDB's DELETE takes only a set", e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("sets")
    void deleteTakesSetsAtAnyPath(Value v) {
        assertDoesNotThrow(() -> delete(path("a.b[2].c"), v));
    }

    @Test
    void andComposesWithoutMutating() {
        Update first = update(set(path("a"), value(1)));
        Update second = update(remove(path("b")), add(path("n"), value(1)));
        Update both = first.and(second);
        assertEquals(List.of(set(path("a"), value(1)), remove(path("b")), add(path("n"), value(1))), both.actions());
        assertEquals(List.of(set(path("a"), value(1))), first.actions());
        assertEquals(2, second.actions().size());

        Update more = first.and(remove(path("c")));
        assertEquals(List.of(set(path("a"), value(1)), remove(path("c"))), more.actions());
        assertEquals(1, first.actions().size());
        assertEquals(first.and(second, update(remove(path("c")))), first.and(second).and(remove(path("c"))));
    }

    @Test
    void theEmptyUpdateIsTheIdentity() {
        Update u = update(set(path("a"), value(1)));
        assertTrue(update().isEmpty());
        assertEquals(u, update().and(u));
        assertEquals(u, u.and(update()));
    }

    @Test
    void copiesItsActions() {
        List<UpdateAction> actions = new ArrayList<>(List.of(remove(path("a"))));
        Update u = new Update(actions);
        actions.add(remove(path("b")));
        assertEquals(1, u.actions().size());
        assertThrows(UnsupportedOperationException.class, () -> u.actions().add(remove(path("c"))));
    }

    @Test
    void buildsSetValues() {
        assertEquals(new SetValue.Plus(path("a"), value(1)), plus(path("a"), value(1)));
        assertEquals(new SetValue.Minus(path("a"), value(1)), minus(path("a"), value(1)));
        assertEquals(new Operand.IfNotExists(path("a"), value(0)), ifNotExists(path("a"), value(0)));
        assertEquals(new Operand.ListAppend(path("a"), value(List.of(1))), listAppend(path("a"), value(List.of(1))));
        assertEquals(path("x"), set(path("x"), plus(ifNotExists(path("x"), value(0)), value(1))).path());
    }

    static Stream<Arguments> nulls() {
        return Stream.of(
                Arguments.of((Runnable) () -> set((Path) null, value(1)), "path is null"),
                Arguments.of((Runnable) () -> set(path("a"), null), "value is null"),
                Arguments.of((Runnable) () -> remove((Path) null), "path is null"),
                Arguments.of((Runnable) () -> add(path("a"), null), "value is null"),
                Arguments.of((Runnable) () -> delete(null, stringSet("a")), "path is null"),
                Arguments.of((Runnable) () -> plus(null, value(1)), "left is null"),
                Arguments.of((Runnable) () -> minus(value(1), null), "right is null"),
                Arguments.of((Runnable) () -> ifNotExists(path("a"), null), "fallback is null"),
                Arguments.of((Runnable) () -> listAppend(null, path("a")), "first is null"),
                Arguments.of((Runnable) () -> update().and((Update) null), "others[0] is null"),
                Arguments.of((Runnable) () -> new Update(null), "actions is null"));
    }

    @ParameterizedTest
    @MethodSource("nulls")
    void rejectsNulls(Runnable build, String message) {
        assertEquals(message, assertThrows(NullPointerException.class, build::run).getMessage());
    }
}
