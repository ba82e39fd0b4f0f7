package dev.dynamatic.jackson;

import org.jspecify.annotations.Nullable;

/**
 * The one place in this module where a value of an item, and any exception text that may quote one, could enter a
 * message: values are user data (tokens, e-mail addresses in keys), so messages name classes, property paths, DynamoDB
 * types, sizes and positions instead. The global switch that shows values for local debugging
 * ({@link dev.dynamatic.ast.Redaction}) is read here for messages; causes go through ast's
 * {@link dev.dynamatic.ast.internal.Causes#withheld}, as in every module.
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
}
