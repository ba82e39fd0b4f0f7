package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * Thrown by {@link BatchGet#execute()} when some keys were not read (so whether their items exist is unknown): the
 * {@link #result()} holds the items found and lists each unread key with its reason. The cause is the first unread
 * key's failure, if one failed with an exception. (Use {@link BatchGet#tryExecute()} to get the partial result
 * without an exception.)
 */
public final class BatchGetException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient BatchGet.Result result;

    BatchGetException(String message, BatchGet.Result result) {
        super(requireNonNull(message, "message is null"), firstCause(result));
        this.result = result;
    }

    /** {@return what the batch read: the items found, and every key not read, with the reason} */
    public BatchGet.Result result() {
        return result;
    }

    private static @Nullable Throwable firstCause(BatchGet.Result result) {
        for (BatchGet.Unread u : result.unread()) {
            if (u.reason() instanceof BatchReason.Failed f) {
                return f.cause();
            }
        }
        return null;
    }
}
