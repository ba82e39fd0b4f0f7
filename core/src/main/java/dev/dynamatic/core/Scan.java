package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.Limits;
import dev.dynamatic.ast.Condition;
import dev.dynamatic.ast.Projection;
import dev.dynamatic.render.Renderer;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * A Scan of the table or an index, with optional filter, projection, consistency, segment of a parallel
 * scan, item limit, page size and resume cursor. For a parallel scan run by the library, see {@link ParallelScan}.
 *
 * {@snippet :
 * try (ItemStream<Item> carts = shop.scan(Scan.of().withFilter(beginsWith(path("SK"), value("CART#"))))) {
 *     carts.forEach(System.out::println);
 * }
 * }
 *
 * <p>Immutable: each {@code with…} method returns a changed copy. Equal when every part but the customizer is
 * equal.
 */
public final class Scan {

    private final @Nullable String index;
    private final @Nullable Condition filter;
    private final @Nullable Projection projection;
    private final boolean consistentRead;
    /** -1: no segment. */
    private final int segment;
    private final int totalSegments;
    private final int limit;
    private final int pageSize;
    private final @Nullable String startAfter;
    private final @Nullable Consumer<ScanRequest.Builder> customizer;

    private Scan(@Nullable String index, @Nullable Condition filter, @Nullable Projection projection,
                 boolean consistentRead, int segment, int totalSegments, int limit, int pageSize,
                 @Nullable String startAfter, @Nullable Consumer<ScanRequest.Builder> customizer) {
        this.index = index;
        this.filter = filter;
        this.projection = projection;
        this.consistentRead = consistentRead;
        this.segment = segment;
        this.totalSegments = totalSegments;
        this.limit = limit;
        this.pageSize = pageSize;
        this.startAfter = startAfter;
        this.customizer = customizer;
    }

    /** {@return a scan of the whole table, all attributes} */
    public static Scan of() {
        return new Scan(null, null, null, false, -1, 0, 0, 0, null, null);
    }

    /**
     * {@return this scan on the named secondary index}
     *
     * @param indexName the index name, as declared in the table's {@link KeySchema}
     */
    public Scan withIndex(String indexName) {
        requireNonNull(indexName, "indexName is null");
        if (indexName.isEmpty()) {
            throw new IllegalArgumentException("index name is empty");
        }
        return new Scan(indexName, filter, projection, consistentRead, segment, totalSegments, limit, pageSize,
                startAfter, customizer);
    }

    /**
     * {@return this scan with a filter, applied after reading}
     *
     * @param f the condition each item read must meet to be returned
     */
    public Scan withFilter(Condition f) {
        return new Scan(index, requireNonNull(f, "filter is null"), projection, consistentRead, segment,
                totalSegments, limit, pageSize, startAfter, customizer);
    }

    /**
     * {@return this scan returning only the projected attributes}
     *
     * @param p the attributes to return
     */
    public Scan withProjection(Projection p) {
        return new Scan(index, filter, requireNonNull(p, "projection is null"), consistentRead, segment,
                totalSegments, limit, pageSize, startAfter, customizer);
    }

    /**
     * {@return this scan with the given read consistency}
     *
     * @param consistent {@code true} for strongly consistent reads, {@code false} (the default) for eventually
     *         consistent ones
     */
    public Scan withConsistentRead(boolean consistent) {
        return new Scan(index, filter, projection, consistent, segment, totalSegments, limit, pageSize, startAfter,
                customizer);
    }

    /**
     * {@return this scan restricted to one segment of a parallel scan}
     *
     * @param segmentNumber from 0 to {@code total - 1}
     * @param total the number of segments, 1 to 1,000,000
     * @throws IllegalArgumentException if the numbers are out of those ranges
     */
    public Scan withSegment(int segmentNumber, int total) {
        if (total < 1 || total > Limits.MAX_TOTAL_SEGMENTS || segmentNumber < 0 || segmentNumber >= total) {
            throw new IllegalArgumentException("segment " + segmentNumber + " of " + total + ": DynamoDB takes 1 to "
                    + Limits.MAX_TOTAL_SEGMENTS + " segments and a segment from 0 to totalSegments - 1");
        }
        return new Scan(index, filter, projection, consistentRead, segmentNumber, total, limit, pageSize, startAfter,
                customizer);
    }

    /**
     * {@return this scan returning at most {@code n} items in all}
     *
     * @param n the most items returned, at least 1
     * @throws IllegalArgumentException if {@code n} is less than 1
     */
    public Scan withLimit(int n) {
        return new Scan(index, filter, projection, consistentRead, segment, totalSegments, Query.positive(n, "limit"),
                pageSize, startAfter, customizer);
    }

    /**
     * {@return this scan evaluating at most {@code n} items per request (DynamoDB's {@code Limit})}
     *
     * @param n the most items each request evaluates, at least 1
     * @throws IllegalArgumentException if {@code n} is less than 1
     */
    public Scan withPageSize(int n) {
        return new Scan(index, filter, projection, consistentRead, segment, totalSegments, limit,
                Query.positive(n, "pageSize"), startAfter, customizer);
    }

    /**
     * {@return this scan resuming after the item named by the cursor}
     *
     * @param cursor where an earlier run of this scan stopped, as {@link ItemStream#cursor()} or
     *         {@link Page#cursor()} gave it (a cursor of the same table or index)
     */
    public Scan withStartAfter(String cursor) {
        return new Scan(index, filter, projection, consistentRead, segment, totalSegments, limit, pageSize,
                requireNonNull(cursor, "cursor is null"), customizer);
    }

    /**
     * {@return this scan with an adjustment applied to each page's SDK request after everything the library set}
     *
     * @param c changes the request builder; runs after any customizer given before
     */
    public Scan withCustomizer(Consumer<ScanRequest.Builder> c) {
        return new Scan(index, filter, projection, consistentRead, segment, totalSegments, limit, pageSize,
                startAfter, Specs.andThen(customizer, c));
    }

    /** {@return the index scanned; empty for the table} */
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

    /** {@return whether the read is strongly consistent} */
    public boolean consistentRead() {
        return consistentRead;
    }

    /** {@return this scan's segment of a parallel scan, if it is one} */
    public OptionalInt segment() {
        return segment < 0 ? OptionalInt.empty() : OptionalInt.of(segment);
    }

    /** {@return the number of segments of the parallel scan this scan is a segment of, if it is one} */
    public OptionalInt totalSegments() {
        return segment < 0 ? OptionalInt.empty() : OptionalInt.of(totalSegments);
    }

    /** {@return the most items returned in all, if limited} */
    public OptionalInt limit() {
        return limit == 0 ? OptionalInt.empty() : OptionalInt.of(limit);
    }

    /** {@return DynamoDB's {@code Limit}: the most items evaluated per request, if set} */
    public OptionalInt pageSize() {
        return pageSize == 0 ? OptionalInt.empty() : OptionalInt.of(pageSize);
    }

    /** {@return the cursor this scan resumes after, if any} */
    public Optional<String> startAfter() {
        return Optional.ofNullable(startAfter);
    }

    /** {@return the adjustment applied to each page's SDK request last, if one was added} */
    public Optional<Consumer<ScanRequest.Builder>> customizer() {
        return Optional.ofNullable(customizer);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Scan s && Objects.equals(index, s.index) && Objects.equals(filter, s.filter)
                && Objects.equals(projection, s.projection) && consistentRead == s.consistentRead
                && segment == s.segment && totalSegments == s.totalSegments && limit == s.limit
                && pageSize == s.pageSize && Objects.equals(startAfter, s.startAfter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, filter, projection, consistentRead, segment, totalSegments, limit, pageSize,
                startAfter);
    }

    /** {@return the scan's parts, values redacted (a cursor holds key values: it shows as present only)} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Scan[");
        if (index != null) {
            sb.append(", index=").append(index);
        }
        if (filter != null) {
            sb.append(", filter=").append(Renderer.debug(filter));
        }
        if (projection != null) {
            sb.append(", projection=").append(Renderer.debug(projection));
        }
        if (consistentRead) {
            sb.append(", consistentRead");
        }
        if (segment >= 0) {
            sb.append(", segment=").append(segment).append('/').append(totalSegments);
        }
        if (limit > 0) {
            sb.append(", limit=").append(limit);
        }
        if (pageSize > 0) {
            sb.append(", pageSize=").append(pageSize);
        }
        if (startAfter != null) {
            sb.append(", startAfter=<cursor>");
        }
        sb.append(Specs.customized(customizer));
        String s = sb.append(']').toString();
        return s.startsWith("Scan[, ") ? "Scan[" + s.substring(7) : s;
    }
}
