package dev.dynamatic.it;

import static dev.dynamatic.ast.Dsl.add;
import static dev.dynamatic.ast.Dsl.attr;
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
import static dev.dynamatic.it.Fixtures.item;
import static dev.dynamatic.it.Fixtures.right;
import static dev.dynamatic.it.Fixtures.with;
import static dev.dynamatic.it.Fixtures.without;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dynamatic.ast.Bytes;
import dev.dynamatic.ast.Update;
import dev.dynamatic.core.Item;
import dev.dynamatic.core.Key;
import dev.dynamatic.core.Table;
import dev.dynamatic.core.UpdateItem;
import dev.dynamatic.it.server.Engine;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** Every update construct of the ast, end to end: write, read the item back, compare its exact state. */
@DynamoDbIT
class UpdateExpressionsIT {

    private static final AtomicInteger IDS = new AtomicInteger();

    private final Table table;

    UpdateExpressionsIT(DynamoDbClient client, TestTable testTable) {
        this.table = testTable.on(client);
    }

    /** A fresh item with every kind of attribute; returns it as written. */
    private Item fresh() {
        Item base = item("pk", "u", "sk", "item#" + IDS.incrementAndGet(),
                "count", 10, "price", new BigDecimal("2.5"), "name", "box", "flag", true, "nothing", null,
                "tags", Set.of("a", "b"), "nums", Set.of(1, 2, 3), "bins", Set.of(Bytes.of((byte) 1), Bytes.of((byte) 2)),
                "list", List.of(1, "two", item("three", 3)),
                "map", item("a", item("b", 1), "n", 5, "list", List.of(1, 2), "tags", Set.of("x", "y")),
                "weird.name", "dot", "status", "reserved word", "with space", 1, "#hash:colon", 1);
        table.put(base);
        return base;
    }

    /** Applies the update to the item and returns the item read back, asserting it equals ALL_NEW. */
    private Item apply(Item item, Update u) {
        Key key = Key.of(item.get("pk"), item.get("sk"));
        Item allNew = right(table.update(UpdateItem.of(key, u).withReturnValues(ReturnValue.ALL_NEW))).item().orElseThrow();
        Item read = table.get(key).orElseThrow();
        assertEquals(allNew, read);
        return read;
    }

    private static Item map(Item item, Object... namesAndValues) {
        return with(item.getMap("map"), namesAndValues);
    }

    // ---- SET

    @Test
    void setsNewAndExistingAttributesOfEveryType() {
        Item before = fresh();
        Item after = apply(before, update(
                set(path("name"), value("crate")),
                set(path("newMap"), value(item("k", List.of(1, item("deep", true))))),
                set(path("newList"), value(List.of())),
                set(path("newNull"), nullValue()),
                set(path("newSet"), stringSet("p", "q")),
                set(path("newBin"), value(Bytes.of((byte) 0, (byte) -1))),
                set(path("flag"), value(false))));
        assertEquals(with(before, "name", "crate", "newMap", item("k", List.of(1, item("deep", true))),
                "newList", List.of(), "newNull", null, "newSet", Set.of("p", "q"),
                "newBin", Bytes.of((byte) 0, (byte) -1), "flag", false), after);
    }

    @Test
    void setsNestedMapEntriesAndListElements() {
        Item before = fresh();
        Item after = apply(before, update(
                set(path("map.a.b"), value(2)),
                set(path("map.added"), value("x")),
                set(path("list[1]"), value("TWO")),
                set(path("list[2].three"), value(33))));
        assertEquals(with(before,
                "map", map(before, "a", item("b", 2), "added", "x"),
                "list", List.of(1, "TWO", item("three", 33))), after);
    }

    @Test
    void setPastTheEndOfAList(Engine engine) {
        Item before = fresh();
        Item after = apply(before, update(set(path("list[7]"), value("end"))));
        switch (engine) {
            // DynamoDB appends the element (ENGINES.md); dynalite does too
            case DYNALITE -> assertEquals(with(before, "list", List.of(1, "two", item("three", 3), "end")), after);
            // dynoxide pads the list with NULLs up to the index (ENGINES.md)
            case DYNOXIDE -> assertEquals(with(before, "list",
                    Arrays.asList(1, "two", item("three", 3), null, null, null, null, "end")), after);
        }
    }

    @Test
    void setsArithmetic() {
        Item before = fresh();
        Item after = apply(before, update(
                set(path("count"), plus(path("count"), value(5))),
                set(path("price"), minus(path("price"), value(new BigDecimal("0.75")))),
                set(path("total"), plus(path("map.n"), path("count"))), // reads the old count
                set(path("negative"), minus(value(1), path("map.a.b")))));
        assertEquals(with(before, "count", 15, "price", new BigDecimal("1.75"), "total", 15, "negative", 0), after);
    }

    @Test
    void setsWithIfNotExists() {
        Item before = fresh();
        Item after = apply(before, update(
                set(path("name"), ifNotExists(path("name"), value("default"))),
                set(path("fresh"), ifNotExists(path("fresh"), value(7))),
                set(path("counter"), plus(ifNotExists(path("counter"), value(0)), value(1))),
                set(path("map.n"), ifNotExists(path("map.missing"), path("count")))));
        assertEquals(with(before, "fresh", 7, "counter", 1, "map", map(before, "n", 10)), after);
        Item again = apply(after, update(set(path("counter"), plus(ifNotExists(path("counter"), value(0)), value(1)))));
        assertEquals(with(after, "counter", 2), again);
    }

    @Test
    void setsWithListAppend() {
        Item before = fresh();
        Item after = apply(before, update(
                set(path("list"), listAppend(path("list"), value(List.of(4)))),
                set(path("map.list"), listAppend(value(List.of(0)), path("map.list"))),
                set(path("log"), listAppend(ifNotExists(path("log"), value(List.of())), value(List.of("first"))))));
        assertEquals(with(before, "list", List.of(1, "two", item("three", 3), 4),
                "map", map(before, "list", List.of(0, 1, 2)), "log", List.of("first")), after);
    }

    @Test
    void setsACopyOfAnotherPath() {
        Item before = fresh();
        Item after = apply(before, update(set(path("copy"), path("map.a")), set(path("first"), path("list[0]"))));
        assertEquals(with(before, "copy", item("b", 1), "first", 1), after);
    }

    @Test
    void namesNeedNoEscaping() {
        Item before = fresh();
        Item after = apply(before, update(
                set(attr("weird.name"), value("still a dot")),
                set(path("status"), value("updated")),
                set(attr("with space"), plus(attr("with space"), value(1))),
                set(attr("#hash:colon"), plus(attr("#hash:colon"), value(2)))));
        assertEquals(with(before, "weird.name", "still a dot", "status", "updated", "with space", 2,
                "#hash:colon", 3), after);
    }

    // ---- REMOVE

    @Test
    void removesAttributesMapEntriesAndListElements() {
        Item before = fresh();
        Item after = apply(before, update(
                remove(path("name")),
                remove(path("map.a.b")),
                remove(path("list[0]")), // later elements move down
                remove(path("map.list[1]")),
                remove(path("notThere"))));
        assertEquals(with(without(before, "name"), "map", map(before, "a", item(), "list", List.of(1)),
                "list", List.of("two", item("three", 3))), after);
    }

    // ---- ADD

    @Test
    void addsToNumbersAndCreatesMissingOnes() {
        Item before = fresh();
        Item after = apply(before, update(add(path("count"), value(5)), add(path("price"), value(-3)),
                add(path("newCount"), value(new BigDecimal("0.1")))));
        assertEquals(with(before, "count", 15, "price", new BigDecimal("-0.5"), "newCount", new BigDecimal("0.1")), after);
    }

    @Test
    void addsToSetsAndCreatesMissingOnes() {
        Item before = fresh();
        Item after = apply(before, update(
                add(path("tags"), stringSet("b", "c")),
                add(path("nums"), numberSet(4, new BigDecimal("1.0"))),
                add(path("bins"), binarySet(Bytes.of((byte) 3))),
                add(path("newSet"), numberSet(9))));
        assertEquals(with(before, "tags", Set.of("a", "b", "c"), "nums", Set.of(1, 2, 3, 4),
                "bins", Set.of(Bytes.of((byte) 1), Bytes.of((byte) 2), Bytes.of((byte) 3)), "newSet", Set.of(9)), after);
    }

    // ---- DELETE

    @Test
    void deletesFromSets() {
        Item before = fresh();
        Item after = apply(before, update(
                delete(path("tags"), stringSet("a", "zzz")),
                delete(path("nums"), numberSet(1, 2, 3)), // every member: the attribute goes
                delete(path("bins"), binarySet(Bytes.of((byte) 2))),
                delete(path("map.tags"), stringSet("x"))));
        assertEquals(with(without(before, "nums"), "tags", Set.of("b"), "bins", Set.of(Bytes.of((byte) 1)),
                "map", map(before, "tags", Set.of("y"))), after);
    }

    // ---- all clauses at once

    @Test
    void appliesEveryClauseInOneUpdate() {
        Item before = fresh();
        Item after = apply(before, update(
                add(path("count"), value(1)),
                set(path("name"), value("all")),
                delete(path("tags"), stringSet("a")),
                remove(path("flag")),
                set(path("price"), plus(path("price"), path("count")))));
        assertEquals(with(without(before, "flag"), "count", 11, "name", "all", "tags", Set.of("b"),
                "price", new BigDecimal("12.5")), after);
    }

    @Test
    void composesFragments() {
        Item before = fresh();
        Update base = update(set(path("name"), value("base")));
        Key key = Key.of("u", before.get("sk"));
        right(table.update(UpdateItem.of(key, base).and(update(remove(path("flag")))).and(update(add(path("count"), value(2))))));
        assertEquals(with(without(before, "flag"), "name", "base", "count", 12), table.get(key).orElseThrow());
    }
}
