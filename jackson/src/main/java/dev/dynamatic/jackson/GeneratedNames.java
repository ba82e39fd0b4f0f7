package dev.dynamatic.jackson;

import dev.dynamatic.ast.Attribute;
import dev.dynamatic.ast.Attributes;
import java.lang.reflect.RecordComponent;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.jsonFormatVisitors.JsonFormatVisitorWrapper;
import tools.jackson.databind.jsonFormatVisitors.JsonObjectFormatVisitor;

/**
 * Checks that the attribute names of a record's generated references ({@code @Attributes}: each component's
 * {@code @Attribute} name, else its own) are the property names the mapper writes, which its naming strategy,
 * mix-ins, {@code @JsonProperty} or custom serializers may change; nested {@code @Attributes} records are checked
 * too. Only names are compared and shown, never values.
 */
final class GeneratedNames {

    private GeneratedNames() {
    }

    /** Fails with the first generated name the mapper does not write, if the type is an {@code @Attributes} record. */
    static void check(ObjectMapper mapper, Class<?> type) {
        check(mapper, type, type.getSimpleName(), new HashSet<>());
    }

    private static void check(ObjectMapper mapper, Class<?> type, String where, Set<Class<?>> seen) {
        if (!type.isRecord() || !type.isAnnotationPresent(Attributes.class) || !seen.add(type)) {
            return;
        }
        Set<String> written = written(mapper, type);
        if (written == null) {
            throw new IllegalArgumentException("cannot check the generated references of " + where + " ("
                    + type.getName() + "): the mapper does not describe it as an object with properties (a custom"
                    + " serializer?), so the names it writes are unknown");
        }
        for (RecordComponent c : type.getRecordComponents()) {
            Attribute attribute = c.getAnnotation(Attribute.class);
            String name = attribute == null ? c.getName() : attribute.value();
            if (!written.contains(name)) {
                throw new IllegalArgumentException("the generated reference " + type.getSimpleName() + "Attributes."
                        + c.getName() + " names the attribute \"" + name + "\" (at " + where + "), but the mapper"
                        + " writes " + type.getSimpleName() + " with the properties " + written + " (a naming"
                        + " strategy, mix-in, @JsonProperty or @JsonIgnore?): give the component @JsonProperty(\""
                        + name + "\"), or @Attribute with the name the mapper writes");
            }
            check(mapper, c.getType(), where + "." + name, seen);
        }
    }

    /** {@return the property names the mapper writes for the type, in its order}, or null if it writes no object */
    private static @Nullable Set<String> written(ObjectMapper mapper, Class<?> type) {
        Set<String> names = new LinkedHashSet<>();
        boolean[] object = {false};
        mapper.acceptJsonFormatVisitor(type, new JsonFormatVisitorWrapper.Base() {
            @Override
            public JsonObjectFormatVisitor expectObjectFormat(JavaType t) {
                object[0] = true;
                return new JsonObjectFormatVisitor.Base(getContext()) {
                    @Override
                    public void property(BeanProperty p) {
                        names.add(p.getName());
                    }

                    @Override
                    public void optionalProperty(BeanProperty p) {
                        names.add(p.getName());
                    }
                };
            }
        });
        return object[0] ? names : null;
    }
}
