package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One logical operation, as an {@link OperationListener} sees it when it starts; its attempts and its end are
 * the nested {@link Attempt} and {@link End}. Names, counts and classes only: never an attribute value.
 *
 * @param kind what the operation is
 * @param api the DynamoDB API its requests call ({@code "GetItem"}, {@code "BatchWriteItem"}, …)
 * @param tables the tables it touches, each once, in the order first touched
 * @param index the index a query or scan reads, if any
 * @param entityType the single-table entity type of the items, when the codec is an {@code Entity}
 *                   ({@link ItemCodec#entityType()})
 */
public record Operation(Kind kind, String api, List<String> tables, Optional<String> index,
                        Optional<String> entityType) {

    /** Checks every component is present and copies the tables. */
    public Operation {
        requireNonNull(kind, "kind is null");
        requireNonNull(api, "api is null");
        tables = List.copyOf(tables);
        requireNonNull(index, "index is null");
        requireNonNull(entityType, "entityType is null");
    }

    /** What a logical operation is. */
    public enum Kind {
        /** {@code Table.get} / {@code AsyncTable.get}: one GetItem. */
        GET,
        /** A put: one PutItem. */
        PUT,
        /** An update: one UpdateItem. */
        UPDATE,
        /** A delete: one DeleteItem. */
        DELETE,
        /** One page of a query (or of a count). */
        QUERY,
        /** One page of a scan (or of a count). */
        SCAN,
        /** A {@link BatchWrite}: every chunk and every retry. */
        BATCH_WRITE,
        /** A {@link BatchGet}: every chunk and every retry. */
        BATCH_GET,
        /** A {@link Transaction#execute()}: every attempt with the same token. */
        TRANSACT_WRITE,
        /** A {@link Transaction#get(List)}. */
        TRANSACT_GET,
        /** A write under an {@link OptimisticLock}, with every retry and the reads that settle its outcome. */
        LOCKED_WRITE,
        /**
         * A {@link Table#patch(Patch)}: each UpdateItem it sends is an attempt; a consistent read it makes between
         * them (on engines that do not return the item with a failed condition) is a {@link #GET} of its own.
         */
        PATCH,
        /**
         * One segment of a {@link ParallelScan}, from its first page to the last (or to close); its pages are
         * also reported as {@link #SCAN} operations, within it.
         */
        PARALLEL_SCAN_SEGMENT
    }

    /** What an attempt or an operation came to. */
    public enum Outcome {
        /** Done as asked. */
        OK,
        /** A condition failed ({@link Failure.ConditionFailed}). */
        CONDITION_FAILED,
        /** An optimistic lock found another version ({@link Failure.VersionConflict}). */
        VERSION_CONFLICT,
        /** A transaction was cancelled; the end's {@link End#cancellationReasons()} has the codes. */
        TRANSACTION_CANCELED,
        /** DynamoDB throttled the attempt (an attempt's outcome only). */
        THROTTLED,
        /** DynamoDB answered but left items unprocessed (an attempt's outcome only). */
        UNPROCESSED,
        /** The retry budget ran out, or the operation was cancelled, with work left (an operation's outcome). */
        GAVE_UP,
        /** An exception that is none of the above; {@code error} names its class. */
        ERROR
    }

    /**
     * Capacity DynamoDB reports as consumed, for the table or one of its indexes. The table's row ({@code index}
     * empty) is the whole consumption on that table, its indexes included; an index's row is the part of it that
     * index took (present when DynamoDB reports indexes).
     *
     * @param table the table
     * @param index the index, or empty for the table's total
     * @param units the capacity units
     * @param readUnits the read capacity units (0 where DynamoDB does not split them)
     * @param writeUnits the write capacity units (0 where DynamoDB does not split them)
     */
    public record Capacity(String table, Optional<String> index, double units, double readUnits, double writeUnits) {
        /** Checks the names are present. */
        public Capacity {
            requireNonNull(table, "table is null");
            requireNonNull(index, "index is null");
        }
    }

    /**
     * One attempt: one request sent (the SDK's retries off), or, for the calls that keep the SDK client's own
     * retries (single-item calls, query and scan pages), one SDK call.
     *
     * @param number the attempt's number within its operation, from 1 (for a batch: within its chunk)
     * @param duration from sending to the answer or the failure
     * @param outcome what the attempt came to
     * @param error the fully qualified class name of the exception it failed with, if any
     * @param again whether it asked to be tried again (throttled, unprocessed items, a transient failure); the
     *              retry budget may still end the operation
     * @param capacity the capacity the answer reported
     * @param returned the items it read
     * @param written the items it wrote
     * @param unprocessed the items DynamoDB returned unprocessed
     */
    public record Attempt(int number, Duration duration, Outcome outcome, Optional<String> error, boolean again,
                          List<Capacity> capacity, int returned, int written, int unprocessed) {
        /** Checks every component is present and copies the capacity. */
        public Attempt {
            requireNonNull(duration, "duration is null");
            requireNonNull(outcome, "outcome is null");
            requireNonNull(error, "error is null");
            capacity = List.copyOf(capacity);
        }
    }

    /**
     * How an operation ended.
     *
     * @param outcome what it came to
     * @param error the fully qualified class name of the exception it ended with (for {@link RetriesExhaustedException},
     *              its cause's), if any
     * @param cancellationReasons for a cancelled transaction, each action's cancellation code ({@code "None"} for
     *                            the actions that were not at fault), in order; otherwise empty
     * @param attempts the attempts made (for a batch: over all its chunks)
     * @param duration from the start to the end
     * @param capacity the capacity all its attempts reported, summed per table and index
     * @param returned the items it read
     * @param written the items it wrote
     * @param unprocessed the items left unprocessed at the end
     */
    public record End(Outcome outcome, Optional<String> error, List<String> cancellationReasons, int attempts,
                      Duration duration, List<Capacity> capacity, int returned, int written, int unprocessed) {
        /** Checks every component is present and copies the lists. */
        public End {
            requireNonNull(outcome, "outcome is null");
            requireNonNull(error, "error is null");
            cancellationReasons = List.copyOf(cancellationReasons);
            requireNonNull(duration, "duration is null");
            capacity = List.copyOf(capacity);
        }
    }
}
