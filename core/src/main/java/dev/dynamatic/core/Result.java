package dev.dynamatic.core;

import static java.util.Objects.requireNonNull;

/**
 * A mapped result together with the SDK response it came from (consumed capacity, metrics, headers).
 *
 * @param value the mapped result
 * @param response the SDK response
 * @param <T> the mapped result's type
 * @param <R> the SDK response type
 */
public record Result<T, R>(T value, R response) {

    /** Checks both parts are present. */
    public Result {
        requireNonNull(value, "value is null");
        requireNonNull(response, "response is null");
    }
}
