package dev.dynamatic.ast;

import static dev.dynamatic.ast.Dsl.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;


import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RefTest {

    enum Status { OPEN, SHIPPED }

    record Shipping(String city, int floor) {}

    /** What the processor generates for Shipping when it is nested: references under a prefix. */
    static final class ShippingRef extends RecordRef {
        final StringRef<String> city;
        final NumberRef<Integer> floor;

        ShippingRef(Path path) {
            super(path, Shipping.class);
            city = new StringRef<>(component("city"), String.class);
            floor = new NumberRef<>(component("floor"), Integer.class);
        }
    }

    static final StringRef<Status> status = new StringRef<>(Path.attribute("status"), Status.class);
    static final NumberRef<Long> total = new NumberRef<>(Path.attribute("total"), Long.class);
    static final BooleanRef gift = new BooleanRef(Path.attribute("gift"));
    static final BinaryRef blob = new BinaryRef(Path.attribute("blob"), byte[].class);
    static final SetRef<String> tags = new SetRef<>(Path.attribute("tags"), String.class);
    static final ListRef<String, StringRef<String>> notes =
            new ListRef<>(Path.attribute("notes"), p -> new StringRef<>(p, String.class));
    static final MapRef<Integer, NumberRef<Integer>> counts =
            new MapRef<>(Path.attribute("counts"), p -> new NumberRef<>(p, Integer.class));
    static final ShippingRef shipping = new ShippingRef(Path.attribute("shipping"));
    static final ListRef<Shipping, ShippingRef> stops = new ListRef<>(Path.attribute("stops"), ShippingRef::new);

    @Test
    void buildsTheTreesOfTheEquivalentStringPaths() {
        assertEquals(set(path("status"), value("SHIPPED")), set(status, Status.SHIPPED));
        assertEquals(set(path("total"), value(5)), set(total, 5));
        assertEquals(set(path("total"), plus(path("total"), value(5L))), set(total, plus(total, 5L)));
        assertEquals(set(path("total"), minus(path("total"), value(new BigDecimal("1.5")))),
                set(total, minus(total, new BigDecimal("1.5"))));
        assertEquals(add(path("total"), value(1)), add(total, 1));
        assertEquals(add(path("tags"), stringSet("a")), add(tags, Set.of("a")));
        assertEquals(delete(path("tags"), stringSet("a")), delete(tags, Set.of("a")));
        assertEquals(set(path("notes"), listAppend(path("notes"), value(List.of("x")))),
                set(notes, listAppend(notes, List.of("x"))));
        assertEquals(set(path("gift"), ifNotExists(path("gift"), value(true))), set(gift, ifNotExists(gift, true)));
        assertEquals(remove(path("shipping.city")), remove(shipping.city));
        assertEquals(set(path("stops[2].floor"), value(3)), set(stops.at(2).floor, 3));
        assertEquals(set(path("counts").key("a.b"), value(1)), set(counts.key("a.b"), 1));
        assertEquals(set(path("notes[0]"), value("n")), set(notes.at(0), "n"));
        assertEquals(set(path("blob"), value(Bytes.of(new byte[] {1}))), set(blob, Bytes.of(new byte[] {1})));
        assertEquals(set(path("counts"), value(Map.of("a", 1))), set(counts, Map.of("a", 1)));
    }

    @Test
    void buildsConditionsKeysAndProjectionsOfTheEquivalentStringPaths() {
        assertEquals(eq(path("status"), value("OPEN")), eq(status, Status.OPEN));
        assertEquals(ne(path("gift"), value(false)), ne(gift, false));
        assertEquals(lt(path("total"), value(3)), lt(total, 3));
        assertEquals(le(path("total"), value(3)), le(total, 3));
        assertEquals(gt(path("total"), value(3)), gt(total, 3));
        assertEquals(ge(path("total"), value(3.5)), ge(total, 3.5));
        assertEquals(eq(path("shipping.floor"), path("total")), eq(shipping.floor, total));
        assertEquals(between(path("total"), value(1), value(9)), between(total, 1, 9));
        assertEquals(in(path("status"), value("OPEN"), value("SHIPPED")), in(status, Status.OPEN, Status.SHIPPED));
        assertEquals(beginsWith(path("shipping.city"), value("Pa")), beginsWith(shipping.city, "Pa"));
        assertEquals(beginsWith(path("blob"), value(Bytes.of(new byte[] {1}))),
                beginsWith(blob, Bytes.of(new byte[] {1})));
        assertEquals(contains(path("tags"), value("a")), contains(tags, "a"));
        assertEquals(gt(size(path("notes")), value(2)), gt(size(notes), value(2)));
        assertEquals(size(path("tags")), size(tags));
        assertEquals(size(path("counts")), size(counts));
        assertEquals(size(path("blob")), size(blob));
        assertEquals(size(path("status")), size(status));
        assertEquals(attributeExists(path("shipping")), attributeExists(shipping));
        assertEquals(attributeNotExists(path("gift")), attributeNotExists(gift));
        assertEquals(partitionKey("status", value("OPEN")).and(sortKey("total").gt(value(1))),
                partitionKey(status, Status.OPEN).and(sortKey(total).gt(1)));
        assertEquals(sortKey("status").between(value("OPEN"), value("SHIPPED")),
                sortKey(status).between(Status.OPEN, Status.SHIPPED));
        assertEquals(sortKey("status").beginsWith(value("OP")), sortKey(status).beginsWith("OP"));
        assertEquals(sortKey("blob").beginsWith(value(Bytes.of((byte) 1))), sortKey(blob).beginsWith(Bytes.of((byte) 1)));
        assertEquals(sortKey("total").eq(value(2)), sortKey(total).eq(2L));
        assertEquals(sortKey("total").lt(value(3)), sortKey(total).lt(3));
        assertEquals(sortKey("total").le(value(4)), sortKey(total).le(4));
        assertEquals(sortKey("total").ge(value(5)), sortKey(total).ge(5));
        assertEquals("total", sortKey(total).name());
        assertEquals(projection("status", "shipping.city", "stops[1]"), projection(status, shipping.city, stops.at(1)));
    }

    @Test
    void mixesReferencesAndStringPaths() {
        assertEquals(update(set(path("status"), value("OPEN")), remove(path("old"))),
                update(set(status, Status.OPEN), remove(path("old"))));
        assertEquals(and(eq(path("status"), value("OPEN")), attributeExists(path("pk"))),
                and(eq(status, Status.OPEN), attributeExists(path("pk"))));
    }

    @Test
    void knowsItsPathAndTypes() {
        assertEquals(path("shipping.city"), shipping.city.path());
        assertEquals(Value.Type.S, status.type());
        assertEquals(Status.class, status.javaType());
        assertEquals(Value.Type.N, shipping.floor.type());
        assertEquals(Value.Type.M, shipping.type());
        assertEquals(Shipping.class, shipping.javaType());
        assertEquals(Value.Type.SS, tags.type());
        assertEquals(String.class, tags.memberType());
        assertEquals(Value.Type.NS, new SetRef<>(Path.attribute("n"), Long.class).type());
        assertEquals(Value.Type.BS, new SetRef<>(Path.attribute("b"), Bytes.class).type());
        assertEquals(Value.Type.L, notes.type());
        assertEquals(Value.Type.B, blob.type());
        assertEquals(Value.Type.BOOL, gift.type());
        assertEquals("shipping.city: S (String)", shipping.city.toString());
    }

    @Test
    void recursiveReferencesAreMadeOnDemand() {
        record Node(String name, List<Node> children) {}
        final class NodeRef extends RecordRef {
            final StringRef<String> name;
            final ListRef<Node, NodeRef> children;

            NodeRef(Path path) {
                super(path, Node.class);
                name = new StringRef<>(component("name"), String.class);
                children = new ListRef<>(component("children"), NodeRef::new);
            }
        }
        NodeRef root = new NodeRef(Path.attribute("tree"));
        assertEquals(path("tree.children[1].children[0].name"), root.children.at(1).children.at(0).name.path());
    }

    @Test
    void tableGivesEveryScalarItsDynamoDbType() {
        assertEquals(Optional.of(Value.Type.N), JavaTypes.scalar(long.class));
        assertEquals(Optional.of(Value.Type.N), JavaTypes.scalar(BigDecimal.class));
        assertEquals(Optional.of(Value.Type.S), JavaTypes.scalar(Status.class));
        assertEquals(Optional.of(Value.Type.S), JavaTypes.scalar(UUID.class));
        assertEquals(Optional.of(Value.Type.S), JavaTypes.scalar(Instant.class));
        assertEquals(Optional.of(Value.Type.B), JavaTypes.scalar(byte[].class));
        assertEquals(Optional.of(Value.Type.BOOL), JavaTypes.scalar(boolean.class));
        assertEquals(Optional.empty(), JavaTypes.scalar(Object.class));
        assertEquals(Optional.empty(), JavaTypes.scalar(char.class));
        assertEquals(Optional.of(Value.Type.NS), JavaTypes.setOf(Value.Type.N));
        assertEquals(Optional.empty(), JavaTypes.setOf(Value.Type.BOOL));
    }

    @SuppressWarnings({"unchecked", "rawtypes"}) // raw types: what a caller without generics could pass
    @Test
    void rejectsJavaTypesOfAnotherDynamoDbType() {
        Path p = Path.attribute("x");
        assertMessage("a reference of type S at x cannot hold java.lang.Integer, which is N",
                () -> new StringRef(p, Integer.class));
        assertMessage("a reference of type N at x cannot hold java.lang.String, which is S",
                () -> new NumberRef(p, String.class));
        assertMessage("a reference of type B at x cannot hold java.lang.Object, which has no DynamoDB type",
                () -> new BinaryRef(p, Object.class));
        assertMessage("a set at x cannot hold java.lang.Boolean, which is BOOL; DynamoDB sets hold strings, numbers"
                + " or binary", () -> new SetRef<>(p, Boolean.class));
        assertMessage("a set at x cannot hold byte[]; DynamoDB sets hold strings, numbers or binary (declare"
                + " Set<Bytes> for binary)", () -> new SetRef<>(p, byte[].class));
    }

    @Test
    void rejectsBadValuesNamingThePath() {
        assertMessage("at shipping.floor: the number is too large in magnitude; DynamoDB's numbers are below 1E+126", () -> set(shipping.floor, new BigDecimal("1E+200")));
        assertMessage("set at tags is empty; DynamoDB sets cannot be empty", () -> add(tags, Set.of()));
        assertMessage("a key attribute is top-level, not shipping.city", () -> sortKey(shipping.city));
        assertMessage("list index -1 is negative", () -> notes.at(-1));
        assertThrows(NullPointerException.class, () -> set(status, (Status) null));
        assertThrows(NullPointerException.class, () -> eq(gift, (Boolean) null));
        assertEquals("value is null",
                assertThrows(NullPointerException.class, () -> sortKey(status).eq(null)).getMessage());
        assertEquals("prefix is null",
                assertThrows(NullPointerException.class, () -> sortKey(status).beginsWith(null)).getMessage());
        assertMessage("sort key \"total\": begins_with takes a string or binary prefix, not N",
                () -> sortKey("total").beginsWith(value(1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " "})
    void takesAnyNonEmptyComponentName(String name) {
        if (name.isEmpty()) {
            assertThrows(IllegalArgumentException.class, () -> shipping.component(name));
        } else {
            assertEquals(2, shipping.component(name).segments().size());
        }
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable e) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, e).getMessage());
    }
}
