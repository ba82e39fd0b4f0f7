package dev.dynamatic.it.server;

import java.io.Serial;

/** A local server could not be started or stopped answering; the message holds its log. */
public final class LocalDynamoDbException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final boolean portInUse;

    LocalDynamoDbException(String message, boolean portInUse, Throwable cause) {
        super(message, cause);
        this.portInUse = portInUse;
    }

    /** {@return whether the process exited because its port was taken (the start is retried on another port)} */
    public boolean portInUse() {
        return portInUse;
    }
}
