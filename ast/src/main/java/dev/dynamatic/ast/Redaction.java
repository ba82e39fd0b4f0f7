package dev.dynamatic.ast;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * The one switch that shows attribute values in {@code toString()} and exception messages, for local debugging.
 *
 * <p>Attribute values are user data and may be secrets: tokens, passwords, e-mail addresses in keys. So by default
 * (redaction on) every {@code toString()} and every exception message of Dynamatic names attributes, types, sizes
 * and positions, never values: {@code eq(path("password"), value("hunter2"))} prints as
 * {@code Comparison[left=password, comparator=EQ, right=<S>]}. With values shown it prints
 * {@code right=S[value=hunter2]}, and messages quote the value they are about.
 *
 * <p>Show values on a developer's machine only, never where logs leave it:
 * <ul>
 *   <li>at start-up, with the system property {@value #PROPERTY}: {@code java -Ddynamatic.showValues=true …}
 *       (read once, when this class is first used);</li>
 *   <li>or in code, for a test or a debugging session: {@code Redaction.showValues(true)}.</li>
 * </ul>
 * The switch is global to the JVM (one volatile flag; reading it costs a volatile read).
 *
 * {@snippet :
 * Redaction.showValues(true);
 * try {
 *     System.out.println(eq(path("password"), value("hunter2"))); // ... right=S[value=hunter2]]
 * } finally {
 *     Redaction.showValues(false);
 * }
 * }
 *
 * <p>Code that writes its own messages about values formats each through {@link #value(Object)} (or
 * {@link #value(Object, String)}), which gives the value's text when values are shown and its type otherwise.
 */
public final class Redaction {

    /** The system property that shows values when set to {@code true} at start-up: {@value}. */
    public static final String PROPERTY = "dynamatic.showValues";

    private static volatile boolean showValues = Boolean.getBoolean(PROPERTY);

    private Redaction() {
    }

    /** {@return whether values are shown in {@code toString()} and messages} ({@code false} unless switched on) */
    public static boolean showsValues() {
        return showValues;
    }

    /**
     * Shows values in {@code toString()} and messages from now on, or stops showing them, for the whole JVM.
     *
     * @param show {@code true} to show values (local debugging only), {@code false} to redact them (the default)
     */
    public static void showValues(boolean show) {
        showValues = show;
    }

    /**
     * {@return the value as a message should show it}: its text when values are shown (text in double quotes),
     * otherwise only its type in angle brackets: a {@link Value}'s DynamoDB type ({@code <S>}), or the Java class's
     * simple name ({@code <String>}, {@code <Instant>}). A {@code null} is {@code null} either way.
     *
     * @param value the value a message is about, or {@code null}
     */
    public static String value(@Nullable Object value) {
        if (value == null) {
            return "null";
        }
        if (!showValues) {
            return "<" + (value instanceof Value v ? v.type().name() : value.getClass().getSimpleName()) + ">";
        }
        return shown(value);
    }

    /**
     * {@return the value as a message should show it, with the type given}: its text when values are shown,
     * otherwise {@code <type>}; for values whose type the caller knows better than its class says (an SDK
     * {@code AttributeValue}: {@code Redaction.value(av, av.type().toString())})
     *
     * @param value the value a message is about, or {@code null}
     * @param type the type to show when values are hidden, e.g. {@code "S"}
     */
    public static String value(@Nullable Object value, String type) {
        requireNonNull(type, "type is null");
        if (value == null) {
            return "null";
        }
        if (!showValues) {
            return "<" + type + ">";
        }
        return shown(value);
    }

    /** {@return a value's text while values are shown}: text in double quotes, anything else by its toString() */
    private static String shown(Object value) {
        return value instanceof CharSequence text ? "\"" + text + "\"" : value.toString();
    }
}
