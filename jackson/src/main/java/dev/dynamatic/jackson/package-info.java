/**
 * Items as the caller's own Jackson-mapped classes: {@link dev.dynamatic.jackson.JacksonCodec} turns a Jackson 3
 * {@code ObjectMapper} into an {@link dev.dynamatic.core.ItemCodec} that writes Jackson's tokens straight into
 * DynamoDB attribute values and reads them straight back.
 */
@NullMarked
package dev.dynamatic.jackson;

import org.jspecify.annotations.NullMarked;
