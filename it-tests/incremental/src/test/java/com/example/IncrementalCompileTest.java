package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dynamatic.ast.Ref;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the build left after the sources of the stage named by the system property {@code stage} were compiled
 * without {@code clean} (see invoker.properties): the generated companions, their sources and the classes match
 * the current records, and nothing generated from an earlier stage is left.
 */
class IncrementalCompileTest {

    private static final String STAGE = System.getProperty("stage", "");
    private static final boolean ORIGINAL = STAGE.equals("original");

    @Test
    void theStageIsKnown() {
        assertTrue(Set.of("original", "changed", "use-changed").contains(STAGE), "stage " + STAGE);
    }

    @Test
    void companionsHaveTheCurrentComponentsUnderTheCurrentNames() throws Exception {
        Class<?> order = Class.forName("com.example.OrderAttributes");
        assertEquals(ORIGINAL ? Set.of("id", "status", "total", "shipping") : Set.of("id", "status", "shipping", "note"),
                staticFields(order));
        assertEquals(ORIGINAL ? "status" : "state", path(order, "status"));
        assertEquals("shipping.city", nestedCity(order));
        assertEquals(ORIGINAL ? "AddressAttributes$Nested" : "LocationAttributes$Nested",
                order.getField("shipping").getType().getName().substring("com.example.".length()));
        if (!ORIGINAL) {
            assertEquals("note", path(order, "note"));
        }
    }

    @Test
    void codeUsingTheReferencesSeesTheCurrentOnes() {
        String expected = switch (STAGE) {
            case "original" -> "status shipping.city";
            case "changed" -> "state shipping.city"; // Use.java unchanged, Order changed under it
            case "use-changed" -> "state note shipping.city"; // only Use.java changed
            default -> throw new AssertionError("stage " + STAGE);
        };
        assertEquals(expected, Use.paths());
    }

    @Test
    void companionsOfDeletedOrRenamedRecordsAreGone() throws Exception {
        Set<String> records = ORIGINAL ? Set.of("Order", "Address", "Customer") : Set.of("Order", "Location");
        for (String record : Set.of("Address", "Customer", "Location")) {
            String companion = "com.example." + record + "Attributes";
            if (records.contains(record)) {
                Class.forName(companion);
            } else {
                assertThrows(ClassNotFoundException.class, () -> Class.forName(companion));
            }
        }
        Set<String> generated = records.stream().map(r -> r + "Attributes.java")
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(generated, names(Path.of(System.getProperty("generated")).resolve("com/example")));
        Set<String> classes = new TreeSet<>(Set.of("Use.class"));
        for (String r : records) {
            classes.addAll(Set.of(r + ".class", r + "Attributes.class", r + "Attributes$Nested.class"));
        }
        assertEquals(classes, names(Path.of(System.getProperty("classes")).resolve("com/example")));
    }

    private static Set<String> staticFields(Class<?> type) {
        return Arrays.stream(type.getDeclaredFields()).filter(f -> Modifier.isStatic(f.getModifiers()))
                .map(Field::getName).collect(Collectors.toSet());
    }

    private static String path(Class<?> type, String field) throws ReflectiveOperationException {
        return ((Ref) type.getField(field).get(null)).path().toString();
    }

    private static String nestedCity(Class<?> order) throws ReflectiveOperationException {
        Object shipping = order.getField("shipping").get(null);
        return ((Ref) shipping.getClass().getField("city").get(shipping)).path().toString();
    }

    private static Set<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
