/**
 * Not part of the API (not exported): request assembly ({@link dev.dynamatic.core.internal.Requests}), the one
 * retry loop ({@link dev.dynamatic.core.internal.Retrier}), the batch runner, SDK call configuration, cursor
 * encoding, item identity and size, the request log and the default executor.
 */
@NullMarked
package dev.dynamatic.core.internal;

import org.jspecify.annotations.NullMarked;
