package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One page of a query or scan: its items and the cursor to fetch the next page, if there may be one.
 *
 * @param items the items of this page, in DynamoDB's order
 * @param cursor where the next page starts, empty when nothing is left
 * @param <T> the item type
 */
public record Page<T>(List<T> items, Optional<String> cursor) {

    /** Copies the items. */
    public Page {
        items = List.copyOf(requireNonNull(items, "items is null"));
        requireNonNull(cursor, "cursor is null");
    }
}
