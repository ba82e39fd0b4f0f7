package dev.dynamatic.render;

import static dev.dynamatic.ast.Dsl.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.ast.Path;
import dev.dynamatic.ast.Update;
import dev.dynamatic.ast.UpdateAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The placeholder maps of a {@link Rendered} behave as unmodifiable insertion-ordered maps, and rendering
 * gives the same output whatever ran before it on the thread (the renderer reuses per-thread scratch space).
 */
class RenderedMapsTest {

    /** Renders n actions {@code SET a<i> = i}, so names and values both run from 0 to n - 1. */
    private static Rendered numbered(int n) {
        List<UpdateAction> actions = new ArrayList<>();
        IntStream.range(0, n).forEach(i -> actions.add(set(attr("a" + i), value(i))));
        return Renderer.update(new Update(actions));
    }

    private static Map<String, String> expectedNames(int n) {
        Map<String, String> m = new LinkedHashMap<>();
        IntStream.range(0, n).forEach(i -> m.put("#n" + i, "a" + i));
        return m;
    }

    private static Map<String, AttributeValue> expectedValues(int n) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        IntStream.range(0, n).forEach(i -> m.put(":v" + i, AttributeValue.fromN(Integer.toString(i))));
        return m;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 16, 17, 40, 64, 65, 150})
    void behaveLikeLinkedHashMapsInAliasOrder(int n) {
        Rendered r = numbered(n);
        Map<String, String> names = expectedNames(n);
        Map<String, AttributeValue> values = expectedValues(n);
        assertEquals(names, r.names());
        assertEquals(r.names(), names);
        assertEquals(values, r.values());
        assertEquals(names.hashCode(), r.names().hashCode());
        assertEquals(values.hashCode(), r.values().hashCode());
        assertEquals(names.toString(), r.names().toString());
        assertEquals(List.copyOf(names.keySet()), List.copyOf(r.names().keySet()));
        assertEquals(List.copyOf(names.values()), List.copyOf(r.names().values()));
        assertEquals(List.copyOf(values.entrySet()), List.copyOf(r.values().entrySet()));
        List<String> seen = new ArrayList<>();
        r.names().forEach((alias, name) -> seen.add(alias + "=" + name));
        assertEquals(names.entrySet().stream().map(Object::toString).toList(), seen);
        assertEquals(n, r.names().size());
        assertTrue(r.names().containsValue("a" + (n - 1)));
        assertTrue(r.names().containsKey("#n" + (n - 1)));
        assertFalse(r.names().containsKey("#n" + n));
    }

    @ParameterizedTest
    @ValueSource(strings = {"#n01", "#n00", "#n", "#n-1", "#n1x", "#x1", ":v1", "n1", "#n99999999999", "#n2147483648", ""})
    void answerNothingForKeysThatAreNotTheirAliases(String key) {
        Rendered r = numbered(20);
        assertNull(r.names().get(key));
        assertFalse(r.names().containsKey(key));
    }

    @Test
    void answerNothingForKeysThatAreNotStrings() {
        Rendered r = numbered(3);
        assertNull(r.names().get(null));
        assertNull(r.names().get(1));
        assertFalse(r.values().containsKey(null));
        assertEquals("a1", r.names().get("#n1"));
        assertEquals(AttributeValue.fromN("2"), r.values().get(":v2"));
        assertNull(r.values().get("#n1"));
    }

    @Test
    void areUnmodifiable() {
        Rendered r = numbered(3);
        assertThrows(UnsupportedOperationException.class, () -> r.names().put("#n9", "x"));
        assertThrows(UnsupportedOperationException.class, () -> r.names().remove("#n0"));
        assertThrows(UnsupportedOperationException.class, () -> r.names().clear());
        assertThrows(UnsupportedOperationException.class, () -> r.names().entrySet().iterator().next().setValue("x"));
        assertThrows(UnsupportedOperationException.class, () -> {
            var it = r.values().entrySet().iterator();
            it.next();
            it.remove();
        });
        assertThrows(UnsupportedOperationException.class, () -> r.values().keySet().remove(":v0"));
        assertEquals(expectedNames(3), r.names());
    }

    @Test
    void renderTheSameAfterAFailedRenderingOnTheSameThread() {
        Rendered before = numbered(5);
        // fails half-way: the second action overlaps the first
        assertThrows(IllegalArgumentException.class,
                () -> Renderer.update(update(set(path("x.y"), value(9)), set(path("x"), value(8)))));
        // fails at the end: 400 actions render to more than 4 KB, after every name and value was tabled
        assertThrows(IllegalArgumentException.class, () -> numbered(400));
        assertEquals(before, numbered(5));
    }

    @Test
    void countSubstitutedBytesExactlyNearTheLimit() {
        // 800,000 ASCII chars could be 2.4 MB of UTF-8 by their count, but are 800,000 bytes: accepted
        Rendered r = Renderer.update(update(set(path("a"), value("x".repeat(800_000)))));
        assertEquals(800_000, r.values().get(":v0").s().length());
        // 700,000 euro signs are 2,100,000 bytes, plus the name "a"
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Renderer.update(update(set(path("a"), value("\u20ac".repeat(700_000))))));
        assertTrue(e.getMessage().contains("total 2100001 bytes"), e.getMessage());
    }

    @Test
    void renderTheSameOnVirtualAndPlatformThreads() throws InterruptedException {
        AtomicReference<Rendered> onVirtual = new AtomicReference<>();
        Thread t = Thread.ofVirtual().start(() -> onVirtual.set(numbered(70)));
        t.join();
        assertEquals(numbered(70), onVirtual.get());
    }

    @Test
    void renderTheSameAfterALargeRendering() {
        Rendered small = numbered(3);
        numbered(270); // more names and values than the scratch space keeps
        assertEquals(small, numbered(3));
        assertEquals(expectedNames(270), numbered(270).names());
    }

    @Test
    void giveEqualPathsForEqualTextAndRejectBadTextEveryTime() {
        assertEquals(path("a.b[1].c"), path("a.b[1].c"));
        assertEquals(new Path(List.of(new Path.Name("a"), new Path.Name("b"))), path("a.b"));
        assertEquals(new Path(List.of(new Path.Name("a"), new Path.Name("b"), new Path.Index(2))), path("a.b[2]"));
        for (int i = 0; i < 2; i++) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> path("a..b"));
            assertTrue(e.getMessage().contains("position 2"), e.getMessage());
        }
    }
}
