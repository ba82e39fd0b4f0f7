/**
 * The executor: a {@link dev.dynamatic.core.Table} bound to an SDK client, a table name and its
 * {@link dev.dynamatic.core.KeySchema}, and the operations built on it.
 *
 * <p>What is here:
 * <ul>
 * <li><b>Tables</b>: {@link dev.dynamatic.core.Table} (blocking) and {@link dev.dynamatic.core.AsyncTable}; queries
 *     and scans as lazy {@link dev.dynamatic.core.ItemStream}s with exact resume cursors (asynchronously, a
 *     {@link dev.dynamatic.core.Page} at a time).</li>
 * <li><b>Keys</b>: {@link dev.dynamatic.core.KeySchema} names the key attributes of the table and its indexes,
 *     {@link dev.dynamatic.core.KeyAttribute} with their types; a {@link dev.dynamatic.core.Key} is one item's
 *     key values.</li>
 * <li><b>Request specs</b>, immutable values built with {@code of(..)} and changed with {@code with…(..)}:
 *     {@link dev.dynamatic.core.GetItem}, {@link dev.dynamatic.core.PutItem}, {@link dev.dynamatic.core.UpdateItem},
 *     {@link dev.dynamatic.core.DeleteItem}, {@link dev.dynamatic.core.ConditionCheck},
 *     {@link dev.dynamatic.core.Query}, {@link dev.dynamatic.core.Scan}.</li>
 * <li><b>Items and codecs</b>: {@link dev.dynamatic.core.Item} (plain {@code Map<String,Object>} data, a view over
 *     the SDK's attributes), {@link dev.dynamatic.core.ItemCodec} and {@link dev.dynamatic.core.RecordCodec}.</li>
 * <li><b>Outcomes</b>: {@link dev.dynamatic.core.Failure} on the left of an {@code Either} (a failed condition, a
 *     cancelled transaction, a version conflict), {@link dev.dynamatic.core.Written} on the right.</li>
 * <li><b>Many items at once</b>: {@link dev.dynamatic.core.BatchWrite}, {@link dev.dynamatic.core.BatchGet},
 *     {@link dev.dynamatic.core.Transaction}, {@link dev.dynamatic.core.ParallelScan}; and
 *     {@link dev.dynamatic.core.OptimisticLock}. Their retries follow a {@link dev.dynamatic.core.RetryPolicy}.</li>
 * <li><b>Observing</b>: an {@link dev.dynamatic.core.OperationListener} registered on a table sees each
 *     {@link dev.dynamatic.core.Operation}, its attempts (throttles, unprocessed items, retries) and its end
 *     (outcome, consumed capacity, item counts); the metrics and tracing modules build on it.</li>
 * </ul>
 *
 * {@snippet :
 * import static dev.dynamatic.ast.Dsl.*;
 *
 * record Order(String customer, String orderId, String status, long totalCents) {}
 *
 * Table orders = Table.of(client, "Orders", KeySchema.of("customer", "orderId"));
 * ItemCodec<Order> codec = RecordCodec.of(Order.class);
 * orders.put(new Order("ada", "o-1", "OPEN", 1999), codec);
 * Either<Failure, Written<Order>> shipped = orders.update(
 *         UpdateItem.of(Key.of("ada", "o-1"), update(set(path("status"), value("SHIPPED"))))
 *                 .withCondition(eq(path("status"), value("OPEN"))).withReturnValues(ReturnValue.ALL_NEW), codec);
 * }
 *
 * <p>The rules: invalid arguments throw {@link java.lang.IllegalArgumentException} before anything is sent;
 * outcomes a caller branches on are values; infrastructure failures throw (the SDK's exception, or
 * {@link dev.dynamatic.core.RetriesExhaustedException} where the library retries itself). Nothing here prints
 * attribute values in {@code toString} or messages. Every type is immutable and thread-safe unless it says
 * otherwise (a stream is consumed once).
 */
@NullMarked
package dev.dynamatic.core;

import org.jspecify.annotations.NullMarked;
