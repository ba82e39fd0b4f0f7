package dev.dynamatic.ast;

import static dev.dynamatic.ast.Dsl.attr;
import static dev.dynamatic.ast.Dsl.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.ast.Path.Index;
import dev.dynamatic.ast.Path.Name;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathTest {

    @Test
    void parsesNamesAndIndexes() {
        assertEquals(List.of(new Name("a"), new Name("b"), new Index(3), new Name("c")), path("a.b[3].c").segments());
    }

    @Test
    void parsesConsecutiveIndexesAndUnusualNames() {
        assertEquals(List.of(new Name("a"), new Index(0), new Index(12)), path("a[0][12]").segments());
        assertEquals(List.of(new Name("my attr"), new Name("#x-y:z"), new Name("🙂")),
                path("my attr.#x-y:z.🙂").segments());
        assertEquals(List.of(new Name("a"), new Index(Integer.MAX_VALUE)), path("a[2147483647]").segments());
    }

    @Test
    void takesAnAttributeNameVerbatim() {
        Path p = attr("Safety.Warning");
        assertEquals(List.of(new Name("Safety.Warning")), p.segments());
        assertTrue(p.isTopLevel());
        assertEquals("Safety.Warning", p.attributeName());
        assertEquals(List.of(new Name("a[0]")), attr("a[0]").segments());
    }

    @Test
    void extendsSegmentBySegment() {
        Path p = path("a").key("x.y").index(2);
        assertEquals(List.of(new Name("a"), new Name("x.y"), new Index(2)), p.segments());
    }

    @Test
    void resolvesAnotherPath() {
        assertEquals(path("a.b.c[1]"), path("a.b").resolve(path("c[1]")));
    }

    @Test
    void extendingDoesNotChangeTheOriginal() {
        Path a = path("a");
        Path ab = a.key("b");
        assertEquals(List.of(new Name("a")), a.segments());
        assertEquals(path("a.b"), ab);
    }

    @Test
    void showsAReadableForm() {
        assertEquals("a.b[3].c", path("a.b[3].c").toString());
        assertEquals("`Safety.Warning`[0]", attr("Safety.Warning").index(0).toString());
        assertEquals("a.`x y`", path("a").key("x y").toString());
    }

    @ParameterizedTest(name = "\"{0}\" at {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ""          | 0 | end of text | path must start with an attribute name
            [0]         | 0 | '['         | path must start with an attribute name
            .foo        | 0 | '.'         | path must start with an attribute name
            foo[]       | 4 | ']'         | list index must be digits 0-9 followed by ']'
            foo[a]      | 4 | 'a'         | list index must be digits 0-9 followed by ']'
            foo[-1]     | 4 | '-'         | list index must be digits 0-9 followed by ']'
            foo[0.4]    | 5 | '.'         | list index must be digits 0-9 followed by ']'
            foo[0]bar   | 6 | 'b'         | expected '.' or '[' after a name or index
            foo]        | 3 | ']'         | expected '.' or '[' after a name or index
            foo[9       | 3 | '['         | unclosed '['
            foo[        | 3 | '['         | unclosed '['
            foo.        | 4 | end of text | empty name
            foo..bar    | 4 | '.'         | empty name
            foo.[0]     | 4 | '['         | empty name
            a[2147483648] | 2 | '2'       | list index is too large
            a[99999999999999999999] | 2 | '9' | list index is too large
            """)
    void rejectsBadSyntaxNamingThePosition(String text, int position, String near, String problem) {
        var e = assertThrows(IllegalArgumentException.class, () -> path(text));
        assertEquals("invalid path \"" + text + "\" at position " + position + " (" + near + "): " + problem,
                e.getMessage());
    }

    @Test
    void rejectsThirtyThreeSegmentsNamingThePosition() {
        String text = "a" + ".a".repeat(32);
        var e = assertThrows(IllegalArgumentException.class, () -> path(text));
        assertEquals("invalid path \"" + text + "\" at position 64 ('a'): more than 32 segments; DynamoDB allows at most 32",
                e.getMessage());

        String indexes = "a" + "[1]".repeat(32);
        var e2 = assertThrows(IllegalArgumentException.class, () -> path(indexes));
        assertTrue(e2.getMessage().contains("at position 94 ('['): more than 32 segments"), e2.getMessage());
    }

    @Test
    void acceptsThirtyTwoSegments() {
        assertEquals(32, path("a" + ".a".repeat(31)).segments().size());
        assertEquals(32, path("a" + "[0]".repeat(31)).segments().size());
    }

    @Test
    void rejectsThirtyThreeSegmentsBuiltByHand() {
        Path deep = path("a" + ".a".repeat(31));
        var e = assertThrows(IllegalArgumentException.class, () -> deep.key("b"));
        assertEquals("path has 33 segments; DynamoDB allows at most 32", e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> deep.resolve(path("b")));
        assertEquals("path has 33 segments; DynamoDB allows at most 32", e2.getMessage());
    }

    @Test
    void rejectsBadSegments() {
        assertEquals("attribute name is empty",
                assertThrows(IllegalArgumentException.class, () -> attr("")).getMessage());
        assertEquals("attribute name is empty",
                assertThrows(IllegalArgumentException.class, () -> path("a").key("")).getMessage());
        assertEquals("list index -1 is negative",
                assertThrows(IllegalArgumentException.class, () -> path("a").index(-1)).getMessage());
        assertEquals("path is empty",
                assertThrows(IllegalArgumentException.class, () -> new Path(List.of())).getMessage());
        assertEquals("path must start with an attribute name, not Index[index=0]",
                assertThrows(IllegalArgumentException.class, () -> new Path(List.of(new Index(0)))).getMessage());
        assertEquals("text is null", assertThrows(NullPointerException.class, () -> path(null)).getMessage());
        assertEquals("name is null", assertThrows(NullPointerException.class, () -> attr(null)).getMessage());
    }

    @Test
    void copiesItsSegments() {
        List<Path.Segment> segments = new ArrayList<>(List.of(new Name("a")));
        Path p = new Path(segments);
        segments.add(new Index(0));
        assertEquals(path("a"), p);
        assertThrows(UnsupportedOperationException.class, () -> p.segments().add(new Index(1)));
        assertThrows(NullPointerException.class, () -> new Path(Collections.singletonList(null)));
    }

    @ParameterizedTest(name = "{0} is a prefix of {1}")
    @CsvSource({"a, a", "a, a.b", "a, a[0]", "a.b, a.b.c[2]", "a[0], a[0].b", "a[0], a[0][1]"})
    void isAPrefix(String prefix, String of) {
        assertTrue(path(prefix).isPrefixOf(path(of)));
    }

    @ParameterizedTest(name = "{0} is not a prefix of {1}")
    @CsvSource({"a.b, a", "a, ab", "a[0], a[1]", "a.b, a.c", "a[0], a.b", "b, a.b"})
    void isNotAPrefix(String prefix, String of) {
        assertFalse(path(prefix).isPrefixOf(path(of)));
    }

    @Test
    void aDottedNameIsNotAPrefixOfAPath() {
        assertFalse(attr("a.b").isPrefixOf(path("a.b")));
        assertFalse(path("a").isPrefixOf(attr("a.b")));
        assertTrue(attr("a.b").isPrefixOf(attr("a.b").key("c")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "a.b", "a[0]", "x.y[1][2].z"})
    void parsesWhatItShows(String text) {
        assertEquals(path(text), path(path(text).toString()));
    }
}
