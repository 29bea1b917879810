package dev.orderservice.store;

import java.util.List;

/**
 * One page of a newest-first listing.
 *
 * @param next the cursor for the following (older) page, or null on the last page
 */
public record Page<T>(List<T> items, Long next) {
    public Page {
        items = List.copyOf(items);
    }
}
