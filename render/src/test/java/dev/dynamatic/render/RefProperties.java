package dev.dynamatic.render;

import static dev.dynamatic.ast.Dsl.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

import dev.dynamatic.ast.Bytes;
import dev.dynamatic.ast.BinaryRef;
import dev.dynamatic.ast.ListRef;
import dev.dynamatic.ast.MapRef;
import dev.dynamatic.ast.NumberRef;
import dev.dynamatic.ast.Path;
import dev.dynamatic.ast.RecordRef;
import dev.dynamatic.ast.Ref;
import dev.dynamatic.ast.StringRef;
import dev.dynamatic.ast.Value;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Typed references render exactly what the equivalent string paths render: references reached through nested
 * records, list elements and map entries, over random names (nasty ones included), values and expressions.
 */
class RefProperties {

    /** A nested record's generated references, as the processor writes them: its components under a prefix. */
    static final class Doc extends RecordRef {
        Doc(Path path) {
            super(path, Record.class);
        }

        Path at(String name) {
            return component(name);
        }
    }

    /** {@return the reference at the path, reached through record components, list elements and map entries} */
    static <R extends Ref> R reach(Path path, Function<Path, R> leaf) {
        List<Path.Segment> segments = path.segments();
        return reach(segments, 1, Path.attribute(((Path.Name) segments.getFirst()).name()), leaf);
    }

    private static <R extends Ref> R reach(List<Path.Segment> segments, int i, Path at, Function<Path, R> leaf) {
        if (i == segments.size()) {
            return leaf.apply(at);
        }
        return switch (segments.get(i)) {
            case Path.Index(int index) ->
                    new ListRef<Object, R>(at, p -> reach(segments, i + 1, p, leaf)).at(index);
            case Path.Name(String name) -> i % 2 == 0
                    ? new MapRef<Object, R>(at, p -> reach(segments, i + 1, p, leaf)).key(name)
                    : reach(segments, i + 1, new Doc(at).at(name), leaf);
        };
    }

    /** {@return the rendering, or the exception's type and message}: overlapping random paths are rejected alike */
    static Object outcome(java.util.function.Supplier<Rendered> render) {
        try {
            return render.get();
        } catch (IllegalArgumentException e) {
            return e.getClass() + ": " + e.getMessage();
        }
    }

    @Test
    void stringReferencesRenderAsStringPaths() {
        qt().forAll(Generators.paths(), Generators.paths(), Generators.texts(), Generators.texts())
                .checkAssert((p, q, s, t) -> {
                    StringRef<String> a = reach(p, x -> new StringRef<>(x, String.class));
                    StringRef<String> b = reach(q, x -> new StringRef<>(x, String.class));
                    assertEquals(
                            outcome(() -> Renderer.update(update(set(p, value(s)), set(q, ifNotExists(q, value(t)))),
                                    and(eq(p, value(s)), ne(p, value(t)), beginsWith(q, value(s)),
                                            gt(size(p), value(3)), in(q, value(s), value(t))))),
                            outcome(() -> Renderer.update(update(set(a, s), set(b, ifNotExists(b, t))),
                                    and(eq(a, s), ne(a, t), beginsWith(b, s), gt(size(a), value(3)), in(b, s, t)))));
                    assertEquals(outcome(() -> Renderer.projection(projection(p, q))),
                            outcome(() -> Renderer.projection(projection(a, b))));
                });
    }

    @Test
    void numberAndBinaryReferencesRenderAsStringPaths() {
        qt().forAll(Generators.paths(), Generators.paths(), Generators.numbers(), Generators.bytes())
                .checkAssert((p, bp, n, bytes) -> {
                    int i = n.signum();
                    NumberRef<BigDecimal> a = reach(p, x -> new NumberRef<>(x, BigDecimal.class));
                    BinaryRef b = reach(bp, x -> new BinaryRef(x, Bytes.class));
                    assertEquals(
                            outcome(() -> Renderer.update(update(set(p, plus(p, value(n))), add(path("z"), value(i)),
                                            set(bp, value(bytes))),
                                    and(lt(p, value(i)), between(p, value(i), value(n)), eq(bp, value(bytes))))),
                            outcome(() -> Renderer.update(update(set(a, plus(a, n)), add(path("z"), value(i)),
                                            set(b, bytes)), and(lt(a, i), between(a, i, n), eq(b, bytes)))));
                    assertEquals(outcome(() -> Renderer.update(update(set(p, minus(p, value(n))), remove(bp)))),
                            outcome(() -> Renderer.update(update(set(a, minus(a, n)), remove(b)))));
                });
    }

    @Test
    void keyConditionsRenderAsStringNames() {
        qt().forAll(Generators.names(), Generators.names(), Generators.texts(), Generators.numbers())
                .checkAssert((pk, sk, s, n) -> {
                    StringRef<String> a = new StringRef<>(Path.attribute(pk), String.class);
                    NumberRef<BigDecimal> b = new NumberRef<>(Path.attribute(sk), BigDecimal.class);
                    Value.N v = value(n);
                    assertEquals(outcome(() -> Renderer.query(partitionKey(pk, value(s)).and(sortKey(sk).ge(v)),
                                    java.util.Optional.empty(), java.util.Optional.empty())),
                            outcome(() -> Renderer.query(partitionKey(a, s).and(sortKey(b).ge(n)),
                                    java.util.Optional.empty(), java.util.Optional.empty())));
                });
    }
}
