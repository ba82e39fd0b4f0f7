package dev.dynamatic.core;

/**
 * Thrown when a write's response was lost and the library cannot tell whether the write was applied; the cause
 * is the failure that made the outcome uncertain. See {@link OptimisticLock} for when this can happen.
 */
public final class OutcomeUnknownException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception for a write whose outcome is unknown (made by the library).
     *
     * @param message which write and why its outcome is unknown
     * @param cause the failure that made it uncertain
     */
    public OutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
