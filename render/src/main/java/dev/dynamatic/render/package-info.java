/**
 * From trees to DynamoDB requests and back: {@link dev.dynamatic.render.Renderer} renders one request's
 * trees into a {@link dev.dynamatic.render.Rendered} (expression strings plus {@code #n}/{@code :v} maps),
 * validating what DynamoDB would reject; {@link dev.dynamatic.render.Expressions} parses expression text
 * into the same trees; {@link dev.dynamatic.render.AttributeValues} converts values. Like the trees, debug text
 * ({@code Renderer.debug}), {@code Rendered.toString()} and every message here show values by their type only
 * ({@code :v}, {@code <S>}), unless values are shown for debugging ({@link dev.dynamatic.ast.Redaction}).
 */
@NullMarked
package dev.dynamatic.render;

import org.jspecify.annotations.NullMarked;
