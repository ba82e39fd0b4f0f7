package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import software.amazon.awssdk.core.exception.SdkException;

/** Why a batch left an item unwritten ({@link BatchWrite}) or a key unread ({@link BatchGet}). */
public sealed interface BatchReason permits BatchReason.Unprocessed, BatchReason.Failed {

    /** {@return the calls made for the item's chunk} */
    int attempts();


    /**
     * DynamoDB returned the item unprocessed on every attempt the budget allowed (or the deadline passed, or the
     * batch was interrupted, before it could be sent: then {@code attempts} may be 0).
     *
     * @param attempts the calls made for the item's chunk
     */
    record Unprocessed(int attempts) implements BatchReason {
    }

    /**
     * The last call for the item's chunk failed with this exception: one that retrying cannot fix, or a
     * retryable one when the budget ran out.
     *
     * @param cause the SDK's exception
     * @param attempts the calls made for the item's chunk
     */
    record Failed(SdkException cause, int attempts) implements BatchReason {
        /** Checks the cause is present. */
        public Failed {
            requireNonNull(cause, "cause is null");
        }

        /** {@return the cause's class and the attempts, never the cause's message (it may quote values)} */
        @Override
        public String toString() {
            return "Failed[" + cause.getClass().getSimpleName() + ", attempts=" + attempts + "]";
        }
    }
}
