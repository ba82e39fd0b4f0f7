/**
 * OpenTelemetry tracing and metrics for Dynamatic's operations: register an
 * {@link dev.dynamatic.opentelemetry.OpenTelemetryListener} on each table.
 *
 * <p><b>Conventions followed</b>: OpenTelemetry semantic conventions v1.44.0, "Semantic conventions for database
 * client spans" and "database client metrics" (stable attributes {@code db.system.name}, {@code db.operation.name},
 * {@code db.collection.name}, {@code error.type}, {@code db.operation.batch.size} is not set: an operation's size is
 * not part of the event SPI), and "Semantic conventions for AWS DynamoDB client operations" (development
 * attributes {@code aws.dynamodb.table_names}, {@code aws.dynamodb.index_name},
 * {@code aws.dynamodb.consumed_capacity}). {@code db.system.name} is {@code aws.dynamodb}, as those conventions
 * require.
 *
 * <p><b>Spans.</b> Each logical operation (a get, put, update or delete; a query or scan page; a batch; a
 * transaction; a locked write; a parallel-scan segment) is one span of kind {@code INTERNAL}, named
 * {@code "{db.operation.name} {db.collection.name}"} (e.g. {@code "BatchWriteItem Orders"}; the operation name
 * alone for several tables), a child of the context current when the operation started. It is {@code INTERNAL},
 * not {@code CLIENT}, because it is the library's own unit of work: OpenTelemetry's AWS SDK instrumentation, when
 * present, already makes a {@code CLIENT} span for every HTTP call, and those spans nest under this one (each call
 * is made with this span current). So that nothing is recorded twice, per-attempt data is a span <em>event</em>
 * named {@code dynamatic.attempt}, not another span: its attributes are {@code dynamatic.attempt.number},
 * {@code dynamatic.attempt.outcome} ({@code ok}, {@code throttled}, {@code unprocessed}, {@code condition_failed},
 * {@code transaction_canceled}, {@code error}), {@code dynamatic.attempt.retry} (whether it asked to be tried
 * again), {@code dynamatic.attempt.unprocessed_items}, {@code error.type} and {@code aws.dynamodb.consumed_capacity}
 * when present. These {@code dynamatic.*} names are this library's own: the conventions define no attempt-level
 * attributes.
 *
 * <p>At the end the span gets {@code aws.dynamodb.consumed_capacity} (one JSON object per table: {@code TableName},
 * {@code CapacityUnits}, {@code ReadCapacityUnits}, {@code WriteCapacityUnits}, summed over the attempts),
 * {@code db.response.returned_rows} for reads, and the library's own {@code dynamatic.outcome},
 * {@code dynamatic.attempts}, {@code dynamatic.items.written}, {@code dynamatic.items.unprocessed} and, for a
 * cancelled transaction, {@code dynamatic.transaction.cancellation_reasons}. Its status is {@code ERROR}, with
 * {@code error.type}, only when the operation failed ({@code error} or {@code gave_up}); a failed condition, a
 * version conflict and a cancelled transaction are outcomes the caller handles as values, so they leave the status
 * unset. {@code error.type} is the exception's fully qualified class name (for a {@code RetriesExhaustedException},
 * its cause's), or {@code gave_up} when a batch ran out of attempts with items still unprocessed.
 *
 * <p><b>Metrics.</b> {@code db.client.operation.duration} (histogram, seconds, the conventions' bucket advice) per
 * logical operation, with {@code db.system.name}, {@code db.operation.name}, {@code db.collection.name} (one
 * table) and {@code error.type} (failed operations). The library's own counters, with {@code db.operation.name} and
 * {@code db.collection.name}: {@code dynamatic.client.attempts} (with {@code dynamatic.attempt.outcome}),
 * {@code dynamatic.client.retries}, {@code dynamatic.client.throttles}, {@code dynamatic.client.unprocessed_items}
 * and {@code dynamatic.client.capacity_units} (with {@code aws.dynamodb.index_name} for an index's part).
 *
 * <p><b>Context.</b> The span is current during each call, in the batch and parallel-scan worker tasks and in the
 * callbacks of an {@code AsyncTable} future attached before it completes.
 *
 * {@snippet :
 * OperationListener tracing = OpenTelemetryListener.of(GlobalOpenTelemetry.get());
 * Table orders = Table.of(client, "Orders", KeySchema.of("PK", "SK")).withListener(tracing);
 * }
 */
@NullMarked
package dev.dynamatic.opentelemetry;

import org.jspecify.annotations.NullMarked;
