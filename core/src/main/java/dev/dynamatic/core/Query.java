package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.Condition;
import dev.dynamatic.ast.KeyCondition;
import dev.dynamatic.ast.Projection;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * A Query: a key condition on the table or an index, with optional filter, projection, order, consistency,
 * item limit, page size and resume cursor.
 *
 * {@snippet :
 * Query q = Query.of(partitionKey("GSI1PK", value("CUST#1")))
 *         .index("GSI1").descending(true).limit(11);
 * }
 *
 * @param keyCondition which items: the partition and an optional sort-key condition
 * @param index the index to query, or empty for the table
 * @param filter a filter applied after reading (it does not reduce the capacity consumed)
 * @param projection the attributes to return (all if empty)
 * @param descending whether to return items in descending sort-key order
 * @param consistentRead whether to read strongly consistently (tables and LSIs only)
 * @param limit the most items to return in all (not DynamoDB's per-page {@code Limit})
 * @param pageSize DynamoDB's {@code Limit}: the most items evaluated per request
 * @param startAfter an opaque cursor from {@link ItemStream#cursor()}: resume after the item it names
 * @param customizer applied to each page's SDK request builder last
 */
public record Query(KeyCondition keyCondition, Optional<String> index, Optional<Condition> filter,
                    Optional<Projection> projection, boolean descending, boolean consistentRead, OptionalInt limit,
                    OptionalInt pageSize, Optional<String> startAfter, Consumer<QueryRequest.Builder> customizer) {

    /** Checks the parts are present and the limits positive. */
    public Query {
        requireNonNull(keyCondition, "keyCondition is null");
        requireNonNull(index, "index is null");
        requireNonNull(filter, "filter is null");
        requireNonNull(projection, "projection is null");
        requireNonNull(limit, "limit is null");
        requireNonNull(pageSize, "pageSize is null");
        requireNonNull(startAfter, "startAfter is null");
        requireNonNull(customizer, "customizer is null");
        Scan.checkPositive(limit, "limit");
        Scan.checkPositive(pageSize, "pageSize");
    }

    /** {@return a query of the table by this key condition, ascending, all attributes} */
    public static Query of(KeyCondition keyCondition) {
        return new Query(keyCondition, Optional.empty(), Optional.empty(), Optional.empty(), false, false,
                OptionalInt.empty(), OptionalInt.empty(), Optional.empty(), b -> { });
    }

    /** {@return this query on the named index} */
    public Query index(String indexName) {
        return new Query(keyCondition, Optional.of(indexName), filter, projection, descending, consistentRead, limit,
                pageSize, startAfter, customizer);
    }

    /** {@return this query with a filter} */
    public Query filter(Condition f) {
        return new Query(keyCondition, index, Optional.of(f), projection, descending, consistentRead, limit,
                pageSize, startAfter, customizer);
    }

    /** {@return this query returning only the projected attributes} */
    public Query projection(Projection p) {
        return new Query(keyCondition, index, filter, Optional.of(p), descending, consistentRead, limit,
                pageSize, startAfter, customizer);
    }

    /** {@return this query in descending sort-key order if {@code true}, ascending (the default) if not} */
    public Query descending(boolean newestFirst) {
        return new Query(keyCondition, index, filter, projection, newestFirst, consistentRead, limit, pageSize,
                startAfter, customizer);
    }

    /** {@return this query with the given read consistency} */
    public Query consistentRead(boolean consistent) {
        return new Query(keyCondition, index, filter, projection, descending, consistent, limit, pageSize,
                startAfter, customizer);
    }

    /** {@return this query returning at most {@code n} items in all} */
    public Query limit(int n) {
        return new Query(keyCondition, index, filter, projection, descending, consistentRead, OptionalInt.of(n),
                pageSize, startAfter, customizer);
    }

    /** {@return this query evaluating at most {@code n} items per request (DynamoDB's {@code Limit})} */
    public Query pageSize(int n) {
        return new Query(keyCondition, index, filter, projection, descending, consistentRead, limit,
                OptionalInt.of(n), startAfter, customizer);
    }

    /** {@return this query resuming after the item named by the cursor} */
    public Query startAfter(String cursor) {
        return new Query(keyCondition, index, filter, projection, descending, consistentRead, limit, pageSize,
                Optional.of(cursor), customizer);
    }

    /** {@return this query with an adjustment applied to each page's SDK request after everything else} */
    public Query customize(Consumer<QueryRequest.Builder> c) {
        return new Query(keyCondition, index, filter, projection, descending, consistentRead, limit, pageSize,
                startAfter, customizer.andThen(c));
    }
}
