package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import dev.dynamatic.ast.Condition;
import dev.dynamatic.ast.Projection;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * A Scan of the table or an index, with optional filter, projection, consistency, segment of a parallel
 * scan, item limit, page size and resume cursor.
 *
 * @param index the index to scan, or empty for the table
 * @param filter a filter applied after reading
 * @param projection the attributes to return (all if empty)
 * @param consistentRead whether to read strongly consistently
 * @param segment this scan's segment of a parallel scan (with {@code totalSegments}), or empty
 * @param totalSegments the number of segments of a parallel scan, or empty
 * @param limit the most items to return in all
 * @param pageSize DynamoDB's {@code Limit}: the most items evaluated per request
 * @param startAfter an opaque cursor from {@link ItemStream#cursor()}
 * @param customizer applied to each page's SDK request builder last
 */
public record Scan(Optional<String> index, Optional<Condition> filter, Optional<Projection> projection,
                   boolean consistentRead, OptionalInt segment, OptionalInt totalSegments, OptionalInt limit,
                   OptionalInt pageSize, Optional<String> startAfter, Consumer<ScanRequest.Builder> customizer) {

    /** The most segments DynamoDB accepts in a parallel scan. */
    public static final int MAX_SEGMENTS = 1_000_000;

    /** Checks the parts are present, the limits positive and the segment within its total. */
    public Scan {
        requireNonNull(index, "index is null");
        requireNonNull(filter, "filter is null");
        requireNonNull(projection, "projection is null");
        requireNonNull(segment, "segment is null");
        requireNonNull(totalSegments, "totalSegments is null");
        requireNonNull(limit, "limit is null");
        requireNonNull(pageSize, "pageSize is null");
        requireNonNull(startAfter, "startAfter is null");
        requireNonNull(customizer, "customizer is null");
        checkPositive(limit, "limit");
        checkPositive(pageSize, "pageSize");
        if (segment.isPresent() != totalSegments.isPresent()) {
            throw new IllegalArgumentException("segment and totalSegments go together");
        }
        if (segment.isPresent()) {
            int s = segment.getAsInt();
            int t = totalSegments.getAsInt();
            if (t < 1 || t > MAX_SEGMENTS || s < 0 || s >= t) {
                throw new IllegalArgumentException("segment " + s + " of " + t + ": DynamoDB takes 1 to "
                        + MAX_SEGMENTS + " segments and a segment from 0 to totalSegments - 1");
            }
        }
    }

    static void checkPositive(OptionalInt n, String what) {
        if (n.isPresent() && n.getAsInt() < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, got " + n.getAsInt());
        }
    }

    /** {@return a scan of the whole table, all attributes} */
    public static Scan all() {
        return new Scan(Optional.empty(), Optional.empty(), Optional.empty(), false, OptionalInt.empty(),
                OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), Optional.empty(), b -> { });
    }

    /** {@return this scan on the named index} */
    public Scan index(String indexName) {
        return new Scan(Optional.of(indexName), filter, projection, consistentRead, segment, totalSegments, limit,
                pageSize, startAfter, customizer);
    }

    /** {@return this scan with a filter} */
    public Scan filter(Condition f) {
        return new Scan(index, Optional.of(f), projection, consistentRead, segment, totalSegments, limit, pageSize,
                startAfter, customizer);
    }

    /** {@return this scan returning only the projected attributes} */
    public Scan projection(Projection p) {
        return new Scan(index, filter, Optional.of(p), consistentRead, segment, totalSegments, limit, pageSize,
                startAfter, customizer);
    }

    /** {@return this scan with the given read consistency} */
    public Scan consistentRead(boolean consistent) {
        return new Scan(index, filter, projection, consistent, segment, totalSegments, limit, pageSize, startAfter,
                customizer);
    }

    /** {@return this scan restricted to one segment of a parallel scan} */
    public Scan segment(int segmentNumber, int total) {
        return new Scan(index, filter, projection, consistentRead, OptionalInt.of(segmentNumber), OptionalInt.of(total),
                limit, pageSize, startAfter, customizer);
    }

    /** {@return this scan returning at most {@code n} items in all} */
    public Scan limit(int n) {
        return new Scan(index, filter, projection, consistentRead, segment, totalSegments, OptionalInt.of(n), pageSize,
                startAfter, customizer);
    }

    /** {@return this scan evaluating at most {@code n} items per request (DynamoDB's {@code Limit})} */
    public Scan pageSize(int n) {
        return new Scan(index, filter, projection, consistentRead, segment, totalSegments, limit, OptionalInt.of(n),
                startAfter, customizer);
    }

    /** {@return this scan resuming after the item named by the cursor} */
    public Scan startAfter(String cursor) {
        return new Scan(index, filter, projection, consistentRead, segment, totalSegments, limit, pageSize,
                Optional.of(cursor), customizer);
    }

    /** {@return this scan with an adjustment applied to each page's SDK request after everything else} */
    public Scan customize(Consumer<ScanRequest.Builder> c) {
        return new Scan(index, filter, projection, consistentRead, segment, totalSegments, limit, pageSize, startAfter,
                customizer.andThen(c));
    }
}
