package dev.dynamatic.ast;

import static dev.dynamatic.ast.Dsl.add;
import static dev.dynamatic.ast.Dsl.binarySet;
import static dev.dynamatic.ast.Dsl.numberSet;
import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.stringSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The laws of DynamoDB's sets: a set is built exactly when its members are unique (numbers by numeric value), it
 * holds them sorted, and a duplicate is reported at the positions of its first two occurrences.
 */
class SetProperties {

    /** Lists of a few small numbers, so that duplicates are common. */
    private static Gen<List<Integer>> smallLists() {
        return lists().of(integers().between(0, 9)).ofSizeBetween(1, 8);
    }

    @Test
    void aStringSetIsBuiltExactlyWhenItsMembersAreUnique() {
        qt().forAll(smallLists()).checkAssert(ints -> {
            List<String> members = ints.stream().map(i -> "m" + i).toList();
            check(members, () -> stringSet(members).values(), "string set",
                    m -> new ArrayList<>(new TreeSet<>(m)));
        });
    }

    @Test
    void aNumberSetIsBuiltExactlyWhenItsMembersAreNumericallyUnique() {
        // each member written with 0 to 2 trailing zeros (3, 3.0, 3.00): equal numbers, different scales
        qt().forAll(smallLists(), lists().of(integers().between(0, 2)).ofSize(8)).checkAssert((ints, zeros) -> {
            List<BigDecimal> members = new ArrayList<>();
            for (int i = 0; i < ints.size(); i++) {
                members.add(BigDecimal.valueOf(ints.get(i)).setScale(zeros.get(i)));
            }
            check(ints, () -> numberSet(members).values().stream().map(n -> n.value().intValueExact()).toList(),
                    "number set", m -> new ArrayList<>(new TreeSet<>(m)));
        });
    }

    @Test
    void aBinarySetIsBuiltExactlyWhenItsMembersAreUnique() {
        qt().forAll(smallLists()).checkAssert(ints -> {
            List<Bytes> members = ints.stream().map(i -> Bytes.of((byte) i.intValue())).toList();
            check(members, () -> binarySet(members).values(), "binary set",
                    m -> new ArrayList<>(new TreeSet<>(m)));
        });
    }

    @Test
    void aJavaSetConvertsAsTheSetFactoriesBuildIt() {
        // through a typed reference (Value.of takes the same way): the same set as stringSet, numberSet, binarySet
        SetRef<String> tags = new SetRef<>(Path.attribute("tags"), String.class);
        SetRef<Integer> sizes = new SetRef<>(Path.attribute("sizes"), Integer.class);
        SetRef<Bytes> blobs = new SetRef<>(Path.attribute("blobs"), Bytes.class);
        qt().forAll(smallLists()).checkAssert(ints -> {
            Set<Integer> numbers = new LinkedHashSet<>(ints);
            Set<String> strings = new LinkedHashSet<>(ints.stream().map(i -> "m" + i).toList());
            Set<Bytes> bytes = new LinkedHashSet<>(ints.stream().map(i -> Bytes.of((byte) i.intValue())).toList());
            assertEquals(add(path("tags"), stringSet(strings)), add(tags, strings));
            assertEquals(add(path("sizes"), numberSet(numbers)), add(sizes, numbers));
            assertEquals(add(path("blobs"), binarySet(bytes)), add(blobs, bytes));
        });
    }

    @Test
    void aJavaSetOfMixedMembersConvertsEachByItsType() {
        // strings, enums, UUIDs and instants are all strings; Bytes, byte[] and ByteBuffer all binary
        assertEquals(stringSet("1970-01-01T00:00:00.000000000Z", "S", "a"),
                Value.of(new LinkedHashSet<>(List.of("a", Instant.EPOCH, Value.Type.S))));
        assertEquals(binarySet(Bytes.of((byte) 1), Bytes.of((byte) 2)),
                Value.of(new LinkedHashSet<>(List.of(Bytes.of((byte) 1), new byte[] {2}))));
        String mixed = assertThrows(IllegalArgumentException.class,
                () -> Value.of(new LinkedHashSet<>(List.of("a", 1)))).getMessage();
        assertTrue(mixed.startsWith("set at the top level mixes types (found java.lang.Integer)"), mixed);
        String number = assertThrows(IllegalArgumentException.class,
                () -> Value.of(Map.of("s", new LinkedHashSet<>(List.of(1, new BigDecimal("1E+200")))))).getMessage();
        assertEquals("at s{1}: the number is too large in magnitude; DynamoDB's numbers are below 1E+126", number);
    }

    /** Built with the distinct members sorted when they are unique; else rejected naming the first duplicate. */
    private static <T> void check(List<T> members, Supplier<List<T>> build, String kind,
            Function<List<T>, List<T>> sortedDistinct) {
        if (new HashSet<>(members).size() == members.size()) {
            assertEquals(sortedDistinct.apply(members), build.get());
            return;
        }
        String message = assertThrows(IllegalArgumentException.class, build::get).getMessage();
        // the smallest duplicated member, at its first two positions
        T duplicate = null;
        for (T m : sortedDistinct.apply(members)) {
            if (members.indexOf(m) != members.lastIndexOf(m)) {
                duplicate = m;
                break;
            }
        }
        int first = members.indexOf(duplicate);
        int second = members.subList(first + 1, members.size()).indexOf(duplicate) + first + 1;
        assertTrue(message.startsWith(kind + " has the member "), message);
        assertTrue(message.contains(" twice (positions " + first + " and " + second + ")"), message);
    }
}
