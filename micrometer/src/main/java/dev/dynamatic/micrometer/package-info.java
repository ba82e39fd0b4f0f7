/**
 * Micrometer meters for Dynamatic's operations: register a {@link dev.dynamatic.micrometer.MicrometerListener} on
 * each table.
 *
 * <p>The meters, each tagged {@code operation} (the {@link dev.dynamatic.core.Operation.Kind} in lower case, e.g.
 * {@code batch_write}) and {@code table} (the table; for a batch or transaction on several tables, their names
 * sorted and joined with commas):
 * <ul>
 * <li>{@code dynamatic.operation} (timer), also tagged {@code outcome} ({@code ok}, {@code condition_failed},
 *     {@code version_conflict}, {@code transaction_canceled}, {@code gave_up}, {@code error}) and {@code error}
 *     (the exception's fully qualified class name, or {@code none}): one per logical operation;</li>
 * <li>{@code dynamatic.attempts} (counter), tagged {@code outcome} ({@code ok}, {@code throttled},
 *     {@code unprocessed}, {@code condition_failed}, …): one per attempt;</li>
 * <li>{@code dynamatic.retries} (counter): attempts that asked to be tried again;</li>
 * <li>{@code dynamatic.throttles} (counter): attempts DynamoDB throttled;</li>
 * <li>{@code dynamatic.items.unprocessed} (counter): items DynamoDB returned unprocessed, summed over attempts (an
 *     item unprocessed twice counts twice);</li>
 * <li>{@code dynamatic.items.returned} and {@code dynamatic.items.written} (counters): per operation;</li>
 * <li>{@code dynamatic.capacity.units} (counter), tagged {@code operation}, {@code table} (each table by itself,
 *     also in a batch) and {@code index} ({@code none} for the table's total, which includes its indexes): consumed
 *     capacity units as DynamoDB reported them; sum the {@code none} rows for a table's total.</li>
 * </ul>
 *
 * <p>Every tag value is a name the application chose (table, index) or one of a fixed set: the cardinality is
 * that of the application's tables. No attribute value is ever recorded.
 *
 * {@snippet :
 * MeterRegistry registry = new SimpleMeterRegistry(); // in Spring Boot: the injected MeterRegistry
 * OperationListener metrics = MicrometerListener.of(registry);
 * Table orders = Table.of(client, "Orders", KeySchema.of("PK", "SK")).withListener(metrics);
 * }
 */
@NullMarked
package dev.dynamatic.micrometer;

import org.jspecify.annotations.NullMarked;
