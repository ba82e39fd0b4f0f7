package dev.dynamatic.enhanced;

import dev.dynamatic.ast.Redaction;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The causes this module attaches to its exceptions: the Enhanced Client's converters (and the JDK under them) put
 * values into their messages ({@code For input string: "…"}), so while values are hidden ({@link Redaction}) a cause
 * is a copy that keeps each exception's class and stack trace and withholds its message.
 */
final class Causes {

    private Causes() {
    }

    /**
     * {@return the cause to attach}: {@code cause} itself while values are shown, else a copy of it and of the
     * exceptions it holds (causes and suppressed) without their messages
     *
     * @param cause what the Enhanced Client threw
     */
    static Throwable of(Throwable cause) {
        if (Redaction.showsValues()) {
            return cause;
        }
        Withheld copy = withheld(cause, Collections.newSetFromMap(new IdentityHashMap<>()));
        return copy == null ? cause : copy;
    }

    private static @Nullable Withheld withheld(@Nullable Throwable t, Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return null; // the end of the chain, or a cycle in it
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
