package dev.dynamatic.core;

import dev.dynamatic.core.internal.Cursors;
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
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;

/**
 * The lazy result of a query or scan: items are fetched a page at a time, only when the consumer needs the
 * next one, so memory stays one page whatever the result size.
 *
 * <p>Iterate once (or take {@link #stream()} once). {@link #cursor()} tells where to resume: right after
 * the last item handed out, even in the middle of a page. The stream holds no thread or connection between
 * pages; closing it stops further fetches. It may be consumed from one thread while another reads its cursor or
 * closes it (a lock, never a monitor, guards its state, so a virtual thread fetching a page is not pinned).
 *
 * {@snippet :
 * try (ItemStream<Order> orders = shop.query(Query.of(partitionKey("PK", value("CUST#1"))), ORDER)) {
 *     for (Order o : orders) {
 *         if (enough()) {
 *             saved = orders.cursor().orElseThrow();   // resume later with Query.withStartAfter(saved)
 *             break;
 *         }
 *     }
 * }
 * }
 *
 * @param <T> the item type
 */
public final class ItemStream<T> implements Iterable<T>, AutoCloseable {

    /** Fetches one page: from where (an exclusive start key, or null for the first) and how many are still wanted. */
    @FunctionalInterface
    interface Fetch {
        Fetched fetch(@Nullable Map<String, AttributeValue> exclusiveStart, long remaining);
    }

    /** One fetched page, as the paging engine sees it. */
    record Fetched(List<Map<String, AttributeValue>> items, @Nullable Map<String, AttributeValue> lastEvaluatedKey,
                   @Nullable ConsumedCapacity consumedCapacity) {
    }

    private final Fetch fetch;
    private final Function<Map<String, AttributeValue>, T> decode;
    private final List<String> keyNames;
    private final long limit;
    private final @Nullable Map<String, AttributeValue> startKey;
    private final ReentrantLock lock = new ReentrantLock();

    private Iterator<Map<String, AttributeValue>> page = Collections.emptyIterator();
    private @Nullable Map<String, AttributeValue> nextStart;
    /** The last item handed out (its key attributes are where a cursor resumes). */
    private @Nullable Map<String, AttributeValue> lastItem;
    /** An item taken from its page that the codec rejected: offered again, never skipped silently. */
    private @Nullable Map<String, AttributeValue> undecoded;
    private boolean fetchedAny;
    private volatile boolean closed;
    private boolean iterated;
    private long returned;
    private int pages;
    private double capacity;

    ItemStream(Fetch fetch, Function<Map<String, AttributeValue>, T> decode, List<String> keyNames, long limit,
               @Nullable Map<String, AttributeValue> startKey) {
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
                lock.lock();
                try {
                    return advance();
                } finally {
                    lock.unlock();
                }
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

    private void startIterating() {
        lock.lock();
        try {
            if (iterated) {
                throw new IllegalStateException("an ItemStream can be iterated once; query again, or resume from cursor()");
            }
            iterated = true;
        } finally {
            lock.unlock();
        }
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
     * Pass it to {@code Query.withStartAfter} or {@code Scan.withStartAfter}. Before any item is consumed, the
     * cursor resumes from where this stream started.
     */
    public Optional<String> cursor() {
        lock.lock();
        try {
            if (fetchedAny && undecoded == null && !page.hasNext() && nextStart == null) {
                return Optional.empty();
            }
            Map<String, AttributeValue> at = lastItem != null ? keyOf(lastItem) : startKey;
            return Optional.of(Cursors.encode(at == null ? Map.of() : at));
        } finally {
            lock.unlock();
        }
    }

    /** The items handed out so far: for a parallel scan segment's observer. */
    long handedOut() {
        lock.lock();
        try {
            return returned;
        } finally {
            lock.unlock();
        }
    }

    /** {@return the number of pages fetched so far} */
    public int pagesFetched() {
        lock.lock();
        try {
            return pages;
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@return the capacity units consumed by the pages fetched so far}, summed over pages; zero unless the
     * request asked for it ({@code withCustomizer(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))})
     */
    public double consumedCapacity() {
        lock.lock();
        try {
            return capacity;
        } finally {
            lock.unlock();
        }
    }

    /** Stops fetching: later calls to {@code hasNext()} answer false. */
    @Override
    public void close() {
        closed = true;
    }

    /** Whether an item is ready, fetching pages as needed; called with the lock held. */
    private boolean advance() {
        while (true) {
            if (closed || returned >= limit) {
                return false;
            }
            if (undecoded != null || page.hasNext()) {
                return true;
            }
            if (fetchedAny && nextStart == null) {
                return false;
            }
            Fetched f = fetch.fetch(nextStart, limit - returned);
            fetchedAny = true;
            pages++;
            ConsumedCapacity c = f.consumedCapacity();
            if (c != null && c.capacityUnits() != null) {
                capacity += c.capacityUnits();
            }
            page = f.items().iterator();
            Map<String, AttributeValue> last = f.lastEvaluatedKey();
            nextStart = last == null || last.isEmpty() ? null : last;
        }
    }

    /**
     * {@return the next item (fetching a page if needed), or null if there is none}
     *
     * @throws ItemDecodeException if the codec rejects the item: the stream stays positioned before it
     */
    private @Nullable T poll() {
        lock.lock();
        try {
            if (!advance()) {
                return null;
            }
            Map<String, AttributeValue> item = undecoded != null ? undecoded : page.next();
            T decoded;
            try {
                decoded = decode.apply(item);
            } catch (RuntimeException e) {
                undecoded = item;
                throw new ItemDecodeException("item " + (returned + 1) + " of the stream could not be decoded: "
                        + e.getMessage(), Item.codec().decode(item), Cursors.encode(keyOf(item)), e);
            }
            undecoded = null;
            lastItem = item;
            returned++;
            return decoded;
        } finally {
            lock.unlock();
        }
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
