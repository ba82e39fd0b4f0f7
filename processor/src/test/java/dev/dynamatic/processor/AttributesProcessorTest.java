package dev.dynamatic.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the processor generates, what compiles against it, and what must not, with the compiler's errors. */
class AttributesProcessorTest {

    private static final String MODEL = """
            package shop;

            import dev.dynamatic.ast.Attribute;
            import dev.dynamatic.ast.Attributes;
            import dev.dynamatic.ast.Bytes;
            import java.math.BigDecimal;
            import java.time.Instant;
            import java.util.List;
            import java.util.Map;
            import java.util.Optional;
            import java.util.Set;
            import java.util.UUID;

            @Attributes
            public record Order(@Attribute("PK") String customer, @Attribute("order_status") Status status,
                                long totalCents, BigDecimal rate, boolean gift, Bytes blob, byte[] raw, UUID id,
                                Instant at, Optional<String> note, Set<String> tags, Set<Integer> sizes,
                                List<Line> lines, Map<String, Integer> counts, Shipping shipping,
                                List<List<String>> grid) {
                public enum Status { OPEN, SHIPPED }

                @Attributes
                public record StatusChange(Status from, Status to) {}
            }
            """;

    private static final String SHIPPING = """
            package shop;

            import dev.dynamatic.ast.Attributes;

            @Attributes
            public record Shipping(String city, Address address) {}
            """;

    private static final String ADDRESS = """
            package shop;

            import dev.dynamatic.ast.Attributes;

            @Attributes
            record Address(String street, int floor) {}
            """;

    private static final String LINE = """
            package shop;

            import dev.dynamatic.ast.Attributes;

            @Attributes
            public record Line(String sku, int quantity) {}
            """;

    private static final String NODE = """
            package shop;

            import dev.dynamatic.ast.Attributes;
            import java.util.List;

            @Attributes
            public record Node(String name, Node parent, List<Node> children) {}
            """;

    /** {@return the model's sources plus a class using it} */
    private static Map<String, String> withUse(String body) {
        return Map.of("shop/Order.java", MODEL, "shop/Shipping.java", SHIPPING, "shop/Address.java", ADDRESS,
                "shop/Line.java", LINE, "shop/Node.java", NODE, "shop/Use.java", """
                        package shop;

                        import static dev.dynamatic.ast.Dsl.*;

                        import dev.dynamatic.ast.*;
                        import java.math.BigDecimal;
                        import java.util.List;
                        import java.util.Map;
                        import java.util.Set;

                        class Use {
                            static Object use() {
                                return %s;
                            }
                        }
                        """.formatted(body));
    }

    @Test
    void generatesReadableReferencesThatCompileWithoutWarnings() {
        Compiler.Result r = Compiler.compile(withUse("null"));
        assertEquals(List.of(), r.errors());
        assertEquals(List.of(), r.warnings());
        assertTrue(r.success());
        String order = r.generated("shop/OrderAttributes.java");
        assertTrue(order.contains("public final class OrderAttributes {"), order);
        assertTrue(order.contains("public static final StringRef<String> customer = new StringRef<>("
                + "Path.attribute(\"PK\"), String.class);"), order);
        assertTrue(order.contains("public static final StringRef<shop.Order.Status> status = new StringRef<>("
                + "Path.attribute(\"order_status\"), shop.Order.Status.class);"), order);
        assertTrue(order.contains("public static final NumberRef<Long> totalCents"), order);
        assertTrue(order.contains("public static final ListRef<shop.Line, LineAttributes.Nested> lines = new ListRef<>("
                + "Path.attribute(\"lines\"), p0 -> new LineAttributes.Nested(p0));"), order);
        assertTrue(order.contains("public static final ListRef<java.util.List<String>, ListRef<String, StringRef<String>>>"
                + " grid = new ListRef<>(Path.attribute(\"grid\"), p0 -> new ListRef<>(p0, p1 -> new StringRef<>(p1,"
                + " String.class)));"), order);
        assertTrue(order.contains("/** <code>customer</code>, attribute <code>PK</code>: <code>java.lang.String</code> */"),
                order);
        assertFalse(order.contains("@Generated") || order.contains("javax.annotation"), "no @Generated: it would need java.compiler in users' modules");
        // a nested record's class is top-level in its package
        assertTrue(r.generated("shop/StatusChangeAttributes.java").contains("public final class StatusChangeAttributes {"));
        // a package-private record gets a package-private class
        assertTrue(r.generated("shop/AddressAttributes.java").contains("\nfinal class AddressAttributes {"));
        // the recursive component is a method made on first use; the list of itself is made on demand
        String node = r.generated("shop/NodeAttributes.java");
        assertTrue(node.contains("public NodeAttributes.Nested parent() {"), node);
        assertTrue(node.contains("public final ListRef<shop.Node, NodeAttributes.Nested> children;"), node);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "set(OrderAttributes.customer, \"ada\")",
            "set(OrderAttributes.status, Order.Status.SHIPPED)",
            "set(OrderAttributes.totalCents, 5)",
            "set(OrderAttributes.totalCents, 5L)",
            "set(OrderAttributes.totalCents, new BigDecimal(\"1.5\"))",
            "set(OrderAttributes.totalCents, plus(OrderAttributes.totalCents, 1))",
            "set(OrderAttributes.gift, true)",
            "set(OrderAttributes.note, \"hi\")",
            "set(OrderAttributes.tags, Set.of(\"a\"))",
            "add(OrderAttributes.totalCents, 1)",
            "add(OrderAttributes.tags, Set.of(\"a\"))",
            "add(OrderAttributes.sizes, Set.of(1, 2))",
            "delete(OrderAttributes.tags, Set.of(\"a\"))",
            "listAppend(OrderAttributes.grid, List.of(List.of(\"x\")))",
            "minus(OrderAttributes.rate, 0.5)",
            "beginsWith(OrderAttributes.customer, \"a\")",
            "beginsWith(OrderAttributes.blob, Bytes.of((byte) 1))",
            "size(OrderAttributes.customer)",
            "size(OrderAttributes.tags)",
            "size(OrderAttributes.lines)",
            "size(OrderAttributes.counts)",
            "size(OrderAttributes.raw)",
            "eq(OrderAttributes.customer, \"ada\")",
            "lt(OrderAttributes.totalCents, 3)",
            "between(OrderAttributes.id, java.util.UUID.randomUUID(), java.util.UUID.randomUUID())",
            "in(OrderAttributes.status, Order.Status.OPEN, Order.Status.SHIPPED)",
            "eq(OrderAttributes.totalCents, OrderAttributes.shipping.address.floor)",
            "set(OrderAttributes.shipping.address.street, \"Main\")",
            "set(OrderAttributes.lines.at(2).quantity, 3)",
            "set(OrderAttributes.counts.key(\"x\"), 1)",
            "set(OrderAttributes.grid.at(0).at(1), \"g\")",
            "set(NodeAttributes.parent.parent().parent().name, \"n\")",
            "set(NodeAttributes.children.at(0).children.at(1).name, \"n\")",
            "update(set(OrderAttributes.customer, \"ada\"), set(path(\"legacy\"), value(1)))",
            "partitionKey(OrderAttributes.customer, \"ada\").and(sortKey(OrderAttributes.totalCents).gt(1))",
            "partitionKey(OrderAttributes.customer, \"ada\").and(sortKey(OrderAttributes.id).beginsWith(\"0\"))",
            "sortKey(OrderAttributes.status).between(Order.Status.OPEN, Order.Status.SHIPPED)",
            "sortKey(OrderAttributes.blob).beginsWith(Bytes.of((byte) 1))",
            "projection(OrderAttributes.customer, OrderAttributes.shipping.city)",
            "attributeExists(OrderAttributes.shipping)",
            "remove(OrderAttributes.lines.at(1))"})
    void compiles(String expression) {
        Compiler.Result r = Compiler.compile(withUse(expression));
        assertEquals(List.of(), r.errors(), expression);
        assertEquals(List.of(), r.warnings(), expression);
        assertTrue(r.success(), expression);
    }

    /** Each type rule rejects what breaks it, at compile time. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // set: a value of the reference's type only
            "set(OrderAttributes.totalCents, \"x\")                 | no suitable method found for set",
            "set(OrderAttributes.customer, 5)                       | no suitable method found for set",
            "set(OrderAttributes.status, \"OPEN\")                  | no suitable method found for set",
            "set(OrderAttributes.gift, \"true\")                    | no suitable method found for set",
            "set(OrderAttributes.tags, Set.of(1))                   | no suitable method found for set",
            // add: numbers and sets of the matching member type only
            "add(OrderAttributes.customer, \"x\")                   | no suitable method found for add",
            "add(OrderAttributes.tags, Set.of(1))                   | no suitable method found for add",
            "add(OrderAttributes.lines, List.of())                  | no suitable method found for add",
            // delete: sets only
            "delete(OrderAttributes.totalCents, 1)                  | no suitable method found for delete",
            "delete(OrderAttributes.sizes, Set.of(\"a\"))           | no suitable method found for delete",
            // listAppend: lists only, of their element type
            "listAppend(OrderAttributes.tags, List.of(\"x\"))       | no suitable method found for listAppend",
            "listAppend(OrderAttributes.grid, List.of(\"x\"))       | no suitable method found for listAppend",
            // plus and minus: numbers only
            "plus(OrderAttributes.customer, 1)                      | no suitable method found for plus",
            "minus(OrderAttributes.tags, 1)                         | no suitable method found for minus",
            "plus(OrderAttributes.totalCents, \"1\")                | no suitable method found for plus",
            // beginsWith: strings and binary
            "beginsWith(OrderAttributes.totalCents, \"1\")          | no suitable method found for beginsWith",
            "beginsWith(OrderAttributes.customer, 1)                | no suitable method found for beginsWith",
            // size: strings, sets, lists, maps, binary
            "size(OrderAttributes.totalCents)                       | no suitable method found for size",
            "size(OrderAttributes.gift)                             | no suitable method found for size",
            // comparisons between compatible types
            "eq(OrderAttributes.customer, 5)                        | no suitable method found for eq",
            "eq(OrderAttributes.customer, OrderAttributes.totalCents) | no suitable method found for eq",
            "lt(OrderAttributes.gift, true)                         | no suitable method found for lt",
            "between(OrderAttributes.totalCents, \"a\", \"b\")      | no suitable method found for between",
            // in: typed candidates
            "in(OrderAttributes.status, Order.Status.OPEN, \"SHIPPED\") | no suitable method found for in",
            // keys: scalars only, of the key's type
            "partitionKey(OrderAttributes.customer, 5)              | no suitable method found for partitionKey",
            "sortKey(OrderAttributes.tags)                          | no suitable method found for sortKey",
            "sortKey(OrderAttributes.gift)                          | no suitable method found for sortKey",
            "sortKey(OrderAttributes.totalCents).eq(\"1\")          | incompatible types",
            "sortKey(OrderAttributes.customer).gt(1)                | incompatible types",
            "sortKey(OrderAttributes.id).eq(\"0\")                  | incompatible types",
            // begins_with on a sort key: strings and binary only
            "sortKey(OrderAttributes.totalCents).beginsWith(\"1\")  | cannot find symbol",
            "sortKey(OrderAttributes.blob).beginsWith(\"1\")        | incompatible types",
            // element and entry references
            "set(OrderAttributes.lines.at(0).sku, 1)                | no suitable method found for set",
            "OrderAttributes.tags.at(0)                             | cannot find symbol",
            "OrderAttributes.lines.key(\"x\")                       | cannot find symbol",
            "OrderAttributes.shipping.town                          | cannot find symbol"})
    void rejects(String expression, String error) {
        Compiler.compile(withUse(expression)).assertFailedWith(error, expression);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "@Attributes interface C {}"
                    + " | @Attributes is for records and classes; C is an interface",
            "@Attributes enum C { A }"
                    + " | @Attributes is for records and classes; C is an enum",
            "@Attributes @interface C {}"
                    + " | @Attributes is for records and classes; C is an annotation type",
            "@Attributes record C<T>(T t) {}"
                    + " | @Attributes record C is generic: a type variable has no DynamoDB type; declare a record with"
                    + " concrete component types",
            "@Attributes record C(Object o) {}"
                    + " | component o of C has the type java.lang.Object, which has no typed reference",
            "@Attributes record C(char c) {}"
                    + " | component c of C has the type char, which has no typed reference (declare it String)",
            "@Attributes record C(int[] a) {}"
                    + " | (declare List<X> instead of an array)",
            "@Attributes record C(Set<Boolean> s) {}"
                    + " | (DynamoDB sets hold strings, numbers or binary (Set<Bytes>); declare List<X>)",
            "@Attributes record C(Set<byte[]> s) {}"
                    + " | (DynamoDB sets hold strings, numbers or binary (Set<Bytes>); declare List<X>)",
            "@Attributes record C(Map<Integer, String> m) {}"
                    + " | (DynamoDB map keys are strings; declare Map<String, X>)",
            "@Attributes record C(List l) {}"
                    + " | (declare its type arguments)",
            "@Attributes record C(D d) {} record D(String s) {}"
                    + " | component d of C holds the record D, which has no references: annotate D with @Attributes too",
            "@Attributes record C(@Attribute(\"x\") String a, String x) {}"
                    + " | components a and x of C are both stored as attribute x",
            "@Attributes record C(@Attribute(\"\") String a) {}"
                    + " | @Attribute on C.a names an empty attribute name",
            "@Attributes record C(String Path) {}"
                    + " | component Path of C would hide the name Path that the generated CAttributes uses",
            "@Attributes record C(String String) {}"
                    + " | component String of C would hide the name String",
            "@Attributes record C(String s, C type) {}"
                    + " | its reference is a method type(), which would clash with RecordRef's type()",
            "@Attributes record C(String s) {} class CAttributes {}"
                    + " | cannot generate p.CAttributes for @Attributes record C: a type of that name already exists",
            "class A { @Attributes record C(String s) {} } class B { @Attributes record C(int i) {} }"
                    + " | a type of that name already exists (another record C in package p? rename one)"})
    void reportsWhatHasNoReferences(String declarations, String error) {
        Compiler.compile(Map.of("p/C.java", """
                package p;

                import dev.dynamatic.ast.Attribute;
                import dev.dynamatic.ast.Attributes;
                import java.util.List;
                import java.util.Map;
                import java.util.Set;

                """ + declarations + "\n")).assertFailedWith(error, declarations);
    }
}
