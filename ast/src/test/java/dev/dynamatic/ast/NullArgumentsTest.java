package dev.dynamatic.ast;

import static dev.dynamatic.ast.Dsl.attributeExists;
import static dev.dynamatic.ast.Dsl.partitionKey;
import static dev.dynamatic.ast.Dsl.path;
import static dev.dynamatic.ast.Dsl.projection;
import static dev.dynamatic.ast.Dsl.remove;
import static dev.dynamatic.ast.Dsl.sortKey;
import static dev.dynamatic.ast.Dsl.update;
import static dev.dynamatic.ast.Dsl.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every public factory of the {@code Dsl}, every record's constructor and every public method of the ast's types
 * rejects each null argument (a null array, collection or element included) with a {@code NullPointerException}
 * whose message names the parameter: found by reflection, so a new factory is checked without being listed.
 */
class NullArgumentsTest {

    /** The ast's public types with constructors or methods that take arguments. */
    private static final List<Class<?>> TYPES = List.of(Dsl.class, Path.class, Path.Name.class, Bytes.class,
            Redaction.class, Value.S.class, Value.N.class, Value.B.class, Value.L.class, Value.M.class,
            Value.SS.class, Value.NS.class, Value.BS.class, Operand.IfNotExists.class, Operand.ListAppend.class,
            SetValue.Plus.class, SetValue.Minus.class, Comparand.Size.class, UpdateAction.Set.class,
            UpdateAction.Remove.class, UpdateAction.Add.class, UpdateAction.Delete.class, Update.class,
            Condition.Comparison.class, Condition.Between.class, Condition.In.class, Condition.And.class,
            Condition.Or.class, Condition.Not.class, Condition.AttributeExists.class,
            Condition.AttributeNotExists.class, Condition.AttributeType.class, Condition.BeginsWith.class,
            Condition.Contains.class, KeyCondition.class, KeyCondition.Comparison.class, KeyCondition.Between.class,
            KeyCondition.BeginsWith.class, KeyCondition.SortKey.class, Projection.class, JavaTypes.class,
            StringRef.class, NumberRef.class, BinaryRef.class, BooleanRef.class, ListRef.class, MapRef.class,
            SetRef.class, KeyCondition.TypedSortKey.class, KeyCondition.PrefixSortKey.class);

    /** Methods whose null handling a JDK contract defines. */
    private static final Set<String> CONTRACTS = Set.of("equals", "hashCode", "toString", "compareTo");

    /** One call: a constructor or method, and which argument is null (or holds a null element). */
    record Call(Executable executable, int index, boolean element) {
        @Override
        public String toString() {
            return executable.getDeclaringClass().getSimpleName() + "." + executable.getName()
                    + Arrays.toString(executable.getParameterTypes()) + " " + executable.getParameters()[index].getName()
                    + (element ? "[0]" : "") + " = null";
        }
    }

    static Stream<Call> calls() {
        List<Call> calls = new ArrayList<>();
        for (Class<?> type : TYPES) {
            List<Executable> executables = new ArrayList<>(Arrays.asList(type.getConstructors()));
            for (Method m : type.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic() && !CONTRACTS.contains(m.getName())) {
                    executables.add(m);
                }
            }
            for (Executable e : executables) {
                Parameter[] parameters = e.getParameters();
                for (int i = 0; i < parameters.length; i++) {
                    Parameter p = parameters[i];
                    if (p.getType().isPrimitive() || p.getAnnotatedType().isAnnotationPresent(Nullable.class)) {
                        continue;
                    }
                    calls.add(new Call(e, i, false));
                    if (holdsElements(p)) {
                        calls.add(new Call(e, i, true));
                    }
                }
            }
        }
        return calls.stream();
    }

    @Test
    void findsTheFactories() {
        // the reflection above sees what it should: names compiled in, and every Dsl factory of the README
        assertTrue(calls().count() > 150, "calls: " + calls().count());
        assertTrue(calls().allMatch(c -> c.executable().getParameters()[c.index()].isNamePresent()),
                "compile with -parameters");
        assertTrue(calls().anyMatch(c -> c.executable().getName().equals("update") && c.element()));
        assertTrue(calls().anyMatch(c -> c.executable().getName().equals("in") && c.index() == 1));
        assertTrue(calls().anyMatch(c -> c.executable().getName().equals("stringSet") && c.element()));
    }

    @ParameterizedTest
    @MethodSource("calls")
    void namesTheNullArgument(Call call) throws Exception {
        Executable e = call.executable();
        Parameter[] parameters = e.getParameters();
        Object[] args = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            args[i] = sample(parameters[i].getParameterizedType());
        }
        args[call.index()] = call.element() ? withNull(parameters[call.index()]) : null;
        String name = parameters[call.index()].getName();
        Throwable thrown = null;
        try {
            if (e instanceof Constructor<?> c) {
                c.newInstance(args);
            } else {
                Method m = (Method) e;
                m.invoke(Modifier.isStatic(m.getModifiers()) ? null : receiver(m.getDeclaringClass()), args);
            }
        } catch (InvocationTargetException x) {
            thrown = x.getCause();
        }
        if (thrown == null) {
            fail(call + " accepted the null");
        }
        NullPointerException npe = assertInstanceOf(NullPointerException.class, thrown, call.toString());
        assertNotNull(npe.getMessage(), call + " threw a NullPointerException without a message");
        assertTrue(Pattern.compile("(^|\\W)" + Pattern.quote(name) + "(\\W|$)").matcher(npe.getMessage()).find(),
                call + ": \"" + npe.getMessage() + "\" does not name the parameter " + name);
    }

    @Test
    void namesTheNullsOfTheIssue() {
        // the three calls the issue found throwing a bare NullPointerException
        assertEquals("actions[0] is null",
                message(() -> update((UpdateAction) null)));
        assertEquals("first is null", message(() -> Dsl.in(path("a"), null, value(1))));
        assertEquals("members[1] is null", message(() -> Dsl.stringSet("a", null)));
        assertEquals("more[1] is null", message(() -> Dsl.in(path("a"), value(1), value(2), null)));
    }

    private static String message(org.junit.jupiter.api.function.Executable call) {
        try {
            call.execute();
        } catch (NullPointerException e) {
            return e.getMessage();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        throw new AssertionError("no exception");
    }

    /** Arrays, and collections and maps whose elements may not be null (a {@code List<?>} of Java values may). */
    private static boolean holdsElements(Parameter p) {
        if (p.getType().isArray()) {
            return !p.getType().getComponentType().isPrimitive();
        }
        if ((Collection.class.isAssignableFrom(p.getType()) || Map.class.isAssignableFrom(p.getType()))
                && p.getParameterizedType() instanceof ParameterizedType t) {
            Type element = t.getActualTypeArguments()[t.getActualTypeArguments().length - 1];
            // a List<?> or a reference's List<E> of Java values may hold null (DynamoDB's NULL)
            return !(element instanceof WildcardType w && w.getUpperBounds()[0] == Object.class)
                    && !(element instanceof java.lang.reflect.TypeVariable<?>);
        }
        return false;
    }

    /** {@return a valid argument of the parameter's kind holding one null element} */
    private static Object withNull(Parameter p) {
        if (p.getType().isArray()) {
            return Array.newInstance(p.getType().getComponentType(), 1);
        }
        if (Map.class.isAssignableFrom(p.getType())) {
            Map<String, Object> map = new HashMap<>();
            map.put("k", null);
            return map;
        }
        return Arrays.asList((Object) null);
    }

    private static Object receiver(Class<?> type) {
        return Map.<Class<?>, Object>of(Path.class, path("a.b"), Update.class, update(remove(path("z"))),
                Projection.class, projection("a"), KeyCondition.class, partitionKey("PK", value("x")),
                KeyCondition.SortKey.class, sortKey("SK"), MapRef.class, MAP_REF,
                KeyCondition.TypedSortKey.class, sortKey(STRING_REF), KeyCondition.PrefixSortKey.class,
                sortKey(STRING_REF)).get(type);
    }

    private static final StringRef<String> STRING_REF = new StringRef<>(Path.attribute("s"), String.class);
    private static final MapRef<String, StringRef<String>> MAP_REF =
            new MapRef<>(Path.attribute("m"), p -> new StringRef<>(p, String.class));

    /**
     * {@return a valid argument of the type} (each parameter before a null one must pass its own checks); a
     * type variable stands for String, the value type of every sample reference but the number one
     */
    private static Object sample(Type type) {
        if (type instanceof java.lang.reflect.TypeVariable<?>) {
            return "a";
        }
        if (type instanceof java.lang.reflect.GenericArrayType) {
            return new Object[0];
        }
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Type[] args = p.getActualTypeArguments();
            if (raw == Optional.class) {
                return Optional.empty();
            }
            if (raw == Map.class) {
                return Map.of("k", sample(args[1]));
            }
            if (raw == List.class || raw == Collection.class) {
                return List.of(sample(args[0]));
            }
            if (raw == Set.class) {
                return Set.of(sample(args[0]));
            }
            if (raw == Class.class) {
                return String.class;
            }
            if (raw == java.util.function.Function.class) {
                return (java.util.function.Function<Path, Ref>) q -> new StringRef<>(q, String.class);
            }
            return sample(raw);
        }
        if (type instanceof WildcardType w) {
            return sample(w.getUpperBounds()[0]);
        }
        Class<?> c = (Class<?>) type;
        if (c.isArray()) {
            Object array = Array.newInstance(c.getComponentType(), c.getComponentType().isPrimitive() ? 1 : 0);
            return array;
        }
        Map<Class<?>, Object> samples = new HashMap<>();
        samples.put(Object.class, "x");
        samples.put(String.class, "a");
        samples.put(Path.class, path("a"));
        samples.put(Path.Segment.class, new Path.Name("a"));
        samples.put(Value.class, value("x"));
        samples.put(Value.N.class, value(1));
        samples.put(Comparand.class, value("x"));
        samples.put(PathOrValue.class, value("x"));
        samples.put(Operand.class, value(1));
        samples.put(SetValue.class, value(1));
        samples.put(Condition.class, attributeExists(path("a")));
        samples.put(UpdateAction.class, remove(path("a")));
        samples.put(Update.class, update(remove(path("b"))));
        samples.put(Value.Type.class, Value.Type.S);
        samples.put(Enum.class, Value.Type.S);
        samples.put(Condition.Comparator.class, Condition.Comparator.EQ);
        samples.put(KeyCondition.SortKeyCondition.class, sortKey("SK").eq(value("x")));
        samples.put(BigDecimal.class, BigDecimal.ONE);
        samples.put(BigInteger.class, BigInteger.ONE);
        samples.put(Number.class, 1);
        samples.put(Bytes.class, Bytes.of((byte) 1));
        samples.put(ByteBuffer.class, ByteBuffer.allocate(1));
        samples.put(UUID.class, new UUID(1, 2));
        samples.put(Instant.class, Instant.EPOCH);
        samples.put(Class.class, String.class);
        samples.put(Ref.class, STRING_REF);
        samples.put(ValueRef.class, STRING_REF);
        samples.put(ScalarRef.class, STRING_REF);
        samples.put(StringRef.class, STRING_REF);
        samples.put(NumberRef.class, new NumberRef<>(Path.attribute("n"), Integer.class));
        samples.put(BinaryRef.class, new BinaryRef(Path.attribute("b"), Bytes.class));
        samples.put(BooleanRef.class, new BooleanRef(Path.attribute("f")));
        samples.put(SetRef.class, new SetRef<>(Path.attribute("t"), String.class));
        samples.put(ListRef.class, new ListRef<String, StringRef<String>>(Path.attribute("l"),
                p -> new StringRef<>(p, String.class)));
        samples.put(MapRef.class, MAP_REF);
        Object sample = samples.get(c);
        if (sample == null) {
            throw new AssertionError("no sample for " + c + ": add one");
        }
        return sample;
    }
}
