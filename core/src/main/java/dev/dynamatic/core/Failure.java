package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * An outcome a caller branches on, returned on the left of an {@code Either} rather than thrown.
 *
 * <p>Misuse (an invalid argument) and infrastructure failures (network, retries exhausted) are thrown;
 * a {@code Failure} is an expected result of a well-formed request. Each keeps the item DynamoDB returned as
 * an {@link Item} (a view over its attributes): read it as plain data, or with {@code decode(codec)} as the
 * caller's own type.
 *
 * {@snippet :
 * switch (failure) {
 *     case Failure.ConditionFailed c -> log.info("not open any more: " + c.decode(orders).map(Order::status));
 *     case Failure.TransactionCanceled t -> log.info("cancelled: " + t.reasons());
 *     case Failure.VersionConflict v -> log.info("someone else wrote version " + v.current().map(lock::versionOf));
 * }
 * }
 */
public sealed interface Failure permits Failure.ConditionFailed, Failure.TransactionCanceled, Failure.VersionConflict {

    /**
     * The request's condition was false: nothing was written.
     *
     * @param item the item as it was when the condition was evaluated (DynamoDB returns it with
     *             {@code ReturnValuesOnConditionCheckFailure=ALL_OLD}, which the library asks for), empty if
     *             there was no item
     * @param message the service's message
     */
    record ConditionFailed(Optional<Item> item, String message) implements Failure {
        /** Checks both parts are present. */
        public ConditionFailed {
            requireNonNull(item, "item is null");
            requireNonNull(message, "message is null");
        }

        /**
         * {@return the item as it was, decoded by the codec}
         *
         * @param <T> the type the codec decodes to
         * @param codec how the item is decoded
         */
        public <T> Optional<T> decode(ItemCodec<T> codec) {
            requireNonNull(codec, "codec is null");
            return item.map(i -> i.decode(codec));
        }
    }

    /**
     * DynamoDB cancelled the transaction for a reason that is not transient: nothing was written. (Cancellations
     * whose reasons are all transient, {@code TransactionConflict} or throttling, are retried under the
     * {@link RetryPolicy} instead.)
     *
     * @param reasons one per action, in the order the actions were added; {@code None} for actions that were fine
     * @param message the service's message
     */
    record TransactionCanceled(List<Reason> reasons, String message) implements Failure {
        /** Copies the reasons. */
        public TransactionCanceled {
            reasons = List.copyOf(requireNonNull(reasons, "reasons is null"));
            requireNonNull(message, "message is null");
        }

        /**
         * Why DynamoDB cancelled (or would have cancelled) one action.
         *
         * @param code DynamoDB's code: {@code None}, {@code ConditionalCheckFailed}, {@code TransactionConflict},
         *             {@code ThrottlingError}, {@code ProvisionedThroughputExceeded}, {@code ValidationError},
         *             {@code ItemCollectionSizeLimitExceeded}, or one added later
         * @param message the service's message, if any
         * @param item the item as it was, where DynamoDB returns it (a failed condition of an action with a
         *             condition: the library asks for {@code ALL_OLD})
         */
        public record Reason(String code, Optional<String> message, Optional<Item> item) {
            /** Checks the parts are present. */
            public Reason {
                requireNonNull(code, "code is null");
                requireNonNull(message, "message is null");
                requireNonNull(item, "item is null");
            }

            /** {@return whether this action was fine (code {@code None})} */
            public boolean none() {
                return "None".equals(code);
            }

            /**
             * {@return the item as it was, decoded by the codec}
             *
             * @param <T> the type the codec decodes to
             * @param codec how the item is decoded
             */
            public <T> Optional<T> decode(ItemCodec<T> codec) {
                requireNonNull(codec, "codec is null");
                return item.map(i -> i.decode(codec));
            }
        }
    }

    /**
     * An optimistically locked write found another version than it expected: nothing was written.
     *
     * @param expected the version the write expected (0: no item, or an item never versioned)
     * @param current the item as it is now, empty if there is none
     */
    record VersionConflict(long expected, Optional<Item> current) implements Failure {
        /** Checks the item is present or explicitly empty. */
        public VersionConflict {
            requireNonNull(current, "current is null");
        }

        /**
         * {@return the item as it is now, decoded by the codec}
         *
         * @param <T> the type the codec decodes to
         * @param codec how the item is decoded
         */
        public <T> Optional<T> decode(ItemCodec<T> codec) {
            requireNonNull(codec, "codec is null");
            return current.map(i -> i.decode(codec));
        }
    }
}
