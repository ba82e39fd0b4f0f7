package dev.dynamatic.ast.internal;

import dev.dynamatic.ast.Redaction;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The causes Dynamatic's codecs attach to their exceptions: a library's exceptions (Jackson's, the Enhanced Client's
 * converters', the JDK's number parsing) often quote the value they failed on, so while values are hidden
 * ({@link Redaction}) a cause is a copy that keeps each exception's class and stack trace and withholds its message.
 */
public final class Causes {

    private Causes() {
    }

    /**
     * {@return the cause to attach to an exception}: {@code cause} itself while values are shown
     * ({@link Redaction#showsValues()}), else a copy of it and of the exceptions it holds (causes and suppressed), each
     * naming the original exception's class and keeping its stack trace, but without its message
     *
     * @param cause what went wrong, or null
     */
    public static @Nullable Throwable withheld(@Nullable Throwable cause) {
        if (Redaction.showsValues()) {
            return cause; // values shown: nothing to withhold
        }
        return cause == null ? null : copy(cause, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static @Nullable Withheld copy(@Nullable Throwable t, Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return null; // the end of the chain, or a cycle in it
        }
        Withheld copy = new Withheld(t, copy(t.getCause(), seen));
        for (Throwable s : t.getSuppressed()) {
            Withheld suppressed = copy(s, seen);
            if (suppressed != null) {
                copy.addSuppressed(suppressed);
            }
        }
        return copy;
    }

    /** An exception standing in for another whose message is withheld: its class's name and its stack trace. */
    public static final class Withheld extends RuntimeException {
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
