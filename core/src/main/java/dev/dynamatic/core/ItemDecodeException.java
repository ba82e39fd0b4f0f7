package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

/**
 * Thrown by a query or scan when the caller's codec could not decode an item: it carries the item as it was read
 * and a cursor positioned just past it. The stream never skips the item on its own: iterating on retries it (and
 * throws again), and the stream's own {@link ItemStream#cursor()} still resumes at it. So a caller can log the
 * item and move on ({@code withStartAfter(e.cursorAfter())}), or fix the codec and resume at it
 * ({@code withStartAfter(stream.cursor())}).
 *
 * {@snippet :
 * try (ItemStream<Order> orders = shop.query(open, ORDER)) {
 *     orders.forEach(this::ship);
 * } catch (ItemDecodeException e) {
 *     log.warn("skipping an order that does not decode: " + e.getMessage() + " " + e.item());
 *     open = open.withStartAfter(e.cursorAfter());   // and query again from there
 * }
 * }
 *
 * <p>The message names the item's position and the codec's reason, never a value; {@link #item()} holds the values.
 */
public final class ItemDecodeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Item item;
    /** A cursor positioned just past the item. */
    private final String cursorAfter;

    /**
     * An exception for an item a codec rejected (made by the library).
     *
     * @param message where the item was and why it did not decode
     * @param item the item as read
     * @param cursorAfter a cursor positioned just past the item
     * @param cause the codec's exception
     */
    public ItemDecodeException(String message, Item item, String cursorAfter, RuntimeException cause) {
        super(requireNonNull(message, "message is null"), requireNonNull(cause, "cause is null"));
        this.item = requireNonNull(item, "item is null");
        this.cursorAfter = requireNonNull(cursorAfter, "cursorAfter is null");
    }

    /** {@return the item as it was read} (its {@code toString} shows names and types only) */
    public Item item() {
        return item;
    }

    /** {@return a cursor positioned just past the item}: resume there to skip it */
    public String cursorAfter() {
        return cursorAfter;
    }
}
