/**
 * From trees to DynamoDB requests and back: {@link dev.dynamatic.render.Renderer} renders one request's
 * trees into a {@link dev.dynamatic.render.Rendered} (expression strings plus {@code #n}/{@code :v} maps),
 * validating what DynamoDB would reject; {@link dev.dynamatic.render.Expressions} parses expression text
 * into the same trees; {@link dev.dynamatic.render.AttributeValues} converts values.
 */
@NullMarked
package dev.dynamatic.render;

import org.jspecify.annotations.NullMarked;
