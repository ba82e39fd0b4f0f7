package dev.dynamatic.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;

/**
 * The lazy result of a query or scan: items are fetched a page at a time, only when the consumer needs the
 * next one, so memory stays one page whatever the result size.
 *
 * <p>Iterate once (or take {@link #stream()} once). {@link #cursor()} tells where to resume: right after
 * the last item handed out, even in the middle of a page. The stream holds no thread or connection between
 * pages; closing it stops further fetches.
 *
 * @param <T> the item type
 */
public final class ItemStream<T> implements Iterable<T>, AutoCloseable {

    /** One fetched page, as the paging engine sees it. */
    record Fetched(List<Map<String, AttributeValue>> items, Map<String, AttributeValue> lastEvaluatedKey,
                   ConsumedCapacity consumedCapacity) {
    }

    private final BiFunction<Map<String, AttributeValue>, Long, Fetched> fetch;
    private final Function<Map<String, AttributeValue>, T> decode;
    private final List<String> keyNames;
    private final long limit;
    private final Map<String, AttributeValue> startKey;

    private Iterator<Map<String, AttributeValue>> page = java.util.Collections.emptyIterator();
    private Map<String, AttributeValue> nextStart;
    /** The last item handed out (its key attributes are where a cursor resumes). */
    private Map<String, AttributeValue> lastItem;
    private boolean fetchedAny;
    private boolean closed;
    private boolean iterated;
    private long returned;
    private int pages;
    private double capacity;

    ItemStream(BiFunction<Map<String, AttributeValue>, Long, Fetched> fetch, Function<Map<String, AttributeValue>, T> decode,
               List<String> keyNames, long limit, Map<String, AttributeValue> startKey) {
        this.fetch = fetch;
        this.decode = decode;
        this.keyNames = keyNames;
        this.limit = limit;
        this.startKey = startKey;
        this.nextStart = startKey;
    }

    /**
     * {@return the items, fetching pages as they are consumed}; may be called once
     *
     * @throws IllegalStateException if the items were already iterated
     */
    @Override
    public Iterator<T> iterator() {
        startIterating();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return advance();
            }

            @Override
            public T next() {
                T next = poll();
                if (next == null) {
                    throw new NoSuchElementException();
                }
                return next;
            }
        };
    }

    private synchronized void startIterating() {
        if (iterated) {
            throw new IllegalStateException("an ItemStream can be iterated once; query again, or resume from cursor()");
        }
        iterated = true;
    }

    /** {@return the items as a sequential stream that fetches lazily; closing it closes this} */
    public Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL),
                false).onClose(this::close);
    }

    /** {@return all remaining items in a list (reads every page: mind the result size)} */
    public List<T> toList() {
        startIterating();
        try {
            List<T> items = new ArrayList<>();
            for (T next = poll(); next != null; next = poll()) {
                items.add(next);
            }
            return Collections.unmodifiableList(items);
        } finally {
            close();
        }
    }

    /**
     * {@return where to resume: after the last item handed out}; empty once it is known that nothing is left.
     * Pass it to {@code Query.startAfter} or {@code Scan.startAfter}. Before any item is consumed, the cursor
     * resumes from where this stream started.
     */
    public synchronized Optional<String> cursor() {
        if (fetchedAny && !page.hasNext() && nextStart == null) {
            return Optional.empty();
        }
        Map<String, AttributeValue> at = lastItem != null ? keyOf(lastItem) : startKey;
        return Optional.of(Cursors.encode(at == null ? Map.of() : at));
    }

    /** {@return the number of pages fetched so far} */
    public synchronized int pagesFetched() {
        return pages;
    }

    /**
     * {@return the capacity units consumed by the pages fetched so far}, summed over pages; zero unless the
     * request asked for it ({@code customize(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))})
     */
    public synchronized double consumedCapacity() {
        return capacity;
    }

    /** Stops fetching: later calls to {@code hasNext()} answer false. */
    @Override
    public synchronized void close() {
        closed = true;
    }

    private synchronized boolean advance() {
        while (true) {
            if (closed || returned >= limit) {
                return false;
            }
            if (page.hasNext()) {
                return true;
            }
            if (fetchedAny && nextStart == null) {
                return false;
            }
            Fetched f = fetch.apply(nextStart, limit - returned);
            fetchedAny = true;
            pages++;
            if (f.consumedCapacity() != null && f.consumedCapacity().capacityUnits() != null) {
                capacity += f.consumedCapacity().capacityUnits();
            }
            page = f.items().iterator();
            nextStart = f.lastEvaluatedKey() == null || f.lastEvaluatedKey().isEmpty() ? null : f.lastEvaluatedKey();
        }
    }

    /** {@return the next item (fetching a page if needed), or null if there is none} */
    private synchronized T poll() {
        if (!advance()) {
            return null;
        }
        Map<String, AttributeValue> item = page.next();
        lastItem = item;
        returned++;
        return decode.apply(item);
    }

    /** {@return the item's key attributes}, which a cursor records */
    private Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = LinkedHashMap.newLinkedHashMap(keyNames.size());
        for (String name : keyNames) {
            AttributeValue v = item.get(name);
            if (v != null) {
                key.put(name, v);
            }
        }
        return key;
    }
}
