package dev.dynamatic.ast;

import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.projection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProjectionTest {

    @Test
    void parsesEachPath() {
        assertEquals(List.of(path("a.b"), path("c[1]")), projection("a.b", "c[1]").paths());
        assertEquals(projection("a.b", "c[1]"), projection(path("a.b"), path("c[1]")));
    }

    static Stream<Arguments> empty() {
        return Stream.of(
                Arguments.of((Runnable) () -> projection(new Path[0])),
                Arguments.of((Runnable) () -> projection(new String[0])),
                Arguments.of((Runnable) () -> new Projection(List.of())));
    }

    @ParameterizedTest
    @MethodSource("empty")
    void rejectsAnEmptyProjection(Runnable build) {
        var e = assertThrows(IllegalArgumentException.class, build::run);
        assertEquals("projection is empty; name at least one path", e.getMessage());
    }

    @Test
    void rejectsABadPathNamingItsPosition() {
        var e = assertThrows(IllegalArgumentException.class, () -> projection("a", "b..c"));
        assertTrue(e.getMessage().startsWith("invalid path \"b..c\" at position 2"), e.getMessage());
    }

    @Test
    void andAddsPathsWithoutMutating() {
        Projection p = projection("a");
        Projection q = p.and(path("b"), path("c"));
        assertEquals(List.of(path("a"), path("b"), path("c")), q.paths());
        assertEquals(List.of(path("a")), p.paths());
    }

    @Test
    void copiesItsPaths() {
        List<Path> paths = new ArrayList<>(List.of(path("a")));
        Projection p = new Projection(paths);
        paths.add(path("b"));
        assertEquals(List.of(path("a")), p.paths());
        assertThrows(UnsupportedOperationException.class, () -> p.paths().add(path("c")));
    }

    @Test
    void rejectsNulls() {
        assertEquals("paths is null", assertThrows(NullPointerException.class, () -> new Projection(null)).getMessage());
        assertThrows(NullPointerException.class, () -> new Projection(Collections.singletonList(null)));
    }
}
