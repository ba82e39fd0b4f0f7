package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.Condition;
import dev.dynamatic.ast.KeyCondition;
import dev.dynamatic.ast.Projection;
import dev.dynamatic.render.Renderer;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * A Query: a key condition on the table or an index, with optional filter, projection, order, consistency,
 * item limit, page size and resume cursor.
 *
 * {@snippet :
 * Query newest = Query.of(partitionKey("GSI1PK", value("CUST#1")))
 *         .withIndex("GSI1").withDescending(true).withLimit(11);
 * try (ItemStream<Item> items = shop.query(newest)) {
 *     items.forEach(System.out::println);
 * }
 * }
 *
 * <p>Immutable: each {@code with…} method returns a changed copy. Equal when every part but the customizer is
 * equal.
 */
public final class Query {

    private final KeyCondition keyCondition;
    private final @Nullable String index;
    private final @Nullable Condition filter;
    private final @Nullable Projection projection;
    private final boolean descending;
    private final boolean consistentRead;
    /** 0: no limit. */
    private final int limit;
    /** 0: DynamoDB's default page. */
    private final int pageSize;
    private final @Nullable String startAfter;
    private final @Nullable Consumer<QueryRequest.Builder> customizer;

    private Query(KeyCondition keyCondition, @Nullable String index, @Nullable Condition filter,
                  @Nullable Projection projection, boolean descending, boolean consistentRead, int limit, int pageSize,
                  @Nullable String startAfter, @Nullable Consumer<QueryRequest.Builder> customizer) {
        this.keyCondition = keyCondition;
        this.index = index;
        this.filter = filter;
        this.projection = projection;
        this.descending = descending;
        this.consistentRead = consistentRead;
        this.limit = limit;
        this.pageSize = pageSize;
        this.startAfter = startAfter;
        this.customizer = customizer;
    }

    /**
     * {@return a query of the table by this key condition, ascending, all attributes}
     *
     * @param keyCondition the partition key's value and any sort key condition, e.g.
     *         {@code partitionKey("PK", value("CUST#1"))}
     */
    public static Query of(KeyCondition keyCondition) {
        return new Query(requireNonNull(keyCondition, "keyCondition is null"), null, null, null, false, false, 0, 0,
                null, null);
    }

    /**
     * {@return this query on the named secondary index}
     *
     * @param indexName the index name, as declared in the table's {@link KeySchema}
     */
    public Query withIndex(String indexName) {
        requireNonNull(indexName, "indexName is null");
        if (indexName.isEmpty()) {
            throw new IllegalArgumentException("index name is empty");
        }
        return new Query(keyCondition, indexName, filter, projection, descending, consistentRead, limit, pageSize,
                startAfter, customizer);
    }

    /**
     * {@return this query with a filter, applied after reading (it does not reduce the capacity consumed)}
     *
     * @param f the condition each item read must meet to be returned
     */
    public Query withFilter(Condition f) {
        return new Query(keyCondition, index, requireNonNull(f, "filter is null"), projection, descending,
                consistentRead, limit, pageSize, startAfter, customizer);
    }

    /**
     * {@return this query returning only the projected attributes}
     *
     * @param p the attributes to return
     */
    public Query withProjection(Projection p) {
        return new Query(keyCondition, index, filter, requireNonNull(p, "projection is null"), descending,
                consistentRead, limit, pageSize, startAfter, customizer);
    }

    /**
     * {@return this query in descending sort-key order if {@code true}, ascending (the default) if not}
     *
     * @param newestFirst {@code true} for descending order
     */
    public Query withDescending(boolean newestFirst) {
        return new Query(keyCondition, index, filter, projection, newestFirst, consistentRead, limit, pageSize,
                startAfter, customizer);
    }

    /**
     * {@return this query with the given read consistency (tables and LSIs only)}
     *
     * @param consistent {@code true} for strongly consistent reads, {@code false} (the default) for eventually
     *         consistent ones
     */
    public Query withConsistentRead(boolean consistent) {
        return new Query(keyCondition, index, filter, projection, descending, consistent, limit, pageSize,
                startAfter, customizer);
    }

    /**
     * {@return this query returning at most {@code n} items in all} (not DynamoDB's per-page {@code Limit}: see
     * {@link #withPageSize})
     *
     * @param n the most items returned, at least 1
     * @throws IllegalArgumentException if {@code n} is less than 1
     */
    public Query withLimit(int n) {
        return new Query(keyCondition, index, filter, projection, descending, consistentRead, positive(n, "limit"),
                pageSize, startAfter, customizer);
    }

    /**
     * {@return this query evaluating at most {@code n} items per request (DynamoDB's {@code Limit})}
     *
     * @param n the most items each request evaluates, at least 1
     * @throws IllegalArgumentException if {@code n} is less than 1
     */
    public Query withPageSize(int n) {
        return new Query(keyCondition, index, filter, projection, descending, consistentRead, limit,
                positive(n, "pageSize"), startAfter, customizer);
    }

    /**
     * {@return this query resuming after the item named by the cursor}, as {@link ItemStream#cursor()} or
     * {@link Page#cursor()} gave it; the cursor is checked when the query is sent
     *
     * @param cursor where an earlier run of this query stopped (a cursor of the same table or index)
     */
    public Query withStartAfter(String cursor) {
        return new Query(keyCondition, index, filter, projection, descending, consistentRead, limit, pageSize,
                requireNonNull(cursor, "cursor is null"), customizer);
    }

    /**
     * {@return this query with an adjustment applied to each page's SDK request after everything the library set}
     *
     * @param c changes the request builder; runs after any customizer given before
     */
    public Query withCustomizer(Consumer<QueryRequest.Builder> c) {
        return new Query(keyCondition, index, filter, projection, descending, consistentRead, limit, pageSize,
                startAfter, Specs.andThen(customizer, c));
    }

    static int positive(int n, String what) {
        if (n < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, got " + n);
        }
        return n;
    }

    /** {@return which items: the partition and an optional sort-key condition} */
    public KeyCondition keyCondition() {
        return keyCondition;
    }

    /** {@return the index queried; empty for the table} */
    public Optional<String> index() {
        return Optional.ofNullable(index);
    }

    /** {@return the filter, if any} */
    public Optional<Condition> filter() {
        return Optional.ofNullable(filter);
    }

    /** {@return the attributes to return; empty for all} */
    public Optional<Projection> projection() {
        return Optional.ofNullable(projection);
    }

    /** {@return whether items come in descending sort-key order} */
    public boolean descending() {
        return descending;
    }

    /** {@return whether the read is strongly consistent} */
    public boolean consistentRead() {
        return consistentRead;
    }

    /** {@return the most items returned in all, if limited} */
    public OptionalInt limit() {
        return limit == 0 ? OptionalInt.empty() : OptionalInt.of(limit);
    }

    /** {@return DynamoDB's {@code Limit}: the most items evaluated per request, if set} */
    public OptionalInt pageSize() {
        return pageSize == 0 ? OptionalInt.empty() : OptionalInt.of(pageSize);
    }

    /** {@return the cursor this query resumes after, if any} */
    public Optional<String> startAfter() {
        return Optional.ofNullable(startAfter);
    }

    /** {@return the adjustment applied to each page's SDK request last, if one was added} */
    public Optional<Consumer<QueryRequest.Builder>> customizer() {
        return Optional.ofNullable(customizer);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Query q && keyCondition.equals(q.keyCondition) && Objects.equals(index, q.index)
                && Objects.equals(filter, q.filter) && Objects.equals(projection, q.projection)
                && descending == q.descending && consistentRead == q.consistentRead && limit == q.limit
                && pageSize == q.pageSize && Objects.equals(startAfter, q.startAfter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keyCondition, index, filter, projection, descending, consistentRead, limit, pageSize,
                startAfter);
    }

    /** {@return the query's parts, values redacted (a cursor holds key values: it shows as present only)} */
    @Override
    public String toString() {
        return "Query[" + Renderer.debug(keyCondition) + (index == null ? "" : ", index=" + index)
                + (filter == null ? "" : ", filter=" + Renderer.debug(filter))
                + (projection == null ? "" : ", projection=" + Renderer.debug(projection))
                + (descending ? ", descending" : "") + (consistentRead ? ", consistentRead" : "")
                + (limit == 0 ? "" : ", limit=" + limit) + (pageSize == 0 ? "" : ", pageSize=" + pageSize)
                + (startAfter == null ? "" : ", startAfter=<cursor>") + Specs.customized(customizer) + "]";
    }
}
