package dev.dynamatic.jackson;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
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
        if (dev.dynamatic.ast.Redaction.showsValues()) {
            return cause; // values shown: nothing to withhold
        }
        return cause == null ? null : withheld(cause, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static @Nullable Withheld withheld(@Nullable Throwable t, Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return null; // a cycle in the chain ends the copy
        }
        Withheld copy = new Withheld(t, withheld(t.getCause(), seen));
        for (Throwable s : t.getSuppressed()) {
            Withheld suppressed = withheld(s, seen);
            if (suppressed != null) {
                copy.addSuppressed(suppressed);
            }
        }
        return copy;
    }

    /** An exception standing in for another whose message is withheld: its class's name and its stack trace. */
    static final class Withheld extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Withheld(Throwable original, @Nullable Withheld cause) {
            super(original.getClass().getName() + " (message withheld: it may show a value)", cause);
            setStackTrace(original.getStackTrace());
        }

        /** {@return this, without capturing a stack trace}: the original's is set instead. */
        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
