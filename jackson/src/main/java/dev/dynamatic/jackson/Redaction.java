package dev.dynamatic.jackson;

import dev.dynamatic.ast.internal.Causes;
import org.jspecify.annotations.Nullable;

/**
 * The one place in this module where a value of an item, and any exception text that may quote one, could enter a
 * message: values are user data (tokens, e-mail addresses in keys), so messages name classes, property paths, DynamoDB
 * types, sizes and positions instead. The global switch that shows values for local debugging
 * ({@link dev.dynamatic.ast.Redaction}) is read here and nowhere else in this module.
 */
final class Redaction {

    private Redaction() {
    }

    /**
     * {@return the text that shows a value in a message}: empty while values are hidden (the default), the value
     * after a space when they are shown ({@link dev.dynamatic.ast.Redaction#showsValues()}). Messages put it right
     * after the word for the value, as in {@code "the number" + value(n) + " has a fraction"}, which then reads
     * {@code "the number 1.5 has a fraction"}.
     *
     * @param value the value a message is about
     */
    static String value(@Nullable Object value) {
        return dev.dynamatic.ast.Redaction.showsValues() ? " " + dev.dynamatic.ast.Redaction.value(value) : "";
    }

    /**
     * {@return the cause to attach to an exception this module throws}: a copy of {@code cause} and of the exceptions
     * it holds (causes and suppressed), each naming the original exception's class and keeping its stack trace, but
     * without its message, which Jackson, the JDK or the caller's own code may have filled with a value.
     *
     * While values are shown ({@link dev.dynamatic.ast.Redaction#showsValues()}) it is {@code cause} itself.
     *
     * @param cause what went wrong, or null
     */
    static @Nullable Throwable cause(@Nullable Throwable cause) {
        return Causes.withheld(cause);
    }
}
