package dev.dynamatic.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code @Attributes} classes, and Jackson's {@code @JsonProperty}/{@code @JsonIgnore} on records and classes: what
 * is generated, what compiles against it, and what is rejected with which error. Jackson's annotations come from
 * the real {@code jackson-annotations} jar, whose {@code @Target}s lack {@code RECORD_COMPONENT}.
 */
class ClassesAndJacksonNamesTest {

    /** A Jackson record: renamed, ignored, explicitly kept, and both annotations agreeing. */
    private static final String VISIT = """
            package shop;

            import com.fasterxml.jackson.annotation.JsonIgnore;
            import com.fasterxml.jackson.annotation.JsonProperty;
            import dev.dynamatic.ast.Attribute;
            import dev.dynamatic.ast.Attributes;

            @Attributes
            public record Visit(@JsonProperty("PK") String customer, @Attribute("SK") @JsonProperty("SK") String day,
                                @JsonProperty String city, @JsonIgnore String session, @JsonIgnore(false) int count,
                                Booking booking) {}
            """;

    /** A Jackson bean: names from fields, getters and setters, an inherited generic field, a nested class. */
    private static final String BOOKING = """
            package shop;

            import com.fasterxml.jackson.annotation.JsonIgnore;
            import com.fasterxml.jackson.annotation.JsonProperty;
            import dev.dynamatic.ast.Attribute;
            import dev.dynamatic.ast.Attributes;
            import java.util.List;

            @Attributes
            public class Booking extends Base<Long> {
                public static final int MAX = 9;
                @JsonProperty("PK") private String guest;
                private String room;
                private int nights;
                private transient String cache;
                private String secret;
                private String note;
                @Attribute("addr") private Address address;
                private List<Address> stops;
                private Booking previous;

                @JsonProperty("room_no")
                public String getRoom() {
                    return room;
                }

                @JsonIgnore
                public String getSecret() {
                    return secret;
                }

                @JsonIgnore
                public void setNote(String note) {
                    this.note = note;
                }

                public boolean isCached() {
                    return cache != null;
                }
            }
            """;

    private static final String BASE = """
            package shop;

            import com.fasterxml.jackson.annotation.JsonProperty;
            import java.time.Instant;

            abstract class Base<V> {
                protected V version;
                @JsonProperty("created_at") protected Instant createdAt;
            }
            """;

    private static final String ADDRESS = """
            package shop;

            import dev.dynamatic.ast.Attributes;

            @Attributes
            public final class Address {
                public String city;
                public int floor;
            }
            """;

    private static Map<String, String> withUse(String body) {
        Map<String, String> sources = new HashMap<>(Map.of("shop/Visit.java", VISIT, "shop/Booking.java", BOOKING,
                "shop/Base.java", BASE, "shop/Address.java", ADDRESS));
        sources.put("shop/Use.java", """
                package shop;

                import static dev.dynamatic.ast.Dsl.*;

                import dev.dynamatic.ast.*;
                import java.util.Set;

                class Use {
                    static Object use() {
                        return %s;
                    }
                }
                """.formatted(body));
        return sources;
    }

    @Test
    void namesComeFromJacksonAnnotationsOnTheAccessorFieldOrParameterJavacKeeps() {
        Compiler.Result r = Compiler.compile(withUse("null"));
        assertEquals(List.of(), r.errors());
        assertTrue(r.success());
        String visit = r.generated("shop/VisitAttributes.java");
        assertTrue(visit.contains("public static final StringRef<String> customer = new StringRef<>("
                + "Path.attribute(\"PK\"), String.class);"), visit);
        assertTrue(visit.contains("public static final StringRef<String> day = new StringRef<>("
                + "Path.attribute(\"SK\"), String.class);"), visit);
        // an empty @JsonProperty is Jackson's "the default name"
        assertTrue(visit.contains("public static final StringRef<String> city = new StringRef<>("
                + "Path.attribute(\"city\"), String.class);"), visit);
        assertFalse(visit.contains("session"), visit);
        assertTrue(visit.contains("public static final NumberRef<Integer> count"), visit);
        // a record component holding an @Attributes class
        assertTrue(visit.contains("public static final BookingAttributes.Nested booking = new BookingAttributes.Nested("
                + "Path.attribute(\"booking\"));"), visit);
    }

    @Test
    void aClassHasOneReferencePerStoredFieldItsSuperclassesIncluded() {
        Compiler.Result r = Compiler.compile(withUse("null"));
        assertEquals(List.of(), r.errors());
        String booking = r.generated("shop/BookingAttributes.java");
        assertTrue(booking.contains("public final class BookingAttributes {"), booking);
        assertTrue(booking.contains("one per field"), booking);
        // the superclass's fields first, their types through Booking's type argument
        assertTrue(booking.indexOf("NumberRef<Long> version = new NumberRef<>(Path.attribute(\"version\"), Long.class);")
                < booking.indexOf("guest ="), booking);
        assertTrue(booking.contains("public static final StringRef<java.time.Instant> createdAt = new StringRef<>("
                + "Path.attribute(\"created_at\"), java.time.Instant.class);"), booking);
        assertTrue(booking.contains("public static final StringRef<String> guest = new StringRef<>("
                + "Path.attribute(\"PK\"), String.class);"), booking);
        assertTrue(booking.contains("public static final StringRef<String> room = new StringRef<>("
                + "Path.attribute(\"room_no\"), String.class);"), booking);
        assertTrue(booking.contains("public static final NumberRef<Integer> nights"), booking);
        assertTrue(booking.contains("public static final AddressAttributes.Nested address = new AddressAttributes.Nested("
                + "Path.attribute(\"addr\"));"), booking);
        assertTrue(booking.contains("public static final ListRef<shop.Address, AddressAttributes.Nested> stops"), booking);
        // static, transient and @JsonIgnore'd (getter or setter) fields have none; a getter without a field neither
        for (String absent : List.of("MAX", "cache", "secret", "note", "cached")) {
            assertFalse(booking.contains(" " + absent + " ="), absent + ": " + booking);
        }
        // a class reaching itself: made on first use, as for records
        assertTrue(booking.contains("public BookingAttributes.Nested previous() {"), booking);
        assertTrue(booking.contains("super(path, shop.Booking.class);"), booking);
        assertTrue(booking.contains("Binds the references to the path of the attribute holding the class."), booking);
    }

    @Test
    void aClassWithoutJacksonCompilesWithoutAnyWarning() {
        // Jackson's annotations are claimed by no processor, which -Xlint:processing reports: this class has none
        Compiler.Result r = Compiler.compile(Map.of("shop/Address.java", ADDRESS, "shop/Use.java", """
                package shop;

                import static dev.dynamatic.ast.Dsl.*;

                class Use {
                    static Object use() {
                        return update(set(AddressAttributes.city, "Nice"), add(AddressAttributes.floor, 1));
                    }
                }
                """));
        assertEquals(List.of(), r.errors());
        assertEquals(List.of(), r.warnings());
        assertTrue(r.success());
        assertTrue(r.generated("shop/AddressAttributes.java").contains("public static final StringRef<String> city"));
    }

    @Test
    void theOnlyWarningsWithJacksonAreJavacsUnclaimedAnnotations() {
        Compiler.Result r = Compiler.compile(withUse("null"));
        assertTrue(r.success());
        assertTrue(r.warnings().stream().allMatch(w -> w.contains("No processor claimed any of these annotations")
                && w.contains("com.fasterxml.jackson.annotation.")), r.warnings().toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "set(BookingAttributes.room, \"12\")",
            "set(BookingAttributes.guest, \"ada\")",
            "set(BookingAttributes.version, 3L)",
            "set(BookingAttributes.createdAt, java.time.Instant.EPOCH)",
            "set(BookingAttributes.address.city, \"Nice\")",
            "set(BookingAttributes.stops.at(1).floor, 2)",
            "set(BookingAttributes.previous.previous().address.city, \"Nice\")",
            "eq(VisitAttributes.booking.nights, 2)",
            "set(VisitAttributes.count, 1)"})
    void compiles(String expression) {
        Compiler.Result r = Compiler.compile(withUse(expression));
        assertEquals(List.of(), r.errors(), expression);
        assertTrue(r.success(), expression);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "BookingAttributes.secret              | cannot find symbol",
            "BookingAttributes.note                | cannot find symbol",
            "BookingAttributes.cache               | cannot find symbol",
            "VisitAttributes.session               | cannot find symbol",
            "set(BookingAttributes.room, 12)       | no suitable method found for set",
            "set(BookingAttributes.address.floor, \"x\") | no suitable method found for set"})
    void rejects(String expression, String error) {
        Compiler.compile(withUse(expression)).assertFailedWith(error, expression);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "@Attributes record C(@Attribute(\"a\") @JsonProperty(\"b\") String x) {}"
                    + " | C.java:9: component x of C is given two attribute names, \"b\" (@JsonProperty) and \"a\""
                    + " (@Attribute): give it one name (the codec and the generated references must agree)",
            "@Attributes class C { @Attribute(\"a\") @JsonProperty(\"b\") String x; }"
                    + " | field x of C is given two attribute names, \"b\" (@JsonProperty on the field) and \"a\""
                    + " (@Attribute)",
            "@Attributes class C { @JsonProperty(\"a\") String x; @JsonProperty(\"b\") String getX() { return x; } }"
                    + " | field x of C is given two attribute names, \"a\" (@JsonProperty on the field) and \"b\""
                    + " (@JsonProperty on getX())",
            "@Attributes record C(@JsonProperty(\"\") String a, @JsonProperty(\"a\") String b) {}"
                    + " | components a and b of C are both stored as attribute a",
            "@Attributes class C { String a; @Attribute(\"a\") String b; }"
                    + " | fields a and b of C are both stored as attribute a",
            "@Attributes class C { @Attribute(\"\") String a; }"
                    + " | @Attribute on C.a names an empty attribute name",
            "@Attributes class C<T> { T t; }"
                    + " | @Attributes class C is generic: a type variable has no DynamoDB type; declare a class with"
                    + " concrete field types",
            "@Attributes abstract class C { String s; }"
                    + " | @Attributes class C is abstract: a codec cannot create it; annotate its concrete subclasses",
            "class O { @Attributes private static class C { String s; } }"
                    + " | @Attributes class C is private (or inside a private type): the generated CAttributes could"
                    + " not name it",
            "@Attributes class C { Object o; }"
                    + " | field o of C has the type java.lang.Object, which has no typed reference",
            "@Attributes class C { D d; } class D { String s; }"
                    + " | field d of C holds the class D, which has no references: annotate D with @Attributes too (if"
                    + " it is stored as a map; else declare a supported type)",
            "@Attributes record C(D d) {} @Attributes abstract class D { String s; }"
                    + " | component d of C has the type p.D, which has no typed reference (D is abstract: a codec"
                    + " cannot create it",
            "@Attributes class C { java.util.List<D<String>> d; } @Attributes class D<T> { T t; }"
                    + " | field d of C has the type p.D<java.lang.String>, which has no typed"
                    + " reference (D is generic",
            "@Attributes class C { String Path; }"
                    + " | field Path of C would hide the name Path that the generated CAttributes uses; rename the field",
            "@Attributes class C { String s; C path; }"
                    + " | field path of C holds a type that reaches C again, so its reference is a method path(), which"
                    + " would clash with RecordRef's path(); rename the field"})
    void reportsWhatHasNoReferences(String declarations, String error) {
        Compiler.compile(Map.of("p/C.java", """
                package p;

                import com.fasterxml.jackson.annotation.JsonIgnore;
                import com.fasterxml.jackson.annotation.JsonProperty;
                import dev.dynamatic.ast.Attribute;
                import dev.dynamatic.ast.Attributes;

                // declarations:
                """ + declarations + "\n")).assertFailedWith(error, declarations);
    }

    @Test
    void anIgnoredMemberTakesNoNameAndNeedsNoSupportedType() {
        Compiler.Result r = Compiler.compile(Map.of("p/C.java", """
                package p;

                import com.fasterxml.jackson.annotation.JsonIgnore;
                import com.fasterxml.jackson.annotation.JsonProperty;
                import dev.dynamatic.ast.Attributes;

                @Attributes
                record C(@JsonProperty("a") String first, @JsonIgnore String a, @JsonIgnore Object cache) {}
                """));
        assertEquals(List.of(), r.errors());
        String c = r.generated("p/CAttributes.java");
        assertTrue(c.contains("first = new StringRef<>(Path.attribute(\"a\"), String.class);"), c);
        assertFalse(c.contains("cache"), c);
    }
}
