package dev.dynamatic.jackson;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.dynamatic.ast.Attribute;
import dev.dynamatic.ast.Attributes;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.introspect.AnnotatedMember;
import tools.jackson.databind.jsonFormatVisitors.JsonFormatVisitorWrapper;
import tools.jackson.databind.jsonFormatVisitors.JsonObjectFormatVisitor;

/**
 * Checks that the attribute names of a record's or class's generated references ({@code @Attributes}) are the
 * property names the mapper writes, which its naming strategy, mix-ins, visibility settings or custom serializers may
 * change; nested {@code @Attributes} types (held directly, or in an {@code Optional}, list, set or map) are checked
 * too. Only names are compared and shown, never values.
 *
 * <p>The generated names are found by dynamatic-processor's rule (see {@code @Attributes}): a record's components or
 * a class's non-static, non-transient fields (its superclasses' too), less those with {@code @JsonIgnore} on the
 * field, accessor, getter or setter; each named by its {@code @JsonProperty}, else its {@code @Attribute}, else
 * its own name.
 */
final class GeneratedNames {

    private GeneratedNames() {
    }

    /** Fails with the first generated name the mapper does not write, if the type has generated references. */
    static void check(ObjectMapper mapper, Class<?> type) {
        check(mapper, type, type.getSimpleName(), new HashSet<>());
    }

    /**
     * {@return whether the processor generates references for the type}: an {@code @Attributes} record, or a
     * concrete class that is not generic (it rejects the others)
     */
    private static boolean hasReferences(Class<?> type) {
        return type.isAnnotationPresent(Attributes.class) && !type.isInterface() && !type.isEnum()
                && !Modifier.isAbstract(type.getModifiers()) && type.getTypeParameters().length == 0;
    }

    private static void check(ObjectMapper mapper, Class<?> type, String where, Set<Class<?>> seen) {
        if (!hasReferences(type) || !seen.add(type)) {
            return;
        }
        Map<String, @Nullable Member> written = written(mapper, type);
        if (written == null) {
            throw new IllegalArgumentException("cannot check the generated references of " + where + " ("
                    + type.getName() + "): the mapper does not describe it as an object with properties (a custom"
                    + " serializer?), so the names it writes are unknown");
        }
        String kind = type.isRecord() ? "component" : "field";
        for (Stored m : members(type)) {
            if (m.ignored()) {
                continue;
            }
            String name = m.attributeName(type, kind);
            if (!written.containsKey(name)) {
                String reference = "the generated reference " + type.getSimpleName() + "Attributes." + m.name()
                        + " names the attribute \"" + name + "\" (at " + where + "), but the mapper ";
                String instead = null;
                for (Map.Entry<String, @Nullable Member> w : written.entrySet()) {
                    if (w.getValue() != null && m.carriers().contains(w.getValue())) {
                        instead = w.getKey();
                        break;
                    }
                }
                if (instead != null) {
                    throw new IllegalArgumentException(reference + "writes it as \"" + instead + "\" (a naming"
                            + " strategy or mix-in?): name the " + kind + " the same for both (@JsonProperty names it"
                            + " for both, @Attribute for the references only)");
                }
                throw new IllegalArgumentException(reference + "does not write it; it writes " + type.getSimpleName()
                        + " with the properties " + written.keySet() + " (a mix-in, a visibility setting or a custom"
                        + " serializer?): give the " + kind + " @JsonIgnore (then it has no reference), or have the"
                        + " mapper write it");
            }
            nested(mapper, m.type(), where + "." + name, seen);
        }
    }

    /** Checks the {@code @Attributes} types a member's type holds: itself, or the type arguments of a container. */
    private static void nested(ObjectMapper mapper, Type type, String where, Set<Class<?>> seen) {
        if (type instanceof Class<?> c) {
            check(mapper, c, where, seen);
        } else if (type instanceof ParameterizedType p) {
            boolean optional = p.getRawType() == Optional.class;
            for (Type argument : p.getActualTypeArguments()) {
                nested(mapper, argument, optional ? where : where + "[]", seen);
            }
        }
    }

    /**
     * A stored member of an {@code @Attributes} type: a record component or a class's field, its generic type, and
     * where its annotations may be: the component, accessor, field and canonical constructor parameter; the field,
     * getters ({@code getX()}, {@code isX()}) and setters ({@code setX(..)}).
     */
    private record Stored(String name, Type type, List<AnnotatedElement> carriers) {

        boolean ignored() {
            for (AnnotatedElement e : carriers) {
                JsonIgnore ignore = e.getAnnotation(JsonIgnore.class);
                if (ignore != null && ignore.value()) {
                    return true;
                }
            }
            return false;
        }

        /** {@return the {@code @JsonProperty} name, else the {@code @Attribute} name, else the member's own} */
        String attributeName(Class<?> owner, String kind) {
            Set<String> names = new LinkedHashSet<>();
            for (AnnotatedElement e : carriers) {
                JsonProperty property = e.getAnnotation(JsonProperty.class);
                if (property != null && !property.value().isEmpty()) {
                    names.add(property.value());
                }
            }
            for (AnnotatedElement e : carriers) {
                Attribute attribute = e.getAnnotation(Attribute.class);
                if (attribute != null) {
                    names.add(attribute.value());
                }
            }
            if (names.size() > 1) {
                throw new IllegalArgumentException("the " + kind + " " + owner.getSimpleName() + "." + name
                        + " is given the attribute names " + names + " (@JsonProperty, @Attribute): dynamatic-processor"
                        + " generates no references for it; give it one name");
            }
            return names.isEmpty() ? name : names.iterator().next();
        }
    }

    /** {@return the stored members of a record or class, by the processor's rule} */
    private static List<Stored> members(Class<?> type) {
        List<Stored> members = new ArrayList<>();
        if (type.isRecord()) {
            RecordComponent[] components = type.getRecordComponents();
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
            }
            Constructor<?> canonical;
            try {
                canonical = type.getDeclaredConstructor(types);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("record " + type.getName() + " has no canonical constructor", e);
            }
            for (int i = 0; i < components.length; i++) {
                RecordComponent c = components[i];
                List<AnnotatedElement> carriers = new ArrayList<>(List.of(c, c.getAccessor(),
                        canonical.getParameters()[i]));
                try {
                    carriers.add(type.getDeclaredField(c.getName()));
                } catch (NoSuchFieldException e) {
                    throw new IllegalStateException("record " + type.getName() + " has no field " + c.getName(), e);
                }
                members.add(new Stored(c.getName(), c.getGenericType(), carriers));
            }
            return members;
        }
        List<Class<?>> hierarchy = new ArrayList<>(); // the class, then its superclasses up to Object
        for (Class<?> k = type; k != null && k != Object.class; k = k.getSuperclass()) {
            hierarchy.add(k);
        }
        for (Class<?> declaring : hierarchy.reversed()) {
            for (Field f : declaring.getDeclaredFields()) {
                int modifiers = f.getModifiers();
                if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers) || f.isSynthetic()) {
                    continue;
                }
                String name = f.getName();
                String bean = Character.toUpperCase(name.charAt(0)) + name.substring(1);
                List<AnnotatedElement> carriers = new ArrayList<>(List.of(f));
                for (Class<?> k : hierarchy) {
                    for (Method m : k.getDeclaredMethods()) {
                        String n = m.getName();
                        int arity = m.getParameterCount();
                        if (!Modifier.isStatic(m.getModifiers()) && !m.isSynthetic() && (arity == 0
                                && (n.equals("get" + bean) || n.equals("is" + bean))
                                || arity == 1 && n.equals("set" + bean))) {
                            carriers.add(m);
                        }
                    }
                }
                members.add(new Stored(name, f.getGenericType(), carriers));
            }
        }
        return members;
    }

    /**
     * {@return the property names the mapper writes for the type, in its order, each with the field or method it
     * writes from (null if none)}, or null if it writes no object
     */
    private static @Nullable Map<String, @Nullable Member> written(ObjectMapper mapper, Class<?> type) {
        Map<String, @Nullable Member> names = new LinkedHashMap<>();
        boolean[] object = {false};
        mapper.acceptJsonFormatVisitor(type, new JsonFormatVisitorWrapper.Base() {
            @Override
            public JsonObjectFormatVisitor expectObjectFormat(JavaType t) {
                object[0] = true;
                return new JsonObjectFormatVisitor.Base(getContext()) {
                    @Override
                    public void property(BeanProperty p) {
                        add(p);
                    }

                    @Override
                    public void optionalProperty(BeanProperty p) {
                        add(p);
                    }

                    private void add(BeanProperty p) {
                        AnnotatedMember member = p.getMember();
                        names.put(p.getName(), member == null ? null : member.getMember());
                    }
                };
            }
        });
        return object[0] ? names : null;
    }
}
