package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * Thrown by {@link BatchWrite#execute()} when some puts or deletes were not written: the {@link #result()} tells
 * what was written and lists each unwritten item with its reason. The cause is the first unwritten item's
 * failure, if one failed with an exception. (Use {@link BatchWrite#tryExecute()} to get the partial result
 * without an exception.)
 */
public final class BatchWriteException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient BatchWrite.Result result;

    BatchWriteException(String message, BatchWrite.Result result) {
        super(requireNonNull(message, "message is null"), firstCause(result));
        this.result = result;
    }

    /** {@return what the batch did: how many were written, and every one that was not, with the reason} */
    public BatchWrite.Result result() {
        return result;
    }

    private static @Nullable Throwable firstCause(BatchWrite.Result result) {
        for (BatchWrite.Unwritten u : result.unwritten()) {
            if (u.reason() instanceof BatchReason.Failed f) {
                return f.cause();
            }
        }
        return null;
    }
}
