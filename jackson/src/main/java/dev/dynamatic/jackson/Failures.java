package dev.dynamatic.jackson;

import dev.dynamatic.ast.internal.Causes;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.exc.IgnoredPropertyException;
import tools.jackson.databind.exc.InvalidDefinitionException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Turns what Jackson throws into the codec's {@link IllegalArgumentException}: the class, the property path, the
 * DynamoDB type and the reason, and never a value. The codec's own errors say so already; Jackson's are rewritten from
 * their kind, since Jackson's messages quote the input ({@code Cannot deserialize value of type `int` from String
 * "hunter2"}). Only the messages of errors in a class's definition (which name types, not data) are kept.
 *
 * <p>The exception thrown keeps what went wrong as its cause, through {@link Causes#withheld}: every exception of the
 * chain by class and stack trace, without its message (unless values are shown).
 */
final class Failures {

    private Failures() {
    }

    /**
     * {@return the exception to throw for a failed encode or decode}
     *
     * @param typeName the codec's class, first in the message
     * @param e        what Jackson, the generator or the parser threw
     */
    static IllegalArgumentException of(String typeName, JacksonException e) {
        Throwable cause = Causes.withheld(e);
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ItemGenerator.Rejected || t instanceof ItemParser.Rejected) {
                // complete already: the class, the path as the generator or parser knew it, the rule
                return new IllegalArgumentException(((JacksonException) t).getOriginalMessage(), cause);
            }
            if (t instanceof StrictReading.Mismatch m) {
                String path = path(e);
                return new IllegalArgumentException(typeName + (path.isEmpty() ? path(m) : path) + ": "
                        + m.getOriginalMessage(), cause);
            }
        }
        return new IllegalArgumentException(typeName + path(e) + ": " + reason(e), cause);
    }

    /** {@return the path Jackson recorded}: {@code .address.lines[2]} */
    private static String path(JacksonException e) {
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            String name = ref.getPropertyName();
            if (name != null) {
                sb.append('.').append(name);
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** {@return why Jackson failed, in words that quote nothing of the item} */
    private static String reason(JacksonException e) {
        return switch (e) {
            case UnrecognizedPropertyException u -> "is not a property of " + u.getReferringClass().getSimpleName()
                    + " — the mapper fails on unknown properties (DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)";
            case IgnoredPropertyException i -> "is an ignored property of " + i.getReferringClass().getSimpleName()
                    + " — the mapper fails on ignored properties (DeserializationFeature.FAIL_ON_IGNORED_PROPERTIES)";
            case InvalidTypeIdException t -> t.getTypeId() == null
                    ? "has no type id, which " + simpleName(t.getBaseType()) + " needs to pick its subtype"
                    : "the type id" + Redaction.value(t.getTypeId()) + " names no subtype of "
                            + simpleName(t.getBaseType());
            case InvalidFormatException f -> invalid(f);
            case InvalidNullException n -> "is NULL, but the property does not take null (@JsonSetter(nulls = FAIL))";
            case MismatchedInputException m -> mismatch(m);
            case ValueInstantiationException v -> "the creator of " + simpleName(v.getType())
                    + " rejected the values read" + thrown(v.getCause());
            // a class Jackson cannot handle: the message names types and annotations, not data
            case InvalidDefinitionException d when d.getCause() == null -> d.getOriginalMessage();
            // a size or nesting limit of the mapper's stream constraints: sizes only
            case StreamConstraintsException c -> c.getOriginalMessage();
            default -> e.getCause() != null && !(e.getCause() instanceof JacksonException)
                    ? "Jackson failed" + thrown(e.getCause())
                    : "Jackson failed (" + e.getClass().getName() + "; message withheld: it may show a value)";
        };
    }

    /** {@return why a value of the right DynamoDB type is not valid for its class}, or of the wrong type after all */
    private static String invalid(InvalidFormatException f) {
        String found = StrictReading.found(f.processor());
        Class<?> target = f.getTargetType();
        String expected = target == null ? "" : expected(target);
        if (expected.startsWith("a map") || expected.startsWith("a list")) {
            return "expected " + expected + ", found " + found; // a string where an object or array belongs
        }
        return "the " + words(found) + Redaction.value(f.getValue()) + " is not a valid " + simpleName(target);
    }

    private static String mismatch(MismatchedInputException m) {
        String found = StrictReading.found(m.processor());
        if (found.equals("no value")) {
            return "is missing, and the class or the mapper requires it";
        }
        Class<?> target = m.getTargetType();
        return target == null ? "does not fit the class, found " + found
                : "expected " + expected(target) + ", found " + found;
    }

    /** {@return what a Java type is read from, in words}: {@code a number (N)}; strict reading's words too */
    static String expected(Class<?> c) {
        if (c == String.class || CharSequence.class.isAssignableFrom(c)) {
            return "a string (S)";
        }
        if (c == char.class || c == Character.class) {
            return "a string (S) of one character";
        }
        if (c == boolean.class || c == Boolean.class) {
            return "a boolean (BOOL)";
        }
        if (c.isPrimitive() || Number.class.isAssignableFrom(c)) {
            return "a number (N)";
        }
        if (c == byte[].class || ByteBuffer.class.isAssignableFrom(c)) {
            return "binary (B)";
        }
        if (c.isEnum()) {
            return "a string (S) naming a " + c.getSimpleName();
        }
        if (c.isArray() || Collection.class.isAssignableFrom(c)) {
            return "a list or set (L, SS, NS, BS)";
        }
        if (Map.class.isAssignableFrom(c) || !c.getName().startsWith("java.")) {
            return "a map (M)";
        }
        return "a value Jackson reads as " + c.getSimpleName(); // UUID, Instant and other JDK types
    }

    private static String words(String dynamoType) {
        return switch (dynamoType) {
            case "S" -> "string";
            case "N" -> "number";
            case "B" -> "binary value";
            case "BOOL" -> "boolean";
            case "M" -> "map";
            case "L" -> "list";
            case "SS", "NS", "BS" -> "set";
            default -> "value";
        };
    }

    private static String thrown(@Nullable Throwable cause) {
        return cause == null ? "" : " (" + cause.getClass().getName() + "; message withheld: it may show a value)";
    }

    private static String simpleName(@Nullable JavaType type) {
        return type == null ? "the class" : type.getRawClass().getSimpleName();
    }

    private static String simpleName(@Nullable Class<?> type) {
        return type == null ? "the class" : type.getSimpleName();
    }
}
